import { z } from 'zod';

// Pieces the answer schemas in shared/ are built from. No imports from server/: the
// browser bundles these too.

/**
 * A schema whose parsed value is a `T`: `schema satisfies Out<CallView>` fails `tsc` when a
 * field is added to the view and not to the schema, or is typed differently.
 */
export type Out<T> = z.ZodType<T, unknown>;

/** A moment as the API writes it: ISO 8601 with its offset. */
export const instant = z.iso.datetime({ offset: true });

export const nullable = <S extends z.ZodType>(s: S) => s.nullable();

export const point = z.object({ lat: z.number(), lng: z.number() });
