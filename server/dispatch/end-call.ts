import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import { findCallRow, updateCall, type CallRow } from '../calls/call-repository.js';
import { toCallViews } from './call-views.js';
import type { CancelInput, HandoffInput } from '../calls/call-schemas.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import type { DomainEvent } from '../realtime/domain-events.js';
import type { CallStatus, CallView, CancelReason } from '../../shared/event-contract.js';
import { openCallStatuses } from '../../shared/call-lifecycle.js';
import { findUnit, setUnitStatus } from '../units/unit-repository.js';
import {
  activeAssignmentForCall,
  findAssignment,
  setAssignmentStatus,
  toAssignmentView,
} from '../assignments/assignment-repository.js';

/** Words the crew reads when a call is taken back from them. */
export const cancelReasonText: Record<CancelReason, string> = {
  caller_cancelled: 'The caller cancelled',
  duplicate: 'A duplicate of another call',
  no_patient_found: 'No patient found',
  handled_by_phone: 'Handled by phone',
  other: 'Cancelled by dispatch',
};

/** A call handed to ambulance dispatch: the CP service's part ends, audited and timed. */
export async function handOffCall(
  ctx: Pick<DispatchDeps, 'db' | 'publish' | 'referrals'>,
  context: RequestContext,
  callId: string,
  input: HandoffInput,
): Promise<CallView> {
  return endCall(ctx, context, callId, {
    // An offer not yet accepted is withdrawn; a crew already committed finishes its part
    // with the ambulance (its own steps), so an active call cannot be handed off from here.
    allowed: ['pending', 'offered'],
    refusal:
      'Only a call waiting in the queue or offered can be handed off; a unit has already accepted this one',
    status: 'handed_off',
    crewReason: 'Handed to ambulance dispatch',
    changes: (by) => ({ handoff: { by, reference: input.reference ?? null } }),
    action: 'call:handed_off',
    details: { reference: input.reference ?? null },
  });
}

/** A call that ends without a visit: any offered or active assignment is withdrawn. */
export async function cancelCall(
  ctx: Pick<DispatchDeps, 'db' | 'publish' | 'referrals'>,
  context: RequestContext,
  callId: string,
  input: CancelInput,
): Promise<CallView> {
  return endCall(ctx, context, callId, {
    allowed: openCallStatuses,
    refusal: 'This call has already ended',
    status: 'cancelled',
    crewReason: cancelReasonText[input.reason],
    changes: (by) => ({
      cancellation: { by, reason: input.reason, details: input.details ?? null },
    }),
    action: 'call:cancelled',
    details: { cancelReason: input.reason, ...(input.details ? { reason: input.details } : {}) },
  });
}

interface Ending {
  allowed: readonly CallStatus[];
  refusal: string;
  status: CallStatus;
  crewReason: string;
  changes: (by: string) => Parameters<typeof updateCall>[2];
  action: string;
  details: Record<string, unknown>;
}

async function endCall(
  ctx: Pick<DispatchDeps, 'db' | 'publish' | 'referrals'>,
  context: RequestContext,
  callId: string,
  ending: Ending,
): Promise<CallView> {
  const { actor } = context;
  const { view, events, referrals } = await ctx.db.transaction(async (trx) => {
    const call = await findCallRow(trx, callId, { lock: true });
    if (!call) throw new NotFoundError('Call');
    if (!ending.allowed.includes(call.status))
      throw new ConflictError('call_not_open', `${ending.refusal} (it is ${call.status})`);
    const events = await withdrawAssignment(trx, call, context, ending.crewReason);
    // The receiving site is told not to expect the patient.
    const referrals = await ctx.referrals.request(trx, {
      callId,
      site: null,
      by: actor,
      ip: context.ip,
      cancelNote: ending.crewReason,
    });
    await updateCall(trx, callId, {
      status: ending.status,
      proposedUnit: null,
      ...ending.changes(actor.id),
    });
    await appendAudit(trx, {
      by: context,
      action: ending.action,
      entityType: 'call',
      entityId: callId,
      details: { ...ending.details, secondsSinceReceived: await secondsSince(trx, call) },
    });
    const [view] = await toCallViews(trx, [(await findCallRow(trx, callId)) as CallRow]);
    if (!view) throw new Error('ended call not found');
    return { view, events, referrals };
  });
  ctx.publish(...events, { type: 'call:updated', call: view });
  await ctx.referrals.announce(referrals);
  return view;
}

/** Takes the live assignment back from its unit, which is free again; returns what to announce. */
async function withdrawAssignment(
  trx: Knex.Transaction,
  call: CallRow,
  context: RequestContext,
  reason: string,
): Promise<DomainEvent[]> {
  const live = await activeAssignmentForCall(trx, call.id);
  if (!live) return [];
  await setAssignmentStatus(trx, live.id, { status: 'cancelled' });
  await setUnitStatus(trx, live.unit_id, 'available');
  await appendAudit(trx, {
    by: context,
    action: 'assignment:withdrawn',
    entityType: 'call',
    entityId: call.id,
    details: { assignmentId: live.id, unitId: live.unit_id, from: live.status },
  });
  const [row, unit] = await Promise.all([
    findAssignment(trx, live.id),
    findUnit(trx, live.unit_id),
  ]);
  if (!row) throw new Error('withdrawn assignment lost');
  const assignment = toAssignmentView(row);
  return [
    {
      type: 'assignment:withdrawn',
      withdrawn: {
        assignmentId: live.id,
        callId: call.id,
        unitId: live.unit_id,
        reason,
        at: assignment.cancelledAt ?? new Date().toISOString(),
      },
    },
    { type: 'assignment:updated', assignment },
    ...(unit ? [{ type: 'unit:updated' as const, unit }] : []),
  ];
}

async function secondsSince(trx: Knex.Transaction, call: CallRow): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ s: number }> }>(
    `select round(date_part('epoch', statement_timestamp() - ?::timestamptz))::int as s`,
    [call.received_at],
  );
  return rows[0]?.s ?? 0;
}
