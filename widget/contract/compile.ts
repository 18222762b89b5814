/**
 * Compiles the contract for the widget: every portal endpoint's method and path, and its answer
 * schema as plain data (JSON Schema, checked in the browser by widget/api/schema.ts), so the
 * script-tag bundle checks answers without shipping zod. `npm run gen:contract` writes
 * widget/api/contract.gen.ts and widget/api/schemas.gen.ts; a unit test fails when they are out of date.
 */
import { z } from 'zod';
import { ErrorBody } from './common.ts';
import { endpoints } from './endpoints.ts';
import { PriceChangedDetails } from './portal.ts';

/** Keywords of the generated schemas that checking never reads. */
const DROPPED = new Set(['$schema', 'description', 'title', 'examples', 'format', 'default', 'additionalProperties']);

/** A schema without what the browser does not need; `properties` and `$defs` keep their names. */
function prune(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(prune);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(schema)) {
    // Extra keys are tolerated on purpose (see widget/api/schema.ts); the safe-integer bounds
    // zod puts on every int hold for any JSON number the checker accepts as an integer anyway.
    if (DROPPED.has(key)) continue;
    if (
      (key === 'maximum' && child === Number.MAX_SAFE_INTEGER) ||
      (key === 'minimum' && child === Number.MIN_SAFE_INTEGER)
    )
      continue;
    out[key] =
      key === 'properties' || key === '$defs'
        ? Object.fromEntries(Object.entries(child as Record<string, unknown>).map(([name, s]) => [name, prune(s)]))
        : prune(child);
  }
  return out;
}

export function jsonSchemaOf(schema: z.ZodType): unknown {
  return prune(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'ref', target: 'draft-2020-12' }));
}

/** Where every portal path starts; the compiled table writes each path without it. */
const PORTAL_PREFIX = '/api/v1/customer-portal/view/{token}';

/**
 * The source of widget/api/contract.gen.ts: every portal endpoint's method and path, loaded with
 * the widget (before its first paint), so written as one line an endpoint — `name method path
 * [pdf|idempotent]`, the path without the common prefix — read into objects when the module loads.
 */
export function compileClientEndpoints(): string {
  const lines = portalEndpoints().map(([name, e]) => {
    if (!e.path.startsWith(PORTAL_PREFIX)) throw new Error(`${name}: a portal path outside ${PORTAL_PREFIX}`);
    const flag =
      'binary' in e && e.binary === 'application/pdf' ? ' pdf' : 'idempotent' in e && e.idempotent ? ' idempotent' : '';
    return `${name} ${e.method} ${e.path.slice(PORTAL_PREFIX.length)}${flag}`;
  });
  return [
    '// Generated from widget/contract by `npm run gen:contract`. Do not edit: change the contract and regenerate.',
    "import type { endpoints as contract } from '../contract/endpoints.ts';",
    "import type { ClientEndpoint, ClientEndpoints } from './schema.ts';",
    '',
    '/** Every portal endpoint: `name method path [pdf|idempotent]`, the path after the common prefix. */',
    'const table = `',
    ...lines,
    '`;',
    '',
    '/** Every portal endpoint: its method and path (the answer schemas are in schemas.gen.ts, loaded on demand). */',
    'export const endpoints = Object.fromEntries(',
    '  table',
    '    .trim()',
    "    .split('\\n')",
    '    .map((line) => {',
    "      const [name, method, path, flag] = line.split(' ');",
    '      const endpoint = {',
    '        name,',
    '        method,',
    `        path: '${PORTAL_PREFIX}' + path,`,
    "        ...(flag === 'pdf' && { binary: 'application/pdf' }),",
    "        ...(flag === 'idempotent' && { idempotent: true }),",
    '      } as ClientEndpoint;',
    '      return [name, endpoint];',
    '    }),',
    ') as unknown as ClientEndpoints<typeof contract>;',
    '',
  ].join('\n');
}

/**
 * The source of widget/api/schemas.gen.ts: the JSON Schema each portal answer must fit. A chunk
 * of its own, fetched while the first request is in flight, so the first paint does not wait for it.
 */
export function compileClientSchemas(): string {
  const entries = portalEndpoints()
    .filter(([, e]) => e.response)
    .map(([name, e]) => `  ${name}: ${JSON.stringify(jsonSchemaOf(e.response!))},`);
  return [
    '// Generated from widget/contract by `npm run gen:contract`. Do not edit: change the contract and regenerate.',
    "import type { JsonSchema } from './schema.ts';",
    '',
    "/** The schema of each portal endpoint's answer, by endpoint name. */",
    'export const responses: Record<string, JsonSchema> = {',
    ...entries,
    '};',
    '',
    `export const errorBodySchema: JsonSchema = ${JSON.stringify(jsonSchemaOf(ErrorBody))};`,
    `export const priceChangedSchema: JsonSchema = ${JSON.stringify(jsonSchemaOf(PriceChangedDetails))};`,
    '',
  ].join('\n');
}

function portalEndpoints() {
  return Object.entries(endpoints).filter(([, e]) => e.auth === 'portal') as [
    string,
    (typeof endpoints)[keyof typeof endpoints],
  ][];
}
