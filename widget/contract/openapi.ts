import { z } from 'zod';
import { ErrorBody, ErrorCode } from './common.ts';
import { endpoints, type Endpoint } from './endpoints.ts';
import { ERROR_DETAILS, ERROR_STATUS } from './error-details.ts';
import { EXAMPLES } from './examples.ts';
import { Catalog, Category, PriceList, Product, Promotion } from './catalog.ts';
import {
  Dashboard,
  Delivery,
  DocumentLine,
  Invoice,
  InvoiceDetail,
  OrderDetail,
  OrderEvent,
  OrderRequest,
  OrderSummary,
  Payment,
  Quote,
  Session,
} from './portal.ts';
import { AdminOrderRequest, CreatedToken, Customer, TokenInfo, WorkspaceSettings } from './admin.ts';

type JsonSchema = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: `details` lists every problem.',
  401: 'Unknown, expired or revoked token (indistinguishable), or a missing admin key.',
  403: '`permission_denied`, `section_disabled` or `supplier_unavailable`.',
  404: "Not found, or not this customer's.",
  409: 'Conflict: `idempotency_in_flight`, `request_pending` (a change already waits for approval) or `price_changed` (with the current prices in `details`).',
  413: 'Body larger than 100 KB (also where the operation takes none).',
  415: "`unsupported_media_type`: the body's charset or Content-Encoding is not one the server reads (send UTF-8 JSON, plain or gzip/deflate/br).",
  422: 'Understood but refused: see `code` and `details`.',
  429: 'Rate limited: see `Retry-After`.',
  502: '`mail_failed`: the mail server could not be reached or refused the message; nothing was sent.',
  503: '`service_unavailable`: the database is busy or the rate-limit store is unreachable; retry after `Retry-After`.',
};

/**
 * The contract's objects that get a name in `components.schemas`, with an example where
 * EXAMPLES has one. Wherever an answer holds one of them, the document refers to it by name.
 */
export const NAMED_SCHEMAS: Record<string, z.ZodType> = {
  Session,
  Catalog,
  Category,
  Product,
  PriceList,
  Promotion,
  Dashboard,
  OrderSummary,
  OrderDetail,
  DocumentLine,
  OrderRequest,
  OrderEvent,
  Quote,
  Invoice,
  InvoiceDetail,
  Payment,
  Delivery,
  Customer,
  CreatedToken,
  TokenInfo,
  WorkspaceSettings,
  AdminOrderRequest,
};

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Replaces every subtree equal to a named schema (other than `self`, the schema being named) with a $ref to it. */
function withRefs(json: unknown, byShape: Map<string, string>, self?: string): unknown {
  const walk = (node: unknown, root: boolean): unknown => {
    if (!node || typeof node !== 'object') return node;
    if (!(root && self)) {
      const name = byShape.get(canonical(node));
      if (name && name !== self) return { $ref: `#/components/schemas/${name}` };
    }
    if (Array.isArray(node)) return node.map((n) => walk(n, false));
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, false)]));
  };
  return walk(json, true);
}

const HEADERS = {
  RateLimit: {
    description:
      'IETF draft-8 `RateLimit`: the named limit, requests remaining `r` and seconds until the window resets `t`, e.g. `"reads"; r=297; t=41`. Portal operations, and refused admin credentials.',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'The limit in force, e.g. `"reads"; q=300; w=60` (300 a 60-second window).',
    schema: { type: 'string' },
  },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
  ETag: {
    description: 'A strong validator of the answer: send it back in `If-None-Match` to get 304 while it holds.',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: '`private, no-cache`: the client may keep the answer and revalidates it on each use.',
    schema: { type: 'string' },
  },
  'Idempotency-Replayed': {
    description: '`true` when the answer replays the order an earlier request with the same key placed.',
    schema: { type: 'string', enum: ['true'] },
  },
} as const;
const header = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** `Error_<code>`: the error answer of one code, `details` typed where the code has any. */
function errorComponents(): Record<string, unknown> {
  return Object.fromEntries(
    ErrorCode.options.map((code) => {
      const details = ERROR_DETAILS[code];
      return [
        `Error_${code}`,
        {
          type: 'object',
          required: ['error'],
          additionalProperties: false,
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              additionalProperties: false,
              properties: {
                code: { const: code },
                message: { type: 'string' },
                ...(details ? { details: schema(details, 'output') } : {}),
              },
            },
          },
        },
      ];
    }),
  );
}

/** The error answers of one status: one of the codes answered with it. */
const errorsOf = (status: number) =>
  ErrorCode.options
    .filter((code) => ERROR_STATUS[code] === status)
    .map((code) => ({ $ref: `#/components/schemas/Error_${code}` }));

