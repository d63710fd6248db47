import type { Queryable } from '../db/database.js';
import type { AlertKind, AlertView } from '../../shared/event-contract.js';

interface AlertRow {
  id: string;
  kind: AlertKind;
  call_id: string;
  unit_id: string | null;
  message: string;
  raised_at: Date;
  acknowledged_at: Date | null;
}

const toView = (row: AlertRow): AlertView => ({
  id: row.id,
  kind: row.kind,
  callId: row.call_id,
  unitId: row.unit_id,
  message: row.message,
  raisedAt: row.raised_at.toISOString(),
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
});

export interface NewAlert {
  kind: AlertKind;
  callId: string;
  unitId?: string | null;
  message: string;
}

/** Inside the transaction of the change that raised it: no alert without its cause, nor the reverse. */
export async function insertAlert(q: Queryable, alert: NewAlert): Promise<AlertView> {
  const [row] = await q('alerts')
    .insert({
      kind: alert.kind,
      call_id: alert.callId,
      unit_id: alert.unitId ?? null,
      message: alert.message,
    })
    .returning<AlertRow[]>('*');
  if (!row) throw new Error('alert insert returned no row');
  return toView(row);
}

export async function listOpenAlerts(q: Queryable, limit = 200): Promise<AlertView[]> {
  const rows = await q<AlertRow>('alerts')
    .whereNull('acknowledged_at')
    .orderBy('raised_at')
    .limit(limit);
  return rows.map(toView);
}

export async function findAlert(
  q: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AlertView | undefined> {
  const base = q<AlertRow>('alerts').where({ id });
  const row = (await (options.lock ? base.forUpdate() : base).first()) as AlertRow | undefined;
  return row ? toView(row) : undefined;
}

export async function acknowledgeAlert(q: Queryable, id: string, by: string): Promise<AlertView> {
  const [row] = await q('alerts')
    .where({ id })
    .update({ acknowledged_at: q.raw('statement_timestamp()'), acknowledged_by: by })
    .returning<AlertRow[]>('*');
  if (!row) throw new Error('acknowledged alert lost');
  return toView(row);
}
