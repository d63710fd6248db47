import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import { withRoundedPosition } from '../privacy/round-position.js';
import { roles } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import type { Publish } from '../realtime/domain-events.js';
import { createUnit, updateUnit } from './manage-units.js';
import { listUnits } from './unit-repository.js';
import { CreateUnitBody, UnitParams, UpdateUnitBody } from './unit-schemas.js';
import { describeRoute } from '../http/route-docs.js';
import { z } from 'zod';
import { UnitSchema } from '../../shared/units.js';

describeRoute('get', '/api/units', {
  tag: 'units',
  summary: 'Every CP unit, its status and position (to about 1 km for leads)',
  roles,
  response: { description: 'The units', schema: z.array(UnitSchema) },
});
describeRoute('post', '/api/units', {
  tag: 'units',
  summary: 'Add a CP unit (call sign, skills, shift, home base)',
  roles: ['admin'],
  body: CreateUnitBody,
  response: { status: 201, description: 'Created', schema: UnitSchema },
  errors: { 409: 'The call sign is taken' },
});
describeRoute('patch', '/api/units/:id', {
  tag: 'units',
  summary: 'Change a CP unit',
  roles: ['admin'],
  params: UnitParams,
  body: UpdateUnitBody,
  response: { description: 'Changed', schema: UnitSchema },
  errors: { 404: 'No such unit', 409: 'The call sign is taken' },
});

export function unitRouter(deps: { db: Database; publish: Publish }): Router {
  const router = Router();
  router.get('/units', requireRole(...roles), async (req, res) => {
    const units = await listUnits(deps.db.query);
    // Where a unit is on scene is where a patient is: leads see it to about 1 km.
    // Leads and receiving sites need where crews roughly are, not where exactly.
    const rough = ['lead', 'partner'].includes(actorOf(req).role);
    res.json(rough ? units.map(withRoundedPosition) : units);
  });
  router.post('/units', requireRole('admin'), async (req, res) => {
    const input = parseInput(CreateUnitBody, req.body, 'invalid_request', 'unit');
    res.status(201).json(await createUnit(deps, contextOf(req), input));
  });
  router.patch('/units/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseInput(UnitParams, req.params, 'invalid_request', 'unit id');
    const input = parseInput(UpdateUnitBody, req.body, 'invalid_request', 'unit change');
    res.json(await updateUnit(deps, contextOf(req), id, input));
  });
  return router;
}
