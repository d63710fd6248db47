import { alertEscalation } from '../alerts/raise-alerts.js';
import { appendAudit } from '../audit/audit-repository.js';
import {
  activeAssignmentForCall,
  setAssignmentPathway,
} from '../assignments/assignment-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import type { CallView, Decision } from '../../shared/event-contract.js';
import type { Call } from '../../shared/call-schema.js';
import { matchDestination } from '../directory/destination-matcher.js';
import { listDestinations } from '../directory/destination-repository.js';
import type { AssessmentInput } from '../calls/call-schemas.js';
import { findCallRow, updateCall } from '../calls/call-repository.js';
import { insertDecision } from '../calls/triage-decision-repository.js';
import { toCallViews } from './call-views.js';

/**
 * The on-scene assessment: vitals and updated answers, re-triaged by the same
 * engine. An emergency-department result escalates the call at once.
 */
export async function recordAssessment(
  ctx: Pick<DispatchDeps, 'db' | 'triage' | 'publish' | 'referrals' | 'timeZone' | 'now'>,
  context: RequestContext,
  callId: string,
  assessment: AssessmentInput,
): Promise<{ call: CallView; triage: Decision; escalated: boolean }> {
  const { actor } = context;
  const result = await ctx.db.transaction(async (trx) => {
    const call = await findCallRow(trx, callId, { lock: true });
    if (!call) throw new NotFoundError('Call');
    const assignment = await activeAssignmentForCall(trx, callId);
    if (!assignment || actor.role !== 'paramedic' || actor.unitId !== assignment.unit_id) {
      throw new ForbiddenError(
        'Only the paramedic assigned to this call can record its assessment',
      );
    }
    // On top of what is known now (the intake call, or the last assessment);
    // the call's `input` stays the intake call, so a replay re-decides what the
    // dispatcher knew.
    const input: Call = {
      ...call.input,
      answers: { ...call.answers, ...assessment.answers },
      vitals: { ...call.vitals, ...assessment.vitals },
    };
    const triage = await ctx.triage.decide(input);
    const escalated =
      triage.disposition === 'emergency_department' && call.disposition !== 'emergency_department';
    await insertDecision(trx, callId, 'assessment', triage, actor.id, input);
    // Escalated: the patient now goes to the nearest suitable ED, and the crew's
    // assignment says so, instead of the site chosen for the earlier pathway.
    const ed = escalated
      ? matchDestination({
          disposition: 'emergency_department',
          patientAge: call.patient_age,
          location: call,
          now: ctx.now(),
          timeZone: ctx.timeZone,
          destinations: await listDestinations(trx),
        })
      : undefined;
    await updateCall(trx, callId, {
      answers: input.answers,
      vitals: input.vitals,
      ...(ed
        ? { escalated: true, disposition: 'emergency_department', destination: ed.destination }
        : {}),
    });
    if (ed) {
      await setAssignmentPathway(trx, assignment.id, {
        disposition: 'emergency_department',
        destinationId: ed.destination?.id ?? null,
      });
    }
    // Now bound for the ED: the crisis centre or clinic is told not to expect the patient.
    const referrals = ed
      ? await ctx.referrals.request(trx, {
          callId,
          site: ed.destination,
          by: { id: actor.id, role: actor.role },
          ip: context.ip,
          cancelNote: 'Escalated on scene: going to the emergency department',
        })
      : { requested: null, cancelled: null };
    await appendAudit(trx, {
      by: context,
      action: escalated ? 'call:escalated' : 'call:assessed',
      entityType: 'call',
      entityId: callId,
      details: {
        disposition: triage.disposition,
        acuity: triage.acuity,
        news2: triage.news2.score,
      },
    });
    const refreshed = await findCallRow(trx, callId);
    const [view] = await toCallViews(trx, refreshed ? [refreshed] : []);
    if (!view) throw new Error('assessed call not found');
    const alert = escalated ? await alertEscalation(trx, view) : null;
    return { call: view, triage, escalated, alert, referrals };
  });
  await ctx.referrals.announce(result.referrals);
  ctx.publish({ type: 'call:updated', call: result.call });
  if (result.alert) ctx.publish({ type: 'alert:raised', alert: result.alert });
  if (result.escalated && result.call.assignment) {
    ctx.publish({ type: 'assignment:updated', assignment: result.call.assignment });
  }
  const { alert: _alert, referrals: _referrals, ...answer } = result; // the alert is the dispatchers' business
  return answer;
}
