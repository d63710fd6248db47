/**
 * The v2 properties would have caught rule set v1 (issue 9): run against a copy of v1's rule
 * files (test/triage/rules-v1, also the replay baseline), each finds a counterexample.
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { complaints } from '../../shared/call-schema.js';
import type { AnswerName, Call } from '../../shared/call-schema.js';
import { answersReadByRules } from '../../server/triage/answers-read.js';
import { triageEngineFor } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import { loadRuleSet } from '../../server/triage/rule-files.js';
import type { RuleSet } from '../../server/triage/rule-files.js';
import { callArbitrary } from './call-arbitrary.js';

const v1Dir = path.join(import.meta.dirname, 'rules-v1');
let v1: RuleSet;
let engine: TriageEngine;
beforeAll(async () => {
  v1 = await loadRuleSet(v1Dir);
  engine = triageEngineFor(v1);
});

const set = (call: Call, name: AnswerName, value: boolean): Call => ({
  ...call,
  answers: { ...call.answers, [name]: value },
});

describe('rule set v1 fails the v2 properties', () => {
  it('an exclusion answer does not exclude on every complaint (head injury on a welfare check)', async () => {
    const result = await fc.check(
      fc.asyncProperty(
        callArbitrary,
        fc.constantFrom(...complaints),
        fc.constantFrom<AnswerName>('headInjury', 'longLie', 'injuryFromFall', 'pregnant'),
        async (call, complaint, name) =>
          (await engine.decide(set({ ...call, complaint }, name, true))).disposition ===
          'emergency_department',
      ),
      { numRuns: 2_000, seed: 1 },
    );
    expect(result.failed).toBe(true);
  });

  it('collects answers that change no decision (every answer must be able to)', async () => {
    const ignored: AnswerName[] = [];
    const calls = fc.sample(callArbitrary, { numRuns: 1_500, seed: 9 });
    for (const name of ['fever', 'pregnant', 'unableToGetUp', 'hasSupportAtHome'] as AnswerName[]) {
      let changes = false;
      for (const call of calls) {
        const a = await engine.decide(set(call, name, true));
        const b = await engine.decide(set(call, name, false));
        if (a.disposition !== b.disposition || a.acuity !== b.acuity) changes = true;
        if (changes) break;
      }
      if (!changes) ignored.push(name);
    }
    expect(ignored).toEqual(['fever', 'pregnant', 'unableToGetUp', 'hasSupportAtHome']);
  });

  it('leaves answers unread, which rules:check reports', () => {
    expect(answersReadByRules(v1).unread).toEqual(
      expect.arrayContaining([
        'suicidalIdeation',
        'onAnticoagulants',
        'pregnant',
        'fever',
        'unableToGetUp',
        'hasSupportAtHome',
      ]),
    );
  });
});
