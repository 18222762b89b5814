import { z } from 'zod';
import { ErrorBody } from './common.ts';
import { endpoints, type Endpoint } from './endpoints.ts';

type JsonSchema = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: `details` lists every problem.',
  401: 'Unknown, expired or revoked token (indistinguishable), or a missing admin key.',
  403: '`permission_denied`, `section_disabled` or `supplier_unavailable`.',
  404: 'Not found, or not this customer\'s.',
  409: 'Conflict: `idempotency_in_flight`, `request_pending` (a change already waits for approval) or `price_changed` (with the current prices in `details`).',
  413: 'Body larger than 100 KB (also where the operation takes none).',
  415: '`unsupported_media_type`: the body\'s charset or Content-Encoding is not one the server reads (send UTF-8 JSON, plain or gzip/deflate/br).',
  422: 'Understood but refused: see `code` and `details`.',
  429: 'Rate limited: see `Retry-After`.',
  502: '`mail_failed`: the mail server could not be reached or refused the message; nothing was sent.',
  503: '`service_unavailable`: the database is busy or the rate-limit store is unreachable; retry after `Retry-After`.',
};

function parameters(endpoint: Endpoint) {
  const list: unknown[] = [];
  const add = (where: 'path' | 'query', object: z.ZodObject | undefined) => {
    if (!object) return;
    for (const [name, field] of Object.entries(object.shape)) {
      const s = schema(field as z.ZodType, 'input');
      list.push({
        name, in: where, required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        ...(typeof s.description === 'string' ? { description: s.description } : {}), schema: s,
      });
    }
  };
  add('path', endpoint.params);
  add('query', endpoint.query);
  if (endpoint.idempotent) {
    list.push({ name: 'Idempotency-Key', in: 'header', required: true, description: 'One key per checkout attempt; reuse it on retry.', schema: { type: 'string', minLength: 1, maxLength: 255 } });
  }
  return list;
}

/** The OpenAPI 3.1 document of the contract, generated from the same zod schemas the server validates with. */
export function openApiDocument(options: { serverUrl?: string; version?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  const commonErrors = (e: Endpoint) => [400, ...(e.auth ? [401] : []), ...(e.section || e.permission || e.idempotent || e.auth === 'portal' ? [403] : []), 429, 413, ...(e.body ? [415] : []), 503, ...(e.errors ?? [])];
  for (const [operationId, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const responses: Record<string, unknown> = {
      [endpoint.status]: endpoint.binary
        ? {
          description: 'Success: the file, to download.',
          headers: { 'Content-Disposition': { description: '`attachment` with the file\'s name.', schema: { type: 'string' } } },
          content: { [endpoint.binary]: { schema: { type: 'string', format: 'binary' } } },
        }
        : endpoint.response
          ? { description: 'Success', content: { 'application/json': { schema: schema(endpoint.response, 'output') } } }
          : { description: 'Done; no body.' },
    };
    for (const status of [...new Set(commonErrors(endpoint))].sort()) {
      responses[status] = { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: Record<string, unknown> = {
      operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      tags: [endpoint.auth === 'admin' ? 'Admin' : 'Customer portal'],
      security: endpoint.auth === 'admin' ? [{ adminKey: [] }] : [],
      parameters: parameters(endpoint),
      responses,
    };
    if (endpoint.body) {
      operation.requestBody = { required: !endpoint.body.safeParse(undefined).success, content: { 'application/json': { schema: schema(endpoint.body, 'input') } } };
    }
    if (endpoint.section || endpoint.permission) {
      operation['x-portal-access'] = {
        section: endpoint.section ?? null, permission: endpoint.permission ?? null,
        ...(endpoint.writePermission ? { write_permission: endpoint.writePermission } : {}),
      };
    }
    (paths[endpoint.path] ??= {})[endpoint.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Customer Portal API',
      version: options.version ?? '1.0.0',
      description:
        'The contract between the customer-portal web components and a supplier\'s backend. Money is integer minor units ' +
        'with an ISO 4217 currency on each document; instants are ISO 8601; JSON is snake_case. Lists answer ' +
        '`{ items, next_cursor }`; errors answer `{ error: { code, message, details? } }`. Portal endpoints take the ' +
        'customer\'s token in the path and are limited per token (reads and writes a minute, `RateLimit` headers).',
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
    paths,
    components: {
      schemas: { Error: schema(ErrorBody, 'output') },
      securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of the server.' } },
    },
  };
}
