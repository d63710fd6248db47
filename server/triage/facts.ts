import { answerNames, complaints } from '../../shared/call-schema.js';
import type { AnswerName, Call, Vitals } from '../../shared/call-schema.js';
import type { News2 } from '../../shared/decision.js';
import { scoreNews2 } from './news2.js';
import type { NotesMatch, NotesScreen } from './notes-screen.js';
import { completeVitalSet, sepsisScreen } from './sepsis-and-clearance.js';

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

/** Derived facts that read answers, for `rules:check`'s report of what each rule reads. */
const derivedReads: Record<string, readonly AnswerName[]> = {
  news2Score: ['onOxygen', 'spo2Scale2', 'newConfusion'],
  news2MaxPart: ['onOxygen', 'spo2Scale2', 'newConfusion'],
  news2Spo2: ['spo2Scale2', 'onOxygen'],
  news2Oxygen: ['onOxygen'],
  news2Gcs: ['newConfusion'],
  suspectedInfection: ['fever'],
  sepsisCriteria: ['newConfusion'],
};

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
  catalog.set('suspectedInfection', { type: 'boolean' });
  catalog.set('sepsisCriteria', { type: 'number' });
  catalog.set('vitalSignsMissing', { type: 'number' });
  catalog.set('notesEmergencyPhrases', { type: 'number' });
  catalog.set('notesUrgentPhrases', { type: 'number' });
  return catalog;
}

/** The answers a fact reads: itself, a key-answer set's members, or a derived fact's inputs. */
export function answersReadBy(
  fact: string,
  context: {
    keyAnswerSets: ReadonlyMap<string, readonly AnswerName[]>;
    notesAsks: Readonly<Record<'emergency' | 'urgent', readonly AnswerName[]>>;
  },
): readonly AnswerName[] {
  if ((answerNames as readonly string[]).includes(fact)) return [fact as AnswerName];
  for (const [setName, answers] of context.keyAnswerSets)
    if (missingCountFact(setName) === fact) return answers;
  if (fact === 'notesEmergencyPhrases') return context.notesAsks.emergency;
  if (fact === 'notesUrgentPhrases') return context.notesAsks.urgent;
  return derivedReads[fact] ?? [];
}

/** What deriving facts needs from the rule set besides the call. */
export interface FactContext {
  keyAnswerSets: ReadonlyMap<string, readonly AnswerName[]>;
  notesScreen: NotesScreen | null;
}

export type FactValue = string | number | boolean;

export interface DerivedFacts {
  /** Flat facts for json-rules-engine; an absent answer or vital is undefined. */
  facts: Record<string, FactValue | undefined>;
  news2: News2;
  /** The absent answers of a key-answer set, in the set's own order. */
  missingFor(setName: string): AnswerName[];
  /** The vital signs of a complete set (medical clearance) not yet measured. */
  missingVitals: (keyof Vitals)[];
  /** Red-flag phrases found in the notes, not negated. */
  notes: NotesMatch[];
}

/** Computes every derived fact once per call, before the rules run. */
export function deriveFacts(call: Call, context: FactContext): DerivedFacts {
  // Every fact is assigned on every call, in the same order (undefined when absent), so that
  // all fact objects share one shape: assigning only what is present gave nearly every call
  // its own hidden class. json-rules-engine reads an undefined fact as an absent one.
  const facts = {} as Record<string, FactValue | undefined>;
  facts.complaint = call.complaint;
  facts.age = call.patient.age;
  facts.ageBand = call.patient.age < adultFromAge ? 'child' : 'adult';
  const answers = call.answers;
  for (const name of answerNames) facts[name] = answers[name];
  for (const name of vitalNames) facts[name] = call.vitals[name];

  const news2 = scoreNews2(call.vitals, answers);
  facts.news2Score = news2.score;
  let maxPart = 0;
  for (const [part, factId] of news2PartEntries) {
    const score = news2.parts[part];
    facts[factId] = score;
    if (score !== undefined && score > maxPart) maxPart = score;
  }
  facts.news2MaxPart = maxPart;

  const sepsis = sepsisScreen(call.vitals, answers);
  facts.suspectedInfection = sepsis.suspectedInfection;
  facts.sepsisCriteria = sepsis.criteria;
  const missingVitals = completeVitalSet.filter((name) => call.vitals[name] === undefined);
  facts.vitalSignsMissing = missingVitals.length;
  const notes = context.notesScreen?.screen(call.notes) ?? [];
  let emergency = 0;
  for (const match of notes) if (match.severity === 'emergency') emergency += 1;
  facts.notesEmergencyPhrases = emergency;
  facts.notesUrgentPhrases = notes.length - emergency;

  // Only the counts are facts; the lists are wanted only when a missing-answers rule decides.
  for (const [setName, needed] of context.keyAnswerSets) {
    let count = 0;
    for (const name of needed) if (answers[name] === undefined) count += 1;
    facts[missingCountFact(setName)] = count;
  }
  const missingFor = (setName: string): AnswerName[] =>
    (context.keyAnswerSets.get(setName) ?? []).filter((name) => answers[name] === undefined);
  return { facts, news2, missingFor, missingVitals, notes };
}
