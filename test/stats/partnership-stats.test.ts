import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds } from '../../seeds/ids.js';
import { generateHistory, type HistoryOptions } from '../../server/history/generate-history.js';
import type { ReferralRow } from '../../server/history/history-rows.js';
import { PartnershipFiguresSchema } from '../../server/stats/partnership-figures.js';
import { referralOutcomes, rejectReasons } from '../../shared/referrals.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

type As = Awaited<ReturnType<TestApp['as']>>;

// A generated history with referrals, declines and care plans; the partnership's figures
// read from the API are checked against the same rows counted here, in plain TypeScript.
const options: HistoryOptions = {
  calls: 3_000,
  months: 10,
  seed: 12,
  endDate: '2026-06-01',
  timeZone: 'America/Toronto',
  roadSpeedKmh: 40,
  offerTimeoutS: 120,
  batchSize: 1_000,
};
const period = 'from=2025-08-01&to=2026-05-31';

/** Nearest rank, as the statistics define percentiles: the smallest value with at least p at or below it. */
function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1] ?? null;
}
const sec = (later: Date | null, earlier: Date | null) =>
  later && earlier ? Math.round((later.getTime() - earlier.getTime()) / 1000) : null;

/** The figures for a set of referral rows, computed independently of the SQL. */
function expected(rows: ReferralRow[]) {
  const accepted = rows.filter((r) => r.accepted_at !== null);
  const rejected = rows.filter((r) => r.status === 'rejected');
  const accept = accepted.map((r) => sec(r.accepted_at, r.requested_at) as number);
  const handovers = rows
    .map((r) => sec(r.in_progress_at, r.arrived_at))
    .filter((s): s is number => s !== null);
  const count = <K extends string>(keys: readonly K[], pick: (r: ReferralRow) => K | null) =>
    Object.fromEntries(keys.map((k) => [k, rows.filter((r) => pick(r) === k).length]));
  return {
    requested: rows.length,
    accepted: accepted.length,
    rejected: rejected.length,
    withdrawn: rows.filter((r) => r.status === 'cancelled' && r.accepted_at === null).length,
    acceptanceRate:
      accepted.length + rejected.length === 0
        ? null
        : accepted.length / (accepted.length + rejected.length),
    rejectionsByReason: count(rejectReasons, (r) =>
      r.status === 'rejected' ? r.reject_reason : null,
    ),
    afterRejection: {
      nextSite: rejected.filter(
        (r) =>
          r.proposed_destination_id !== null && r.proposed_disposition !== 'emergency_department',
      ).length,
      homeVisit: rejected.filter((r) => r.proposed_disposition === 'home_visit').length,
      emergencyDepartment: rejected.filter((r) => r.proposed_disposition === 'emergency_department')
        .length,
    },
    requestToAcceptance: { p50Sec: nearestRank(accept, 0.5), p90Sec: nearestRank(accept, 0.9) },
    handover: {
      count: handovers.length,
      meanSec: handovers.length
        ? Math.round(handovers.reduce((a, b) => a + b, 0) / handovers.length)
        : null,
      p50Sec: nearestRank(handovers, 0.5),
      p90Sec: nearestRank(handovers, 0.9),
    },
    completed: rows.filter((r) => r.status === 'completed').length,
    outcomes: count(referralOutcomes, (r) => (r.status === 'completed' ? r.outcome : null)),
  };
}

const SECOND_CRISIS_CENTRE = '0d000000-0000-4000-8000-0000000000c2';

/** A second crisis centre, open when the first is, so a decline has a next site to go to. */
async function addSecondCrisisCentre(app: TestApp): Promise<void> {
  const q = app.server.db.query;
  await q.raw(
    `insert into destinations (id, name, type, address, lat, lng, min_age, max_age, capacity, active, phone)
     select ?, 'Second Street Crisis Centre', type, '1 Second St, London, ON', lat + 0.03, lng - 0.04,
            min_age, max_age, capacity, active, phone
       from destinations where id = ?`,
    [SECOND_CRISIS_CENTRE, destinationIds.crisisCentre],
  );
  await q.raw(
    `insert into destination_hours (destination_id, weekday, opens_at, closes_at)
     select ?, weekday, opens_at, closes_at from destination_hours where destination_id = ?`,
    [SECOND_CRISIS_CENTRE, destinationIds.crisisCentre],
  );
}

