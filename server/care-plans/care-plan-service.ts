import { isUniqueViolation } from '../db/database-errors.js';
import { appendAudit } from '../audit/audit-repository.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database, Queryable } from '../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { readAccess, mayWrite, seesPatient, type AccessFacts } from './care-plan-access.js';
import {
  carePlanVersions,
  currentCarePlan,
  insertCarePlanVersion,
  isActiveParamedic,
  isReceivingSite,
  patientReferredToSite,
  unitAttendsPatient,
  type CarePlanRow,
} from './care-plan-repository.js';
import type {
  CarePlanHistory,
  CarePlanInput,
  CarePlanView,
} from '../../shared/care-plan-schema.js';
import { toCarePlanView } from './care-plan-view.js';

/** Why a care plan was shown: kept in the audit entry of every view. */
export type ViewedVia = 'intake' | 'direct' | 'history' | 'written';

/** To a partner, a patient it may not see: the same answer whether a plan exists or not. */
const unseen = () => new NotFoundError('Care plan');
const notReferredHere = () =>
  new NotFoundError(
    'Patient',
    'No call for this patient was referred to your site: a site starts care plans only for its own patients',
  );

const noAccess = () =>
  new ForbiddenError(
    'Only the dispatcher, the crew attending this patient, the paramedic who knows them and the care coordinator’s site may read this care plan',
  );

export function carePlanServiceFactory(deps: { db: Pick<Database, 'query' | 'transaction'> }) {
  const { db } = deps;

  async function factsFor(q: Queryable, actor: Actor, patientKey: string): Promise<AccessFacts> {
    const attends =
      actor.role === 'paramedic' && actor.unitId
        ? await unitAttendsPatient(q, actor.unitId, patientKey)
        : false;
    const referredHere =
      actor.role === 'partner' && actor.destinationId
        ? await patientReferredToSite(q, actor.destinationId, patientKey)
        : false;
    return { attends, referredHere };
  }

  async function audit(
    q: Queryable,
    context: RequestContext,
    action: 'care_plan:viewed' | 'care_plan:written',
    patientKey: string,
    details: Record<string, unknown>,
  ) {
    await appendAudit(q, {
      by: context,
      action,
      entityType: 'care_plan',
      entityId: patientKey,
      details,
    });
  }

  /** The current version, as this reader may see it; the view is audited. Null when there is none. */
  async function current(
    context: RequestContext,
    patientKey: string,
    via: ViewedVia,
  ): Promise<CarePlanView | null> {
    const { actor } = context;
    const row = await currentCarePlan(db.query, patientKey);
    if (!row) return null;
    const facts = await factsFor(db.query, actor, patientKey);
    if (!seesPatient(actor, row, facts)) return null;
    const access = readAccess(actor, row, facts);
    if (access === 'none') throw noAccess();
    await audit(db.query, context, 'care_plan:viewed', patientKey, {
      version: row.version,
      via,
    });
    return toCarePlanView(row, access);
  }

  return {
    /** GET /api/care-plans/:patientKey: 404 when there is no plan, unless `orNone`. */
    async view(
      context: RequestContext,
      patientKey: string,
      options: { orNone?: boolean } = {},
    ): Promise<CarePlanView | null> {
      const plan = await current(context, patientKey, 'direct');
      if (!plan && !options.orNone) throw unseen();
      return plan;
    },

    /**
     * The plan shown to whoever just took a call for this patient, or null.
     * Read after the call is decided and stored: it can inform the people, never the decision.
     */
    async atIntake(
      context: RequestContext,
      patientKey: string | undefined,
    ): Promise<CarePlanView | null> {
      if (!patientKey) return null;
      return current(context, patientKey, 'intake');
    },

    /** Every version, newest first; audited as one view. */
    async history(context: RequestContext, patientKey: string): Promise<CarePlanHistory> {
      const { actor } = context;
      const rows = await carePlanVersions(db.query, patientKey);
      const latest = rows[0];
      if (!latest) throw unseen();
      const facts = await factsFor(db.query, actor, patientKey);
      if (!seesPatient(actor, latest, facts)) throw unseen();
      const access = readAccess(actor, latest, facts);
      if (access === 'none') throw noAccess();
      await audit(db.query, context, 'care_plan:viewed', patientKey, {
        version: latest.version,
        via: 'history',
        versions: rows.length,
      });
      return {
        patientKey: access === 'whole' ? patientKey : null,
        versions: rows.map((row) => toCarePlanView(row, access)),
      };
    },

    /** PUT: a new version from the current one and what the writer changed. */
    async write(
      context: RequestContext,
      patientKey: string,
      input: CarePlanInput,
    ): Promise<{ plan: CarePlanView; created: boolean }> {
      const { actor } = context;
      const written = await db.transaction(async (trx) => {
        const previous = await currentCarePlan(trx, patientKey);
        const facts = await factsFor(trx, actor, patientKey);
        if (!seesPatient(actor, previous, facts)) throw notReferredHere();
        const newPlan = { coordinatorSiteId: input.coordinator?.siteId ?? null };
        if (!mayWrite(actor, previous, facts, newPlan)) {
          throw new ForbiddenError(
            previous
              ? 'Only a lead, the crew attending this patient, the paramedic who knows them or the care coordinator’s site may change this care plan'
              : actor.role === 'partner'
                ? 'A site’s staff may start a care plan only with their own site as its care coordinator'
                : 'Only community paramedics, leads and the care coordinator’s site may write care plans',
          );
        }
        const version = (previous?.version ?? 0) + 1;
        if (input.expectedVersion !== undefined && input.expectedVersion !== version - 1) {
          throw staleVersion(version - 1);
        }
        const next = await nextVersion(trx, actor, patientKey, version, previous, input);
        try {
          await insertCarePlanVersion(trx, next);
        } catch (err) {
          // Another writer took this version number between our read and our insert.
          if (isUniqueViolation(err, 'care_plans_patient_key_version_unique'))
            throw staleVersion(version);
          throw err;
        }
        await audit(trx, context, 'care_plan:written', patientKey, {
          version,
          changed: changedFields(input),
        });
        const row = await currentCarePlan(trx, patientKey);
        if (!row) throw new Error('written care plan not found');
        return { row, created: !previous };
      });
      const access = readAccess(actor, written.row, { attends: true });
      return {
        plan: toCarePlanView(written.row, access === 'none' ? 'redacted' : access),
        created: written.created,
      };
    },
  };
}

