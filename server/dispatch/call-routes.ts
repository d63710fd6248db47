import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import type { CarePlanService } from '../care-plans/care-plan-service.js';
import type { DispatchService } from './dispatch-service.js';
import { parseInput } from '../http/parse.js';
import {
  AssessmentSchema,
  CreateCallQuery,
  CreateCallSchema,
  IdParams,
  ListCallsQuery,
} from '../calls/call-schemas.js';
import { CarePlanViewSchema } from '../../shared/care-plan-schema.js';
import { describeRoute } from '../http/route-docs.js';
import { z } from 'zod';
import { DecisionSchema } from '../../shared/decision.js';
import {
  CallDetailSchema,
  CallViewSchema,
  OfferViewSchema,
  PossibleDuplicateSchema,
} from '../../shared/view-schemas.js';

describeRoute('post', '/api/calls', {
  tag: 'calls',
  summary: 'Take a call: triage it, choose a destination and propose a unit',
  roles: ['dispatcher', 'admin'],
  description:
    'Names the calls it may repeat (same patient key, or within 100 m in the last 30 minutes). ' +
    'With `ifNoDuplicate=true` nothing is created when there are any: 409 `possible_duplicate` ' +
    'with `possibleDuplicates`, so the console can ask first.',
  query: CreateCallQuery,
  body: CreateCallSchema,
  idempotent: true,
  response: {
    status: 201,
    description:
      'The call as the board shows it, with the patient’s care plan if any and the calls it may repeat',
    schema: CallViewSchema.extend({
      carePlan: CarePlanViewSchema.nullable(),
      possibleDuplicates: z.array(PossibleDuplicateSchema),
    }),
  },
  errors: { 409: 'ifNoDuplicate=true and the call may repeat another (possibleDuplicates)' },
});
describeRoute('get', '/api/calls', {
  tag: 'calls',
  summary: 'The dispatch queue (a paramedic sees their unit’s calls; leads no notes)',
  roles: ['dispatcher', 'admin', 'lead', 'paramedic'],
  query: ListCallsQuery,
  response: { description: 'Urgent first, then newest', schema: z.array(CallViewSchema) },
});
describeRoute('get', '/api/calls/:id', {
  tag: 'calls',
  summary: 'One call with its decisions, assignments and timeline (viewing is audited)',
  roles: ['dispatcher', 'admin', 'lead', 'paramedic'],
  params: IdParams,
  response: { description: 'The call', schema: CallDetailSchema },
  errors: { 403: 'Not assigned to your unit', 404: 'No such call' },
});
describeRoute('post', '/api/calls/:id/assessment', {
  tag: 'calls',
  summary: 'On-scene assessment: vitals and answers, re-triaged',
  roles: ['paramedic'],
  params: IdParams,
  body: AssessmentSchema,
  response: {
    description: 'The call with its new decision; `escalated` when it became an ED call',
    schema: z.object({ call: CallViewSchema, triage: DecisionSchema, escalated: z.boolean() }),
  },
  errors: { 403: 'Not your unit’s call', 404: 'No such call' },
});
describeRoute('get', '/api/me/assignment', {
  tag: 'calls',
  summary: "The paramedic's current offer or assignment",
  roles: ['paramedic'],
  response: {
    description: 'The offer, or null',
    schema: z.object({ offer: OfferViewSchema.nullable() }),
  },
});

export function callRouter(
  dispatch: Pick<
    DispatchService,
    | 'possibleDuplicates'
    | 'createCall'
    | 'listCalls'
    | 'callDetail'
    | 'currentOffer'
    | 'recordAssessment'
  >,
  carePlans: Pick<CarePlanService, 'atIntake'>,
): Router {
  const router = Router();

  router.post('/calls', requireRole('dispatcher', 'admin'), async (req, res) => {
    const call = parseInput(CreateCallSchema, req.body, 'invalid_call', 'call');
    const query = parseInput(CreateCallQuery, req.query, 'invalid_query', 'query');
    const possibleDuplicates = await dispatch.possibleDuplicates({
      ...call.location,
      patientKey: call.patient.key,
    });
    // The console asks first: nothing is created until the dispatcher says it is a new call.
    if (query.ifNoDuplicate === 'true' && possibleDuplicates.length) {
      res.status(409).json({
        error: {
          code: 'possible_duplicate',
          message: `This call may repeat ${possibleDuplicates.length === 1 ? 'a call' : `${possibleDuplicates.length} calls`} already taken: check before creating another`,
        },
        possibleDuplicates,
      });
      return;
    }
    const created = await dispatch.createCall(contextOf(req), call);
    // Looked up once the call is decided and stored: a care plan informs the
    // dispatcher, it never enters the triage decision.
    const carePlan = await carePlans.atIntake(contextOf(req), call.patient.key);
    res.status(201).json({ ...created, carePlan, possibleDuplicates });
  });

  router.get(
    '/calls',
    requireRole('dispatcher', 'admin', 'lead', 'paramedic'),
    async (req, res) => {
      const query = parseInput(ListCallsQuery, req.query, 'invalid_query', 'query');
      res.json(
        await dispatch.listCalls(actorOf(req), { statuses: query.status, limit: query.limit }),
      );
    },
  );

  router.get(
    '/calls/:id',
    requireRole('dispatcher', 'admin', 'lead', 'paramedic'),
    async (req, res) => {
      const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
      res.json(await dispatch.callDetail(contextOf(req), id));
    },
  );

  router.post('/calls/:id/assessment', requireRole('paramedic'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
    const assessment = parseInput(AssessmentSchema, req.body, 'invalid_assessment', 'assessment');
    res.json(await dispatch.recordAssessment(contextOf(req), id, assessment));
  });

  router.get('/me/assignment', requireRole('paramedic'), async (req, res) => {
    res.json({ offer: await dispatch.currentOffer(contextOf(req)) });
  });

  return router;
}
