import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import { describeRoute } from '../http/route-docs.js';
import {
  CarePlanHistorySchema,
  CarePlanInputSchema,
  CarePlanLookupQuery,
  CarePlanViewSchema,
  PatientKeyParams,
} from '../../shared/care-plan-schema.js';
import type { CarePlanService } from './care-plan-service.js';

const carePlanDoc = {
  tag: 'care-plans',
  roles: ['dispatcher', 'admin', 'paramedic', 'lead', 'partner'],
  params: PatientKeyParams,
} as const;
describeRoute('get', '/api/care-plans/:patientKey', {
  ...carePlanDoc,
  summary: 'A known patient’s current care plan (each view audited; leads redacted)',
  query: CarePlanLookupQuery,
  response: {
    description: 'The current version (`null` when there is none and `orNone=true`)',
    schema: CarePlanViewSchema.nullable(),
  },
  errors: {
    403: 'Not attending this patient',
    404: 'No care plan for this patient (without `orNone=true`), or a site never sent this patient',
  },
});
describeRoute('get', '/api/care-plans/:patientKey/versions', {
  ...carePlanDoc,
  summary: 'Every version of a care plan, newest first',
  response: { description: 'The versions', schema: CarePlanHistorySchema },
  errors: {
    403: 'Not attending this patient',
    404: 'No care plan for this patient, or a site never sent this patient',
  },
});
describeRoute('put', '/api/care-plans/:patientKey', {
  ...carePlanDoc,
  roles: ['paramedic', 'lead', 'partner'],
  summary: 'Write a new version of a care plan (omitted fields keep their value)',
  body: CarePlanInputSchema,
  response: {
    description: 'The new version (201 when the plan is new)',
    schema: CarePlanViewSchema,
    sameShapeFor: [201],
  },
  errors: {
    403: 'Not allowed to write this plan',
    404: 'A site writing for a patient never referred to it',
    409: 'Someone wrote a newer version meanwhile',
  },
});

export function carePlanRouter(carePlans: CarePlanService): Router {
  const router = Router();
  // A partner reaches the service, which lets through only the staff of a site sent this
  // patient or coordinating its plan (404 to any other, as if there were no plan).
  const readers = requireRole('dispatcher', 'admin', 'paramedic', 'lead', 'partner');

  router.get('/care-plans/:patientKey', readers, async (req, res) => {
    const { patientKey } = parseInput(
      PatientKeyParams,
      req.params,
      'invalid_request',
      'patient key',
    );
    const query = parseInput(CarePlanLookupQuery, req.query, 'invalid_query', 'query');
    res.json(
      await carePlans.view(contextOf(req), patientKey, {
        orNone: query.orNone === 'true',
      }),
    );
  });

  router.get('/care-plans/:patientKey/versions', readers, async (req, res) => {
    const { patientKey } = parseInput(
      PatientKeyParams,
      req.params,
      'invalid_request',
      'patient key',
    );
    res.json(await carePlans.history(contextOf(req), patientKey));
  });

  router.put(
    '/care-plans/:patientKey',
    requireRole('paramedic', 'lead', 'partner'),
    async (req, res) => {
      const { patientKey } = parseInput(
        PatientKeyParams,
        req.params,
        'invalid_request',
        'patient key',
      );
      const input = parseInput(CarePlanInputSchema, req.body, 'invalid_care_plan', 'care plan');
      const { plan, created } = await carePlans.write(contextOf(req), patientKey, input);
      res.status(created ? 201 : 200).json(plan);
    },
  );

  return router;
}
