// What "nothing lost, nothing half-written" means, checked in SQL after a crash.
import type { Database } from '../../server/db/database.js';

export interface AcknowledgedWrites {
  /** call id → the disposition its 201 answered */
  calls: Map<string, string>;
  /** assignment id → the last status the server acknowledged */
  assignments: Map<string, string>;
}

const order = ['offered', 'accepted', 'en_route', 'on_scene', 'transporting', 'completed'];
const active = `('offered','accepted','en_route','on_scene','transporting')`;

/** Every broken invariant as one line; an empty list means the data is whole. */
export async function checkIntegrity(
  db: Database,
  acked: AcknowledgedWrites,
): Promise<{ calls: number; problems: string[] }> {
  const q = db.query;
  const problems: string[] = [];

  // Acknowledged calls, each with the intake decision its 201 reported.
  const ids = [...acked.calls.keys()];
  const stored = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await q('calls as c')
      .leftJoin('triage_decisions as t', (j) =>
        j.on('t.call_id', 'c.id').andOnVal('t.stage', 'intake'),
      )
      .whereIn('c.id', ids.slice(i, i + 500))
      .select('c.id', 't.disposition')) as Array<{ id: string; disposition: string | null }>;
    for (const row of rows) stored.set(row.id, row.disposition);
  }
  for (const [id, disposition] of acked.calls) {
    if (!stored.has(id)) problems.push(`acknowledged call ${id} is missing`);
    else if (stored.get(id) !== disposition)
      problems.push(`call ${id}: intake decision ${stored.get(id)}, answered ${disposition}`);
  }

  // Every call, acknowledged or not, is whole: one intake decision, one creation audit entry.
  const partial = await q.raw<{ rows: Array<{ id: string; decisions: number; audits: number }> }>(`
    select c.id,
      (select count(*) from triage_decisions t where t.call_id = c.id and t.stage = 'intake')::int as decisions,
      (select count(*) from audit_log a where a.entity_id = c.id::text and a.action = 'call:created')::int as audits
    from calls c`);
  for (const row of partial.rows) {
    if (row.decisions !== 1 || row.audits !== 1) {
      problems.push(
        `call ${row.id}: ${row.decisions} intake decisions, ${row.audits} creation audit entries`,
      );
    }
  }

  const orphans = await q.raw<{ rows: Array<{ id: string }> }>(
    `select a.id from assignments a left join calls c on c.id = a.call_id where c.id is null`,
  );
  for (const row of orphans.rows) problems.push(`assignment ${row.id} has no call`);

  // A call's status says what its assignments say.
  const calls = await q.raw<{
    rows: Array<{ id: string; status: string; offered: number; working: number; done: number }>;
  }>(`
    select c.id, c.status,
      count(a.id) filter (where a.status = 'offered')::int as offered,
      count(a.id) filter (where a.status in ${active} and a.status <> 'offered')::int as working,
      count(a.id) filter (where a.status = 'completed')::int as done
    from calls c left join assignments a on a.call_id = c.id
    group by c.id, c.status`);
  const expected: Record<
    string,
    (r: { offered: number; working: number; done: number }) => boolean
  > = {
    pending: (r) => r.offered + r.working === 0,
    offered: (r) => r.offered === 1 && r.working === 0,
    active: (r) => r.offered === 0 && r.working === 1,
    completed: (r) => r.offered + r.working === 0 && r.done >= 1,
  };
  for (const row of calls.rows) {
    if (!expected[row.status]?.(row)) {
      problems.push(
        `call ${row.id} is ${row.status} with ${row.offered} offered, ${row.working} working, ${row.done} completed`,
      );
    }
  }

  // A unit's status says what its assignments say.
  const units = await q.raw<{
    rows: Array<{ id: string; status: string; offered: number; working: number }>;
  }>(`
    select u.id, u.status,
      count(a.id) filter (where a.status = 'offered')::int as offered,
      count(a.id) filter (where a.status in ${active} and a.status <> 'offered')::int as working
    from units u left join assignments a on a.unit_id = u.id
    group by u.id, u.status`);
  for (const row of units.rows) {
    const want = row.offered ? 'offered' : row.working ? 'assigned' : 'available';
    if (row.status !== want && !(want === 'available' && row.status === 'off_shift')) {
      problems.push(
        `unit ${row.id} is ${row.status} with ${row.offered} offered and ${row.working} working assignments`,
      );
    }
  }

  // An acknowledged status change is never undone.
  for (const [id, status] of acked.assignments) {
    const row = (await q('assignments').where({ id }).first('status')) as
      { status: string } | undefined;
    if (!row) problems.push(`acknowledged assignment ${id} is missing`);
    else if (order.indexOf(row.status) < order.indexOf(status))
      problems.push(`assignment ${id} is ${row.status}, acknowledged ${status}`);
  }

  return { calls: partial.rows.length, problems };
}
