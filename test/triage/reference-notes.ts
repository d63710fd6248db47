/**
 * The reference's own reading of the notes, from issue 9 item 8 and the contract ("took 30
 * pills" matches, "denies chest pain" does not), written without the phrase list in rules/.
 * It covers the phrases the test generator writes (call-arbitrary.ts), in plain string terms:
 * a red-flag phrase counts unless "no", "not", "denies", "without" or "never" stands shortly
 * before it in the same clause, and "not sure" or "can't rule out" undoes such a negation.
 */

interface Flag {
  find: RegExp;
  emergency: boolean;
}

const flags: Flag[] = [
  { find: /overdos/, emergency: true },
  { find: /took (about )?\d{2,} /, emergency: true },
  { find: /lips are blue|blue lips/, emergency: true },
  { find: /not breathing/, emergency: true },
  { find: /chest pain/, emergency: true },
  { find: /unresponsive/, emergency: true },
  { find: /swallowed|naloxone|narcan/, emergency: true },
  { find: /drooping|slurred/, emergency: true },
  { find: /knife|gun|weapon/, emergency: false },
  { find: /form 1/, emergency: false },
  { find: /hit (his|her) head/, emergency: false },
  { find: /on the floor since/, emergency: false },
  { find: /pregnant/, emergency: false },
  { find: /wants to die|suicidal/, emergency: false },
  { find: /drunk/, emergency: false },
  { find: /confused/, emergency: false },
];

function negated(clause: string, at: number): boolean {
  const words = clause.slice(0, at).trim().split(/\s+/).slice(-5).join(' ');
  if (/not sure|can't rule out/.test(words)) return false;
  return /(^|\s)(no|not|denies|without|never|did not|didn't)(\s|$)/.test(words);
}

export function referenceNotes(notes: string | undefined): { emergency: boolean; urgent: boolean } {
  const found = { emergency: false, urgent: false };
  if (!notes) return found;
  for (const clause of notes.toLowerCase().split(/[.,;:!?]| but /)) {
    for (const flag of flags) {
      const m = flag.find.exec(clause);
      if (!m || negated(clause, m.index)) continue;
      if (flag.emergency) found.emergency = true;
      else found.urgent = true;
    }
  }
  return found;
}
