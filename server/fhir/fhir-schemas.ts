import { z } from 'zod';
import { commaSeparated } from '../http/query-lists.js';
import { destinationTypes } from '../../shared/directory.js';
import { referralStatuses, rejectReasons } from '../../shared/referrals.js';
import { codeSystems } from './fhir-codes.js';

// What a partner's system sends, parsed at the edge. Errors name the parameter
// or the element, in words.

const format = z
  .enum(['json', 'application/json', 'application/fhir+json'], {
    error: 'only JSON is served: use json or application/fhir+json',
  })
  .optional();

/** A logical id as FHIR allows it; altpath's are UUIDs, so any other is simply not found. */
export const FhirIdParams = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id: letters, digits, "-" and ".", at most 64'),
});

export const ReadQuery = z.strictObject({ _format: format });

export const HealthcareServiceSearch = z.strictObject({
  _format: format,
  _id: z.string().optional(),
  active: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  'service-type': commaSeparated(destinationTypes, 'among the site types').optional(),
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TaskSearch = z.strictObject({
  _format: format,
  owner: z
    .string()
    .transform((s) => s.trim().replace(/^HealthcareService\//, ''))
    .refine((id) => uuid.test(id), 'must name a site: HealthcareService/<id> or its id')
    .optional(),
  status: commaSeparated(referralStatuses, 'among the Task statuses').optional(),
  _count: z.coerce
    .number({ error: 'must be a whole number from 1 to 500' })
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be a whole number from 1 to 500')
    .max(500, 'must be a whole number from 1 to 500')
    .default(100),
});

// RFC 6902 JSON Patch: the body FHIR R4 defines for PATCH in JSON.
const pointer = z
  .string({ error: 'must be a JSON Pointer such as /status' })
  .regex(/^(\/([^~/]|~[01])*)*$/, 'must be a JSON Pointer such as /status')
  .refine(
    (p) => !p.split('/').some((s) => s === '__proto__' || s === 'constructor'),
    'names no element of a Task',
  );
const value = z.json({ error: 'is required: the JSON value the operation uses' });
const JsonPatchOperation = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('add'), path: pointer, value }),
    z.strictObject({ op: z.literal('replace'), path: pointer, value }),
    z.strictObject({ op: z.literal('test'), path: pointer, value }),
    z.strictObject({ op: z.literal('remove'), path: pointer }),
    z.strictObject({ op: z.literal('move'), from: pointer, path: pointer }),
    z.strictObject({ op: z.literal('copy'), from: pointer, path: pointer }),
  ],
  { error: 'must be one of add, remove, replace, move, copy, test' },
);
export const JsonPatchSchema = z
  .array(JsonPatchOperation, { error: 'must be a JSON Patch: an array of operations' })
  .min(1, 'must hold at least one operation')
  .max(20, 'must hold at most 20 operations')
  .meta({
    id: 'JsonPatch',
    description: 'RFC 6902 JSON Patch, e.g. [{"op":"replace","path":"/status","value":"accepted"}]',
  });
export type JsonPatch = z.infer<typeof JsonPatchSchema>;

const note = z
  .string({ error: 'must be text' })
  .trim()
  .min(3, 'must say why, in at least 3 characters')
  .max(500, 'must be at most 500 characters')
  // PostgreSQL text holds no NUL; other control characters but line breaks are noise.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must be plain text');

const reasonsList = rejectReasons.join(', ');
const RejectReasonConcept = z
  .looseObject(
    {
      coding: z.array(
        z.looseObject({ system: z.string().optional(), code: z.string().optional() }),
        { error: `must list a coding of ${codeSystems.rejectReason}` },
      ),
      text: note.optional(),
    },
    { error: `is required to reject: a coding of ${codeSystems.rejectReason} (${reasonsList})` },
  )
  .transform((concept, ctx) => {
    const ours = concept.coding.find((c) => c.system === codeSystems.rejectReason);
    const reason = rejectReasons.find((r) => r === ours?.code);
    if (!reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['coding'],
        message: `must hold a code of ${codeSystems.rejectReason}: one of ${reasonsList}`,
      });
      return z.NEVER;
    }
    return { reason, note: concept.text };
  });

/**
 * The Task after the patch: what a site may make of it through FHIR. Arrival and
 * outcome stay on the partner board, where the handover time is taken.
 */
export const PatchedTaskSchema = z.discriminatedUnion(
  'status',
  [
    z.looseObject({
      status: z.literal('accepted'),
      statusReason: z.never({ error: 'is only given when rejecting' }).optional(),
    }),
    z.looseObject({ status: z.literal('rejected'), statusReason: RejectReasonConcept }),
  ],
  {
    error:
      'can become accepted or rejected through FHIR (arrival and outcome are recorded on the partner board)',
  },
);
