import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { openDb, type Db } from '../../demo-server/db/connect.ts';
import { seedDemo } from '../../demo-server/db/seed.ts';
import { CHROMIUM_ARGS, findChromium } from '../browser.mjs';

/**
 * The built bundle on the example merchant page, against the real demo server and database:
 * what a customer does with their link. Needs `npm run build` first (npm run test:e2e does it).
 */
describe('customer portal end to end', () => {
  let db: Db;
  let dataDir: string;
  let url: string;
  let close: () => Promise<void>;
  let browser: Browser;
  const adminKey = 'cpa_e2e-admin-key-0123456789';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
    db = await openDb({ dataDir });
    await seedDemo(db.kysely);
    const app = createApp({
      db, adminTokenHash: hashSecret(adminKey), allowedOrigins: [],
      rateLimits: { readsPerMinute: 300, writesPerMinute: 30, invalidTokenPerMinute: 20, windowMs: 60_000 },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await close?.();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a customer opens their link, confirms it is them, orders two products and sees the order number; the order is in the database', async () => {
    const customer = await db.kysely.selectFrom('customers').select(['id', 'business_name'])
      .where('business_name', '=', 'Blue Door Café').executeTakeFirstOrThrow();
    const tokenRes = await fetch(`${url}/api/v1/customer-portal/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: customer.id }),
    });
    const { token } = (await tokenRes.json()) as { token: string };

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/favicon/.test(message.location().url)) problems.push(`console: ${message.text()}`);
    });

    await page.goto(`${url}/examples/#portal_token=${token}`);
    await page.getByRole('heading', { name: `Welcome back, ${customer.business_name}` }).waitFor();
    assert.ok(!page.url().includes(token), 'the token is scrubbed from the address bar');

    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    const addButtons = page.getByRole('button', { name: /^Add .* to cart$/ }).and(page.locator(':enabled'));
    await addButtons.first().waitFor();
    const names = [await addButtons.nth(0).getAttribute('aria-label'), await addButtons.nth(1).getAttribute('aria-label')];
    await addButtons.nth(0).click();
    await addButtons.nth(1).click();
    await page.getByRole('button', { name: 'Cart, 2 items' }).click();
    await page.getByRole('textbox', { name: 'Your reference (optional)' }).fill('E2E-42');
    await page.getByRole('button', { name: 'Place order' }).click();

    const number = page.getByText(/^SO-\d{4}-\d{4}$/);
    await number.waitFor();
    const orderNumber = (await number.textContent())!.trim();
    assert.match(orderNumber, /^SO-\d{4}-\d{4}$/);
    await page.getByRole('button', { name: 'Cart, 0 items' }).waitFor();

    const order = await db.kysely.selectFrom('orders').selectAll().where('number', '=', orderNumber).executeTakeFirstOrThrow();
    assert.equal(order.customer_id, customer.id);
    assert.equal(order.status, 'pending');
    assert.equal(order.customer_reference, 'E2E-42');
    const lines = await db.kysely.selectFrom('order_lines').selectAll().where('order_id', '=', order.id).orderBy('position').execute();
    assert.deepEqual(lines.map((l) => `Add ${l.name} to cart`), names);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