export type CarePlanService = ReturnType<typeof carePlanServiceFactory>;

const staleVersion = (current: number) =>
  new ConflictError(
    'care_plan_changed',
    `This care plan changed meanwhile (it is now at version ${current}): read it again and re-apply your change`,
  );

function changedFields(input: CarePlanInput): string[] {
  return Object.keys(input).filter((k) => k !== 'expectedVersion');
}

async function nextVersion(
  q: Queryable,
  actor: Actor,
  patientKey: string,
  version: number,
  previous: CarePlanRow | undefined,
  input: CarePlanInput,
) {
  const coordinator = {
    name: input.coordinator?.name ?? previous?.coordinator_name,
    phone:
      input.coordinator && 'phone' in input.coordinator
        ? (input.coordinator.phone ?? null)
        : (previous?.coordinator_phone ?? null),
    siteId:
      input.coordinator && 'siteId' in input.coordinator
        ? (input.coordinator.siteId ?? null)
        : (previous?.coordinator_site_id ?? null),
  };
  const issues: Array<{ path: string; message: string }> = [];
  if (!coordinator.name) {
    issues.push({
      path: 'coordinator.name',
      message: 'is required: a care plan names its care coordinator',
    });
  }
  if (coordinator.siteId && !(await isReceivingSite(q, coordinator.siteId))) {
    issues.push({ path: 'coordinator.siteId', message: 'is not a site in the directory' });
  }
  const knownParamedicId =
    input.knownParamedicId !== undefined
      ? input.knownParamedicId
      : (previous?.known_paramedic_id ?? null);
  if (knownParamedicId && !(await isActiveParamedic(q, knownParamedicId))) {
    issues.push({
      path: 'knownParamedicId',
      message: 'is not an active community paramedic’s account',
    });
  }
  if (issues.length) {
    throw new ValidationError(
      'invalid_care_plan',
      `Invalid care plan: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return {
    patient_key: patientKey,
    version,
    coordinator_name: coordinator.name ?? '',
    coordinator_phone: coordinator.phone,
    coordinator_site_id: coordinator.siteId,
    what_helps: input.whatHelps ?? previous?.what_helps ?? '',
    what_to_avoid: input.whatToAvoid ?? previous?.what_to_avoid ?? '',
    safety_notes: input.safetyNotes ?? previous?.safety_notes ?? '',
    preferred_pathway:
      input.preferredPathway !== undefined
        ? input.preferredPathway
        : (previous?.preferred_pathway ?? null),
    known_paramedic_id: knownParamedicId,
    written_by: actor.id,
    written_role: actor.role,
  };
}
