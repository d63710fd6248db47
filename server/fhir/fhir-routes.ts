import { Router, type RequestHandler } from 'express';
import { actorOf, requireRole } from '../auth/require-role.js';
import { roles } from '../auth/roles.js';
import { packageVersion } from '../config/project-root.js';
import type { DispatchContext } from '../dispatch/dispatch-context.js';
import { listDestinations } from '../directory/destination-repository.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { parseInput } from '../http/parse.js';
import { originOf } from '../http/request-origin.js';
import { getReferral, listReferrals } from '../referrals/referral-queries.js';
import { capabilityStatement } from './capability-statement.js';
import './fhir-docs.js';
import { fhirNotFound } from './fhir-errors.js';
import {
  acceptsFhirJson,
  baseOf,
  fhirBodies,
  requireJsonPatch,
  searchset,
  send,
} from './fhir-http.js';
import {
  FhirIdParams,
  HealthcareServiceSearch,
  JsonPatchSchema,
  ReadQuery,
  TaskSearch,
} from './fhir-schemas.js';
import { toHealthcareService } from './healthcare-service.js';
import { patchTask } from './patch-task.js';
import { toServiceRequest } from './service-request-resource.js';
import { toTask } from './task-resource.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * FHIR R4 for receiving partners' own systems, mounted at /fhir/r4: the same
 * sessions, roles, need-to-know and audit as /api, and the same referral
 * commands as the partner board. Errors are OperationOutcome
 * (renderOperationOutcome, wired in app.ts for everything under /fhir).
 */
export function fhirRouter(ctx: DispatchContext, deps: { rateLimit: RequestHandler }): Router {
  const router = Router();
  const referralReaders = requireRole('partner', 'dispatcher', 'admin');
  const id = (params: unknown, what: string) => {
    const parsed = parseInput(FhirIdParams, params, 'invalid_request', `${what} id`).id;
    // Any id that is not one of ours names nothing here.
    if (!uuid.test(parsed)) throw new NotFoundError(what);
    return parsed;
  };
  const viewOptions = (req: Parameters<RequestHandler>[0]) => ({
    roadSpeedKmh: ctx.roadSpeedKmh,
    ip: originOf(req).ip,
  });

  router.use(deps.rateLimit);
  router.use(acceptsFhirJson);
  router.get('/metadata', (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    send(res, capabilityStatement(baseOf(req), packageVersion));
  });

  router.get('/HealthcareService', requireRole(...roles), async (req, res) => {
    const query = parseInput(HealthcareServiceSearch, req.query, 'invalid_query', 'search');
    const sites = (await listDestinations(ctx.db.query)).filter(
      (site) =>
        (!query._id || site.id === query._id) &&
        (!query.active || String(site.active) === query.active) &&
        (!query['service-type'] || query['service-type'].includes(site.type)),
    );
    const resources = sites.map((site) => toHealthcareService(site, ctx.timeZone));
    send(res, searchset(req, resources, true));
  });

  router.get('/HealthcareService/:id', requireRole(...roles), async (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    const siteId = id(req.params, 'HealthcareService');
    const [site] = await listDestinations(ctx.db.query, { ids: [siteId] });
    if (!site) throw new NotFoundError('HealthcareService');
    send(res, toHealthcareService(site, ctx.timeZone));
  });

  router.get('/ServiceRequest/:id', referralReaders, async (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    const referralId = id(req.params, 'ServiceRequest');
    const referral = await getReferral(ctx.db, actorOf(req), referralId, viewOptions(req));
    send(res, toServiceRequest(referral, ctx.now()));
  });

  router.get('/Task', referralReaders, async (req, res) => {
    const query = parseInput(TaskSearch, req.query, 'invalid_query', 'search');
    const actor = actorOf(req);
    if (actor.role === 'partner' && query.owner && query.owner !== actor.destinationId)
      throw new ForbiddenError("A site's staff can search their own site's tasks only");
    const referrals = await listReferrals(
      ctx.db,
      actor,
      { statuses: query.status, limit: query._count, siteId: query.owner },
      viewOptions(req),
    );
    send(res, searchset(req, referrals.map(toTask), referrals.length < query._count));
  });

  router.get('/Task/:id', referralReaders, async (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    const taskId = id(req.params, 'Task');
    send(res, toTask(await getReferral(ctx.db, actorOf(req), taskId, viewOptions(req))));
  });

  router.patch(
    '/Task/:id',
    requireRole('partner'),
    requireJsonPatch,
    ...fhirBodies,
    async (req, res) => {
      parseInput(ReadQuery, req.query, 'invalid_query', 'query');
      const taskId = id(req.params, 'Task');
      const patch = parseInput(JsonPatchSchema, req.body, 'invalid_patch', 'JSON Patch');
      send(res, await patchTask(ctx, actorOf(req), taskId, patch, originOf(req).ip));
    },
  );

  router.use(fhirNotFound);
  return router;
}
