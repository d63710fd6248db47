import { Router } from 'express';
import { originOf } from '../auth/auth-routes.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import { CarePlanInputSchema, PatientKeyParams } from './care-plan-schema.js';
import type { CarePlanService } from './care-plan-service.js';

export function carePlanRouter(carePlans: CarePlanService): Router {
  const router = Router();
  const readers = requireRole('dispatcher', 'admin', 'paramedic', 'lead');

  router.get('/care-plans/:patientKey', readers, async (req, res) => {
    const { patientKey } = parseInput(
      PatientKeyParams,
      req.params,
      'invalid_request',
      'patient key',
    );
    res.json(await carePlans.view(actorOf(req), patientKey, originOf(req).ip));
  });

  router.get('/care-plans/:patientKey/versions', readers, async (req, res) => {
    const { patientKey } = parseInput(
      PatientKeyParams,
      req.params,
      'invalid_request',
      'patient key',
    );
    res.json(await carePlans.history(actorOf(req), patientKey, originOf(req).ip));
  });

  router.put('/care-plans/:patientKey', requireRole('paramedic', 'lead'), async (req, res) => {
    const { patientKey } = parseInput(
      PatientKeyParams,
      req.params,
      'invalid_request',
      'patient key',
    );
    const input = parseInput(CarePlanInputSchema, req.body, 'invalid_care_plan', 'care plan');
    const { plan, created } = await carePlans.write(
      actorOf(req),
      patientKey,
      input,
      originOf(req).ip,
    );
    res.status(created ? 201 : 200).json(plan);
  });

  return router;
}
