import { ApiError } from '../api/errors.ts';

export interface ErrorCopy {
  title: string;
  body: string;
  /** Whether a Retry button can help: not for a revoked link, a refused permission or a self-retrying rate limit. */
  canRetry: boolean;
}

/**
 * What to tell the customer when loading failed, the same words in every element.
 * `retryIn`: seconds until a rate-limited load retries by itself; undefined when the element
 * does not retry by itself (the customer then waits and presses Retry).
 */
export function errorCopy(error: unknown, supplier: string, retryIn?: number): ErrorCopy {
  const e = error instanceof ApiError ? error : new ApiError({ kind: 'network', message: String(error) });
  const offline = e.kind === 'network' && typeof navigator !== 'undefined' && navigator.onLine === false;
  const waiting = retryIn === undefined
    ? `Please wait ${e.retryAfterSeconds ?? 30} s, then retry.`
    : retryIn > 0 ? `Trying again in ${retryIn} s…` : 'Trying again…';
  const text: Record<string, [string, string]> = {
    network: offline
      ? ['You are offline', 'Check your connection, then try again. Your cart is kept.']
      : ['The supplier could not be reached', 'Check your connection, then try again. Your cart is kept.'],
    unauthorized: ['This link has expired or was revoked', `Please ask ${supplier} for a new link.`],
    forbidden: ['This link does not allow that', e.message],
    supplier_unavailable: ['The supplier is not taking orders right now', 'Your cart is kept; please try again later.'],
    rate_limited: ['Too many requests', waiting],
    server: ['Something went wrong at the supplier', 'Please try again in a moment. Your cart is kept.'],
    contract: ['The supplier sent something this portal does not understand', 'Please try again later, or tell your supplier.'],
  };
  const [title, body] = text[e.kind] ?? ['Something went wrong', e.message];
  const canRetry = e.kind !== 'unauthorized' && e.kind !== 'forbidden' && (e.kind !== 'rate_limited' || retryIn === undefined);
  return { title, body, canRetry };
}
