import { appendAudit } from '../audit/audit-repository.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database } from '../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import type { Publish } from '../realtime/domain-events.js';
import { patientRefFactory } from '../stats/deidentify-row.js';
import {
  FREQUENT_CALLS,
  REPEAT_LIFT_ASSISTS,
  latestCallOf,
  listFrequentCallers,
  recentPatientKeys,
} from './frequent-callers-repository.js';
import type {
  BookVisit,
  FrequentCaller,
  FrequentCallerList,
  VisitStatus,
  VisitView,
} from './proactive-schema.js';
import {
  findVisit,
  insertVisit,
  listVisits,
  setVisitStatus,
  unitExists,
  type VisitRow,
} from './visit-repository.js';
import { toVisitView } from './visit-view.js';

const DAY_MS = 86_400_000;
export const WINDOW_DAYS = 90;
/** A visit is booked for the coming months, not years; a little slack for clocks. */
const MAX_AHEAD_DAYS = 180;
const CLOCK_SKEW_MS = 5 * 60_000;
/** A lead's pseudonym is looked up among patients who called in the last year. */
const REF_LOOKUP_DAYS = 366;

export interface ProactiveDeps {
  db: Pick<Database, 'query' | 'transaction'>;
  publish: Publish;
  /** Key of the patient pseudonyms: the same as the statistics', so a lead's references agree. */
  secret: string;
  now?: () => Date;
}

const invalid = (path: string, message: string) =>
  new ValidationError('invalid_visit', `Invalid visit: ${path} ${message}`, [{ path, message }]);

/** Proactive care: the frequent callers a lead reviews, and the home visits booked for them. */
export function proactiveServiceFactory(deps: ProactiveDeps) {
  const { db, publish } = deps;
  const now = deps.now ?? (() => new Date());
  const ref = patientRefFactory(deps.secret);
  const patientRef = (key: string) => ref(key) ?? '';
  const views = (row: VisitRow) => ({
    whole: toVisitView(row, patientRef, true),
    forLeads: toVisitView(row, patientRef, false),
  });
  const forViewer = (actor: Actor, row: VisitRow): VisitView =>
    toVisitView(row, patientRef, actor.role !== 'lead');

  async function resolveKey(input: BookVisit): Promise<string> {
    if (input.patientKey) return input.patientKey;
    const since = new Date(now().getTime() - REF_LOOKUP_DAYS * DAY_MS);
    const key = (await recentPatientKeys(db.query, since)).find(
      (k) => patientRef(k) === input.patientRef,
    );
    if (!key) throw invalid('patientRef', 'matches no patient who called in the last year');
    return key;
  }

  return {
    /** Three or more calls in 90 days, or repeat lift assists; de-identified. */
    async frequentCallers(query: { to?: Date; limit: number }): Promise<FrequentCallerList> {
      const to = query.to ?? now();
      const from = new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
      const rows = await listFrequentCallers(db.query, { from, to }, query.limit);
      const patients = rows.map((r): FrequentCaller => ({
        patientRef: patientRef(r.patient_key),
        age: r.patient_age,
        sex: r.patient_sex,
        calls: r.calls,
        liftAssists: r.lift_assists,
        edPathway: r.ed_pathway,
        firstCallAt: r.first_call_at.toISOString(),
        lastCallAt: r.last_call_at.toISOString(),
        complaints: [...r.complaints].sort(),
        why: [
          ...(r.calls >= FREQUENT_CALLS ? (['frequent_calls'] as const) : []),
          ...(r.lift_assists >= REPEAT_LIFT_ASSISTS ? (['repeat_lift_assists'] as const) : []),
        ],
        carePlanSince: r.care_plan_since?.toISOString() ?? null,
        nextVisitAt: r.next_visit_at?.toISOString() ?? null,
      }));
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        windowDays: WINDOW_DAYS,
        criteria: { calls: FREQUENT_CALLS, liftAssists: REPEAT_LIFT_ASSISTS },
        patients,
      };
    },

    /** POST /api/visits: a planned home visit, on the board at once. */
    async book(context: RequestContext, input: BookVisit): Promise<VisitView> {
      const { actor } = context;
      const plannedFor = new Date(input.plannedFor);
      const at = now().getTime();
      if (plannedFor.getTime() < at - CLOCK_SKEW_MS)
        throw invalid('plannedFor', 'is in the past: a visit is planned ahead');
      if (plannedFor.getTime() > at + MAX_AHEAD_DAYS * DAY_MS)
        throw invalid('plannedFor', `is more than ${MAX_AHEAD_DAYS} days ahead`);
      const patientKey = await resolveKey(input);
      const row = await db.transaction(async (trx) => {
        if (input.unitId && !(await unitExists(trx, input.unitId)))
          throw invalid('unitId', 'is not a unit of this service');
        const last = await latestCallOf(trx, patientKey);
        if (!last || last.lat === null || last.lng === null)
          throw invalid(
            input.patientKey ? 'patientKey' : 'patientRef',
            'has no call with a location on record: there is no address to visit',
          );
        const visit = await insertVisit(trx, {
          patient_key: patientKey,
          planned_for: plannedFor,
          unit_id: input.unitId ?? null,
          lat: last.lat,
          lng: last.lng,
          address: last.address,
          patient_age: last.patient_age,
          patient_sex: last.patient_sex,
          booked_by: actor.id,
          booked_role: actor.role,
        });
        await appendAudit(trx, {
          by: context,
          action: 'visit:booked',
          entityType: 'visit',
          entityId: visit.id,
          details: { plannedFor: plannedFor.toISOString(), unitId: input.unitId ?? null },
        });
        return visit;
      });
      publish({ type: 'visit:planned', ...views(row) });
      return forViewer(actor, row);
    },

    /** The board's planned visits (a paramedic: their unit's). Seeing whole visits is audited. */
    async list(context: RequestContext, status: VisitStatus): Promise<VisitView[]> {
      const { actor } = context;
      let rows = await listVisits(db.query, status);
      if (actor.role === 'paramedic') rows = rows.filter((r) => r.unit_id === actor.unitId);
      if (actor.role !== 'lead' && rows.length > 0) {
        await appendAudit(db.query, {
          by: context,
          action: 'visit:listed',
          entityType: 'visit',
          details: { status, visits: rows.length },
        });
      }
      return rows.map((r) => forViewer(actor, r));
    },

    /** Done or cancelled: by dispatch, or the unit's own paramedic. */
    async setStatus(
      context: RequestContext,
      id: string,
      status: 'completed' | 'cancelled',
    ): Promise<VisitView> {
      const { actor } = context;
      const row = await db.transaction(async (trx) => {
        const visit = await findVisit(trx, id);
        if (!visit) throw new NotFoundError('Visit');
        if (actor.role === 'paramedic' && visit.unit_id !== actor.unitId)
          throw new ForbiddenError('This visit is not planned for your unit');
        if (!(await setVisitStatus(trx, id, 'planned', status)))
          throw new ConflictError('visit_not_planned', `This visit is already ${visit.status}`);
        await appendAudit(trx, {
          by: context,
          action: `visit:${status}`,
          entityType: 'visit',
          entityId: id,
        });
        const updated = await findVisit(trx, id);
        if (!updated) throw new NotFoundError('Visit');
        return updated;
      });
      publish({ type: 'visit:updated', ...views(row) });
      return forViewer(actor, row);
    },
  };
}

export type ProactiveService = ReturnType<typeof proactiveServiceFactory>;
