import type { ErrorCode } from '../widget/contract/index.ts';

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

export const notFound = (what = 'Not found') => new HttpError(404, 'not_found', what);

/** 503 `service_unavailable`: worth retrying as it is, after `Retry-After` seconds. */
export class UnavailableError extends HttpError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(503, 'service_unavailable', message, { retry_after_seconds: retryAfterSeconds });
  }
}
