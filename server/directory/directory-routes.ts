import { Router } from 'express';
import { z } from 'zod';
import { contextOf } from '../auth/request-context.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import { roles } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import type { Publish } from '../realtime/domain-events.js';
import { listDestinations } from './destination-repository.js';
import {
  CreateDestinationBody,
  DestinationParams,
  SiteScheduleBody,
  UpdateDestinationBody,
} from './destination-schemas.js';
import { createDestination, updateDestination } from './manage-destinations.js';
import { setCapacity } from './set-capacity.js';
import { describeRoute } from '../http/route-docs.js';
import { capacities, DestinationSchema } from '../../shared/directory.js';
import { requireSiteStaff } from './site-staff.js';

const CapacityBody = z.strictObject({ capacity: z.enum(capacities) });

describeRoute('get', '/api/destinations', {
  tag: 'destinations',
  summary: 'Receiving sites: type, hours, age range and capacity',
  roles,
  response: { description: 'The destinations', schema: z.array(DestinationSchema) },
});
describeRoute('put', '/api/destinations/:id/capacity', {
  tag: 'destinations',
  summary: "Set a destination's capacity (green, amber, red)",
  description: "A partner sets its own site's only.",
  roles: ['lead', 'admin', 'partner'],
  params: DestinationParams,
  body: CapacityBody,
  response: { description: 'The updated destination', schema: DestinationSchema },
  errors: { 404: 'No such destination' },
});
describeRoute('put', '/api/destinations/:id/schedule', {
  tag: 'destinations',
  summary: "A site's own weekly hours and closures, kept by its staff",
  description:
    'Each list given is replaced as a whole (closures not yet over); live in matching; audited.',
  roles: ['partner', 'admin'],
  params: DestinationParams,
  body: SiteScheduleBody,
  response: { description: 'The updated destination', schema: DestinationSchema },
  errors: { 404: 'No such destination' },
});
describeRoute('post', '/api/destinations', {
  tag: 'destinations',
  summary: 'Add a receiving site (type, location, age range, weekly hours, closures)',
  roles: ['admin'],
  body: CreateDestinationBody,
  response: { status: 201, description: 'Created', schema: DestinationSchema },
});
describeRoute('patch', '/api/destinations/:id', {
  tag: 'destinations',
  summary: 'Change a receiving site; a closure takes it out of matching',
  roles: ['admin'],
  params: DestinationParams,
  body: UpdateDestinationBody,
  response: { description: 'Changed', schema: DestinationSchema },
  errors: { 404: 'No such destination' },
});

export function directoryRouter(deps: { db: Database; publish: Publish }): Router {
  const router = Router();
  router.get('/destinations', requireRole(...roles), async (_req, res) => {
    res.json(await listDestinations(deps.db.query));
  });
  router.put(
    '/destinations/:id/capacity',
    requireRole('lead', 'admin', 'partner'),
    async (req, res) => {
      const { id } = parseInput(DestinationParams, req.params, 'invalid_request', 'destination id');
      const { capacity } = parseInput(CapacityBody, req.body, 'invalid_request', 'capacity');
      requireSiteStaff(actorOf(req), id);
      res.json(await setCapacity(deps, contextOf(req), id, capacity));
    },
  );
  // The site's own entry: its staff (or an admin) keep its weekly hours and closures.
  router.put('/destinations/:id/schedule', requireRole('admin', 'partner'), async (req, res) => {
    const { id } = parseInput(DestinationParams, req.params, 'invalid_request', 'destination id');
    requireSiteStaff(actorOf(req), id);
    const schedule = parseInput(SiteScheduleBody, req.body, 'invalid_request', 'schedule');
    res.json(await updateDestination(deps, contextOf(req), id, schedule));
  });
  router.post('/destinations', requireRole('admin'), async (req, res) => {
    const input = parseInput(CreateDestinationBody, req.body, 'invalid_request', 'destination');
    res.status(201).json(await createDestination(deps, contextOf(req), input));
  });
  router.patch('/destinations/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseInput(DestinationParams, req.params, 'invalid_request', 'destination id');
    const input = parseInput(
      UpdateDestinationBody,
      req.body,
      'invalid_request',
      'destination change',
    );
    res.json(await updateDestination(deps, contextOf(req), id, input));
  });
  return router;
}
