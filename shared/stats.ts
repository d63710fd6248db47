import { z } from 'zod';
import { cancelReasons, outcomes } from './call-lifecycle.js';
import { dispositions } from './call-schema.js';
import { overrideCategories } from './reason-categories.js';
import { instant, nullable, point } from './wire-parts.js';

// The statistics the API answers and the lead's dashboard reads. No imports from
// server/: the dashboard takes its types from here (z.infer); the server checks its
// service's answers against the same schemas (server/stats/stats-routes.ts).

const disposition = z.enum(dispositions);

// Statistics: the figures one period (or one bucket) has.
const rate = nullable(z.number());
const FiguresShape = {
  calls: z.number(),
  attendances: z.number(),
  diverted: z.number(),
  diversionRate: rate,
  edTransportsAvoided: z.number(),
  costAvoided: z.object({ amount: z.number(), currency: z.string() }),
  byDisposition: z.record(disposition, z.number()),
  byOutcome: z.record(z.enum(outcomes), z.number()),
  dispatches: z.number(),
  overrides: z.number(),
  overrideRate: rate,
  recontact72h: z.object({
    diverted: z.number(),
    withoutKey: z.number(),
    recontacted: z.number(),
    rate,
  }),
  missedOpportunities: z.number(),
  processing: z.object({
    dispatched: z.number(),
    p50Sec: rate,
    p90Sec: rate,
    within60sRate: rate,
    dispatchToOnSceneP50Sec: rate,
    onSceneToCompletedP50Sec: rate,
  }),
};
const PeriodShape = { from: instant, to: instant, pathway: nullable(disposition) };

export const StatsSummarySchema = z
  .object({
    ...PeriodShape,
    timeZone: z.string(),
    ...FiguresShape,
    crisisCentreClearance: z.object({ transports: z.number(), cleared: z.number(), rate }),
    callEndings: z.object({
      handedOff: z.number().meta({ description: 'Emergency calls given to ambulance dispatch' }),
      handoffP50Sec: rate,
      cancelled: z.number(),
      cancelledByReason: z.record(z.enum(cancelReasons), z.number()),
    }),
    processingHistogram: z.array(
      z.object({ fromSec: z.number(), toSec: nullable(z.number()), calls: z.number() }),
    ),
  })
  .meta({ id: 'StatsSummary' });

export const StatsTimeseriesSchema = z.object({
  ...PeriodShape,
  timeZone: z.string(),
  bucket: z.enum(['day', 'week', 'month']),
  series: z.array(z.object({ bucket: z.string(), start: instant, ...FiguresShape })),
});

const StatsCallShape = {
  callId: z.uuid(),
  receivedAt: instant,
  complaint: z.string(),
  patient: z.object({
    age: z.number(),
    sex: z.string(),
    ref: nullable(z.string()).meta({ description: 'A pseudonym: the same patient, not who' }),
  }),
  location: nullable(point).meta({ description: 'Rounded to about 1 km' }),
  recommendedPathway: z.string(),
  servedPathway: z.string(),
  outcome: z.string(),
  completedAt: instant,
};

export const RecontactsSchema = z.object({
  ...PeriodShape,
  total: z.number(),
  calls: z.array(
    z.object({
      ...StatsCallShape,
      recontactAt: instant,
      hoursToRecontact: z.number(),
      recontactCallId: nullable(z.uuid()),
      recontactRecommendedPathway: nullable(disposition),
    }),
  ),
});

export const MissedOpportunitiesSchema = z.object({
  ...PeriodShape,
  total: z.number(),
  calls: z.array(
    z.object({
      ...StatsCallShape,
      kind: z.enum(['escalation', 'override', 'site_declined', 'no_site', 'paramedic']),
      category: nullable(z.enum(overrideCategories)),
      reason: z.string().meta({ description: 'Free text for admins; the category for leads' }),
    }),
  ),
});

export type StatsSummary = z.infer<typeof StatsSummarySchema>;
export type StatsTimeseries = z.infer<typeof StatsTimeseriesSchema>;
export type Recontacts = z.infer<typeof RecontactsSchema>;
export type MissedOpportunities = z.infer<typeof MissedOpportunitiesSchema>;
