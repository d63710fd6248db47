import { z } from 'zod';
import { dispositions } from '../../shared/call-schema.js';
import { instant, nullable, type Out } from '../../shared/wire-parts.js';
import { IsoInstant } from '../time/instant-schemas.js';
import type { ReplayJob } from './replay-job-repository.js';

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

// What the replay routes answer: a job and, once done, its report. Checked against the
// type the job repository builds, so the two cannot drift.
const disposition = z.enum(dispositions);
export const ReplayJobSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    requestedBy: nullable(z.string()),
    params: z.object({
      candidateRuleSetVersion: z.string(),
      files: z.array(z.string()),
      from: nullable(z.string()),
      to: nullable(z.string()),
    }),
    progress: z.object({ processed: z.number(), total: z.number() }),
    result: nullable(
      z.object({
        safetyWarnings: z.array(
          z.object({
            callId: z.string(),
            receivedAt: z.string(),
            old: disposition,
            new: disposition,
            reason: z.enum(['transported_ed', 'recontact_72h']),
          }),
        ),
        ruleSetVersion: z.object({ current: z.string(), candidate: z.string() }),
        range: z.object({ from: nullable(z.string()), to: nullable(z.string()) }),
        calls: z.number(),
        changed: z.number(),
        matrix: z.partialRecord(disposition, z.partialRecord(disposition, z.number())),
        changedBy: z.record(z.string(), z.record(z.string(), z.number())),
        projectedDiversion: z.object({ before: z.number(), after: z.number(), change: z.number() }),
      }),
    ),
    error: nullable(z.string()),
    createdAt: instant,
    startedAt: nullable(instant),
    finishedAt: nullable(instant),
  })
  .meta({ id: 'ReplayJob' }) satisfies Out<ReplayJob>;
