import { CarePlanOutcomesSchema, type CarePlanOutcomes } from '../../shared/proactive.js';
import type { Database } from '../db/database.js';
import { csvLine } from '../stats/stats-csv.js';
import { checkPeriod } from '../time/instant-schemas.js';
import { localMidnight } from '../time/local-date.js';

/** `YYYY-MM-DD` (a whole local day) or an ISO date-time, as the route parsed them. */
export interface OutcomesPeriod {
  from?: string;
  to?: string;
}
import { FREQUENT_CALLS, REPEAT_LIFT_ASSISTS } from './frequent-callers-repository.js';
import { planOutcomes, type PlanOutcomeRow } from './care-plan-outcomes-repository.js';

const DAY_MS = 86_400_000;
export const OUTCOME_WINDOW_DAYS = 90;
const MAX_PERIOD_DAYS = 5 * 365 + 2;

export { CarePlanOutcomesSchema, type CarePlanOutcomes };

export const outcomesCsvHeader = [
  'patient_ref',
  'care_plan_since',
  'frequent_caller_at_plan',
  'after_window_complete',
  'calls_90d_before',
  'calls_90d_after',
  'ed_before',
  'ed_after',
  'lift_assists_before',
  'lift_assists_after',
];

const frequentAtPlan = (r: PlanOutcomeRow) =>
  r.calls_before >= FREQUENT_CALLS || r.lifts_before >= REPEAT_LIFT_ASSISTS;

export function carePlanOutcomesFactory(deps: {
  db: Pick<Database, 'query'>;
  patientRef: (key: string) => string;
  timeZone: string;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  /** A date means that whole day in the service's time zone, as in the statistics. */
  const instant = (value: string, endOfDay: boolean) => {
    if (value.length > 10) return new Date(value);
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return localMidnight(y, m - 1, d + (endOfDay ? 1 : 0), deps.timeZone);
  };
  const period = (query: OutcomesPeriod) => {
    const to = query.to ? instant(query.to, true) : now();
    const from = query.from ? instant(query.from, false) : new Date(to.getTime() - 365 * DAY_MS);
    checkPeriod({ from, to }, MAX_PERIOD_DAYS);
    return { from, to };
  };
  const complete = (r: PlanOutcomeRow) =>
    r.since.getTime() + OUTCOME_WINDOW_DAYS * DAY_MS <= now().getTime();

  return {
    async summary(query: OutcomesPeriod): Promise<CarePlanOutcomes> {
      const p = period(query);
      const rows = await planOutcomes(deps.db.query, p, OUTCOME_WINDOW_DAYS);
      const compared = rows.filter((r) => complete(r) && frequentAtPlan(r));
      const sum = (pick: (r: PlanOutcomeRow) => number) =>
        compared.reduce((total, r) => total + pick(r), 0);
      const callsBefore = sum((r) => r.calls_before);
      const callsAfter = sum((r) => r.calls_after);
      return {
        from: p.from.toISOString(),
        to: p.to.toISOString(),
        windowDays: OUTCOME_WINDOW_DAYS,
        plans: rows.length,
        tooRecent: rows.filter((r) => !complete(r)).length,
        frequentCallers: {
          patients: compared.length,
          callsBefore,
          callsAfter,
          edBefore: sum((r) => r.ed_before),
          edAfter: sum((r) => r.ed_after),
          liftAssistsBefore: sum((r) => r.lifts_before),
          liftAssistsAfter: sum((r) => r.lifts_after),
          callsChangePercent:
            callsBefore === 0
              ? null
              : Math.round(((callsAfter - callsBefore) / callsBefore) * 1000) / 10,
        },
      };
    },

    /** One line per care plan: a pseudonym and counts, nothing anyone typed. */
    async csv(query: OutcomesPeriod): Promise<string> {
      const rows = await planOutcomes(deps.db.query, period(query), OUTCOME_WINDOW_DAYS);
      return (
        csvLine(outcomesCsvHeader) +
        rows
          .map((r) =>
            csvLine([
              deps.patientRef(r.patient_key),
              r.since.toISOString(),
              frequentAtPlan(r),
              complete(r),
              r.calls_before,
              r.calls_after,
              r.ed_before,
              r.ed_after,
              r.lifts_before,
              r.lifts_after,
            ]),
          )
          .join('')
      );
    },
  };
}

export type CarePlanOutcomesService = ReturnType<typeof carePlanOutcomesFactory>;
