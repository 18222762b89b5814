import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { AppConfig } from '../context.ts';
import { HttpError } from '../errors.ts';
import { sendError } from './errors.ts';

export interface Limiters {
  /** Per token, for GET requests. */
  reads: RequestHandler;
  /** Per token, for everything that changes state. */
  writes: RequestHandler;
  /** Per client IP, counted only for requests whose token or admin key is not valid. */
  invalidCredentials: RequestHandler;
}

/**
 * Fixed-window counters with IETF `RateLimit` / `RateLimit-Policy` headers and `Retry-After` on 429.
 * With Redis the counts are shared by every server process; otherwise they live in this process.
 */
export function createLimiters(config: AppConfig): Limiters {
  const { rateLimits } = config;
  const store = (name: string): Store | undefined =>
    config.redis
      ? new RedisStore({ prefix: `portal-rl:${name}:`, sendCommand: (...args: string[]) => config.redis!.sendCommand(args) as never })
      : undefined;

  const limiter = (name: string, limit: number, key: 'token' | 'ip', message: string): RequestHandler =>
    rateLimit({
      windowMs: rateLimits.windowMs,
      limit,
      identifier: name,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: store(name),
      passOnStoreError: false,
      keyGenerator: (req, res) => (key === 'token' ? res.locals.principal!.tokenId : ipKeyGenerator(req.ip ?? 'unknown')),
      handler: (_req, res) =>
        sendError(res, new HttpError(429, 'rate_limited', message, { retry_after_seconds: Number(res.getHeader('Retry-After')) || undefined })),
    });

  return {
    reads: limiter('reads', rateLimits.readsPerMinute, 'token', 'Too many requests for this portal link. Please wait a moment and try again.'),
    writes: limiter('writes', rateLimits.writesPerMinute, 'token', 'Too many changes for this portal link. Please wait a moment and try again.'),
    invalidCredentials: limiter('invalid', rateLimits.invalidTokenPerMinute, 'ip', 'Too many requests with an invalid link or key from this address.'),
  };
}
