import { z } from 'zod';
import { IsoDateTimeText } from '../time/instant-schemas.js';
import { unitSkills } from '../../shared/unit-skills.js';

const Id = z.uuid('must be a UUID');
export const UnitParams = z.strictObject({ id: Id });

const CallSign = z
  .string({ error: 'must be text' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9 -]{0,19}$/, 'must be 1-20 letters, digits, spaces or dashes');

const Skills = z
  .array(z.enum(unitSkills, { error: `must be one of ${unitSkills.join(', ')}` }), {
    error: 'must be a list of skills',
  })
  .max(unitSkills.length, 'lists a skill more than once')
  .refine((skills) => new Set(skills).size === skills.length, 'lists a skill more than once');

const Latitude = z
  .number({ error: 'must be a number' })
  .min(-90, 'must be between -90 and 90')
  .max(90, 'must be between -90 and 90');
const Longitude = z
  .number({ error: 'must be a number' })
  .min(-180, 'must be between -180 and 180')
  .max(180, 'must be between -180 and 180');

export const HomeBase = z.strictObject({
  name: z.string({ error: 'must be text' }).trim().min(1, 'is required').max(120, 'is too long'),
  lat: Latitude,
  lng: Longitude,
});

const Instant = IsoDateTimeText.transform((text) => new Date(text));

/** Start and end of the unit's shift; an open end means until a supervisor ends it. */
const Shift = z
  .strictObject({ startsAt: Instant.nullable(), endsAt: Instant.nullable() })
  .refine((s) => !s.startsAt || !s.endsAt || s.endsAt > s.startsAt, {
    message: 'must be after the start',
    path: ['endsAt'],
  })
  .refine((s) => s.startsAt || !s.endsAt, {
    message: 'needs a start: a shift cannot end without starting',
    path: ['endsAt'],
  });

export const CreateUnitBody = z.strictObject({
  callSign: CallSign,
  skills: Skills.default([]),
  shift: Shift.optional(),
  homeBase: HomeBase,
});
export type CreateUnitInput = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z
  .strictObject({
    callSign: CallSign.optional(),
    skills: Skills.optional(),
    shift: Shift.optional(),
    homeBase: HomeBase.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must name at least one of callSign, skills, shift, homeBase',
    path: ['(root)'],
  });
export type UpdateUnitInput = z.infer<typeof UpdateUnitBody>;
