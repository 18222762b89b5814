import type { z } from 'zod';
import type {
  CheckoutRequest,
  Endpoint,
  ErrorBody,
  OrderUpdateRequest,
  PriceChangedDetails,
  ShopCatalog,
} from '../contract/index.ts';
import { endpoints } from './contract.gen.ts';
import type { OrderListGroup } from '../contract/rules/order-creation.ts';
import { ApiError, kindFor } from './errors.ts';
import type { AnswerOf, ClientEndpoint, SchemaIssue } from './schema.ts';

/** Either form of an endpoint: the widget's compiled one, or the contract's (tests, the server's tools). */
type AnyEndpoint = ClientEndpoint | Endpoint;
type Body<E> = E extends Endpoint ? (E['response'] extends z.ZodType ? z.output<E['response']> : null) : AnswerOf<E>;

/** Endpoint names by "METHOD path", so a contract endpoint (tests, tools) finds its answer schema too. */
const names = new Map<string, string>(
  Object.values(endpoints as Record<string, ClientEndpoint>).map((e) => [`${e.method} ${e.path}`, e.name]),
);

type Schemas = typeof import('./answer-checks.ts');
let schemas: Promise<Schemas> | undefined;
let loaded: Schemas | undefined;
/** The answer schemas: a chunk of their own, asked for as soon as a client exists. */
export function loadSchemas(): Promise<Schemas> {
  schemas ??= import('./answer-checks.ts').then(
    (module) => (loaded = module),
    () => {
      schemas = undefined; // the next answer tries again
      throw new ApiError({
        kind: 'network',
        message: 'Could not reach the supplier. Check your connection and try again.',
      });
    },
  );
  return schemas;
}

export interface ClientOptions {
  /** Origin (and optional path prefix) of the supplier's API, e.g. https://api.supplier.example */
  apiBase: string;
  token: string;
  fetch?: typeof fetch;
  /** Called when an answer says the token is not (or no longer) valid: 401. */
  onUnauthorized?: () => void;
}

/**
 * The widget's typed API client. Every answer is checked against the contract; every failure
 * becomes an ApiError with a kind the UI can act on.
 */
export class PortalClient {
  readonly #base: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthorized: (() => void) | undefined;

  constructor(options: ClientOptions) {
    this.#onUnauthorized = options.onUnauthorized;
    this.#base = options.apiBase.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    loadSchemas().catch(() => undefined); // in parallel with the first request; a failure shows on that answer
  }

  session(signal?: AbortSignal) {
    return this.call(endpoints.getSession, {}, { signal });
  }

  /** The catalogue, asked for in the compact form (a backend may answer the full one): as the portal holds it. */
  async catalog(signal?: AbortSignal): Promise<ShopCatalog> {
    const answer = await this.call(endpoints.getCatalog, {}, { query: { format: 'compact' }, signal });
    if (!('format' in answer)) return answer;
    const read = (await loadSchemas()).readCompactCatalog(answer);
    if ('products' in read) return read;
    throw new ApiError({
      kind: 'contract',
      status: 200,
      message: 'The supplier sent an answer this portal does not understand.',
      details: [read],
    });
  }

  /** A page of orders; `filters`: only the link's person's (`placed_by`), only a tab's (`status_group`). */
  orders(cursor?: string, signal?: AbortSignal, filters: { placed_by?: 'me'; status_group?: OrderListGroup } = {}) {
    return this.call(
      endpoints.listOrders,
      {},
      {
        query: { ...(cursor ? { cursor } : {}), ...filters },
        signal,
      },
    );
  }

  order(id: string, signal?: AbortSignal) {
    return this.call(endpoints.getOrder, { id }, { signal });
  }

  /** The order as a PDF to save or open; a draft's answers `not_found`. */
  orderPdf(id: string, signal?: AbortSignal): Promise<Blob> {
    return this.file(endpoints.getOrderPdf, { id }, signal);
  }

  orderHistory(signal?: AbortSignal) {
    return this.call(endpoints.getOrderHistory, {}, { signal });
  }

  /** Checkout; pass the same key on every retry of one attempt. */
  placeOrder(body: CheckoutRequest, idempotencyKey: string, signal?: AbortSignal) {
    return this.call(endpoints.placeOrder, {}, { body, headers: { 'Idempotency-Key': idempotencyKey }, signal });
  }

  /** Changes an order's lines or reference; the answer may show the change waiting for the supplier's approval. */
  updateOrder(id: string, body: OrderUpdateRequest, signal?: AbortSignal) {
    return this.call(endpoints.updateOrder, { id }, { body, signal });
  }

  /** Cancels an order, or asks the supplier to: the answer says which. */
  cancelOrder(id: string, body: { reason?: string }, signal?: AbortSignal) {
    return this.call(endpoints.cancelOrder, { id }, { body, signal });
  }

