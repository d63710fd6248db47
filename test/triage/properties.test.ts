import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerNames } from '../../server/triage/call-schema.js';
import type { AnswerName, Call } from '../../server/triage/call-schema.js';
import type { Decision } from '../../server/triage/decision.js';
import { createTriageEngine } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import { callArbitrary } from './call-arbitrary.js';
import { referenceNews2 } from './reference-news2.js';

let engine: TriageEngine;
beforeAll(async () => {
  engine = await createTriageEngine();
});

/** Lower is more cautious: ED/emergency < ED/urgent < any alternate pathway. */
function permissiveness(d: Decision): number {
  if (d.disposition !== 'emergency_department') return 2;
  return d.acuity === 'emergency' ? 0 : 1;
}

/** The value of an answer that triggers a red flag or an exclusion in the specification. */
const alarming: Partial<Record<AnswerName, boolean>> = {
  conscious: false,
  breathingNormally: false,
  consentsToAlternate: false,
  chestPain: true,
  severeBleeding: true,
  strokeSigns: true,
  seizureNow: true,
  anaphylaxis: true,
  suicideAttempt: true,
  overdoseSuspected: true,
  mentalHealthActApprehension: true,
  weaponsPresent: true,
  violent: true,
  homicidalIdeation: true,
  suicidePlan: true,
  intoxicated: true,
  injuryFromFall: true,
  headInjury: true,
  longLie: true,
  onOxygen: true,
  newConfusion: true,
  // Scale 2 scores low saturations lower than scale 1: no single alarming value.
  spo2Scale2: true,
};

/** The answers the call's own pathway needs answered (issue 3, step 4). */
function keyAnswersOf(call: Call): AnswerName[] {
  const base: AnswerName[] = ['conscious', 'breathingNormally', 'chestPain', 'consentsToAlternate'];
  if (call.complaint === 'mental_health' || call.complaint === 'substance_use')
    return [
      ...base,
      'suicidePlan',
      'suicideAttempt',
      'homicidalIdeation',
      'weaponsPresent',
      'violent',
      'overdoseSuspected',
      'intoxicated',
      'mentalHealthActApprehension',
    ];
  if (call.complaint === 'fall') return [...base, 'injuryFromFall', 'headInjury', 'longLie'];
  return base;
}

function hasRedFlagOrAbnormalVital(call: Call): boolean {
  const a = call.answers;
  const v = call.vitals;
  const redComplaint = [
    'chest_pain',
    'breathing_problem',
    'stroke_symptoms',
    'unconscious',
    'seizure',
    'bleeding',
    'allergic_reaction',
  ].includes(call.complaint);
  const redAnswer =
    a.conscious === false ||
    a.breathingNormally === false ||
    (
      [
        'chestPain',
        'severeBleeding',
        'strokeSigns',
        'seizureNow',
        'anaphylaxis',
        'suicideAttempt',
        'overdoseSuspected',
      ] as const
    ).some((n) => a[n] === true);
  const parts = referenceNews2(v, a).parts;
  const score = parts.reduce((s, p) => s + p, 0);
  const glucose = v.bloodGlucose;
  const abnormal =
    parts.includes(3) || score >= 5 || (glucose !== undefined && (glucose < 4 || glucose > 20));
  return redComplaint || redAnswer || abnormal;
}

function withoutAnswer(call: Call, name: AnswerName): Call {
  const answers = { ...call.answers };
  delete answers[name];
  return { ...call, answers };
}

describe('safety properties', () => {
  it('a red flag or abnormal vital sign never gets an alternate pathway', async () => {
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        fc.pre(hasRedFlagOrAbnormalVital(call));
        const d = await engine.decide(call);
        expect(d.disposition).toBe('emergency_department');
        expect(d.acuity).not.toBe('non_urgent');
      }),
      { numRuns: 3_000 },
    );
  });

  it('removing an answer never makes the decision more permissive, unless that answer was the alarming one', async () => {
    // Why the exception: "intoxicated: true" on a minor illness excludes a home visit, but a
    // home visit does not need the question asked, so removing the answer rightly
    // reopens the pathway. An unknown is never treated better than a reassuring answer.
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        const before = await engine.decide(call);
        for (const name of answerNames) {
          const value = call.answers[name];
          if (value === undefined || alarming[name] === value) continue;
          const after = await engine.decide(withoutAnswer(call, name));
          expect(permissiveness(after), `removing ${name}: ${String(value)}`).toBeLessThanOrEqual(
            permissiveness(before),
          );
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('removing an answer the pathway needs, whatever its value, never turns the emergency department into an alternate', async () => {
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        const before = await engine.decide(call);
        if (before.disposition !== 'emergency_department') return;
        for (const name of keyAnswersOf(call)) {
          if (call.answers[name] === undefined) continue;
          const after = await engine.decide(withoutAnswer(call, name));
          expect(after.disposition, `removing ${name}`).toBe('emergency_department');
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('the same call gives the same decision, also when decided concurrently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(callArbitrary, { minLength: 1, maxLength: 20 }), async (calls) => {
        const sequential: Decision[] = [];
        for (const call of calls) sequential.push(await engine.decide(call));
        const concurrent = await Promise.all(
          calls.map((call) => engine.decide(structuredClone(call))),
        );
        expect(concurrent).toEqual(sequential);
      }),
      { numRuns: 150 },
    );
  });

  it('reasons are never empty; a non-ED decision has nothing missing; missing only comes with urgent ED', async () => {
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        const d = await engine.decide(call);
        expect(d.reasons.length).toBeGreaterThan(0);
        for (const r of d.reasons) expect(r.message.length).toBeGreaterThan(10);
        if (d.disposition !== 'emergency_department') {
          expect(d.missing).toEqual([]);
          expect(d.acuity).toBe('non_urgent');
        }
        if (d.missing.length > 0)
          expect([d.disposition, d.acuity]).toEqual(['emergency_department', 'urgent']);
        expect(d.ruleSetVersion).toBe(engine.ruleSetVersion);
      }),
      { numRuns: 3_000 },
    );
  });
});
