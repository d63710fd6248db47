/**
 * Safety properties of rule set v2 (issue 9, "What it must do" 2), over generated calls, on
 * the live engine (json-rules-engine). Each would have caught a class of v1's faults.
 * Where a property as literally stated contradicts the specification, the test states the
 * precise form that holds and docs/clinical-safety.md ("Properties") says why.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerNames, complaints, vitalBounds } from '../../shared/call-schema.js';
import type { AnswerName, Call, Vitals } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import { createTriageEngine } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import { callArbitrary, noteFragments } from './call-arbitrary.js';
import { alarming, keyAnswersOf, permissiveness, reassuring } from './permissiveness.js';

let engine: TriageEngine;
beforeAll(async () => {
  engine = await createTriageEngine();
});

const decide = (call: Call) => engine.decide(call);
const withAnswer = (call: Call, name: AnswerName, value: boolean | undefined): Call => {
  const answers = { ...call.answers };
  if (value === undefined) delete answers[name];
  else answers[name] = value;
  return { ...call, answers };
};
const outcome = (d: Decision) =>
  JSON.stringify([d.disposition, d.acuity, [...d.missing].sort(), d.checks.map((c) => c.id)]);

/** Red flags (emergency) and exclusions: each alone closes every alternate pathway. */
const redFlags: AnswerName[] = [
  'conscious',
  'breathingNormally',
  'chestPain',
  'severeBleeding',
  'strokeSigns',
  'seizureNow',
  'anaphylaxis',
  'suicideAttempt',
  'overdoseSuspected',
];
const exclusions: AnswerName[] = [
  'consentsToAlternate',
  'mentalHealthActApprehension',
  'weaponsPresent',
  'violent',
  'homicidalIdeation',
  'suicidePlan',
  'intoxicated',
  'headInjury',
  'longLie',
  'injuryFromFall',
  'pregnant',
  'newConfusion',
];

