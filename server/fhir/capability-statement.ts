import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { referralStatuses } from '../../shared/referrals.js';
import { codeSystems, FHIR_JSON, JSON_PATCH, SDOHCC_CAPACITY_STATUS } from './fhir-codes.js';

const format = {
  name: '_format',
  type: 'token',
  documentation: 'json or application/fhir+json: JSON is all this server speaks',
} as const;

/** Exactly what /fhir/r4 answers: each interaction and search parameter it serves. */
const resources: CapabilityStatementRestResource[] = [
  {
    type: 'HealthcareService',
    documentation:
      'Every receiving site, with its weekly hours (availableTime, local time), closures ' +
      '(notAvailable), age range (eligibility) and capacity as the Gravity Project / SDOH ' +
      `Clinical Care capacity status extension (${SDOHCC_CAPACITY_STATUS}). Any signed-in user.`,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: [
      { name: '_id', type: 'token', documentation: 'The site id' },
      { name: 'active', type: 'token', documentation: 'true or false' },
      {
        name: 'service-type',
        type: 'token',
        documentation: `A site type of ${codeSystems.siteType}, comma-separated for any of several`,
      },
      format,
    ],
  },
  {
    type: 'ServiceRequest',
    documentation:
      'The referral dispatch made to a site: the patient as the site needs them (age, sex, ' +
      'complaint, triage reasons, vital signs, notes; contained, no identities) and the ' +
      "crew's expected arrival (occurrenceDateTime). A site's staff read their own site's " +
      'only; dispatchers and admins all. Each read is audited.',
    interaction: [{ code: 'read' }],
    searchParam: [format],
  },
  {
    type: 'Task',
    documentation:
      `The referral's lifecycle: Task.status is ${referralStatuses.join(', ')}. The owner ` +
      '(HealthcareService) accepts or rejects it with PATCH as a JSON Patch of status and ' +
      `statusReason (a coding of ${codeSystems.rejectReason} to reject). The same rules as ` +
      "the partner board: a wrong step is 409. A site's staff see their own site's only; " +
      'each read is audited.',
    interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'patch' }],
    searchParam: [
      {
        name: 'owner',
        type: 'reference',
        documentation: "HealthcareService/<id>; a site's staff may give only their own",
      },
      { name: 'status', type: 'token', documentation: 'Task statuses, comma-separated' },
      { name: '_count', type: 'number', documentation: '1 to 500, default 100; no paging' },
      format,
    ],
  },
];

export function capabilityStatement(base: string, version: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-02',
    publisher: 'altpath',
    kind: 'instance',
    software: { name: 'altpath', version },
    implementation: {
      description: "altpath's FHIR R4 API for receiving partners' own systems",
      url: base,
    },
    // R4 as its published JSON schema names it (4.0.1 is a technical correction of 4.0.0).
    fhirVersion: '4.0.0',
    format: [FHIR_JSON, 'json'],
    patchFormat: [JSON_PATCH],
    rest: [
      {
        mode: 'server',
        documentation: 'Errors are OperationOutcome resources.',
        security: {
          description:
            'Send `Authorization: Bearer <token>`: an API token an admin issued for the ' +
            "site's system (POST /api/users/:id/api-tokens; good for /fhir/r4 only, revoked " +
            'with DELETE /api/sessions/:id), or the token POST /api/auth/login returns. ' +
            'Only /fhir/r4/metadata is open without one.',
        },
        resource: resources,
      },
    ],
  };
}
