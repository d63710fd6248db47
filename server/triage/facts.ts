import { answerNames, complaints } from './call-schema.js';
import type { AnswerName, Call } from './call-schema.js';
import type { News2 } from './decision.js';
import { scoreNews2 } from './news2.js';

/** What a rule may compare a fact with; the rule-file validator checks values against it. */
export type FactKind =
  { type: 'boolean' } | { type: 'number' } | { type: 'enum'; values: readonly string[] };

export const ageBands = ['child', 'adult'] as const;
/** Alternate pathways are for patients 16 or older. */
export const adultFromAge = 16;

const news2PartFacts = {
  respiratoryRate: 'news2RespiratoryRate',
  spo2: 'news2Spo2',
  oxygen: 'news2Oxygen',
  systolicBP: 'news2SystolicBP',
  heartRate: 'news2HeartRate',
  gcs: 'news2Gcs',
  temperature: 'news2Temperature',
} as const;

const vitalNames = [
  'heartRate',
  'respiratoryRate',
  'systolicBP',
  'spo2',
  'temperature',
  'gcs',
  'bloodGlucose',
] as const;

// Built once: deriveFacts runs for every call, a million times in a what-if replay.
const missingCountFacts = new Map<string, string>();
const news2PartEntries = Object.entries(news2PartFacts) as [keyof typeof news2PartFacts, string][];

/** Fact id holding how many answers of the named key-answer set are absent. */
export function missingCountFact(setName: string): string {
  let fact = missingCountFacts.get(setName);
  if (fact === undefined) {
    fact = `missingFor${setName.charAt(0).toUpperCase()}${setName.slice(1)}`;
    missingCountFacts.set(setName, fact);
  }
  return fact;
}

/** Every fact a rule may name, given the key-answer sets the rule files declare. */
export function factCatalog(keyAnswerSets: Iterable<string>): Map<string, FactKind> {
  const catalog = new Map<string, FactKind>();
  catalog.set('complaint', { type: 'enum', values: complaints });
  catalog.set('age', { type: 'number' });
  catalog.set('ageBand', { type: 'enum', values: ageBands });
  for (const name of answerNames) catalog.set(name, { type: 'boolean' });
  for (const name of vitalNames) catalog.set(name, { type: 'number' });
  catalog.set('news2Score', { type: 'number' });
  catalog.set('news2MaxPart', { type: 'number' });
  for (const fact of Object.values(news2PartFacts)) catalog.set(fact, { type: 'number' });
  for (const setName of keyAnswerSets) catalog.set(missingCountFact(setName), { type: 'number' });
  return catalog;
}

export type FactValue = string | number | boolean;

export interface DerivedFacts {
  /** Flat facts for json-rules-engine; an absent answer or vital is left out (undefined). */
  facts: Record<string, FactValue>;
  news2: News2;
  /** Absent answers per key-answer set, in the set's own order. */
  missingBySet: Map<string, AnswerName[]>;
}

/** Computes every derived fact once per call, before the rules run. */
export function deriveFacts(
  call: Call,
  keyAnswerSets: ReadonlyMap<string, readonly AnswerName[]>,
): DerivedFacts {
  // A prototype-less dictionary: which facts are present differs from call to call, and an
  // ordinary object would get a new hidden class for nearly every combination (3x slower).
  const facts = Object.create(null) as Record<string, FactValue>;
  facts.complaint = call.complaint;
  facts.age = call.patient.age;
  facts.ageBand = call.patient.age < adultFromAge ? 'child' : 'adult';
  const answers = call.answers;
  for (const name of answerNames) {
    const value = answers[name];
    if (value !== undefined) facts[name] = value;
  }
  for (const name of vitalNames) {
    const value = call.vitals[name];
    if (value !== undefined) facts[name] = value;
  }

  const news2 = scoreNews2(call.vitals, answers);
  facts.news2Score = news2.score;
  let maxPart = 0;
  for (const [part, factId] of news2PartEntries) {
    const score = news2.parts[part];
    if (score === undefined) continue;
    facts[factId] = score;
    if (score > maxPart) maxPart = score;
  }
  facts.news2MaxPart = maxPart;

  const missingBySet = new Map<string, AnswerName[]>();
  for (const [setName, needed] of keyAnswerSets) {
    const missing: AnswerName[] = [];
    for (const name of needed) if (answers[name] === undefined) missing.push(name);
    missingBySet.set(setName, missing);
    facts[missingCountFact(setName)] = missing.length;
  }
  return { facts, news2, missingBySet };
}
