import { z } from 'zod';
import { instant, nullable, point } from './wire-parts.js';

// Planned CP home visits as the board shows them, written once: the type is what the
// schema parses to, the OpenAPI document describes the answers with it. No imports
// from server/.

export const visitStatuses = ['planned', 'completed', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** A planned home visit on the board (leads: no key, address or exact position). */
export const VisitViewSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(visitStatuses),
    plannedFor: instant,
    patient: z.object({
      key: nullable(z.string()).meta({ description: 'Null for leads' }),
      ref: z.string(),
      age: z.number(),
      sex: z.string(),
    }),
    location: point.extend({ address: nullable(z.string()) }),
    unit: nullable(z.object({ id: z.uuid(), callSign: z.string() })),
    bookedBy: z.object({ role: z.string() }),
    bookedAt: instant,
  })
  .meta({ id: 'Visit' });
export type VisitView = z.output<typeof VisitViewSchema>;
