import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import {
  CancelSchema,
  DispatchSchema,
  HandoffSchema,
  IdParams,
  StatusChangeSchema,
} from '../calls/call-schemas.js';
import type { DispatchService } from './dispatch-service.js';
import { parseInput } from '../http/parse.js';
import { describeRoute } from '../http/route-docs.js';
import { z } from 'zod';
import { AssignmentViewSchema, CallViewSchema } from '../../shared/view-schemas.js';

const AssignmentAnswer = z.object({ assignment: AssignmentViewSchema });

describeRoute('post', '/api/calls/:id/dispatch', {
  tag: 'assignments',
  summary: 'Offer the call to a CP unit (the proposed one unless `unitId` says otherwise)',
  description: 'Overriding the recommended pathway or unit needs a category or a reason.',
  roles: ['dispatcher', 'admin'],
  params: IdParams,
  body: DispatchSchema,
  idempotent: true,
  response: { status: 201, description: 'Offered', schema: AssignmentAnswer },
  errors: {
    404: 'No such call',
    409: 'Already dispatched, or no suitable unit is available',
    422: 'The call cannot go to a CP unit this way (an ED call goes to ambulance dispatch)',
  },
});
const CallAnswer = z.object({ call: CallViewSchema });
describeRoute('post', '/api/calls/:id/handoff', {
  tag: 'calls',
  summary: 'Hand an ED call to ambulance dispatch (with their incident number if known)',
  roles: ['dispatcher', 'admin'],
  params: IdParams,
  body: HandoffSchema,
  idempotent: true,
  response: { description: 'The call, handed off', schema: CallAnswer },
  errors: { 404: 'No such call', 409: 'The call is no longer open' },
});
describeRoute('post', '/api/calls/:id/cancel', {
  tag: 'calls',
  summary: 'Withdraw a call (and its unit, who is told): why, in a category',
  roles: ['dispatcher', 'admin'],
  params: IdParams,
  body: CancelSchema,
  idempotent: true,
  response: { description: 'The call, cancelled', schema: CallAnswer },
  errors: { 404: 'No such call', 409: 'The call is no longer open' },
});
describeRoute('post', '/api/assignments/:id/status', {
  tag: 'assignments',
  summary: "A paramedic moves their unit's assignment on (accept, decline, en route...)",
  roles: ['paramedic'],
  params: IdParams,
  body: StatusChangeSchema,
  idempotent: true,
  response: { description: 'The assignment as it now is', schema: AssignmentAnswer },
  errors: {
    403: 'Not your unit’s assignment',
    404: 'No such assignment',
    409:
      'That step does not follow from where the assignment is; no on-scene assessment yet ' +
      '(needed before transporting or completing, unless the patient refused care); or ' +
      'medical clearance is required before a crisis-centre transport (names the vital signs missing)',
  },
});

export function assignmentRouter(
  dispatch: Pick<
    DispatchService,
    'dispatchCall' | 'handOffCall' | 'cancelCall' | 'changeAssignmentStatus'
  >,
): Router {
  const router = Router();

  router.post('/calls/:id/dispatch', requireRole('dispatcher', 'admin'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
    const input = parseInput(DispatchSchema, req.body ?? {}, 'invalid_dispatch', 'dispatch');
    const assignment = await dispatch.dispatchCall(contextOf(req), id, input);
    res.status(201).json({ assignment });
  });

  router.post('/calls/:id/handoff', requireRole('dispatcher', 'admin'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
    const input = parseInput(HandoffSchema, req.body ?? {}, 'invalid_handoff', 'hand-off');
    res.json({ call: await dispatch.handOffCall(contextOf(req), id, input) });
  });

  router.post('/calls/:id/cancel', requireRole('dispatcher', 'admin'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
    const input = parseInput(CancelSchema, req.body ?? {}, 'invalid_cancel', 'cancellation');
    res.json({ call: await dispatch.cancelCall(contextOf(req), id, input) });
  });

  router.post('/assignments/:id/status', requireRole('paramedic'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'assignment id');
    const change = parseInput(
      StatusChangeSchema,
      req.body,
      'invalid_status_change',
      'status change',
    );
    res.json({
      assignment: await dispatch.changeAssignmentStatus(contextOf(req), id, change),
    });
  });

  return router;
}