  /** Approves a charge the supplier added to an order: it counts in the total from now on. */
  approveOrderCharge(id: string, chargeId: string, signal?: AbortSignal) {
    return this.call(endpoints.approveOrderCharge, { id, charge_id: chargeId }, { signal });
  }

  /** Rejects a charge the supplier added to an order, with the reason the supplier reads. */
  rejectOrderCharge(id: string, chargeId: string, body: { reason: string }, signal?: AbortSignal) {
    return this.call(endpoints.rejectOrderCharge, { id, charge_id: chargeId }, { body, signal });
  }

  async call<E extends AnyEndpoint>(
    endpoint: E,
    params: Record<string, string>,
    init: {
      query?: Record<string, string>;
      body?: unknown;
      headers?: Record<string, string>;
      signal?: AbortSignal;
    } = {},
  ): Promise<Body<E>> {
    const response = await this.#send(endpoint, params, init);
    if (response.ok) {
      if (response.status === 204 || ('response' in endpoint && endpoint.response === null)) return null as Body<E>;
      const json = await response.json().catch(() => undefined);
      // A long catalogue's parse is one task of its own and its check (and reading) the next, so
      // that neither holds the page up as long as both would.
      if (endpoint.path === endpoints.getCatalog.path) await nextTask();
      const issue = validate(endpoint, json, await loadSchemas());
      if (issue) {
        throw new ApiError({
          kind: 'contract',
          status: response.status,
          message: 'The supplier sent an answer this portal does not understand.',
          details: [issue],
        });
      }
      return json as Body<E>;
    }
    throw await errorFrom(response);
  }

  /** A binary endpoint's file, checked to be of the endpoint's type. */
  async file(
    endpoint: AnyEndpoint & { binary: string },
    params: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Blob> {
    const response = await this.#send(endpoint, params, { signal });
    if (!response.ok) throw await errorFrom(response);
    const type = response.headers.get('Content-Type')?.split(';')[0].trim().toLowerCase();
    if (type !== endpoint.binary) {
      throw new ApiError({
        kind: 'contract',
        status: response.status,
        message: 'The supplier sent a file this portal does not understand.',
        details: { content_type: type ?? null },
      });
    }
    return response.blob();
  }

  async #send(
    endpoint: AnyEndpoint,
    params: Record<string, string>,
    init: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Response> {
    const response = await this.#request(endpoint, params, init);
    if (response.status === 401) this.#onUnauthorized?.();
    return response;
  }

  async #request(
    endpoint: AnyEndpoint,
    params: Record<string, string>,
    init: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Response> {
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(name === 'token' ? this.#token : (params[name] ?? '')),
    );
    const query = new URLSearchParams(init.query ?? {}).toString();
    try {
      return await this.#fetch(`${this.#base}${path}${query ? `?${query}` : ''}`, {
        method: endpoint.method.toUpperCase(),
        // A file endpoint still answers its errors as JSON.
        headers: {
          Accept: endpoint.binary ? `${endpoint.binary}, application/json` : 'application/json',
          ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: init.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError({
        kind: 'network',
        message: 'Could not reach the supplier. Check your connection and try again.',
      });
    }
  }
}

/** Resolves in a new task (after the browser had a chance to paint and handle input). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve));
}

/** The contract's check of an answer: the first problem, or null. */
function validate(endpoint: AnyEndpoint, json: unknown, checks: Schemas): SchemaIssue | null {
  const schema = checks.responses[names.get(`${endpoint.method} ${endpoint.path}`) ?? ''];
  if (!schema) return { path: [], message: `no schema for ${endpoint.method} ${endpoint.path}` };
  if (endpoint.path === endpoints.getCatalog.path) return checks.checkCatalog(schema, json);
  return checks.check(schema, json);
}

/**
 * The current prices a 409 `price_changed` carries, when they fit the contract; else null. (An
 * error comes from an answer, and answers wait for the schemas: they are loaded by then.)
 */
export function priceChangedDetails(error: ApiError): PriceChangedDetails | null {
  if (error.kind !== 'price_changed' || !loaded || loaded.check(loaded.priceChangedSchema, error.details)) return null;
  return error.details as PriceChangedDetails;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const { check, errorBodySchema } = await loadSchemas();
  const body = json !== undefined && !check(errorBodySchema, json) ? (json as ErrorBody).error : null;
  const code = body?.code ?? null;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError({
    kind: kindFor(response.status, code),
    status: response.status,
    code,
    message: body ? body.message : `The supplier answered ${response.status}.`,
    details: body?.details,
    retryAfterSeconds:
      response.status === 429 ? (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 30) : null,
  });
}
