import { z } from 'zod';
import { IsoInstant } from '../time/instant-schemas.js';

const fromBeforeTo = (w: { from?: Date; to?: Date }) => !w.from || !w.to || w.from < w.to;
const fromBeforeToMessage = { message: '"from" must be before "to"', path: ['to'] };

export const ReplayWindowSchema = z
  .strictObject({ from: IsoInstant.optional(), to: IsoInstant.optional() })
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
    from: IsoInstant.optional(),
    to: IsoInstant.optional(),
  })
  .refine(fromBeforeTo, fromBeforeToMessage);

export const ReplayJobParams = z.strictObject({ id: z.uuid() });
