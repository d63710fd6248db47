import type { Database } from '../db/database.js';
import { referralOutcomes, rejectReasons } from '../../shared/referrals.js';
import { edOffloadBenchmark } from '../../shared/ed-offload.js';
import type { PartnershipFigures, SiteReferralFigures } from '../../shared/partnership-figures.js';
import {
  completionsByOutcome,
  partnerSiteFigures,
  rejectionsByReason,
  type PartnerSiteRow,
  type SiteCountRow,
} from './partnership-repository.js';
import { csvLine } from './stats-csv.js';
import type { StatsFilter } from './stats-schemas.js';

export {
  PartnershipFiguresSchema,
  type PartnershipFigures,
  type SiteReferralFigures,
} from '../../shared/partnership-figures.js';

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function countsFor<K extends string>(
  rows: Array<SiteCountRow<K>>,
  siteId: string | null,
  keys: readonly K[],
) {
  const out = zeros(keys);
  for (const r of rows) if (r.site_id === siteId) out[r.key] = r.n;
  return out;
}

/** Referral acceptance, declines, handover and outcomes per receiving site, for leads. */
export async function partnershipFigures(
  db: Pick<Database, 'query'>,
  f: StatsFilter,
): Promise<PartnershipFigures> {
  const [siteRows, reasons, outcomes] = await Promise.all([
    partnerSiteFigures(db.query, f),
    rejectionsByReason(db.query, f),
    completionsByOutcome(db.query, f),
  ]);
  const figures = (row: PartnerSiteRow): SiteReferralFigures => ({
    siteId: row.site_id,
    name: row.site_name,
    type: row.site_type,
    requested: row.requested,
    accepted: row.accepted,
    rejected: row.rejected,
    withdrawn: row.withdrawn,
    acceptanceRate:
      row.accepted + row.rejected === 0 ? null : row.accepted / (row.accepted + row.rejected),
    rejectionsByReason: countsFor(reasons, row.site_id, rejectReasons),
    afterRejection: {
      nextSite: row.rejected_next_site,
      homeVisit: row.rejected_home_visit,
      emergencyDepartment: row.rejected_ed,
    },
    requestToAcceptance: { p50Sec: row.accept_p50_sec, p90Sec: row.accept_p90_sec },
    handover: {
      count: row.handovers,
      meanSec: row.handover_mean_sec,
      p50Sec: row.handover_p50_sec,
      p90Sec: row.handover_p90_sec,
    },
    completed: row.completed,
    outcomes: countsFor(outcomes, row.site_id, referralOutcomes),
  });
  const totalRow = siteRows.find((r) => r.site_id === null);
  return {
    from: f.from.toISOString(),
    to: f.to.toISOString(),
    pathway: f.pathway ?? null,
    sites: siteRows.filter((r) => r.site_id !== null).map(figures),
    // With no referrals at all, grouping sets still give the () line, with zero counts.
    total: figures(totalRow ?? emptyTotal),
    edOffload: edOffloadBenchmark,
  };
}

const emptyTotal: PartnerSiteRow = {
  site_id: null,
  site_name: null,
  site_type: null,
  requested: 0,
  accepted: 0,
  rejected: 0,
  withdrawn: 0,
  rejected_next_site: 0,
  rejected_home_visit: 0,
  rejected_ed: 0,
  accept_p50_sec: null,
  accept_p90_sec: null,
  handovers: 0,
  handover_mean_sec: null,
  handover_p50_sec: null,
  handover_p90_sec: null,
  completed: 0,
};

export const partnershipCsvHeader = [
  'site',
  'site_type',
  'requested',
  'accepted',
  'rejected',
  'withdrawn_before_answer',
  'acceptance_rate',
  'request_to_acceptance_p50_sec',
  'request_to_acceptance_p90_sec',
  'handovers',
  'handover_mean_sec',
  'handover_p50_sec',
  'handover_p90_sec',
  'ed_offload_ontario_average_sec',
  'rejected_then_next_site',
  'rejected_then_home_visit',
  'rejected_then_ed',
  ...rejectReasons.map((r) => `rejected_${r}`),
  'completed',
  ...referralOutcomes.map((o) => `outcome_${o}`),
];

/** One line per site and a last line for all sites: counts, times and codes, nothing typed. */
export function partnershipCsv(p: PartnershipFigures): string {
  const line = (s: SiteReferralFigures) =>
    csvLine([
      s.name ?? 'All sites',
      s.type ?? '',
      s.requested,
      s.accepted,
      s.rejected,
      s.withdrawn,
      s.acceptanceRate === null ? null : s.acceptanceRate.toFixed(4),
      s.requestToAcceptance.p50Sec,
      s.requestToAcceptance.p90Sec,
      s.handover.count,
      s.handover.meanSec,
      s.handover.p50Sec,
      s.handover.p90Sec,
      p.edOffload.ontarioAverageMin * 60,
      s.afterRejection.nextSite,
      s.afterRejection.homeVisit,
      s.afterRejection.emergencyDepartment,
      ...rejectReasons.map((r) => s.rejectionsByReason[r]),
      s.completed,
      ...referralOutcomes.map((o) => s.outcomes[o]),
    ]);
  return csvLine(partnershipCsvHeader) + p.sites.map(line).join('') + line(p.total);
}
