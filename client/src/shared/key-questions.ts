// The questions to ask first for each complaint (rule set v2's key answers and the ones that
// can close its pathway), in the order a call-taker asks them. Only the order on screen comes
// from here: the server's decision (its `missing` list) says what is still needed.
import type { AnswerName, Complaint } from './contract.js';

const universal: AnswerName[] = ['conscious', 'breathingNormally', 'chestPain'];
const consent: AnswerName[] = ['consentsToAlternate'];
const crisis: AnswerName[] = [
  'suicidalIdeation',
  'suicidePlan',
  'suicideAttempt',
  'homicidalIdeation',
  'weaponsPresent',
  'violent',
  'overdoseSuspected',
  'intoxicated',
  'mentalHealthActApprehension',
  'fever',
  'newConfusion',
];
const injury: AnswerName[] = ['injuryFromFall', 'headInjury', 'onAnticoagulants', 'longLie'];

const byComplaint: Partial<Record<Complaint, AnswerName[]>> = {
  mental_health: crisis,
  substance_use: crisis,
  fall: [...injury, 'unableToGetUp', 'hasSupportAtHome', 'newConfusion'],
  chronic_condition: ['ambulatory', 'unableToGetUp', 'fever', 'onOxygen', 'newConfusion'],
  minor_illness: ['fever', 'newConfusion', 'pregnant'],
  minor_injury: ['severeBleeding', 'headInjury', 'injuryFromFall', 'onAnticoagulants'],
  medication_issue: ['overdoseSuspected', 'onAnticoagulants', 'newConfusion'],
  palliative: ['newConfusion', 'unableToGetUp', 'hasSupportAtHome'],
  welfare_check: ['newConfusion', 'unableToGetUp', 'headInjury', 'longLie', 'hasSupportAtHome'],
};

export function keyQuestionsFor(complaint: Complaint): AnswerName[] {
  const specific = byComplaint[complaint];
  if (!specific) return universal;
  return [...new Set([...universal, ...specific, ...consent])];
}
