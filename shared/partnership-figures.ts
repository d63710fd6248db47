import { z } from 'zod';
import { destinationTypes, type DestinationType } from './directory.js';
import { dispositions, type Disposition } from './call-schema.js';
import {
  referralOutcomes,
  rejectReasons,
  type ReferralOutcome,
  type RejectReason,
} from './referrals.js';
import { edOffloadBenchmark, type EdOffloadBenchmark } from './ed-offload.js';
import { instant, type Out } from './wire-parts.js';

// The receiving sites' statistics as GET /api/stats/referrals answers them and the
// lead's dashboard reads them. No imports from server/: the browser takes its types here.

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
  pathway: Disposition | null;
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
    from: instant,
    to: instant,
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
  .meta({ id: 'PartnershipFigures' }) satisfies Out<PartnershipFigures>;
