import { z } from 'zod';

/** A point in time from outside: an ISO date (`2026-01-01`, midnight UTC) or date-time with offset. */
export const InstantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'must be an ISO 8601 date or date-time, e.g. 2026-01-01 or 2026-01-01T00:00:00Z',
  })
  .transform((text) => new Date(text));

const fromBeforeTo = (w: { from?: Date; to?: Date }) => !w.from || !w.to || w.from < w.to;
const fromBeforeToMessage = { message: '"from" must be before "to"', path: ['to'] };

export const ReplayWindowSchema = z
  .strictObject({ from: InstantSchema.optional(), to: InstantSchema.optional() })
  .refine(fromBeforeTo, fromBeforeToMessage);

/** Candidate rule files as uploaded: file name → the file's JSON content, checked at load. */
export const CandidateRuleFilesSchema = z.record(
  z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\.json$/,
      'a rule file name is like "05-pathways.json"',
    ),
  z.record(z.string(), z.unknown()),
);

export const ReplayRequestSchema = z
  .strictObject({
    rules: z.strictObject({
      files: CandidateRuleFilesSchema.refine(
        (files) => Object.keys(files).length > 0,
        'at least one rule file',
      ),
    }),
    from: InstantSchema.optional(),
    to: InstantSchema.optional(),
  })
  .refine(fromBeforeTo, fromBeforeToMessage);

export const ReplayJobParams = z.strictObject({ id: z.uuid() });
