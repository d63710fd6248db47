import { z } from 'zod';
import { answerNames } from '../../shared/call-schema.js';
import type { AnswerName } from '../../shared/call-schema.js';

/**
 * Screens the call-taker's free-text notes for red-flag phrases. The phrase list, the negation
 * cues and the clause breaks are data in a rule file (`notesScreen`), so a clinical lead can
 * read and change them like any rule. Negation is NegEx-like (Chapman et al. 2001): a cue
 * ("no", "denies", "not") up to a few words before the phrase, in the same clause, and no
 * pseudo-negation ("not sure", "can't rule out") there, so "denies chest pain" and
 * "not suicidal" do not match but "not sure if she took 30 pills" does.
 */

export const noteSeverities = ['emergency', 'urgent'] as const;
export type NoteSeverity = (typeof noteSeverities)[number];

const PatternSchema = z
  .string()
  .min(2)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid regular expression' },
  );

export const NotesScreenSchema = z.strictObject({
  /** Words a negation may be from the phrase it negates. */
  negationWindowWords: z.number().int().min(1).max(10),
  negations: z.array(z.string().min(1)).min(1),
  pseudoNegations: z.array(z.string().min(1)),
  /** What ends a clause: a negation never reaches across one. */
  clauseBreaks: z.array(z.string().min(1)).min(1),
  phrases: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a phrase id is lower-case-with-dashes'),
        /** A regular expression, matched case-insensitively against the notes. */
        pattern: PatternSchema,
        severity: z.enum(noteSeverities),
        /** The questions to ask again (a match excludes alternates whatever the answers say). */
        ask: z.array(z.enum(answerNames)).min(1),
        /** In words, for the reason: "possible overdose". */
        meaning: z.string().min(3).max(120),
        /**
         * false: the phrase counts even after a negation cue. For phrases that begin with a
         * past-tense verb ("took 30 tablets"), which no cue in the list can negate in English
         * ("did not take" is another phrase), so a cue there belongs to an earlier clause.
         */
        negatable: z.boolean().optional(),
      }),
    )
    .min(1),
});
export type NotesScreenData = z.infer<typeof NotesScreenSchema>;

export interface NotesMatch {
  phrase: string;
  severity: NoteSeverity;
  /** The words of the notes that matched, as typed. */
  quote: string;
  meaning: string;
  ask: AnswerName[];
}

export interface NotesScreen {
  screen(notes: string | undefined): NotesMatch[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Curly quotes and runs of white space as a call-taker's keyboard may type them. */
const normalise = (text: string) => text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' ');

export function compileNotesScreen(data: NotesScreenData): NotesScreen {
  // No "u" flag on the phrases: they are plain ASCII, and with it V8 scans 5-7x slower.
  const phrases = data.phrases.map((p) => ({ ...p, regex: new RegExp(p.pattern, 'gi') }));
  // One pass over the notes to see whether anything can match at all: most notes are clean.
  const any = new RegExp(data.phrases.map((p) => `(?:${p.pattern})`).join('|'), 'i');
  const cue = (words: string[]) =>
    new RegExp(`(?:^|[^\\p{L}'])(?:${words.map(escape).join('|')})(?=$|[^\\p{L}'])`, 'iu');
  const negation = cue(data.negations);
  const pseudo = data.pseudoNegations.length ? cue(data.pseudoNegations) : null;
  const clauseBreak = new RegExp(data.clauseBreaks.map(escape).join('|'), 'gi');

  /** Is the match at `index` negated by what precedes it in its clause? */
  function negated(text: string, index: number): boolean {
    const before = text.slice(0, index);
    let start = 0;
    for (const m of before.matchAll(clauseBreak)) start = m.index + m[0].length;
    const words = before.slice(start).trim().split(' ').filter(Boolean);
    const window = words.slice(-data.negationWindowWords).join(' ');
    if (!negation.test(window)) return false;
    return !(pseudo?.test(window) ?? false);
  }

  return {
    screen(notes) {
      if (!notes) return [];
      const text = normalise(notes);
      if (!any.test(text)) return [];
      const matches: NotesMatch[] = [];
      for (const p of phrases) {
        for (const m of text.matchAll(p.regex)) {
          if (p.negatable !== false && negated(text, m.index)) continue;
          matches.push({
            phrase: p.id,
            severity: p.severity,
            quote: m[0].trim(),
            meaning: p.meaning,
            ask: p.ask,
          });
          break;
        }
      }
      return matches;
    },
  };
}
