/**
 * A small checker for the JSON Schemas the contract's zod schemas compile to (see
 * scripts/gen-client-contract.ts). The widget checks every answer against the contract without
 * shipping zod: the schemas travel as data (about 4 KB gzip for the whole API, in a chunk loaded
 * while the first request is in flight) and this
 * interpreter reads them. It knows the keywords that generator emits and nothing more; a test
 * holds it equal to zod on every fixture and on thousands of mutations of them.
 *
 * Extra object keys are accepted (as zod's non-strict objects accept them), so a server that adds
 * a field does not break a widget already deployed.
 */
import type { z } from 'zod';

/** An endpoint as the widget sees it; `__contract` only carries the zod endpoint's types. */
export interface ClientEndpoint<C = unknown> {
  /** The endpoint's name in the contract, which keys its answer schema. */
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  binary?: 'application/pdf';
  idempotent?: boolean;
  readonly __contract?: C;
}
export type ClientEndpoints<T> = {
  [K in keyof T as T[K] extends { auth: 'portal' } ? K : never]: ClientEndpoint<T[K]> &
    (T[K] extends { binary: infer B } ? { binary: B } : unknown);
};
/** The answer type of an endpoint, from the contract's zod schema. */
export type AnswerOf<E> = E extends { __contract?: infer C }
  ? C extends { response: infer R }
    ? R extends z.ZodType
      ? z.output<R>
      : null
    : never
  : never;

export interface JsonSchema {
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** `false` (no items beyond `prefixItems`) is what zod writes for a tuple, whose maxItems says the same. */
  items?: JsonSchema | false;
  /** A tuple's items, by position. */
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}
type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

/** The first problem found, or null when `value` fits `schema`. */
export function check(schema: JsonSchema, value: unknown): SchemaIssue | null {
  return visit(schema, value, schema.$defs ?? {}, []);
}

const patterns = new Map<string, RegExp>();
/** JSON Schema patterns are Unicode-aware (the opaque id's `\p{Cc}` needs the `u` flag). */
function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  // As zod's z.int(): an integer beyond 2^53 is not one (it cannot be told from its neighbours).
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function fits(types: JsonType | JsonType[], actual: JsonType): boolean {
  const list = Array.isArray(types) ? types : [types];
  return list.includes(actual) || (actual === 'integer' && list.includes('number'));
}

function visit(
  schema: JsonSchema,
  value: unknown,
  defs: Record<string, JsonSchema>,
  path: (string | number)[],
): SchemaIssue | null {
  const fail = (message: string): SchemaIssue => ({ path, message });
  if (schema.$ref) {
    const target = defs[schema.$ref.replace('#/$defs/', '')];
    if (!target) return fail(`unknown reference ${schema.$ref}`);
    return visit(target, value, defs, path);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    // oneOf here only comes from discriminated unions, whose branches cannot overlap.
    let first: SchemaIssue | null = null;
    for (const branch of alternatives) {
      const issue = visit(branch, value, defs, path);
      if (!issue) return null;
      first ??= issue;
    }
    return first;
  }
  if ('const' in schema && value !== schema.const) return fail(`expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) return fail('not one of the allowed values');
  const actual = typeOf(value);
  if (schema.type && !fits(schema.type, actual)) return fail(`expected ${String(schema.type)}, got ${actual}`);
  switch (actual) {
    case 'string': {
      const text = value as string;
      // zod counts UTF-16 code units, as .length does.
      if (schema.minLength !== undefined && text.length < schema.minLength) return fail('too short');
      if (schema.maxLength !== undefined && text.length > schema.maxLength) return fail('too long');
      if (schema.pattern !== undefined && !pattern(schema.pattern).test(text)) return fail('wrong format');
      return null;
    }
    case 'integer':
    case 'number': {
      const n = value as number;
      if (!Number.isFinite(n)) return fail('not a finite number');
      if (schema.minimum !== undefined && n < schema.minimum) return fail('too small');
      if (schema.maximum !== undefined && n > schema.maximum) return fail('too big');
      if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) return fail('too small');
      if (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum) return fail('too big');
      return null;
    }
    case 'array': {
      const items = value as unknown[];
      if (schema.minItems !== undefined && items.length < schema.minItems) return fail('too few items');
      if (schema.maxItems !== undefined && items.length > schema.maxItems) return fail('too many items');
      const prefix = schema.prefixItems ?? [];
      for (let i = 0; i < Math.min(prefix.length, items.length); i++) {
        const issue = visit(prefix[i], items[i], defs, [...path, i]);
        if (issue) return issue;
      }
      if (schema.items === false && items.length > prefix.length) return fail('too many items');
      if (schema.items) {
        for (let i = prefix.length; i < items.length; i++) {
          const issue = visit(schema.items, items[i], defs, [...path, i]);
          if (issue) return issue;
        }
      }
      return null;
    }
    case 'object': {
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (!Object.hasOwn(record, key) || record[key] === undefined)
          return { path: [...path, key], message: 'required' };
      }
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (!Object.hasOwn(record, key) || record[key] === undefined) continue;
        const issue = visit(child, record[key], defs, [...path, key]);
        if (issue) return issue;
      }
      return null;
    }
    default:
      return null;
  }
}