function parameters(endpoint: Endpoint) {
  const list: unknown[] = [];
  const add = (where: 'path' | 'query', object: z.ZodObject | undefined) => {
    if (!object) return;
    for (const [name, field] of Object.entries(object.shape)) {
      const s = schema(field as z.ZodType, 'input');
      list.push({
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
        schema: s,
      });
    }
  };
  add('path', endpoint.params);
  add('query', endpoint.query);
  if (endpoint.idempotent) {
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'One key per checkout attempt; reuse it on retry.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  if (endpoint.revalidated) {
    list.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'The `ETag` of the answer the client holds: 304 if it still holds.',
      schema: { type: 'string' },
    });
  }
  return list;
}

/** The OpenAPI 3.1 document of the contract, generated from the same zod schemas the server validates with. */
export function openApiDocument(options: { serverUrl?: string; version?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = Object.fromEntries(
    Object.entries(NAMED_SCHEMAS).map(([name, zod]) => [name, schema(zod, 'output')]),
  );
  const byShape = new Map(Object.entries(components).map(([name, json]) => [canonical(json), name]));
  const named = (json: unknown) => withRefs(json, byShape);
  const commonErrors = (e: Endpoint) => [
    400,
    ...(e.auth ? [401] : []),
    ...(e.section || e.permission || e.idempotent || e.auth === 'portal' ? [403] : []),
    429,
    413,
    ...(e.body ? [415] : []),
    503,
    ...(e.errors ?? []),
  ];
  for (const [operationId, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const responses: Record<string, unknown> = {
      [endpoint.status]: endpoint.binary
        ? {
            description: 'Success: the file, to download.',
            headers: {
              'Content-Disposition': { description: "`attachment` with the file's name.", schema: { type: 'string' } },
            },
            content: { [endpoint.binary]: { schema: { type: 'string', format: 'binary' } } },
          }
        : endpoint.response
          ? {
              description: 'Success',
              content: { 'application/json': { schema: named(schema(endpoint.response, 'output')) } },
            }
          : { description: 'Done; no body.' },
    };
    const success = responses[endpoint.status] as { headers?: Record<string, unknown> };
    if (endpoint.auth === 'portal')
      success.headers = {
        ...success.headers,
        RateLimit: header('RateLimit'),
        'RateLimit-Policy': header('RateLimit-Policy'),
      };
    if (endpoint.idempotent)
      success.headers = { ...success.headers, 'Idempotency-Replayed': header('Idempotency-Replayed') };
    if (endpoint.revalidated) {
      success.headers = { ...success.headers, ETag: header('ETag'), 'Cache-Control': header('Cache-Control') };
      responses[304] = {
        description: 'Not modified: the answer named by `If-None-Match` still holds; no body.',
        headers: { ETag: header('ETag') },
      };
    }
    for (const status of [...new Set(commonErrors(endpoint))].sort()) {
      const variants = errorsOf(status);
      responses[status] = {
        description: ERROR_TEXT[status] ?? 'Error',
        ...(status === 429
          ? {
              headers: {
                'Retry-After': header('Retry-After'),
                RateLimit: header('RateLimit'),
                'RateLimit-Policy': header('RateLimit-Policy'),
              },
            }
          : {}),
        ...(status === 503 ? { headers: { 'Retry-After': header('Retry-After') } } : {}),
        content: {
          'application/json': {
            schema: variants.length ? { oneOf: variants } : { $ref: '#/components/schemas/Error' },
          },
        },
      };
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
      operation.requestBody = {
        required: !endpoint.body.safeParse(undefined).success,
        content: { 'application/json': { schema: schema(endpoint.body, 'input') } },
      };
    }
    if (endpoint.section || endpoint.permission) {
      operation['x-portal-access'] = {
        section: endpoint.section ?? null,
        permission: endpoint.permission ?? null,
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
        "The contract between the customer-portal web components and a supplier's backend. Money is integer minor units " +
        'with an ISO 4217 currency on each document; instants are ISO 8601; JSON is snake_case. Lists answer ' +
        '`{ items, next_cursor }`; errors answer `{ error: { code, message, details? } }`. Portal endpoints take the ' +
        "customer's token in the path and are limited per token (reads and writes a minute, `RateLimit` headers).",
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
    paths,
    components: {
      schemas: {
        Error: schema(ErrorBody, 'output'),
        ...errorComponents(),
        ...Object.fromEntries(
          Object.entries(components).map(([name, json]) => {
            const example = (EXAMPLES as Record<string, unknown>)[name];
            return [
              name,
              { ...(withRefs(json, byShape, name) as object), ...(example ? { examples: [example] } : {}) },
            ];
          }),
        ),
      },
      headers: HEADERS,
      securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of the server.' } },
    },
  };
}