describe('safety properties (rule set v2)', () => {
  it('a red flag or exclusion answer excludes every alternate pathway, whatever the complaint', async () => {
    await fc.assert(
      fc.asyncProperty(
        callArbitrary,
        fc.constantFrom(...complaints),
        fc.constantFrom(...redFlags, ...exclusions),
        async (generated, complaint, name) => {
          const call = withAnswer({ ...generated, complaint }, name, alarming[name]);
          const d = await decide(call);
          expect(d.disposition, `${name} on ${complaint}`).toBe('emergency_department');
          if (redFlags.includes(name)) expect(d.acuity).toBe('emergency');
          else expect(d.acuity).not.toBe('non_urgent');
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('a red-flag phrase in the notes excludes every alternate pathway; a negated one changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        callArbitrary,
        fc.constantFrom(...noteFragments.redFlag),
        fc.constantFrom(...noteFragments.negated),
        async (call, flag, denial) => {
          const withNotes = (text: string) => ({
            ...call,
            notes: call.notes ? `${call.notes}. ${text}` : text,
          });
          const flagged = await decide(withNotes(flag));
          expect(flagged.disposition, flag).toBe('emergency_department');
          expect(outcome(await decide(withNotes(denial))), denial).toBe(
            outcome(await decide(call)),
          );
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('turning any answer from its reassuring to its concerning value never makes a decision more permissive', async () => {
    // spo2Scale2 is left out: NEWS2 scale 2 scores a low SpO2 lower than scale 1 by design.
    const names = answerNames.filter((n) => n !== 'spo2Scale2');
    await fc.assert(
      fc.asyncProperty(callArbitrary, fc.constantFrom(...names), async (call, name) => {
        const before = await decide(withAnswer(call, name, reassuring[name]));
        const after = await decide(withAnswer(call, name, alarming[name]));
        expect(permissiveness(after), name).toBeLessThanOrEqual(permissiveness(before));
      }),
      { numRuns: 4_000 },
    );
  });

  it('moving any vital sign into a more abnormal band never makes a decision more permissive', async () => {
    const normal: Record<keyof Vitals, number> = {
      heartRate: 75,
      respiratoryRate: 16,
      systolicBP: 130,
      spo2: 100,
      temperature: 37,
      gcs: 15,
      bloodGlucose: 7,
    };
    const vitals = Object.keys(normal) as (keyof Vitals)[];
    await fc.assert(
      fc.asyncProperty(
        callArbitrary,
        fc.constantFrom(...vitals),
        fc.integer({ min: 1, max: 400 }).map((n) => n / 10),
        async (call, vital, step) => {
          const value = call.vitals[vital];
          // Scale 2 counts a high SpO2 on oxygen as abnormal: "further from 100" is not worse.
          if (value === undefined || (vital === 'spo2' && call.answers.spo2Scale2 === true)) return;
          const away = value === normal[vital] ? -1 : Math.sign(value - normal[vital]);
          const bounds = vitalBounds[vital];
          let worse = Math.round((value + away * step) * 100) / 100;
          worse = Math.min(bounds.max, Math.max(bounds.min, worse));
          if (vital === 'gcs') worse = Math.max(3, Math.floor(worse));
          const before = await decide(call);
          const after = await decide({ ...call, vitals: { ...call.vitals, [vital]: worse } });
          expect(permissiveness(after), `${vital} ${value} → ${worse}`).toBeLessThanOrEqual(
            permissiveness(before),
          );
        },
      ),
      { numRuns: 4_000 },
    );
  });

  it('removing an answer never makes a decision more permissive than its reassuring answer would', async () => {
    // Absent means unknown, never "no": an unknown is never treated better than a reassuring
    // answer. When the answer removed was itself the reassuring one, this is the literal
    // property; when it was a key answer of the call's pathway, the call goes to the ED.
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        const before = await decide(call);
        for (const name of answerNames) {
          const value = call.answers[name];
          if (value === undefined) continue;
          const removed = await decide(withAnswer(call, name, undefined));
          const ifReassuring =
            value === reassuring[name]
              ? before
              : await decide(withAnswer(call, name, reassuring[name]));
          expect(permissiveness(removed), `removing ${name}: ${String(value)}`).toBeLessThanOrEqual(
            permissiveness(ifReassuring),
          );
          if (keyAnswersOf(call).includes(name))
            expect(removed.disposition, `removing key answer ${name}`).toBe('emergency_department');
        }
      }),
      { numRuns: 600 },
    );
  });

  it('every answer in the contract can change some decision', async () => {
    const calls = fc.sample(callArbitrary, { numRuns: 3_000, seed: 9 });
    const changes = new Set<AnswerName>();
    for (const call of calls) {
      for (const name of answerNames) {
        if (changes.has(name)) continue;
        const seen = new Set<string>();
        for (const value of [true, false, undefined])
          seen.add(outcome(await decide(withAnswer(call, name, value))));
        if (seen.size > 1) changes.add(name);
      }
      if (changes.size === answerNames.length) break;
    }
    expect(answerNames.filter((n) => !changes.has(n))).toEqual([]);
  });

  it('the same call gives the same decision, also when decided concurrently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(callArbitrary, { minLength: 1, maxLength: 20 }), async (calls) => {
        const sequential: Decision[] = [];
        for (const call of calls) sequential.push(await decide(call));
        const concurrent = await Promise.all(calls.map((call) => decide(structuredClone(call))));
        expect(concurrent).toEqual(sequential);
      }),
      { numRuns: 150 },
    );
  });

  it('decisions are well formed: reasons, missing only on the ED, checks only on a pathway', async () => {
    const complete = ['heartRate', 'respiratoryRate', 'systolicBP', 'spo2', 'temperature', 'gcs'];
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        const d = await decide(call);
        expect(d.reasons.length).toBeGreaterThan(0);
        for (const r of d.reasons) expect(r.message.length).toBeGreaterThan(10);
        if (d.disposition === 'emergency_department') expect(d.checks).toEqual([]);
        else expect(d.missing).toEqual([]);
        if (d.missing.length > 0)
          expect([d.disposition, d.acuity]).toEqual(['emergency_department', 'urgent']);
        if (d.disposition !== 'emergency_department') expect(d.acuity).not.toBe('emergency');
        if (d.disposition === 'crisis_centre')
          expect(d.checks.some((c) => c.id === 'crisis-centre-medical-clearance')).toBe(
            complete.some((k) => call.vitals[k as keyof Vitals] === undefined),
          );
        expect(d.ruleSetVersion).toBe(engine.ruleSetVersion);
      }),
      { numRuns: 3_000 },
    );
  });
});
