// zod fields whose errors are sentences a call-taker can act on ("Heart rate must be between
// 0 and 300 /min"), not zod's defaults ("Too big: expected number to be <=300"). The server's
// 400s and the browser's own checks parse with the same schemas, so they say the same words.
import * as z from 'zod';

const missing = (input: unknown) => input === undefined || input === null;

/** A number from `min` to `max` (a whole one when `whole`), named `label` in every error. */
export function numberBetween(
  label: string,
  min: number,
  max: number,
  options: { unit?: string; whole?: boolean } = {},
) {
  const range = `${label} must be between ${min} and ${max}${options.unit ? ` ${options.unit}` : ''}`;
  const base = z
    .number({
      error: (issue) =>
        missing(issue.input) ? `${label} is required` : `${label} must be a number`,
    })
    .min(min, { error: range })
    .max(max, { error: range });
  return options.whole ? base.int({ error: `${label} must be a whole number` }) : base;
}

/** Text of at most `max` characters (at least one when given). */
export function textUpTo(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .min(1, { error: `${label} is empty` })
    .max(max, { error: `${label} must be at most ${max} characters` });
}

/** One of `values`; `choose` is what a person is asked to do when it is missing or unknown. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, choose: string) {
  return z.enum(values, { error: choose });
}
