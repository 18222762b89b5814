import type { ErrorCode } from '../widget/contract/index.ts';
import type { RuleRefusal } from '../widget/contract/rules/refusal.ts';

/** An error the API answers as `{ error: { code, message, details? } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The error of a refusal decided by one of the contract's shared rules. */
export const ruleError = (refusal: RuleRefusal) =>
  new HttpError(refusal.status, refusal.code, refusal.message, refusal.details);

/** Throws the refusal a shared rule decided on, if it decided on one. */
export function refuseIf(refusal: RuleRefusal | null): void {
  if (refusal) throw ruleError(refusal);
}

export const notFound = (what = 'Not found') => new HttpError(404, 'not_found', what);

/** 503 `service_unavailable`: worth retrying as it is, after `Retry-After` seconds. */
export class UnavailableError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, 'service_unavailable', message, { retry_after_seconds: retryAfterSeconds });
  }
}
