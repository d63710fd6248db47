import type { z } from 'zod';
import type { Role } from '../../shared/roles.js';

// Every domain's routes describe themselves here, so this table sits in the HTTP layer
// below them all; server/openapi builds the document from it and no domain imports that.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a caller needs to know about one route; the OpenAPI document is built from these. */
export interface RouteDoc {
  summary: string;
  description?: string;
  /** Groups the route in the document (the domain noun: calls, units, stats...). */
  tag: string;
  /** The roles that may call it, or `public` for a route that needs no session. */
  roles: readonly Role[] | 'public';
  /** The schemas the handler parses with: the same objects, so the document cannot drift. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The request body's media type, when not `application/json` (a JSON Patch). */
  bodyContentType?: string;
  /** Errors in another shape than ErrorResponse (the FHIR API's OperationOutcome). */
  errorBody?: { contentType: string; schema: z.ZodType };
  /** Honours an `Idempotency-Key` header (retried writes happen once). */
  idempotent?: boolean;
  /** The success answer; no schema means no body (204) or a non-JSON body (`contentType`). */
  response: {
    status?: number;
    description: string;
    schema?: z.ZodType;
    contentType?: string;
    /** Other statuses answered with this same schema (readiness answers 503 so). */
    sameShapeFor?: number[];
  };
  /** Answers beyond the ones every route may give (400 for bad input, 401/403, 429, 503). */
  errors?: Record<number, string>;
}

export interface DescribedRoute {
  method: HttpMethod;
  /** The full express path, `/api/calls/:id`. */
  path: string;
  doc: RouteDoc;
}

// A static table filled as route modules load, like the routes themselves: one entry per
// method and path, so building the app twice (tests) describes each route once.
const described = new Map<string, DescribedRoute>();

/**
 * Describes a route for `/api/openapi.json`; call it beside the route, at module level:
 * `describeRoute('post', '/api/calls', { summary, tag, roles, body: CreateCallSchema, ... })`.
 * A route without a description fails the OpenAPI coverage test.
 */
export function describeRoute(method: HttpMethod, path: string, doc: RouteDoc): void {
  described.set(`${method.toUpperCase()} ${path}`, { method, path, doc });
}

export function describedRoutes(): DescribedRoute[] {
  return [...described.values()];
}
