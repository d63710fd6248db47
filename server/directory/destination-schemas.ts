import { z } from 'zod';
import { IsoDateTimeText } from '../time/instant-schemas.js';
import { destinationTypes } from '../../shared/directory.js';

const Id = z.uuid('must be a UUID');
export const DestinationParams = z.strictObject({ id: Id });

const Text = (max: number) =>
  z.string({ error: 'must be text' }).trim().min(1, 'is required').max(max, 'is too long');

const Location = z.strictObject({
  lat: z
    .number({ error: 'must be a number' })
    .min(-90, 'must be between -90 and 90')
    .max(90, 'must be between -90 and 90'),
  lng: z
    .number({ error: 'must be a number' })
    .min(-180, 'must be between -180 and 180')
    .max(180, 'must be between -180 and 180'),
});

const Age = z
  .number({ error: 'must be a whole number of years' })
  .int('must be a whole number of years')
  .min(0, 'must be 0 or more')
  .max(130, 'must be 130 or less');
const AgeRange = z
  .strictObject({ min: Age, max: Age.nullable() })
  .refine((r) => r.max === null || r.max >= r.min, {
    message: 'must not be below min',
    path: ['max'],
  });

const ClockTime = z
  .string({ error: 'must be a time HH:MM' })
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM between 00:00 and 24:00');

/** One weekly span; a close not after the open runs past midnight; 00:00-24:00 is all day. */
const Span = z.strictObject({
  weekday: z
    .number({ error: 'must be a weekday number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (Sunday) to 6 (Saturday)')
    .max(6, 'must be 0 (Sunday) to 6 (Saturday)'),
  opens: ClockTime.refine((t) => t !== '24:00', 'must be before 24:00'),
  closes: ClockTime,
});
export const Hours = z
  .array(Span, { error: 'must be a list of weekly opening spans' })
  .max(70, 'must be at most 70 spans')
  .refine(
    (spans) => new Set(spans.map((s) => `${s.weekday} ${s.opens}`)).size === spans.length,
    'has two spans opening on the same day at the same time',
  );

// A closure's start or end left empty arrives as null: say what to do, not the format.
const Instant = z
  .string({ error: 'is missing: enter the date and time' })
  .pipe(IsoDateTimeText)
  .transform((text) => new Date(text));
const Closure = z
  .strictObject({ startsAt: Instant, endsAt: Instant, reason: Text(200) })
  .refine((c) => c.endsAt > c.startsAt, { message: 'must be after the start', path: ['endsAt'] })
  .refine((c) => c.endsAt.getTime() > Date.now(), {
    message: 'must be in the future: a closure that is over changes nothing',
    path: ['endsAt'],
  });
export const Closures = z
  .array(Closure, { error: 'must be a list of closures' })
  .max(100, 'must be at most 100 closures');

const fields = {
  name: Text(200),
  type: z.enum(destinationTypes, {
    error: 'must be one of emergency_department, crisis_centre, cp_clinic',
  }),
  address: Text(300),
  building: Text(200).nullable(),
  location: Location,
  ageRange: AgeRange,
  active: z.boolean({ error: 'must be true or false' }),
  hours: Hours,
  closures: Closures,
};

export const CreateDestinationBody = z.strictObject({
  ...fields,
  building: fields.building.optional(),
  active: fields.active.default(true),
  closures: fields.closures.default([]),
});
export type CreateDestinationInput = z.infer<typeof CreateDestinationBody>;

export const UpdateDestinationBody = z
  .strictObject({
    name: fields.name.optional(),
    type: fields.type.optional(),
    address: fields.address.optional(),
    building: fields.building.optional(),
    location: fields.location.optional(),
    ageRange: fields.ageRange.optional(),
    active: fields.active.optional(),
    hours: fields.hours.optional(),
    closures: fields.closures.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: `must name at least one of ${Object.keys(fields).join(', ')}`,
    path: ['(root)'],
  });
export type UpdateDestinationInput = z.infer<typeof UpdateDestinationBody>;

/** What a site's own staff keep: weekly hours and closures (each replaced as a whole). */
export const SiteScheduleBody = z
  .strictObject({ hours: Hours.optional(), closures: Closures.optional() })
  .refine((body) => body.hours !== undefined || body.closures !== undefined, {
    message: 'must give hours, closures or both',
    path: ['(root)'],
  });
