import { z } from 'zod';

/**
 * A query parameter that lists values from a fixed set, comma-separated
 * (`?status=pending,offered`): blanks are dropped, so `?status=` is an empty list,
 * which the list queries read as "no filter". A value outside the set is a 400
 * naming the parameter and what it may hold.
 */
export const commaSeparated = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: `must be ${what}: ${values.join(', ')}` })));

/** How many rows a list answers: 200 unless asked, at most 500. */
export const listLimit = z.coerce.number().int().min(1).max(500).default(200);
