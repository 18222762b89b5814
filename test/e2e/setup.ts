import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { openDb, type Db } from '../../demo-server/db/connect.ts';
import { seedDemo } from '../../demo-server/db/seed.ts';
import { CHROMIUM_ARGS, findChromium } from '../browser.mjs';

export interface E2E {
  db: Db;
  url: string;
  browser: Browser;
  /** A fresh portal token for a demo customer, through the admin API. */
  tokenFor(businessName: string): Promise<{ token: string; customerId: string }>;
  /** A request to the admin API, with the admin key. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** A page that records page errors and console errors (favicon misses aside). */
  newPage(): Promise<{ page: Page; problems: string[] }>;
}

/** The real demo server on a seeded SQLite database, the built bundle, and Chromium, for one suite. */
export function useE2E(): E2E {
  const adminKey = 'cpa_e2e-admin-key-0123456789';
  let dataDir = '';
  let close: () => Promise<void> = async () => undefined;
  const e2e = {} as E2E;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
    e2e.db = await openDb({ dataDir });
    await seedDemo(e2e.db.kysely);
    const app = createApp({
      db: e2e.db, adminTokenHash: hashSecret(adminKey), allowedOrigins: [],
      rateLimits: { readsPerMinute: 300, writesPerMinute: 30, invalidTokenPerMinute: 20, windowMs: 60_000 },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    e2e.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    e2e.browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await e2e.browser?.close();
    await close();
    await e2e.db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  e2e.tokenFor = async (businessName) => {
    const customer = await e2e.db.kysely.selectFrom('customers').select('id').where('business_name', '=', businessName).executeTakeFirstOrThrow();
    const res = await fetch(`${e2e.url}/api/v1/customer-portal/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: customer.id }),
    });
    return { token: ((await res.json()) as { token: string }).token, customerId: customer.id };
  };

  e2e.admin = (path, init = {}) => fetch(`${e2e.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${adminKey}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });

  e2e.newPage = async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/.test(message.location().url)) problems.push(`console: ${message.text()}`);
    });
    return { page, problems };
  };
  return e2e;
}
