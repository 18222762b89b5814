import { ErrorBody, endpoints, type Endpoint, type EndpointName } from '../contract/index.ts';
import { openApiDocument } from '../contract/openapi.ts';

/** What the kit sent, as the report shows it (tokens replaced by their label). */
export interface SentRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One request and its answer. */
export interface Exchange {
  request: SentRequest;
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CallOptions {
  /** Portal token (for `{token}`) or `admin` for the admin key; `none` sends no credentials. */
  as?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as is (not JSON-encoded). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** The statuses the OpenAPI document declares for each operation. */
const DECLARED: Record<string, Set<number>> = (() => {
  const doc = openApiDocument();
  const out: Record<string, Set<number>> = {};
  for (const methods of Object.values(doc.paths)) {
    for (const operation of Object.values(methods) as { operationId: string; responses: Record<string, unknown> }[]) {
      out[operation.operationId] = new Set(Object.keys(operation.responses).map(Number));
    }
  }
  return out;
})();

export const declaredStatuses = (name: EndpointName): Set<number> => DECLARED[name] ?? new Set();

/**
 * Where the contract says it: the operation in the OpenAPI document (served by the reference
 * server at /docs and /api/v1/openapi.json) and the file of the zod schemas.
 */
export function contractRef(name: EndpointName | undefined, what = 'response'): string {
  if (!name) return 'widget/contract/common.ts (ErrorBody)';
  const endpoint: Endpoint = endpoints[name];
  return `${name}: ${endpoint.method.toUpperCase()} ${endpoint.path} (${what}; OpenAPI operationId ${name}, /docs#${slug(endpoint.method + endpoint.path)})`;
}

/** The anchor the reference server's /docs page gives an operation (demo-server/docs.ts). */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** HTTP against the server under test, with the admin key and labelled tokens. */
export class Client {
  readonly #base: string;
  readonly #adminKey: string;
  readonly #fetch: FetchLike;
  readonly #labels = new Map<string, string>();
  count = 0;

  constructor(base: string, adminKey: string, fetchImpl: FetchLike) {
    this.#base = base.replace(/\/+$/, '');
    this.#adminKey = adminKey;
    this.#fetch = fetchImpl;
  }

  /** Shows `token` as `<label>` in reports: a secret, even a test one, stays out of logs. */
  label(token: string, label: string): void {
    this.#labels.set(token, label);
  }

  #redact(text: string): string {
    let out = text;
    for (const [token, label] of this.#labels) out = out.split(token).join(`<${label}>`);
    return out;
  }

  /** Calls one operation of the contract. */
  call(name: EndpointName, options: CallOptions = {}): Promise<Exchange> {
    const endpoint: Endpoint = endpoints[name];
    const as = options.as ?? (endpoint.auth === 'admin' ? 'admin' : undefined);
    const values: Record<string, string> = { ...options.params };
    if (endpoint.auth === 'portal' && as && as !== 'admin' && as !== 'none') values.token = as;
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (values[key] === undefined) throw new Error(`no value for {${key}} in ${endpoint.path}`);
      return encodeURIComponent(values[key]);
    });
    return this.raw(endpoint.method.toUpperCase(), path, { ...options, as });
  }

  /** Any request to the server (path starting with /). */
  async raw(method: string, path: string, options: CallOptions = {}): Promise<Exchange> {
    const query = options.query && Object.keys(options.query).length ? `?${new URLSearchParams(options.query)}` : '';
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const shownHeaders = { ...options.headers };
    if (options.as === 'admin') headers.authorization = `Bearer ${this.#adminKey}`;
    this.count++;
    const response = await this.#fetch(this.#base + path + query, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const request: SentRequest = {
      method,
      path: this.#redact(path + query),
      ...(Object.keys(shownHeaders).length ? { headers: shownHeaders } : {}),
      ...(options.as === 'admin' ? { headers: { ...shownHeaders, authorization: 'Bearer <admin key>' } } : {}),
      ...(body !== undefined ? { body: options.rawBody ?? options.body } : {}),
    };
    return { request, status: response.status, headers: response.headers, text: this.#redact(text), json };
  }
}

/** The error code of an answer in the contract's error shape; undefined otherwise. */
export function errorCodeOf(exchange: Exchange): string | undefined {
  const parsed = ErrorBody.safeParse(exchange.json);
  return parsed.success ? parsed.data.error.code : undefined;
}
