import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { AppConfig, RedisLike } from '../context.ts';
import { HttpError, UnavailableError } from '../errors.ts';
import { sendError } from './errors.ts';

export interface Limiters {
  /** Per token, for GET requests. */
  reads: RequestHandler;
  /** Per token, for everything that changes state. */
  writes: RequestHandler;
  /** Per client IP, counted only for requests whose token or admin key is not valid. */
  invalidCredentials: RequestHandler;
}

/** A key's count in its current window, and when that window ends (epoch ms). */
export interface WindowCount {
  hits: number;
  resetAt: number;
}

/** Counts hits in fixed windows that open at a key's first hit. */
export interface CounterStore {
  increment(key: string): WindowCount | Promise<WindowCount>;
}

/** Counts in this process. Expired windows are swept once a window, so keys do not pile up. */
export class MemoryCounters implements CounterStore {
  readonly #windows = new Map<string, WindowCount>();
  #nextSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  increment(key: string): WindowCount {
    const now = this.clock();
    if (now >= this.#nextSweep) {
      for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
      this.#nextSweep = now + this.windowMs;
    }
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { hits: 0, resetAt: now + this.windowMs };
      this.#windows.set(key, window);
    }
    window.hits++;
    return { hits: window.hits, resetAt: window.resetAt };
  }

  /** Keys with a window open (or ended and not yet swept). */
  get size(): number {
    return this.#windows.size;
  }
}

// INCR and the window's expiry in one atomic step: every process sharing the Redis sees one count.
const INCREMENT = `local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/** How long a count in Redis may take before the request waiting on it answers 503. */
export const REDIS_TIMEOUT_MS = 500;

/**
 * Counts in Redis, shared by every server process that uses it. A count Redis does not answer in
 * time fails (node-redis's own command timeout stops at commands already sent, so a Redis that
 * hangs with its connection open would hold the request). The deadline gives way to a reply
 * already waiting in the socket: when the event loop was busy past it (a burst of checkouts),
 * Node runs due timers before it reads the socket, and Redis's answer, there in time, would lose.
 */
export class RedisCounters implements CounterStore {
  constructor(
    private readonly redis: RedisLike,
    private readonly prefix: string,
    private readonly windowMs: number,
    private readonly timeoutMs = REDIS_TIMEOUT_MS,
  ) {}

  async increment(key: string): Promise<WindowCount> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      const fail = () => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`));
      // setImmediate runs after this turn's reads: a reply already received settles the race first.
      timer = setTimeout(() => setImmediate(fail), this.timeoutMs);
    });
    try {
      const reply = this.redis.sendCommand(['EVAL', INCREMENT, '1', this.prefix + key, String(this.windowMs)]);
      const [hits, ttl] = (await Promise.race([reply, late])) as [number, number];
      return { hits: Number(hits), resetAt: Date.now() + Number(ttl) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Retry-After when the counter store fails: the Redis client reconnects within about 2 s. */
const STORE_RETRY_SECONDS = 5;

/**
 * Fixed-window limits with the IETF `RateLimit` / `RateLimit-Policy` headers (draft 8) on every
 * counted answer, and a JSON 429 with `Retry-After` beyond the limit. With Redis the counts are
 * shared by every server process; otherwise they live in this process. A failing store (Redis down
 * or not answering) fails the request with a 503 and `Retry-After`: never lets it through uncounted.
 */
export function createLimiters(config: AppConfig): Limiters {
  const { rateLimits } = config;
  const windowSeconds = Math.ceil(rateLimits.windowMs / 1000);

  const limiter = (
    name: string,
    limit: number,
    keyOf: (req: Request, res: Response) => string,
    message: string,
  ): RequestHandler => {
    const store: CounterStore = config.redis
      ? new RedisCounters(config.redis, `portal-rl:${name}:`, rateLimits.windowMs)
      : new MemoryCounters(rateLimits.windowMs);
    const policy = `"${name}"; q=${limit}; w=${windowSeconds}`;
    return (req, res, next) => {
      const counted = ({ hits, resetAt }: WindowCount) => {
        const resetSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
        res.setHeader('RateLimit-Policy', policy);
        res.setHeader('RateLimit', `"${name}"; r=${Math.max(0, limit - hits)}; t=${resetSeconds}`);
        if (hits <= limit) return next();
        res.setHeader('Retry-After', String(resetSeconds));
        sendError(res, new HttpError(429, 'rate_limited', message, { retry_after_seconds: resetSeconds }));
      };
      // The memory store answers at once: no promise on the hot path.
      const count = store.increment(keyOf(req, res));
      if (count instanceof Promise) count.then(counted, () => storeFailed(res)).catch(next);
      else counted(count);
    };
  };

  const storeFailed = (res: Response) =>
    sendError(
      res,
      new UnavailableError('The service is briefly unavailable. Please try again in a moment.', STORE_RETRY_SECONDS),
    );

  const byToken = (_req: Request, res: Response) => res.locals.principal!.tokenId;
  // An IPv6 client can use a whole /56: it counts as one address.
  const byIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  return {
    reads: limiter(
      'reads',
      rateLimits.readsPerMinute,
      byToken,
      'Too many requests for this portal link. Please wait a moment and try again.',
    ),
    writes: limiter(
      'writes',
      rateLimits.writesPerMinute,
      byToken,
      'Too many changes for this portal link. Please wait a moment and try again.',
    ),
    invalidCredentials: limiter(
      'invalid',
      rateLimits.invalidTokenPerMinute,
      byIp,
      'Too many requests with an invalid link or key from this address.',
    ),
  };
}
