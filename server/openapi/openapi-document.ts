import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { SESSION_COOKIE } from '../auth/session-token.js';
import { describedRoutes, type DescribedRoute } from '../http/route-docs.js';

/** The one error shape every route answers with (server/http/error-middleware.ts). */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable and machine-readable', example: 'not_found' }),
      message: z.string().meta({ description: 'A sentence a person can act on' }),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'One per bad field, for 400 answers' }),
    }),
    requestId: z.string().meta({ description: 'Quote it when reporting a problem' }),
  })
  .meta({ id: 'ErrorResponse' });

const jsonError = { contentType: 'application/json', schema: ErrorResponseSchema };

/** `/api/calls/:id` → `/api/calls/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function responsesOf({ doc }: DescribedRoute): ZodOpenApiResponsesObject {
  const ok = doc.response;
  const { contentType, schema } = doc.errorBody ?? jsonError;
  const errorAnswer = (description: string) => ({
    description,
    content: { [contentType]: { schema } },
  });
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(ok.status ?? 200)]: {
      description: ok.description,
      ...(ok.schema
        ? { content: { [ok.contentType ?? 'application/json']: { schema: ok.schema } } }
        : ok.contentType
          ? { content: { [ok.contentType]: { schema: z.string() } } }
          : {}),
    },
  };
  if (doc.params || doc.query || doc.body)
    responses['400'] = errorAnswer('The input is invalid: `issues` names each field and why');
  if (doc.roles !== 'public') {
    responses['401'] = errorAnswer('No live session');
    responses['403'] = errorAnswer(`Only for: ${doc.roles.join(', ')}`);
  }
  for (const [status, description] of Object.entries(doc.errors ?? {}))
    responses[status] = errorAnswer(description);
  responses['429'] = errorAnswer('Too many requests: wait for `Retry-After` seconds');
  responses['503'] = errorAnswer('The database is not reachable: nothing was changed; retry');
  responses['500'] = errorAnswer('Something went wrong on our side (logged with the requestId)');
  for (const status of ok.sameShapeFor ?? [])
    responses[String(status)] = {
      ...responses[String(ok.status ?? 200)]!,
    };
  return responses as ZodOpenApiResponsesObject;
}

function operationOf(route: DescribedRoute): ZodOpenApiOperationObject {
  const { doc } = route;
  const header = doc.idempotent
    ? z.object({
        'Idempotency-Key': z
          .string()
          .optional()
          .meta({ description: 'Retrying with the same key answers the first result again' }),
      })
    : undefined;
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    security: doc.roles === 'public' ? [] : [{ session: [] }, { bearer: [] }],
    ...(doc.roles === 'public' ? {} : { 'x-roles': [...doc.roles] }),
    requestParams: {
      ...(doc.params ? { path: doc.params } : {}),
      ...(doc.query ? { query: doc.query } : {}),
      ...(header ? { header } : {}),
    },
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { [doc.bodyContentType ?? 'application/json']: { schema: doc.body } },
          },
        }
      : {}),
    responses: responsesOf(route),
  };
}

/** The OpenAPI 3.1 description of every route described with describeRoute(). */
export function buildOpenApiDocument(info: { version: string }) {
  const paths: ZodOpenApiPathsObject = {};
  const routes = describedRoutes().sort((a, b) => a.path.localeCompare(b.path));
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operationOf(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'altpath',
      version: info.version,
      description:
        'Community paramedic dispatch triage and alternate-pathway engine. Every route needs a ' +
        'session (sign in with POST /api/auth/login) unless it says otherwise; `x-roles` lists ' +
        'the roles that may call it. Errors always have the ErrorResponse shape.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        bearer: { type: 'http', scheme: 'bearer', description: 'The token sign-in returns' },
      },
    },
    paths,
  });
}
