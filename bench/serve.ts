/**
 * A server process for the benchmarks. `bare`: Express answering hello-world, the API ratio's
 * denominator. `portal`: the reference app on a fresh seeded database, with many tokens; it
 * prints one JSON line with its port, tokens and orderable products, then serves until killed.
 * `existing`: the reference app on the database the widget benchmark seeded (BENCH_DATA_DIR).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createApp } from '../demo-server/app.ts';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from '../demo-server/auth/secrets.ts';
import { openDb } from '../demo-server/db/connect.ts';
import { loadCatalog } from '../demo-server/db/catalog.ts';
import { resetData, seedDemo } from '../demo-server/db/seed.ts';
import { ALL_PERMISSIONS, insertToken } from '../demo-server/db/tokens.ts';
import { Pricer } from '../widget/pricing/index.ts';

const mode = process.argv[2];
const TOKENS = 500;

if (mode === 'existing') {
  // The widget benchmark's server: the database it seeded under BENCH_DATA_DIR, served as is.
  const db = await openDb({ dataDir: process.env.BENCH_DATA_DIR! });
  const app = createApp({
    db,
    adminTokenHash: hashSecret(newSecret('cpa_')),
    allowedOrigins: [],
    rateLimits: {
      readsPerMinute: 1_000_000,
      writesPerMinute: 1_000_000,
      invalidTokenPerMinute: 1_000,
      windowMs: 60_000,
    },
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
  });
} else if (mode === 'bare') {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
  });
} else {
  const db = await openDb({
    dataDir: mkdtempSync(join(tmpdir(), 'portal-bench-')),
    databaseUrl: process.env.BENCH_DATABASE_URL,
  });
  await resetData(db.kysely);
  const now = new Date();
  const { customers } = await seedDemo(db.kysely, { now });
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const token = newSecret(PORTAL_TOKEN_PREFIX);
    await insertToken(db.kysely, {
      id: crypto.randomUUID(),
      customerId: customers[i % customers.length].id,
      hash: hashSecret(token),
      hint: hintFor(token),
      permissions: ALL_PERMISSIONS,
      expiresAt: null,
      now: now.toISOString(),
    });
    tokens.push(token);
  }
  // Products every customer can order (no group list consulted: base or default prices).
  const catalog = await loadCatalog(db.kysely, { priceGroupId: null, now: now.toISOString() });
  const pricer = new Pricer(catalog.pricing);
  const products = catalog.products
    .filter((p) => pricer.resolve(p, p.units[0].code, 1, now).orderable)
    .map((p) => p.id);
  const app = createApp({
    db,
    adminTokenHash: hashSecret('unused-admin-key'),
    allowedOrigins: [],
    // The limiter runs on every request; the budget is large so it counts without refusing.
    rateLimits: {
      readsPerMinute: 1_000_000,
      writesPerMinute: 1_000_000,
      invalidTokenPerMinute: 1_000,
      windowMs: 60_000,
    },
    // BENCH_ANSWER_CACHE=0: every order list is read from the database, as after each change.
    answerCacheSize: process.env.BENCH_ANSWER_CACHE === undefined ? undefined : Number(process.env.BENCH_ANSWER_CACHE),
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as { port: number }).port, tokens, products, db: db.kind }));
  });
}
