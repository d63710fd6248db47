import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { unitIds, userIds } from '../db/seed.js';
import type { Database } from '../db/database.js';
import { listDestinations } from '../directory/destination-repository.js';
import { compileRuleSet } from '../triage/compiled-evaluator.js';
import { defaultRulesDir } from '../triage/engine.js';
import { loadRuleSet } from '../triage/rule-files.js';
import { listUnits } from '../units/unit-repository.js';
import { drawCall, drawPatient, poolsFor } from './call-mix.js';
import { planSchedule, timesOfDay } from './call-times.js';
import { insertGeneratedCarePlans, insertHistoryBatch, userExists } from './history-repository.js';
import { carePlanRows, planCarePlans, preventedByPlan } from './care-plan-history.js';
import { siteBehaviours } from './simulate-referral.js';
import { emptyBatch, type HistoryBatch } from './history-rows.js';
import { seededRandom } from './prng.js';
import { simulateCall } from './simulate-call.js';
import type { Simulation } from './simulation.js';

export interface HistoryOptions {
  calls: number;
  months: number;
  seed: number;
  /** Local date (YYYY-MM-DD) the history ends before; fixed so a seed always gives the same history. */
  endDate: string;
  timeZone: string;
  roadSpeedKmh: number;
  offerTimeoutS: number;
  batchSize?: number;
  /** The rule files that decide (default: rules/); a what-if baseline may use another set. */
  rulesDir?: string;
}

export interface HistoryResult {
  calls: number;
  decisions: number;
  assignments: number;
  referrals: number;
  carePlans: number;
  from: Date;
  to: Date;
  ms: number;
}

/**
 * Fills the database with a reproducible history: the same seed and end date
 * give the same calls, decisions and timings (ids are fresh uuids, so two
 * histories can coexist). Decisions come from the rule files in force, through
 * the compiled evaluator, which decides exactly as json-rules-engine does
 * (test/triage/compiled-agreement.test.ts) at a bulk load's speed.
 */
export async function generateHistory(
  db: Database,
  options: HistoryOptions,
  onProgress: (inserted: number) => void = () => {},
): Promise<HistoryResult> {
  const started = performance.now();
  if (!(await userExists(db.query, userIds.dispatcher))) {
    throw new Error(
      'The demo dispatcher account is missing: run the seeds (not in production) first',
    );
  }
  const rules = compileRuleSet(await loadRuleSet(options.rulesDir ?? defaultRulesDir));
  // History is judged against the directory as designed: every site active, at green.
  const destinations = (await listDestinations(db.query)).map((d) => ({
    ...d,
    active: true,
    capacity: 'green' as const,
  }));
  const units = (await listUnits(db.query)).map((u) => ({
    ...u,
    status: 'available' as const,
    onShift: true,
    position: null,
  }));
  const random = seededRandom(options.seed);
  const sim: Simulation = {
    random,
    decide: (call) => rules.decide(call),
    destinations,
    units,
    timeZone: options.timeZone,
    roadSpeedKmh: options.roadSpeedKmh,
    offerTimeoutS: options.offerTimeoutS,
    dispatcherId: userIds.dispatcher,
    paramedicByUnit: new Map([
      [unitIds.cp11, userIds.paramedic1],
      [unitIds.cp12, userIds.paramedic2],
    ]),
    behaviours: siteBehaviours(random, destinations),
  };
  const schedule = planSchedule(random, options);
  const pools = poolsFor(options.calls);
  const plans = planCarePlans(random, pools.frequent, schedule);
  const batchSize = options.batchSize ?? 2_000;
  const totals = { calls: 0, decisions: 0, assignments: 0, referrals: 0, carePlans: 0 };

  // One batch is written while the next is generated: the database and the
  // rule evaluation each keep a core busy.
  let writing: Promise<void> = Promise.resolve();
  let batch = emptyBatch();
  const flush = async () => {
    const full: HistoryBatch = batch;
    batch = emptyBatch();
    await writing;
    writing = insertHistoryBatch(db, full).then(() => {
      totals.calls += full.calls.length;
      totals.decisions += full.decisions.length;
      totals.assignments += full.assignments.length;
      totals.referrals += full.referrals.length;
      onProgress(totals.calls);
    });
    writing.catch(() => {}); // surfaced by the next await
  };

  let sinceYield = 0;
  for (const day of schedule.days) {
    for (const receivedAt of timesOfDay(random, day.midnight, day.calls)) {
      let patient = drawPatient(random, pools);
      if (preventedByPlan(random, plans, patient, receivedAt)) patient = drawPatient(random, pools);
      simulateCall(sim, drawCall(random, patient, receivedAt), batch);
      if (batch.calls.length >= batchSize) await flush();
      if (++sinceYield >= 200) {
        sinceYield = 0;
        await yieldToEventLoop(); // lets the in-flight batch's statements go out
      }
    }
  }
  if (batch.calls.length) await flush();
  await writing;
  totals.carePlans = await insertGeneratedCarePlans(db, carePlanRows(random, plans, schedule.end));
  return {
    ...totals,
    from: schedule.start,
    to: schedule.end,
    ms: Math.round(performance.now() - started),
  };
}
