import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../demo-server/app.ts';
import type { AppConfig } from '../../demo-server/context.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { openDb, type Db } from '../../demo-server/db/connect.ts';
import { seedDemo, seedScale } from '../../demo-server/db/seed.ts';
import { CHROMIUM_ARGS, findChromium } from '../browser.mjs';

export interface E2E {
  db: Db;
  url: string;
  browser: Browser;
  /** The admin key the server takes (the supplier console signs in with it). */
  adminKey: string;
  /** A fresh portal token for a demo customer, through the admin API. */
  tokenFor(businessName: string): Promise<{ token: string; customerId: string }>;
  /** A request to the admin API, with the admin key. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** A page that records page errors and console errors (favicon misses aside). */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }>;
}

/**
 * The real demo server on a seeded SQLite database, the built bundle, and Chromium, for one suite.
 * `products` adds that many generated products to the demo catalogue (a long catalogue).
 */
export function useE2E(
  options: {
    products?: number;
    /** Where the server sends mail (read when the server starts, so a test's SMTP server may start first); else the outbox under its DATA_DIR. */
    mail?: () => AppConfig['mail'];
    /** The server's clock (a test moves it across a cut-off); else the real one. */
    now?: () => Date;
    /** The demo's delivery services (issue 17), as `npm start` seeds them. */
    deliveryServices?: boolean;
    /** Mason's Kitchen's orders wait for the supplier, as in `npm start`'s demo (issue 17). */
    waitingOrders?: boolean;
  } = {},
): E2E {
  const adminKey = 'cpa_e2e-admin-key-0123456789';
  let dataDir = '';
  let close: () => Promise<void> = async () => undefined;
  const e2e = { adminKey } as E2E;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
    e2e.db = await openDb({ dataDir });
    await seedDemo(e2e.db.kysely, {
      now: options.now?.(),
      deliveryServices: options.deliveryServices,
      waitingOrders: options.waitingOrders,
    });
    if (options.products) await seedScale(e2e.db.kysely, { customers: 0, products: options.products, orders: 0 });
    const app = createApp({
      db: e2e.db,
      adminTokenHash: hashSecret(adminKey),
      dataDir,
      mail: options.mail?.(),
      now: options.now,
      rateLimits: { readsPerMinute: 300, writesPerMinute: 30, invalidTokenPerMinute: 20, windowMs: 60_000 },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    e2e.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    e2e.browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await e2e.browser?.close();
    await close();
    await e2e.db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  e2e.tokenFor = async (businessName) => {
    const customer = await e2e.db.kysely
      .selectFrom('customers')
      .select('id')
      .where('business_name', '=', businessName)
      .executeTakeFirstOrThrow();
    const res = await fetch(`${e2e.url}/api/v1/customer-portal/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: customer.id }),
    });
    return { token: ((await res.json()) as { token: string }).token, customerId: customer.id };
  };

  e2e.admin = (path, init = {}) =>
    fetch(`${e2e.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });

  e2e.newPage = async (viewport = { width: 1280, height: 900 }) => {
    // A context of its own: its own storage, as another person's browser (and axe needs one).
    const context = await e2e.browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('close', () => {
      context.close().catch(() => undefined);
    });
    // tsx (esbuild, keepNames) wraps named functions in the tests' page.evaluate callbacks in __name().
    await page.addInitScript('globalThis.__name = (fn) => fn');
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/.test(message.location().url))
        problems.push(`console: ${message.text()}`);
    });
    return { page, problems };
  };
  return e2e;
}

/** Signs in to the supplier console (/admin/) by typing the admin key, as the supplier's staff do. */
export async function signInToConsole(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.getByLabel('Admin key').click();
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
}