describe.each(testDialects)('partnership statistics on a generated history (%s)', (dialect) => {
  let app: TestApp;
  let lead: As;
  let referrals: ReferralRow[];

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    lead = await app.as('lead');
    await addSecondCrisisCentre(app);
    const result = await generateHistory(app.server.db, options);
    expect(result.referrals).toBeGreaterThan(100);
    expect(result.carePlans).toBeGreaterThan(0);
    referrals = await app.server.db.query<ReferralRow>('referrals').select('*');
  }, 240_000);
  afterAll(() => app?.stop());

  it('counts acceptance, declines, times to acceptance, handover and outcomes per site', async () => {
    const res = await lead('GET', `/api/stats/referrals?${period}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(PartnershipFiguresSchema.safeParse(res.body).error?.issues ?? []).toEqual([]);
    const bySite = new Map<string, ReferralRow[]>();
    for (const r of referrals)
      bySite.set(r.destination_id, [...(bySite.get(r.destination_id) ?? []), r]);
    expect(res.body.sites.map((s: { siteId: string }) => s.siteId).sort()).toEqual(
      [...bySite.keys()].sort(),
    );
    for (const site of res.body.sites) {
      const { siteId, name, type, ...figures } = site;
      expect(figures, name).toEqual(expected(bySite.get(siteId) ?? []));
      expect(type).toMatch(/^(crisis_centre|cp_clinic)$/);
    }
    const { siteId, name, type, ...total } = res.body.total;
    expect({ siteId, name, type }).toEqual({ siteId: null, name: null, type: null });
    expect(total).toEqual(expected(referrals));
    expect(res.body.edOffload).toMatchObject({
      ontarioAverageMin: 24,
      londonUniversityHospitalMin: 90,
    });
  });

  it('generates what a partnership sees: a reluctant crisis centre, declines to the next site, a home visit or the ED, handovers under the ED offload average', async () => {
    const { body } = await lead('GET', `/api/stats/referrals?${period}`);
    const site = (id: string) => body.sites.find((s: { siteId: string }) => s.siteId === id);
    const crisis = site(destinationIds.crisisCentre);
    const clinic = site(destinationIds.clinicHuronHeights);
    expect(crisis.acceptanceRate).toBeLessThan(clinic.acceptanceRate);
    expect(crisis.rejectionsByReason.at_capacity).toBeGreaterThan(0);
    // A crisis centre's decline goes to the other one, and to the ED once both declined;
    // the demo clinics' sessions never overlap, so a clinic's decline becomes a home visit.
    expect(crisis.afterRejection.nextSite).toBeGreaterThan(0);
    expect(body.total.afterRejection.emergencyDepartment).toBeGreaterThan(0);
    expect(clinic.afterRejection.homeVisit).toBe(clinic.rejected);
    const second = site(SECOND_CRISIS_CENTRE);
    expect(second.requested).toBeGreaterThan(0);
    expect(body.total.completed).toBeGreaterThan(0);
    expect(body.total.handover.meanSec).toBeLessThan(24 * 60);
  });

  it('shows leads no words a site typed, in the figures or the CSV', async () => {
    const typed = [...new Set(referrals.map((r) => r.reject_text).filter(Boolean))] as string[];
    expect(typed.length).toBeGreaterThan(0);
    const json = await lead('GET', `/api/stats/referrals?${period}`);
    const csv = await lead('GET', `/api/stats/referrals.csv?${period}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(
      'altpath-referrals-2025-08-01-to-2026-05-31.csv',
    );
    for (const words of typed) {
      expect(JSON.stringify(json.body)).not.toContain(words);
      expect(csv.body).not.toContain(words);
    }
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines).toHaveLength(json.body.sites.length + 2);
    const header = lines[0]!.split(',');
    const all = Object.fromEntries(
      lines
        .at(-1)!
        .split(',')
        .map((v, i) => [header[i], v]),
    );
    expect(all.site).toBe('All sites');
    expect(Number(all.requested)).toBe(json.body.total.requested);
    expect(Number(all.rejected_at_capacity)).toBe(json.body.total.rejectionsByReason.at_capacity);
    expect(Number(all.handover_p90_sec)).toBe(json.body.total.handover.p90Sec);
    expect(Number(all.outcome_crisis_bed)).toBe(json.body.total.outcomes.crisis_bed);
  });

  it('names the declining site and its reason for a missed opportunity a decline caused', async () => {
    const { body } = await lead('GET', `/api/stats/missed-opportunities?${period}&limit=2000`);
    const declined = new Set(
      referrals.filter((r) => r.status === 'rejected').map((r) => r.call_id),
    );
    const bySite = body.calls.filter((c: { kind: string }) => c.kind === 'site_declined');
    expect(bySite.length).toBeGreaterThan(0);
    const typed = new Set(referrals.map((r) => r.reject_text).filter(Boolean));
    for (const call of bySite) {
      expect(declined.has(call.callId)).toBe(true);
      expect(call.reason).toMatch(/^Declined by .+ \(.+\): the emergency department instead$/);
      for (const words of typed) expect(call.reason).not.toContain(words);
    }
  });

  it('keeps the figures to leads and admins, and names a bad period', async () => {
    const dispatcher = await app.as('dispatcher');
    expect((await dispatcher('GET', '/api/stats/referrals')).status).toBe(403);
    expect((await (await app.as('crisis'))('GET', '/api/stats/referrals.csv')).status).toBe(403);
    const bad = await lead('GET', '/api/stats/referrals?from=2026-05-01&to=2026-04-01');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('to');
  });

  it("shows generated care plans cutting frequent callers' calls", async () => {
    const { body } = await lead('GET', `/api/stats/care-plans?${period}`);
    expect(body.frequentCallers.patients).toBeGreaterThan(0);
    expect(body.frequentCallers.callsAfter).toBeLessThan(body.frequentCallers.callsBefore);
    const { rows } = await app.server.db.query.raw<{ rows: Array<{ versions: number }> }>(
      'select max(version)::int as versions from care_plans where generated group by patient_key',
    );
    expect(rows.some((r) => r.versions > 1)).toBe(true);
  });
});
