import type { z } from 'zod';
import { endpoints } from '../widget/contract/endpoints.ts';
import type { ErrorCode } from '../widget/contract/index.ts';

/**
 * The console's API client: the admin operations of the contract, called by name, with their
 * params, query, body and answer typed from the contract's schemas. The contract also gives each
 * operation's method and path at run time, so a new back-office endpoint needs no code here.
 */
type Endpoints = typeof endpoints;
/** The operations that take the admin key. */
export type AdminName = { [K in keyof Endpoints]: Endpoints[K]['auth'] extends 'admin' ? K : never }[keyof Endpoints];

type Field<E, K extends string> = E extends { [P in K]: infer S } ? S : undefined;
type Input<S> = S extends z.ZodType ? z.input<S> : never;
export type Answer<N extends AdminName> = Endpoints[N]['response'] extends z.ZodType
  ? z.output<Endpoints[N]['response']>
  : null;
export type BodyOf<N extends AdminName> = Input<Field<Endpoints[N], 'body'>>;
type ParamsOf<N extends AdminName> =
  Field<Endpoints[N], 'params'> extends z.ZodType ? Record<keyof Input<Field<Endpoints[N], 'params'>>, string> : never;
type QueryOf<N extends AdminName> =
  Field<Endpoints[N], 'query'> extends z.ZodType
    ? { [K in keyof Input<Field<Endpoints[N], 'query'>>]?: string | number | undefined }
    : never;

export interface CallInit<N extends AdminName> {
  params?: ParamsOf<N>;
  query?: QueryOf<N>;
  body?: BodyOf<N>;
  signal?: AbortSignal;
}

/** A refused or failed call, as the console tells it next to the action. */
export class ConsoleError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network' | 'bad_answer';
  readonly details: unknown;
  /** 429 (and 503): seconds to wait, from Retry-After. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: ConsoleError['code'];
    message: string;
    details?: unknown;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ConsoleError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The problems a 400 names, one per field (`body.freight.flat_minor: …`). */
  get fieldProblems(): { path: string; message: string }[] {
    return Array.isArray(this.details)
      ? this.details.filter(
          (d): d is { path: string; message: string } => typeof d?.path === 'string' && typeof d?.message === 'string',
        )
      : [];
  }
}

export interface AdminClientOptions {
  key: string;
  /** Origin and path prefix of the API; default: this page's origin. */
  apiBase?: string;
  fetch?: typeof fetch;
  /** The key was refused (401): the console signs out. */
  onUnauthorized?: () => void;
}

export class AdminClient {
  readonly #key: string;
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthorized: (() => void) | undefined;

  constructor(options: AdminClientOptions) {
    this.#key = options.key;
    this.#base = (options.apiBase ?? '').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#onUnauthorized = options.onUnauthorized;
  }

  /** Whether this client's operation exists in the contract (back-office operations arrive over time). */
  static has(name: string): name is AdminName {
    return (endpoints as Record<string, { auth: string }>)[name]?.auth === 'admin';
  }

  async call<N extends AdminName>(name: N, init: CallInit<N> = {}): Promise<Answer<N>> {
    const endpoint = endpoints[name] as { method: string; path: string; status: number };
    const params = (init.params ?? {}) as Record<string, string>;
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {}))
      if (value !== undefined && value !== '') query.set(key, String(value));
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}${query.size ? `?${query}` : ''}`, {
        method: endpoint.method.toUpperCase(),
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.#key}`,
          ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: init.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ConsoleError({ status: 0, code: 'network', message: '' });
    }
    if (response.status === 401) this.#onUnauthorized?.();
    if (response.ok) {
      if (response.status === 204) return null as Answer<N>;
      try {
        return (await response.json()) as Answer<N>;
      } catch {
        throw new ConsoleError({ status: response.status, code: 'bad_answer', message: '' });
      }
    }
    const body = (await response.json().catch(() => undefined)) as
      { error?: { code?: ErrorCode; message?: string; details?: unknown } } | undefined;
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ConsoleError({
      status: response.status,
      code: body?.error?.code ?? (response.status >= 500 ? 'internal_error' : 'bad_answer'),
      message: body?.error?.message ?? '',
      details: body?.error?.details,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null,
    });
  }
}
