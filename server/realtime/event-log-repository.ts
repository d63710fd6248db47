import type { Queryable } from '../db/database.js';

/**
 * The event log. Each event has `id` (an identity sequence: unique, no lock) and
 * `tx`, the transaction that wrote it. Ids are not in commit order: a
 * transaction can take a lower id and commit after one with a higher id, so a
 * reader that remembered "the highest id I saw" would skip it. Readers keep a
 * *horizon* instead: `pg_snapshot_xmin(pg_current_snapshot())`, the oldest
 * transaction still open. Every event with `tx` below the horizon is already
 * visible or never will be (its transaction has ended), so a reader that has
 * everything below horizon H asks next for the events with `tx >= H`, and
 * recognises the ones it already has among them by id. This is how
 * transactional outboxes on PostgreSQL read in order without gaps.
 */
export interface LoggedEvent {
  id: number;
  /** The writing transaction (xid8; below 2^53 for a very long time). */
  tx: number;
  room: string;
  event: string;
  payload: unknown;
}

/** The channel on which every batch written is announced to the other processes. */
export const EVENTS_CHANNEL = 'altpath_events';

interface Row {
  id: string | number;
  tx: string;
  room: string;
  event: string;
  payload: unknown;
}
const toEvent = (r: Row): LoggedEvent => ({
  id: Number(r.id),
  tx: Number(r.tx),
  room: r.room,
  event: r.event,
  payload: r.payload,
});

/**
 * Keeps `events` in one statement (its own transaction when `q` is the root
 * handle: no lock, nothing held) and announces them with NOTIFY, delivered when
 * the statement commits, naming the process that wrote them (`origin`: it has
 * them already). Returns them with their ids, in the order given.
 */
export async function appendEvents(
  q: Queryable,
  events: Array<{ room: string; event: string; payload: unknown }>,
  origin = '',
): Promise<LoggedEvent[]> {
  if (events.length === 0) return [];
  const values = events.map(() => '(?, ?, ?::jsonb)').join(', ');
  const result = await q.raw<{ rows: Array<{ id: string | number; tx: string; n: null }> }>(
    `with kept as (
       insert into realtime_events (room, event, payload) values ${values} returning id, tx
     )
     select id, tx::text as tx, pg_notify('${EVENTS_CHANNEL}', ?) as n from kept order by id`,
    [...events.flatMap((e) => [e.room, e.event, JSON.stringify(e.payload)]), origin],
  );
  // Identity values within one statement come in row order.
  return result.rows.map((r, i) => {
    const e = events[i] as (typeof events)[number];
    return { id: Number(r.id), tx: Number(r.tx), ...e };
  });
}

/** Every event with a `tx` below this is visible now or never will be. */
export async function currentHorizon(q: Queryable): Promise<number> {
  const result = await q.raw<{ rows: Array<{ horizon: string }> }>(
    'select pg_snapshot_xmin(pg_current_snapshot())::text as horizon',
  );
  return Number(result.rows[0]?.horizon);
}

/** One room's events written by transactions from `fromTx` on, in (tx, id) order. */
export async function roomEventsFrom(
  q: Queryable,
  room: string,
  fromTx: number,
  limit: number,
): Promise<LoggedEvent[]> {
  const result = await q.raw<{ rows: Row[] }>(
    `select id, tx::text as tx, room, event, payload from realtime_events
      where room = ? and tx >= ?::text::xid8 order by tx, id limit ?`,
    [room, String(fromTx), limit],
  );
  return result.rows.map(toEvent);
}

/**
 * Every room's events from `fromTx` on that were not yet visible to `after` (the
 * snapshot of the previous read, so rows already read are not sent again) and
 * are not among `known` (ids the reader has), with this read's horizon and
 * snapshot. One statement: one snapshot for all three.
 */
export async function eventsCommittedSince(
  q: Queryable,
  fromTx: number,
  after: string | null,
  known: number[],
  limit: number,
): Promise<{ horizon: number; snapshot: string; events: LoggedEvent[] }> {
  const result = await q.raw<{
    rows: Array<{ horizon: string; snapshot: string } & Partial<Row>>;
  }>(
    `with now as (select pg_current_snapshot() as snap)
     select pg_snapshot_xmin(now.snap)::text as horizon, now.snap::text as snapshot,
            e.id, e.tx::text as tx, e.room, e.event, e.payload
       from now left join lateral (
         select * from realtime_events
          where tx >= ?::text::xid8
            and (?::text is null or not pg_visible_in_snapshot(tx, ?::text::pg_snapshot))
            and not (id = any(?::bigint[]))
          order by tx, id limit ?
       ) e on true`,
    [String(fromTx), after, after, `{${known.join(',')}}`, limit],
  );
  const first = result.rows[0];
  if (!first) throw new Error('no snapshot returned');
  return {
    horizon: Number(first.horizon),
    snapshot: first.snapshot,
    events: result.rows.filter((r): r is typeof r & Row => r.id != null).map(toEvent),
  };
}

/** The newest transaction whose events were purged (0: none ever were). */
export async function newestPurgedTx(q: Queryable): Promise<number> {
  const row = await q('realtime_event_purges').first<{ tx: string } | undefined>(
    q.raw('newest_purged_tx::text as tx'),
  );
  return row ? Number(row.tx) : 0;
}

/** Deletes events written before `before`, remembering the newest transaction among them. */
export async function purgeEventsBefore(q: Queryable, before: Date): Promise<number> {
  const result = await q.raw<{ rows: Array<{ count: string | number }> }>(
    `with gone as (delete from realtime_events where created_at < ? returning tx),
     newest as (select max(tx) as tx, count(*) as count from gone),
     kept as (
       insert into realtime_event_purges (newest_purged_tx)
       select tx from newest where tx is not null
       on conflict (only_row) do update
         set newest_purged_tx = greatest(realtime_event_purges.newest_purged_tx, excluded.newest_purged_tx)
     )
     select count from newest`,
    [before],
  );
  return Number(result.rows[0]?.count ?? 0);
}
