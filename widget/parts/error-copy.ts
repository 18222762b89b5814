import { msg, str } from '@lit/localize';
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
  const seconds = e.retryAfterSeconds ?? 30;
  const waiting =
    retryIn === undefined
      ? msg(str`Please wait ${seconds} s, then retry.`, { desc: 'After too many requests; s: seconds' })
      : retryIn > 0
        ? msg(str`Trying again in ${retryIn} s…`, { desc: 'A countdown; s: seconds' })
        : msg('Trying again…');
  const keptAndRetry = msg('Check your connection, then try again. Your cart is kept.');
  const text: Record<string, [string, string]> = {
    network: offline
      ? [msg('You are offline'), keptAndRetry]
      : [msg('The supplier could not be reached'), keptAndRetry],
    unauthorized: [
      msg('This link has expired or was revoked'),
      msg(str`Please ask ${supplier} for a new link.`, { desc: "The supplier's business name" }),
    ],
    forbidden: [msg('This link does not allow that'), e.message],
    supplier_unavailable: [
      msg('The supplier is not taking orders right now'),
      msg('Your cart is kept; please try again later.'),
    ],
    rate_limited: [msg('Too many requests'), waiting],
    server: [msg('Something went wrong at the supplier'), msg('Please try again in a moment. Your cart is kept.')],
    contract: [
      msg('The supplier sent something this portal does not understand'),
      msg('Please try again later, or tell your supplier.'),
    ],
  };
  const [title, body] = text[e.kind] ?? [msg('Something went wrong'), e.message];
  const canRetry =
    e.kind !== 'unauthorized' && e.kind !== 'forbidden' && (e.kind !== 'rate_limited' || retryIn === undefined);
  return { title, body, canRetry };
}
