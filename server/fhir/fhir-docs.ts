import { z } from 'zod';
import { roles } from '../auth/roles.js';
import { describeRoute, type RouteDoc } from '../http/route-docs.js';
import { FHIR_JSON, JSON_PATCH } from './fhir-codes.js';
import {
  FhirIdParams,
  HealthcareServiceSearch,
  JsonPatchSchema,
  ReadQuery,
  TaskSearch,
} from './fhir-schemas.js';

// The FHIR API in /api/openapi.json. The resources are FHIR R4's own
// (https://hl7.org/fhir/R4/); the tests validate every one served against the
// official FHIR R4 JSON schema, so these stay outlines.

const outline = (type: string) =>
  z.looseObject({ resourceType: z.literal(type), id: z.string().optional() }).meta({
    id: `Fhir${type}`,
    description: `FHIR R4 ${type}: https://hl7.org/fhir/R4/${type.toLowerCase()}.html`,
  });
// One schema object per type: the document refers to each by its id.
const outlines = new Map<string, z.ZodObject>();
const resource = (type: string) => {
  const known = outlines.get(type) ?? outline(type);
  outlines.set(type, known);
  return known;
};

const OperationOutcome = z
  .looseObject({
    resourceType: z.literal('OperationOutcome'),
    issue: z.array(
      z.looseObject({
        severity: z.enum(['fatal', 'error', 'warning', 'information']),
        code: z.string().meta({ description: 'FHIR issue type (not-found, conflict, ...)' }),
        details: z.object({ text: z.string() }).optional(),
        expression: z.array(z.string()).optional(),
        diagnostics: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'FhirOperationOutcome', description: 'FHIR R4 OperationOutcome: every error' });

const bundleOf = (type: string) =>
  z
    .looseObject({
      resourceType: z.literal('Bundle'),
      type: z.literal('searchset'),
      entry: z.array(z.looseObject({ fullUrl: z.string(), resource: resource(type) })).optional(),
    })
    .meta({ description: `FHIR R4 searchset Bundle of ${type}` });

const fhir = (doc: Omit<RouteDoc, 'tag' | 'errorBody'>, schema: z.ZodType): RouteDoc => ({
  ...doc,
  tag: 'fhir',
  errorBody: { contentType: FHIR_JSON, schema: OperationOutcome },
  response: { ...doc.response, contentType: FHIR_JSON, schema },
});

const referralReaders = ['partner', 'dispatcher', 'admin'] as const;
const notAcceptable = { 406: 'Accept names no JSON format' };

describeRoute(
  'get',
  '/fhir/r4/metadata',
  fhir(
    {
      summary: 'FHIR CapabilityStatement: exactly what /fhir/r4 supports',
      roles: 'public',
      query: ReadQuery,
      response: { description: 'The CapabilityStatement' },
      errors: notAcceptable,
    },
    resource('CapabilityStatement'),
  ),
);
describeRoute(
  'get',
  '/fhir/r4/HealthcareService',
  fhir(
    {
      summary:
        'Every receiving site: hours, closures, age range, capacity (Gravity SDOH extension)',
      roles,
      query: HealthcareServiceSearch,
      response: { description: 'A searchset Bundle of HealthcareService' },
      errors: notAcceptable,
    },
    bundleOf('HealthcareService'),
  ),
);
describeRoute(
  'get',
  '/fhir/r4/HealthcareService/:id',
  fhir(
    {
      summary: 'One receiving site',
      roles,
      params: FhirIdParams,
      query: ReadQuery,
      response: { description: 'The HealthcareService' },
      errors: { 404: 'No such site', ...notAcceptable },
    },
    resource('HealthcareService'),
  ),
);
describeRoute(
  'get',
  '/fhir/r4/ServiceRequest/:id',
  fhir(
    {
      summary: 'The referral with what the site needs to receive the patient (audited)',
      roles: referralReaders,
      params: FhirIdParams,
      query: ReadQuery,
      response: { description: 'The ServiceRequest, the patient contained' },
      errors: { 404: "No such referral, or another site's", ...notAcceptable },
    },
    resource('ServiceRequest'),
  ),
);
describeRoute(
  'get',
  '/fhir/r4/Task',
  fhir(
    {
      summary: "Referral tasks, newest first: a site's staff get their own site's (audited)",
      roles: referralReaders,
      query: TaskSearch,
      response: { description: 'A searchset Bundle of Task' },
      errors: { 403: "owner names another site than the partner's own", ...notAcceptable },
    },
    bundleOf('Task'),
  ),
);
describeRoute(
  'get',
  '/fhir/r4/Task/:id',
  fhir(
    {
      summary: "One referral's Task (audited)",
      roles: referralReaders,
      params: FhirIdParams,
      query: ReadQuery,
      response: { description: 'The Task' },
      errors: { 404: "No such referral, or another site's", ...notAcceptable },
    },
    resource('Task'),
  ),
);
describeRoute(
  'patch',
  '/fhir/r4/Task/:id',
  fhir(
    {
      summary: 'Accept or reject a referral: a JSON Patch of status and statusReason',
      description:
        'The receiving site\'s staff only. `[{"op":"replace","path":"/status","value":"accepted"}]`; ' +
        'to reject, also `{"op":"add","path":"/statusReason","value":{"coding":[{"system":' +
        '"https://altpath.local/fhir/CodeSystem/referral-reject-reason","code":"at_capacity"}],' +
        '"text":"why"}}`. A `test` operation guards against a change made meanwhile (409). ' +
        'The same step as POST /api/referrals/:id/status: a rejection proposes the next site.',
      roles: ['partner'],
      params: FhirIdParams,
      query: ReadQuery,
      body: JsonPatchSchema,
      bodyContentType: JSON_PATCH,
      response: { description: 'The Task after the step' },
      errors: {
        404: "No such referral, or another site's",
        409: 'Not a step from its status, or a `test` operation failed',
        415: `The body is not ${JSON_PATCH}`,
        422: 'The patch changes more than status and statusReason, or leaves them invalid',
        ...notAcceptable,
      },
    },
    resource('Task'),
  ),
);
