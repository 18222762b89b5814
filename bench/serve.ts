/**
 * A server process for the benchmarks. `bare`: Express answering hello-world, the API ratio's
 * denominator. `portal`: the reference app on a fresh seeded database, with many tokens; it
 * prints one JSON line with its port, tokens and orderable products, then serves until killed.
 * `existing`: the reference app on the database the widget benchmark seeded (BENCH_DATA_DIR).
 *
 * `portal` at scale: BENCH_PRODUCTS generated products on top of the demo, and BENCH_VOLUME_ORDERS
 * orders for one customer (`heavy`) beside one with 50 (`light`); their tokens are in the JSON line.
 * Started with an IPC channel, `portal` and `existing` tell their parent the instant each catalogue
 * request arrives (`{ catalogRequest: true }`) and the status it was answered with
 * (`{ catalogAnswered: 304 }`); `portal`, on `'catalog-changed'`, bumps the catalogue revision (as any
 * catalogue write does) so the next read is a cold one, then answers `{ catalogChanged: true }`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { sql } from 'kysely';
import { createApp } from '../demo-server/app.ts';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from '../demo-server/auth/secrets.ts';
import { openDb } from '../demo-server/db/connect.ts';
import { loadCatalog } from '../demo-server/db/catalog.ts';
import { resetData, seedDemo, seedScale } from '../demo-server/db/seed.ts';
import { ALL_PERMISSIONS, insertToken } from '../demo-server/db/tokens.ts';
import { Pricer } from '../widget/pricing/index.ts';

const mode = process.argv[2];

/** Tells the parent process (over IPC, if any) when each catalogue request arrives and how it was answered. */
function reportCatalogRequests(server: Server) {
  const parent = process.send?.bind(process);
  if (!parent) return;
  // Sent from the 'request' event, as the test's observer does: the moment the request's head is read.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!/\/catalog(\?|$)/.test(req.url ?? '')) return;
    parent({ catalogRequest: true });
    res.once('finish', () => parent({ catalogAnswered: res.statusCode }));
  });
}
const TOKENS = 500;
/** Orders of the `light` customer at scale: the baseline of the orders-at-volume row. */
const LIGHT_ORDERS = 50;

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
  reportCatalogRequests(server);
} else if (mode === 'bare') {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
  });
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const db = await openDb({ dataDir, databaseUrl: process.env.BENCH_DATABASE_URL });
  // The scale workspace is large: its SQLite file goes with the process.
  process.once('SIGTERM', () => {
    void db
      .close()
      .catch(() => undefined)
      .then(() => rmSync(dataDir, { recursive: true, force: true }))
      .finally(() => process.exit(0));
  });
  await resetData(db.kysely);
  const now = new Date();
  const { customers } = await seedDemo(db.kysely, { now });
  const newToken = async (customerId: string) => {
    const token = newSecret(PORTAL_TOKEN_PREFIX);
    await insertToken(db.kysely, {
      id: crypto.randomUUID(),
      customerId,
      hash: hashSecret(token),
      hint: hintFor(token),
      permissions: ALL_PERMISSIONS,
      expiresAt: null,
      now: now.toISOString(),
    });
    return token;
  };
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) tokens.push(await newToken(customers[i % customers.length].id));

  const extraProducts = Number(process.env.BENCH_PRODUCTS ?? 0);
  const volumeOrders = Number(process.env.BENCH_VOLUME_ORDERS ?? 0);
  const [heavy, light] = customers;
  const ordersOf = async (customerId: string) =>
    Number(
      (
        await db.kysely
          .selectFrom('orders')
          .select(sql<number>`count(*)`.as('n'))
          .where('customer_id', '=', customerId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if (extraProducts > 0) await seedScale(db.kysely, { customers: 0, products: extraProducts, orders: 0, now });
  if (volumeOrders > 0) {
    await seedScale(db.kysely, { customers: 0, products: 0, orders: volumeOrders, customerId: heavy.id, now });
    const lightOrders = await ordersOf(light.id);
    if (lightOrders < LIGHT_ORDERS)
      await seedScale(db.kysely, {
        customers: 0,
        products: 0,
        orders: LIGHT_ORDERS - lightOrders,
        customerId: light.id,
        now,
      });
  }
  const scale = {
    heavy: { token: await newToken(heavy.id), orders: await ordersOf(heavy.id) },
    light: { token: await newToken(light.id), orders: await ordersOf(light.id) },
  };

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
    console.log(
      JSON.stringify({
        port: (server.address() as { port: number }).port,
        tokens,
        products,
        db: db.kind,
        catalogProducts: catalog.products.length,
        ...scale,
      }),
    );
  });
  reportCatalogRequests(server);
  process.on('message', (message) => {
    if (message !== 'catalog-changed') return;
    void sql`update catalog_revision set revision = revision + 1 where id = 1`
      .execute(db.kysely)
      .then(() => process.send?.({ catalogChanged: true }));
  });
}
