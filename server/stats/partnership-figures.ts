import { z } from 'zod';
import type { Database } from '../db/database.js';
import { destinationTypes, type DestinationType } from '../../shared/directory.js';
import { dispositions } from '../../shared/call-schema.js';
import {
  referralOutcomes,
  rejectReasons,
  type ReferralOutcome,
  type RejectReason,
} from '../../shared/referrals.js';
import { edOffloadBenchmark, type EdOffloadBenchmark } from './ed-offload.js';
import {
  completionsByOutcome,
  partnerSiteFigures,
  rejectionsByReason,
  type PartnerSiteRow,
  type SiteCountRow,
} from './partnership-repository.js';
import { csvLine } from './stats-csv.js';
import type { StatsFilter } from './stats-schemas.js';

/** What a receiving site did with the referrals it was sent: counts, times and codes only. */
export interface SiteReferralFigures {
  /** null for the line that adds up every site. */
  siteId: string | null;
  name: string | null;
  type: DestinationType | null;
  requested: number;
  accepted: number;
  rejected: number;
  /** Cancelled by dispatch before the site answered (the crew was stood down, the call ended). */
  withdrawn: number;
  /** accepted / (accepted + rejected): of the referrals the site answered; null with none. */
  acceptanceRate: number | null;
  rejectionsByReason: Record<RejectReason, number>;
  /** What the matcher proposed after a decline: another site, a CP home visit, or the ED. */
  afterRejection: { nextSite: number; homeVisit: number; emergencyDepartment: number };
  requestToAcceptance: { p50Sec: number | null; p90Sec: number | null };
  /** Arrival at the site to the site taking over care, as ED offload time is measured. */
  handover: {
    count: number;
    meanSec: number | null;
    p50Sec: number | null;
    p90Sec: number | null;
  };
  completed: number;
  outcomes: Record<ReferralOutcome, number>;
}

export interface PartnershipFigures {
  from: string;
  to: string;
  pathway: StatsFilter['pathway'] | null;
  sites: SiteReferralFigures[];
  total: SiteReferralFigures;
  edOffload: EdOffloadBenchmark;
}

const seconds = z.number().nullable();
const SiteFiguresSchema = z.object({
  siteId: z.uuid().nullable(),
  name: z.string().nullable(),
  type: z.enum(destinationTypes).nullable(),
  requested: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  withdrawn: z.number(),
  acceptanceRate: z.number().nullable(),
  rejectionsByReason: z.record(z.enum(rejectReasons), z.number()),
  afterRejection: z.object({
    nextSite: z.number(),
    homeVisit: z.number(),
    emergencyDepartment: z.number(),
  }),
  requestToAcceptance: z.object({ p50Sec: seconds, p90Sec: seconds }),
  handover: z.object({ count: z.number(), meanSec: seconds, p50Sec: seconds, p90Sec: seconds }),
  completed: z.number(),
  outcomes: z.record(z.enum(referralOutcomes), z.number()),
});

export const PartnershipFiguresSchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    pathway: z.enum(dispositions).nullable(),
    sites: z.array(SiteFiguresSchema),
    total: SiteFiguresSchema,
    edOffload: z.object({
      ontarioAverageMin: z.literal(24),
      londonUniversityHospitalMin: z.literal(90),
      bestPracticeMin: z.literal(30),
      asOf: z.literal(edOffloadBenchmark.asOf),
      source: z.literal(edOffloadBenchmark.source),
      url: z.literal(edOffloadBenchmark.url),
    }),
  })
  .meta({ id: 'PartnershipFigures' }) satisfies z.ZodType<PartnershipFigures, unknown>;

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
