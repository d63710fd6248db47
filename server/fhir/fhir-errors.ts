import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import type { RequestHandler } from 'express';
import { AppError, type FieldIssue } from '../http/errors.js';
import type { ErrorRenderer } from '../http/error-middleware.js';
import { FHIR_JSON } from './fhir-codes.js';

/** The patch applies, but what it makes breaks the rules (FHIR answers 422). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, issues?: FieldIssue[]) {
    super(422, code, message, issues);
  }
}

/** HTTP status → FHIR issue type (http://hl7.org/fhir/issue-type). */
function issueType(status: number): OperationOutcomeIssue['code'] {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 406 || status === 415) return 'not-supported';
  if (status === 413) return 'too-costly';
  if (status === 422) return 'business-rule';
  if (status === 429) return 'throttled';
  if (status === 503) return 'transient';
  if (status >= 500) return 'exception';
  return 'invalid';
}

// A path such as `Task.statusReason.coding` is FHIRPath; `owner` is a search parameter.
const isElementPath = (path: string) => /^[A-Z][A-Za-z]+(\.|$)/.test(path);

/** Any error as a FHIR OperationOutcome: one issue per bad field, in words. */
export function toOperationOutcome(error: AppError, requestId: string): OperationOutcome {
  const code = issueType(error.status);
  const issues: OperationOutcomeIssue[] = error.issues?.length
    ? error.issues.map((i) => ({
        severity: 'error',
        code,
        details: { text: `${i.path}: ${i.message}` },
        ...(isElementPath(i.path) ? { expression: [i.path] } : {}),
      }))
    : [{ severity: 'error', code, details: { text: error.message } }];
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue, n) =>
      n === 0 ? { ...issue, diagnostics: `${error.code}; requestId ${requestId}` } : issue,
    ),
  };
}

export const renderOperationOutcome: ErrorRenderer = (error, requestId, res) => {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="altpath"');
  res
    .status(error.status)
    .type(FHIR_JSON)
    .send(JSON.stringify(toOperationOutcome(error, requestId)));
};

export const fhirNotFound: RequestHandler = (req, _res, next) => {
  next(
    new AppError(
      404,
      'not_found',
      `No FHIR interaction ${req.method} ${req.baseUrl}${req.path}: GET /fhir/r4/metadata lists what is supported`,
    ),
  );
};
