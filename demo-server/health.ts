import { setTimeout as sleep } from 'node:timers/promises';
import type { Express } from 'express';
import { sql } from 'kysely';
import type { AppConfig } from './context.ts';

/** A dependency that does not answer within this is counted as failed. */
const CHECK_TIMEOUT_MS = 2000;

type Check = 'ok' | 'failed';

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { database: Check; redis?: Check };
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  const timeout = new AbortController();
  try {
    await Promise.race([
      probe(),
      sleep(CHECK_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(() => {
        throw new Error('timed out');
      }),
    ]);
    return 'ok';
  } catch {
    return 'failed';
  } finally {
    timeout.abort();
  }
}

/**
 * For load balancers and orchestrators, without a token, never rate limited or cached:
 * `GET /healthz` answers 200 while the process serves (liveness); `GET /readyz` answers 200 when
 * the database and, when configured, Redis answer, else 503 naming the one that failed (readiness).
 * Concurrent readiness probes share one check.
 */
export function healthRoutes(app: Express, config: Pick<AppConfig, 'db' | 'redis'>): void {
  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  let running: Promise<Readiness> | undefined;
  const readiness = async (): Promise<Readiness> => {
    const { redis } = config;
    const [database, redisCheck] = await Promise.all([
      check(() => sql`select 1`.execute(config.db.kysely)),
      redis ? check(() => redis.sendCommand(['PING'])) : undefined,
    ]);
    const checks: Readiness['checks'] = redisCheck ? { database, redis: redisCheck } : { database };
    return { status: Object.values(checks).every((c) => c === 'ok') ? 'ready' : 'unavailable', checks };
  };
  app.get('/readyz', async (_req, res) => {
    running ??= readiness().finally(() => {
      running = undefined;
    });
    const result = await running;
    res.setHeader('Cache-Control', 'no-store');
    res.status(result.status === 'ready' ? 200 : 503).json(result);
  });
}
