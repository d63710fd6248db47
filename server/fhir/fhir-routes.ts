import { Router, type RequestHandler } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import { roles } from '../auth/roles.js';
import { packageVersion } from '../config/project-root.js';
import { listDestinations } from '../directory/destination-repository.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { parseInput } from '../http/parse.js';
import type { Database } from '../db/database.js';
import type { ReferralService } from '../referrals/referral-service.js';
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
export function fhirRouter(deps: {
  db: Pick<Database, 'query'>;
  referrals: ReferralService;
  timeZone: string;
  now: () => Date;
  rateLimit: RequestHandler;
}): Router {
  const { referrals } = deps;
  const router = Router();
  const referralReaders = requireRole('partner', 'dispatcher', 'admin');
  const id = (params: unknown, what: string) => {
    const parsed = parseInput(FhirIdParams, params, 'invalid_request', `${what} id`).id;
    // Any id that is not one of ours names nothing here.
    if (!uuid.test(parsed)) throw new NotFoundError(what);
    return parsed;
  };

  router.use(deps.rateLimit);
  router.use(acceptsFhirJson);
  router.get('/metadata', (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    send(res, capabilityStatement(baseOf(req), packageVersion));
  });

  router.get('/HealthcareService', requireRole(...roles), async (req, res) => {
    const query = parseInput(HealthcareServiceSearch, req.query, 'invalid_query', 'search');
    const sites = (await listDestinations(deps.db.query)).filter(
      (site) =>
        (!query._id || site.id === query._id) &&
        (!query.active || String(site.active) === query.active) &&
        (!query['service-type'] || query['service-type'].includes(site.type)),
    );
    const resources = sites.map((site) => toHealthcareService(site, deps.timeZone));
    send(res, searchset(req, resources, true));
  });

  router.get('/HealthcareService/:id', requireRole(...roles), async (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    const siteId = id(req.params, 'HealthcareService');
    const [site] = await listDestinations(deps.db.query, { ids: [siteId] });
    if (!site) throw new NotFoundError('HealthcareService');
    send(res, toHealthcareService(site, deps.timeZone));
  });

  router.get('/ServiceRequest/:id', referralReaders, async (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    const referralId = id(req.params, 'ServiceRequest');
    const referral = await referrals.get(contextOf(req), referralId);
    send(res, toServiceRequest(referral, deps.now()));
  });

  router.get('/Task', referralReaders, async (req, res) => {
    const query = parseInput(TaskSearch, req.query, 'invalid_query', 'search');
    const context = contextOf(req);
    const { actor } = context;
    if (actor.role === 'partner' && query.owner && query.owner !== actor.destinationId)
      throw new ForbiddenError("A site's staff can search their own site's tasks only");
    const found = await referrals.list(context, {
      statuses: query.status,
      limit: query._count,
      siteId: query.owner,
    });
    send(res, searchset(req, found.map(toTask), found.length < query._count));
  });

  router.get('/Task/:id', referralReaders, async (req, res) => {
    parseInput(ReadQuery, req.query, 'invalid_query', 'query');
    const taskId = id(req.params, 'Task');
    send(res, toTask(await referrals.get(contextOf(req), taskId)));
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
      send(res, await patchTask(referrals, contextOf(req), taskId, patch));
    },
  );

  router.use(fhirNotFound);
  return router;
}
