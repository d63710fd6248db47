import type { Queryable } from '../db/database.js';

export interface LoggedEvent {
  seq: number;
  event: string;
  payload: unknown;
}

/**
 * Numbers `events` in `room` (consecutively, in the order given) and keeps them.
 * One statement reserves the whole block: the room's row lock orders writers
 * across processes but is held once per batch, not once per event.
 */
export async function appendRoomEvents(
  q: Queryable,
  room: string,
  events: Array<{ event: string; payload: unknown }>,
): Promise<number[]> {
  const count = events.length;
  if (count === 0) return [];
  const result = await q.raw<{ rows: Array<{ last_seq: number }> }>(
    `insert into room_sequences (room, last_seq) values (?, ?)
     on conflict (room) do update set last_seq = room_sequences.last_seq + excluded.last_seq
     returning last_seq`,
    [room, count],
  );
  const row = result.rows[0];
  if (!row) throw new Error('room sequence not returned');
  const first = Number(row.last_seq) - count + 1;
  const seqs = events.map((_, i) => first + i);
  await q('realtime_events').insert(
    events.map((e, i) => ({
      room,
      seq: seqs[i],
      event: e.event,
      payload: JSON.stringify(e.payload),
    })),
  );
  return seqs;
}

export async function latestSeq(q: Queryable, room: string): Promise<number> {
  const row = await q('room_sequences')
    .where({ room })
    .first<{ last_seq: number } | undefined>('last_seq');
  return row ? Number(row.last_seq) : 0;
}

export async function eventsSince(
  q: Queryable,
  room: string,
  afterSeq: number,
  limit: number,
): Promise<LoggedEvent[]> {
  const rows = await q('realtime_events')
    .where({ room })
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .select<Array<{ seq: number; event: string; payload: unknown }>>('seq', 'event', 'payload');
  return rows.map((r) => ({ seq: Number(r.seq), event: r.event, payload: r.payload }));
}

/** The oldest number still kept for a room (older ones were purged), or null. */
export async function oldestSeq(q: Queryable, room: string): Promise<number | null> {
  const row = await q('realtime_events')
    .where({ room })
    .min<{ min: number | null }>('seq as min')
    .first();
  return row?.min === null || row?.min === undefined ? null : Number(row.min);
}

export async function purgeEventsBefore(q: Queryable, before: Date): Promise<number> {
  return q('realtime_events').where('created_at', '<', before).delete();
}
