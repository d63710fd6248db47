/**
 * A small hand-built history with known replay answers, and a candidate rule set that lets a
 * fall with an injury go to a home visit (today: the emergency department).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { buildChestPainCall, buildCrisisCall, buildFallCall } from '../support/calls.js';

const rulesDir = path.resolve(import.meta.dirname, '../../rules');

interface RuleJson {
  id: string;
  conditions: { all?: Array<{ fact?: string }> };
}

/** The current rule files, as an upload body's `files`, with the fall-injury exclusion lifted. */
export function candidateRuleFiles(): Record<string, { rules: RuleJson[] }> {
  const files: Record<string, { rules: RuleJson[] }> = {};
  for (const name of readdirSync(rulesDir)
    .filter((n) => n.endsWith('.json'))
    .sort())
    files[name] = JSON.parse(readFileSync(path.join(rulesDir, name), 'utf8')) as {
      rules: RuleJson[];
    };
  const exclusions = files['03-exclusions.json']!;
  exclusions.rules = exclusions.rules.filter((r) => r.id !== 'no-alternate-injury-from-fall');
  const fallHomeVisit = files['05-pathways.json']!.rules.find((r) => r.id === 'fall-home-visit')!;
  fallHomeVisit.conditions.all = fallHomeVisit.conditions.all!.filter(
    (c) => c.fact !== 'injuryFromFall',
  );
  return files;
}

const hours = (n: number) => n * 3_600_000;
const at = (iso: string, plusHours = 0) =>
  new Date(Date.parse(iso) + hours(plusHours)).toISOString();

export interface ReplayHistory {
  ids: Record<
    | 'transported'
    | 'recontacted'
    | 'recontactCall'
    | 'late'
    | 'lateCall'
    | 'keyless'
    | 'keylessCall'
    | 'crisisTransported',
    string
  >;
}

/**
 * Eight calls: four injured falls (ED today, home visit with the candidate), two crisis calls
 * (unchanged) and two chest pains (ED either way). Attendances are written straight to the
 * assignments table: the replay only reads them.
 */
export async function buildReplayHistory(app: TestApp): Promise<ReplayHistory> {
  const dispatcher = await app.as('dispatcher');
  const injuredFall = (receivedAt: string, key?: string) =>
    buildFallCall({
      receivedAt,
      patient: key ? { age: 81, sex: 'male', key } : { age: 81, sex: 'male' },
      answers: { ...buildFallCall().answers, injuryFromFall: true },
    });
  // A live intake cannot be back-dated by more than a day: take each call now,
  // then move it to its place in this history, as if it had been taken then.
  const create = async (given: object) => {
    const { receivedAt, ...call } = given as { receivedAt: string };
    const res = await dispatcher('POST', '/api/calls', call);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    await app.server.db.query.raw(
      `update calls set received_at = ?, input = jsonb_set(input, '{receivedAt}', to_jsonb(?::text))
       where id = ?`,
      [receivedAt, receivedAt, id],
    );
    return id;
  };
  const t = '2026-03-02T10:00:00.000Z';
  const ids = {
    transported: await create(injuredFall(at(t, 0), 'p-transported')),
    recontacted: await create(injuredFall(at(t, 1), 'p-recontact')),
    // Completed 2 h after it was received (below); the patient calls again 71 h after that.
    recontactCall: await create(
      buildCrisisCall({ receivedAt: at(t, 1 + 2 + 71), patient: { age: 81, key: 'p-recontact' } }),
    ),
    late: await create(injuredFall(at(t, 2), 'p-late')),
    lateCall: await create(
      buildChestPainCall({ receivedAt: at(t, 2 + 2 + 73), patient: { age: 81, key: 'p-late' } }),
    ),
    keyless: await create(injuredFall(at(t, 3))),
    keylessCall: await create(
      buildChestPainCall({ receivedAt: at(t, 3 + 2 + 1), patient: { age: 81 } }),
    ),
    crisisTransported: await create(
      buildCrisisCall({ receivedAt: at(t, 4), patient: { age: 34, key: 'p-crisis' } }),
    ),
  };

  const db = app.server.db.query;
  const unit = await db('units').first<{ id: string }>('id');
  const attended = async (callId: string, receivedHour: number, outcome: string) =>
    db('assignments').insert({
      call_id: callId,
      unit_id: unit!.id,
      disposition: 'home_visit',
      status: 'completed',
      outcome,
      offered_at: at(t, receivedHour),
      completed_at: at(t, receivedHour + 2),
    });
  await attended(ids.transported, 0, 'transported_ed');
  await attended(ids.recontacted, 1, 'treated_in_place');
  await attended(ids.late, 2, 'treated_in_place');
  await attended(ids.keyless, 3, 'treated_in_place');
  await attended(ids.crisisTransported, 4, 'transported_ed');
  return { ids };
}
