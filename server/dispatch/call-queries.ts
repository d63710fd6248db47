import { appendAudit, entityTimeline } from '../audit/audit-repository.js';
import {
  activeAssignmentForUnit,
  assignmentsForCalls,
  toAssignmentView,
} from '../assignments/assignment-repository.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database } from '../db/database.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import type { CallDetail, CallStatus, CallView, OfferView } from '../../shared/event-contract.js';
import { findCallRow, listCallRows, noLongerOnCallStatuses } from '../calls/call-repository.js';
import { decisionsForCalls, toDecision } from '../calls/triage-decision-repository.js';
import { toCallViews } from './call-views.js';
import { deidentifyAssignment, deidentifyCall, withoutFreeText } from '../privacy/deidentify.js';

/** Leads see the board, but not who the patients are. */
const forViewer = (actor: Actor, call: CallView): CallView =>
  actor.role === 'lead' ? deidentifyCall(call) : call;

export async function listCalls(
  db: Database,
  actor: Actor,
  filter: { statuses?: CallStatus[]; limit: number },
): Promise<CallView[]> {
  // A paramedic sees only calls their own unit was assigned.
  const unitId = actor.role === 'paramedic' ? (actor.unitId ?? 'none') : undefined;
  if (unitId === 'none') return [];
  const rows = await listCallRows(db.query, { ...filter, ...(unitId ? { unitId } : {}) });
  return (await toCallViews(db.query, rows)).map((call) => forViewer(actor, call));
}

/** One call and its whole timeline. Viewing patient details is audited. */
export async function getCallDetail(
  db: Database,
  context: RequestContext,
  callId: string,
): Promise<CallDetail> {
  const { actor } = context;
  const row = await findCallRow(db.query, callId);
  if (!row) throw new NotFoundError('Call');
  const assignments = await assignmentsForCalls(db.query, [callId]);
  const ours = (a: { unit_id: string; status: string }) =>
    a.unit_id === actor.unitId && !noLongerOnCallStatuses.includes(a.status);
  if (actor.role === 'paramedic' && !assignments.some(ours)) {
    throw new ForbiddenError('This call is not assigned to your unit');
  }
  const [[view], decisions, timeline] = await Promise.all([
    toCallViews(db.query, [row]),
    decisionsForCalls(db.query, [callId]),
    entityTimeline(db.query, 'call', callId),
  ]);
  if (!view) throw new NotFoundError('Call');
  if (actor.role !== 'lead') {
    await appendAudit(db.query, {
      by: context,
      action: 'call:viewed',
      entityType: 'call',
      entityId: callId,
    });
  }
  const lead = actor.role === 'lead';
  const detail: CallDetail = {
    ...forViewer(actor, view),
    decisions: decisions.map((d) => ({
      ...toDecision(d),
      stage: d.stage,
      decidedAt: d.decided_at.toISOString(),
    })),
    assignments: assignments.map(toAssignmentView).map((a) => (lead ? deidentifyAssignment(a) : a)),
    timeline: timeline
      .filter((entry) => entry.action !== 'call:viewed')
      .map((entry) => ({
        at: entry.at.toISOString(),
        action: entry.action,
        actorRole: entry.actorRole,
        details: lead ? withoutFreeText(entry.details) : entry.details,
      })),
  };
  return detail;
}

/** The paramedic's current assignment, to show on their device when it (re)loads. Audited: it shows the patient. */
export async function currentOffer(
  db: Database,
  context: RequestContext,
): Promise<OfferView | null> {
  const { actor } = context;
  if (!actor.unitId) return null;
  const assignment = await activeAssignmentForUnit(db.query, actor.unitId);
  if (!assignment) return null;
  const row = await findCallRow(db.query, assignment.call_id);
  const [call] = await toCallViews(db.query, row ? [row] : []);
  if (!call) return null;
  await appendAudit(db.query, {
    by: context,
    action: 'call:viewed',
    entityType: 'call',
    entityId: call.id,
    details: { via: 'current_assignment' },
  });
  const view = toAssignmentView(assignment);
  return { assignment: view, call, destination: call.destination, disposition: view.disposition };
}
