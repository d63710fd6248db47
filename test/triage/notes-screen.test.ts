/** The notes' red-flag phrases and their negations (issue 9 item 8), on the rule files' list. */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRulesDir } from '../../server/triage/engine.js';
import type { NotesScreen } from '../../server/triage/notes-screen.js';
import { loadRuleSet } from '../../server/triage/rule-files.js';

let screen: NotesScreen;
beforeAll(async () => {
  const ruleSet = await loadRuleSet(defaultRulesDir);
  if (!ruleSet.notesScreen) throw new Error('no notes screen in rules/');
  screen = ruleSet.notesScreen;
});
const found = (text: string) => screen.screen(text).map((m) => m.phrase);

const matches: [string, string][] = [
  ['Took about 30 paracetamol an hour ago', 'took-many-pills'],
  ['took 12 of her sleeping tablets', 'took-many-pills'],
  ['she took a whole bottle of pills', 'took-many-pills'],
  ['swallowed all of her tablets', 'took-many-pills'],
  ['took too many of his pills', 'too-many-pills'],
  ['swallowed some bleach', 'swallowed-named-drug'],
  ['overdosed on heroin', 'overdose'],
  ['possible OD', 'overdose'],
  ['friend gave Narcan', 'naloxone-given'],
  ['he is not breathing', 'not-breathing'],
  ['stopped breathing for a bit', 'not-breathing'],
  ["can't breathe", 'cannot-breathe'],
  ['short of breath walking to the door', 'cannot-breathe'],
  ['her lips are blue', 'blue-lips'],
  ['blue lips and cold', 'blue-lips'],
  ['Chest pain since lunch', 'chest-pain'],
  ['pain in his chest', 'chest-pain'],
  ['found unresponsive', 'unresponsive'],
  ["won't wake up", 'unresponsive'],
  ['bleeding heavily from the leg', 'severe-bleeding'],
  ['face drooping on the left', 'stroke-signs'],
  ['slurred speech since noon', 'stroke-signs'],
  ['he is fitting now', 'seizure-now'],
  ['throat is closing', 'anaphylaxis'],
  ['cut her wrists', 'self-harm-now'],
  ['hit his head on the sink', 'head-injury'],
  ['banged her head', 'head-injury'],
  ['on the floor since last night', 'long-lie'],
  ['been down for 3 hours', 'long-lie'],
  ['found on the floor by carer', 'long-lie'],
  ['broken hip probably', 'fall-injury'],
  ["can't bear weight", 'fall-injury'],
  ['she is pregnant', 'pregnant'],
  ['feels suicidal', 'suicidal'],
  ['wants to kill himself', 'suicidal'],
  ['has a plan to jump', 'suicide-plan'],
  ['holding a knife', 'weapon'],
  ['very aggressive with staff', 'violent'],
  ['wants to hurt his brother', 'homicidal'],
  ['drunk and shouting', 'intoxicated'],
  ['confused since this morning', 'new-confusion'],
  ['not himself today', 'new-confusion'],
  ['police have a Form 1', 'apprehension'],
  ['Not sure if she took 30 pills', 'took-many-pills'],
  ["can't rule out an overdose", 'overdose'],
  ['No chest pain, but lips are blue', 'blue-lips'],
  ['denies fever. Chest pain now', 'chest-pain'],
  ['Chest\u2019s fine; he hit   his head', 'head-injury'],
  // A negation stops at "and", "then" or a new subject, and "doesn't deny" undoes it.
  ['has not eaten today and took 30 tablets', 'took-many-pills'],
  ['does not want the ED he took 30 pills', 'took-many-pills'],
  ['not eating, not sleeping and wants to die', 'suicidal'],
  ["doesn't deny being suicidal", 'suicidal'],
  ['not denying suicidal thoughts', 'suicidal'],
  ['no one around on the floor since 6am', 'long-lie'],
  ['says no to hospital wants to die', 'suicidal'],
  ['nobody home she took 30 pills', 'took-many-pills'],
  // Variants of the listed phrases.
  ['o.d. on heroin', 'overdose'],
  ['possible O.D.', 'overdose'],
  ["OD'd on her meds", 'overdose'],
  ['Chest-pain since morning', 'chest-pain'],
  ['drank antifreeze', 'poison-ingested'],
  ['took her whole bottle of pills', 'took-many-pills'],
  ['took several tablets', 'took-many-pills'],
  ['took 30x paracetamol', 'took-many-pills'],
  ['used fentanyl and went blue', 'blue-lips'],
  ['lying on the floor for hours', 'long-lie'],
  ['on the kitchen floor since yesterday', 'long-lie'],
  ['on floor since 3am', 'long-lie'],
  ['thoughts of suicide', 'suicidal'],
  ['wants to end it all', 'suicidal'],
  ['says he would be better off dead', 'suicidal'],
  ["doesn't want to live anymore", 'suicidal'],
  ['fell hitting her head', 'head-injury'],
  ['bleeding from his head', 'head-injury'],
  ['gasping', 'cannot-breathe'],
  ['breathing funny since lunch', 'cannot-breathe'],
  ['blue around the lips', 'blue-lips'],
  ['his chest hurts', 'chest-pain'],
  ['tight chest since this morning', 'chest-pain'],
  ['thinks he is having a heart attack', 'chest-pain'],
  ["can't wake her", 'unresponsive'],
  ['fainted in the kitchen', 'unresponsive'],
  ['blacked out for a minute', 'unresponsive'],
  ['looks like a stroke', 'stroke-signs'],
  ['vomiting blood', 'severe-bleeding'],
  ['coughing up blood', 'severe-bleeding'],
  // A caller who cannot say whether the patient breathes or is awake (MPDS case entry: unknown).
  ["not sure if he's breathing", 'not-breathing'],
  ["can't tell whether she is breathing", 'not-breathing'],
  ["doesn't know if he is conscious", 'unresponsive'],
  // Three or four tablets of an opioid, a sedative, a tricyclic, lithium or digoxin.
  ['took 4 oxycodone', 'took-several-dangerous-pills'],
  ['took three of her sleeping pills', 'took-several-dangerous-pills'],
  ['swallowed 3 lorazepam', 'took-several-dangerous-pills'],
  // "Took" cannot be negated ("did not take" is another phrase): a cue before it is another clause.
  ['caller requests no lights or sirens took 30 pills', 'took-many-pills'],
  ['no answer for hours swallowed bleach', 'poison-ingested'],
  ['not coping drank antifreeze', 'poison-ingested'],
];
const clean = [
  'Denies chest pain',
  'No chest pain or shortness of breath',
  'not suicidal',
  'Not suicidal, no plan',
  'denied any overdose',
  'Did not hit his head',
  "didn't hit her head",
  'no head injury',
  'never pregnant',
  'not pregnant',
  'negative for chest pain',
  'without chest pain',
  'No overdose suspected by family',
  'Building buzzer broken, meet at side door',
  'Took his usual tablets this morning',
  'Took 2 paracetamol for a headache',
  'Denies any thoughts of suicide',
  'no thoughts of suicide',
  'The ambulance took 20 minutes last time',
  'took 10 minutes to get to the door',
  'had a heart attack in 2019',
  'took 2 oxycodone for the pain',
  'took 3 paracetamol',
  'history of stroke',
  'denies vomiting blood',
  'Caller requests no lights or sirens',
  'Patient known to the mental health team',
  '',
];

describe('notes screen', () => {
  it.each(matches)('"%s" matches %s', (text, phrase) => {
    expect(found(text)).toContain(phrase);
  });

  it.each(clean.map((t) => [t]))('"%s" matches nothing', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('quotes the words as typed and names the question to ask again', () => {
    const [match] = screen.screen('Daughter says he TOOK ABOUT 30 paracetamol');
    expect(match).toMatchObject({
      quote: 'TOOK ABOUT 30',
      ask: ['overdoseSuspected'],
      severity: 'emergency',
    });
  });
});
