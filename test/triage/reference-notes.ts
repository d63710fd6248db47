/**
 * The reference's own reading of the notes, from issue 9 item 8 and the contract ("took 30
 * pills" matches, "denies chest pain" does not), written without the phrase list in rules/.
 * It covers the phrases the test generator writes (call-arbitrary.ts), in plain string terms:
 * a red-flag phrase counts unless "no", "not", "denies", "without" or "never" stands shortly
 * before it in the same clause, and "not sure", "can't rule out" or "doesn't deny" undoes such a
 * negation. A clause ends at punctuation, "but", "and", or a new subject ("he", "she", "they"):
 * "has not eaten and took 30 tablets" negates the eating, not the tablets (the safer reading).
 */

interface Flag {
  find: RegExp;
  emergency: boolean;
  /** Begins with a past-tense verb ("took 30"): no cue before it negates it. */
  unnegatable?: true;
}

const flags: Flag[] = [
  { find: /overdos|(^|\s)od(\s|$)/, emergency: true },
  // "took N pills", but not "took 20 minutes".
  { find: /took (about )?\d{2,} (?!minutes|hours)/, emergency: true, unnegatable: true },
  { find: /took (his|her) whole bottle/, emergency: true, unnegatable: true },
  // A few tablets of an opioid are already too many.
  { find: /took [34] of (his|her) oxycodone/, emergency: true, unnegatable: true },
  { find: /drank antifreeze/, emergency: true, unnegatable: true },
  { find: /lips are blue|blue lips|turned blue/, emergency: true },
  { find: /not breathing|not sure if he's breathing/, emergency: true },
  { find: /chest.pain|chest hurts/, emergency: true },
  { find: /gasping/, emergency: true },
  { find: /unresponsive|can't wake|fainted/, emergency: true },
  { find: /vomiting blood/, emergency: true },
  { find: /swallowed|naloxone|narcan/, emergency: true },
  { find: /drooping|slurred/, emergency: true },
  { find: /knife|gun|weapon/, emergency: false },
  { find: /form 1/, emergency: false },
  { find: /(hit|hitting) (his|her) head/, emergency: false },
  { find: /on the (kitchen )?floor (since|for hours)/, emergency: false },
  { find: /pregnant/, emergency: false },
  { find: /wants to die|suicid|better off dead/, emergency: false },
  { find: /drunk/, emergency: false },
  { find: /confused/, emergency: false },
];

function negated(clause: string, at: number): boolean {
  const words = clause.slice(0, at).trim().split(/\s+/).slice(-5).join(' ');
  if (/not sure|can't rule out|n't deny|not deny/.test(words)) return false;
  return /(^|\s)(no|not|denies|without|never|did not|didn't)(\s|$)/.test(words);
}

export function referenceNotes(notes: string | undefined): { emergency: boolean; urgent: boolean } {
  const found = { emergency: false, urgent: false };
  if (!notes) return found;
  // "O.D." is an abbreviation, not three sentences.
  const text = notes.toLowerCase().replace(/(^|\s)o\.d\./g, '$1od ');
  for (const clause of text.split(/[.,;:!?]| but | and | (?:he|she|they) /)) {
    for (const flag of flags) {
      const m = flag.find.exec(clause);
      if (!m || (!flag.unnegatable && negated(clause, m.index))) continue;
      if (flag.emergency) found.emergency = true;
      else found.urgent = true;
    }
  }
  return found;
}
