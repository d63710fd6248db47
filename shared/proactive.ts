import { z } from 'zod';
import { instant, nullable, type Out } from './wire-parts.js';

// Proactive care as the lead's page reads it: frequent callers and what their care
// plans changed. No imports from server/: the page takes its types from here.

/** A frequent caller as a lead sees them: a pseudonym, no name, address or anything typed. */
export interface FrequentCaller {
  patientRef: string;
  age: number;
  sex: string;
  calls: number;
  liftAssists: number;
  edPathway: number;
  firstCallAt: string;
  lastCallAt: string;
  complaints: string[];
  why: Array<'frequent_calls' | 'repeat_lift_assists'>;
  carePlanSince: string | null;
  nextVisitAt: string | null;
}

export interface FrequentCallerList {
  from: string;
  to: string;
  windowDays: number;
  criteria: { calls: number; liftAssists: number };
  patients: FrequentCaller[];
}

export const FrequentCallerListSchema = z.object({
  from: instant,
  to: instant,
  windowDays: z.number(),
  criteria: z.object({ calls: z.number(), liftAssists: z.number() }),
  patients: z.array(
    z.object({
      patientRef: z.string().meta({ description: 'A pseudonym: the same patient, not who' }),
      age: z.number(),
      sex: z.string(),
      calls: z.number(),
      liftAssists: z.number(),
      edPathway: z.number(),
      firstCallAt: instant,
      lastCallAt: instant,
      complaints: z.array(z.string()),
      why: z.array(z.enum(['frequent_calls', 'repeat_lift_assists'])),
      carePlanSince: nullable(instant),
      nextVisitAt: nullable(instant),
    }),
  ),
}) satisfies Out<FrequentCallerList>;

/** Frequent callers' calls in the 90 days before their care plan and the 90 days after. */
export interface CarePlanOutcomes {
  from: string;
  to: string;
  windowDays: number;
  /** Care plans first written in the period. */
  plans: number;
  /** Of those, written less than 90 days ago: their "after" is not complete yet, so not compared. */
  tooRecent: number;
  /** Plans for patients who were frequent callers when the plan was written, with 90 days since. */
  frequentCallers: {
    patients: number;
    callsBefore: number;
    callsAfter: number;
    edBefore: number;
    edAfter: number;
    liftAssistsBefore: number;
    liftAssistsAfter: number;
    /** (after - before) / before, in percent; null when there were no calls before. */
    callsChangePercent: number | null;
  };
}

export const CarePlanOutcomesSchema = z.object({
  from: instant,
  to: instant,
  windowDays: z.number(),
  plans: z.number(),
  tooRecent: z.number(),
  frequentCallers: z.object({
    patients: z.number(),
    callsBefore: z.number(),
    callsAfter: z.number(),
    edBefore: z.number(),
    edAfter: z.number(),
    liftAssistsBefore: z.number(),
    liftAssistsAfter: z.number(),
    callsChangePercent: z.number().nullable(),
  }),
}) satisfies Out<CarePlanOutcomes>;
