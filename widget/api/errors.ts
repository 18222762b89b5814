import type { ErrorCode } from '../contract/index.ts';

/**
 * What went wrong, as the UI needs to tell it: each kind has its own message and recovery
 * (retry, wait, ask for a new link, confirm new prices...).
 */
export type ApiErrorKind =
  | 'network' // offline, DNS, CORS, connection reset: retry
  | 'unauthorized' // 401: the link expired or was revoked
  | 'forbidden' // 403 permission_denied / section_disabled
  | 'supplier_unavailable' // 403: browsing works, ordering does not
  | 'not_found' // 404
  | 'rate_limited' // 429: wait retryAfterSeconds
  | 'price_changed' // 409 with the current prices
  | 'in_flight' // 409: the same checkout is still running
  | 'not_orderable' // 422 lines_not_orderable
  | 'invalid' // 400/413/422: the request was refused as it is
  | 'server' // 5xx
  | 'contract'; // the answer does not match the contract

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: ErrorCode | null;
  readonly details: unknown;
  /** For `rate_limited`: seconds to wait before retrying. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    kind: ApiErrorKind;
    message: string;
    status?: number;
    code?: ErrorCode | null;
    details?: unknown;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code ?? null;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** Worth trying again as it is (after a pause for rate limits). */
  get retryable(): boolean {
    return (
      this.kind === 'network' || this.kind === 'server' || this.kind === 'rate_limited' || this.kind === 'in_flight'
    );
  }
}

export function kindFor(status: number, code: ErrorCode | null): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return code === 'supplier_unavailable' ? 'supplier_unavailable' : 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 409)
    return code === 'price_changed' ? 'price_changed' : code === 'idempotency_in_flight' ? 'in_flight' : 'invalid';
  if (status === 422 && code === 'lines_not_orderable') return 'not_orderable';
  if (status >= 500) return 'server';
  return 'invalid';
}
