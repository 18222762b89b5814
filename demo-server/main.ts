import { createServer } from 'node:http';
import { createClient } from 'redis';
import { createApp } from './app.ts';
import { allowedOrigins, parseEnv, publicUrl, rateLimitsFromEnv } from './config.ts';
import type { RedisLike } from './context.ts';
import { openDb } from './db/connect.ts';
import { seedDemoIfEmpty } from './db/seed.ts';
import { getAdminKeyHash, setAdminKeyHash } from './db/workspace.ts';
import { demoLinkLabel, ensureDemoLinks } from './demo-links.ts';
import { ADMIN_KEY_PREFIX, hashSecret, newSecret } from './auth/secrets.ts';
import { hashedBundle } from './static.ts';

/** `npm start`: parses the environment, prepares the database, listens, and stops cleanly on SIGTERM. */
async function main(): Promise<void> {
  // Signals are caught from the first instant: one that arrives while starting (migrating,
  // seeding) is held and honoured once the server can shut down cleanly.
  let stop: ((signal: string) => void) | undefined;
  let pendingSignal: string | undefined;
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => (stop ? stop(signal) : (pendingSignal ??= signal)));
  }

  const env = parseEnv(process.env);
  const db = await openDb({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL });
  const seededNow = await seedDemoIfEmpty(db.kysely, db.kind);

  let adminKeyLine: string;
  let adminTokenHash: string;
  if (env.ADMIN_TOKEN) {
    adminTokenHash = hashSecret(env.ADMIN_TOKEN);
    adminKeyLine = 'the value of ADMIN_TOKEN';
  } else {
    const stored = await getAdminKeyHash(db.kysely);
    if (stored) {
      adminTokenHash = stored;
      adminKeyLine = 'printed at first start and stored hashed (`npm run admin-key` issues a new one)';
    } else {
      const key = newSecret(ADMIN_KEY_PREFIX);
      adminTokenHash = hashSecret(key);
      await setAdminKeyHash(db.kysely, adminTokenHash);
      adminKeyLine = `${key}   (shown once: keep it, or set ADMIN_TOKEN)`;
    }
  }

  let redis: ReturnType<typeof createClient> | undefined;
  let redisLike: RedisLike | undefined;
  if (env.REDIS_URL) {
    redis = createClient({ url: env.REDIS_URL });
    redis.on('error', (error) => console.error(`redis: ${error.message}`));
    await redis.connect();
    redisLike = { sendCommand: (args) => redis!.sendCommand(args) };
  }

  // Listen first, so the printed links and the default CORS origin carry the real port (PORT=0 picks one).
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST ?? '::', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const base = publicUrl(env, port);
  const app = createApp({
    db,
    adminTokenHash,
    rateLimits: rateLimitsFromEnv(env),
    allowedOrigins: allowedOrigins(env, port),
    redis: redisLike,
    trustProxy: env.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
    log: env.LOG_REQUESTS === 'true' ? (line) => console.log(line) : undefined,
  }, { serverUrl: base });
  server.on('request', app);

  const links = await ensureDemoLinks(db.kysely, env.DATA_DIR, new Date());
  const width = Math.max(0, ...links.map((l) => demoLinkLabel(l).length));
  const hashed = hashedBundle();
  console.log([
    'Customer Portal demo server',
    `  database:  ${db.description}${seededNow ? ' (demo data seeded now)' : ''}`,
    `  rate limits: ${env.RATE_LIMIT_READS_PER_MIN} reads and ${env.RATE_LIMIT_WRITES_PER_MIN} writes a minute per token; counters in ${redis ? 'Redis' : 'memory'}`,
    `  admin key: ${adminKeyLine}`,
    `  API docs:  ${base}/docs   (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  widget:    ${base}/widget/customer-portal.js${hashed ? `   (immutable: ${base}/widget/${hashed})` : '   (not built: run `npm run build`)'}`,
    `  examples:  ${base}/examples/ (shop), react/, strict-csp.html, themed.html, no-server/, double-load.html`,
    '  portal links, one per demo customer and one browse-only (the example shop page with their link):',
    ...links.map((l) => `    ${demoLinkLabel(l).padEnd(width)}  ${base}/examples/#portal_token=${l.token}`),
  ].join('\n'));
  console.log(`listening on http://localhost:${port}`);

  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await db.close();
      await redis?.quit().catch(() => undefined);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  if (pendingSignal) stop(pendingSignal);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
