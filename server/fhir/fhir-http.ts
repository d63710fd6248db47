import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Bundle, FhirResource } from 'fhir/r4';
import { markDuplicateKeys, scanForDuplicateKeys } from '../http/duplicate-keys.js';
import { AppError } from '../http/errors.js';
import { rejectDeeplyNestedJson } from '../http/json-depth.js';
import { rejectUnstorableText } from '../http/json-text.js';
import { FHIR_JSON, JSON_PATCH } from './fhir-codes.js';

/** The base URL as this request reached it (behind a trusted proxy, its scheme and host). */
export const baseOf = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;

export function send(res: Response, resource: FhirResource, status = 200): void {
  res.status(status).type(FHIR_JSON).send(JSON.stringify(resource));
}

export function searchset(req: Request, resources: FhirResource[], complete: boolean): Bundle {
  const base = baseOf(req);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    // Without paging, a search cut at _count does not know its total.
    ...(complete ? { total: resources.length } : {}),
    link: [{ relation: 'self', url: `${base}${req.url}` }],
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** JSON is all this API speaks: another format asked for is 406, before any work. */
export const acceptsFhirJson: RequestHandler = (req, _res, next) => {
  if (!req.get('accept') || req.accepts([FHIR_JSON, 'application/json'])) return next();
  next(
    new AppError(
      406,
      'not_acceptable',
      'This server answers application/fhir+json only: ask for it (or application/json) in Accept',
    ),
  );
};

/** FHIR JSON and JSON Patch bodies, read with the same guards as the rest of the API. */
export const fhirBodies: RequestHandler[] = [
  express.json({ type: [FHIR_JSON, JSON_PATCH], limit: '100kb', verify: scanForDuplicateKeys }),
  markDuplicateKeys,
  rejectDeeplyNestedJson(),
  rejectUnstorableText(),
];

/** FHIR R4 PATCH in JSON is a JSON Patch document: anything else is 415. */
export const requireJsonPatch: RequestHandler = (req, _res, next) => {
  if (req.is(JSON_PATCH)) return next();
  next(
    new AppError(
      415,
      'unsupported_media_type',
      `PATCH takes a JSON Patch with Content-Type ${JSON_PATCH} (FHIRPath Patch is not supported)`,
    ),
  );
};
