import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { allowedOrigins, parseEnv, publicUrl, rateLimitsFromEnv } from './config.ts';
import type { AppConfig } from './context.ts';
import { openDb } from './db/connect.ts';
import { seedDemoIfEmpty } from './db/seed.ts';
import { getAdminKeyHash, setAdminKeyHash } from './db/workspace.ts';
import { demoLinkLabel, ensureDemoLinks, type DemoLink } from './demo-links.ts';
import { connectRedis, type SharedRedis } from './redis.ts';
import { ADMIN_KEY_PREFIX, hashSecret, newSecret } from './auth/secrets.ts';
import { hashedBundle } from './static.ts';
import { LinkSeal, linkSealKeyFile, parseSealKey } from './link-seal.ts';

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
  const db = await openDb({
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    busyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS,
  });
  const seededNow = await seedDemoIfEmpty(db.kysely, db.kind, { deliveryServices: true, waitingOrders: true });

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

  const linkSealKey = env.LINK_SEAL_KEY ? parseSealKey(env.LINK_SEAL_KEY)! : linkSealKeyFile(env.DATA_DIR);
  const redis: SharedRedis | undefined = env.REDIS_URL
    ? await connectRedis(env.REDIS_URL, (line) => console.error(line))
    : undefined;

  // Listen first, so the printed links carry the real port (PORT=0 picks one).
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST ?? '::', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const base = publicUrl(env, port);
  const app = createApp(
    {
      db,
      adminTokenHash,
      rateLimits: rateLimitsFromEnv(env),
      allowedOrigins: allowedOrigins(env),
      redis,
      trustProxy:
        env.TRUST_PROXY === undefined
          ? undefined
          : /^\d+$/.test(env.TRUST_PROXY)
            ? Number(env.TRUST_PROXY)
            : env.TRUST_PROXY === 'true'
              ? true
              : env.TRUST_PROXY,
      log: env.LOG_REQUESTS === 'true' ? (line) => console.log(line) : undefined,
      idempotencyLockMs: env.IDEMPOTENCY_LOCK_SECONDS * 1000,
      pauseInCheckout: testPauseInCheckout(env.TEST_PAUSE_CHECKOUT_KEYS),
      idempotencyTtlMs: env.IDEMPOTENCY_TTL_HOURS * 3_600_000,
      dataDir: env.DATA_DIR,
      mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
      linkSealKey,
    },
    { serverUrl: base },
  );
  server.on('request', app);

  // Demo links only for a demo: when this start seeded the demo data, or when asked for.
  const demo = seededNow || env.DEMO_LINKS === 'true';
  const links = demo
    ? await ensureDemoLinks(db.kysely, db.kind, env.DATA_DIR, new Date(), env.DEMO_LINK_DAYS, new LinkSeal(linkSealKey))
    : [];
  const hashed = hashedBundle();
  console.log(
    [
      'Customer Portal demo server',
      `  database:  ${db.description}${seededNow ? ' (demo data seeded now)' : ''}`,
      `  rate limits: ${env.RATE_LIMIT_READS_PER_MIN} reads and ${env.RATE_LIMIT_WRITES_PER_MIN} writes a minute per token; counters in ${redis ? 'Redis' : 'memory'}`,
      `  admin key: ${adminKeyLine}`,
      `  API docs:  ${base}/docs   (OpenAPI: ${base}/api/v1/openapi.json)`,
      `  widget:    ${base}/widget/customer-portal.js${hashed ? `   (immutable: ${base}/widget/${hashed})` : '   (not built: run `npm run build`)'}`,
      `  examples:  ${base}/examples/ (shop), react/, strict-csp.html, themed.html, no-server/, double-load.html`,
      `  console:   ${base}/admin/ (sign in with the admin key)`,
      `  mail:      ${env.SMTP_URL ? `SMTP ${new URL(env.SMTP_URL).host}` : `written to ${env.DATA_DIR}/outbox/ as .eml files (set SMTP_URL to send)`}`,
      ...(demo
        ? demoLinkLines(links, base)
        : [
            '  portal links: none printed (demo links are for a start that seeds the demo data, or DEMO_LINKS=true);',
            "    issue a customer's link with POST /api/v1/customer-portal/tokens and the admin key",
          ]),
    ].join('\n'),
  );
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
      redis?.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  if (pendingSignal) stop(pendingSignal);
}

/** TEST_PAUSE_CHECKOUT_KEYS: the matching checkouts announce themselves and never commit (the test kills the process). */
function testPauseInCheckout(prefix: string | undefined): AppConfig['pauseInCheckout'] {
  if (!prefix) return undefined;
  console.warn(`TEST_PAUSE_CHECKOUT_KEYS is set: checkouts keyed ${prefix}* stop inside their transaction (test only)`);
  return async (key) => {
    if (!key.startsWith(prefix)) return;
    console.log(`test pause: checkout ${key} is inside its transaction`);
    await new Promise((resolve) => setTimeout(resolve, 10 * 60_000));
  };
}

/** The banner's demo links, one line per demo customer. */
function demoLinkLines(links: DemoLink[], base: string): string[] {
  const width = Math.max(0, ...links.map((l) => demoLinkLabel(l).length));
  const day = (iso: string) => iso.slice(0, 10);
  const until = links.flatMap((l) => (l.state === 'link' ? [l.expires_at] : [])).sort()[0];
  return [
    `  portal links, one per demo customer, one browse-only and one per role of a company account's people (the example shop page with their link${until ? `; valid until ${day(until)}, DEMO_LINK_DAYS` : ''}):`,
    ...links.map(
      (l) =>
        `    ${demoLinkLabel(l).padEnd(width)}  ${
          l.state === 'link'
            ? `${base}/examples/#portal_token=${l.token}`
            : l.state === 'elsewhere'
              ? `(demo link ${l.hint} issued elsewhere, valid until ${day(l.expires_at)}; its secret is not in this DATA_DIR)`
              : '(a link of theirs was revoked: no demo link; issue one through the admin API)'
        }`,
    ),
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
