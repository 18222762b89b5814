/**
 * People on a company account (issue 16) in the built portal, against the demo server: Ana, the
 * Admin of Blue Door Café, is greeted by name, manages the account's people, and sees who placed an
 * order, and the approval rules and a Buyer's spending limit; Vera, a Viewer, looks and cannot order.
 * Screenshots at 1280 and 390 px.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, screenshot } from './person.ts';
import { useE2E } from './setup.ts';

describe('people of a company account in the portal (e2e)', () => {
  const e2e = useE2E();

  /** A link of the demo person named `name` (Blue Door Café has one of each role). */
  async function linkOf(name: string): Promise<string> {
    const person = await e2e.db.kysely
      .selectFrom('people')
      .select(['id', 'customer_id'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    const res = await e2e.admin('/api/v1/customer-portal/tokens', {
      method: 'POST',
      body: { client_id: person.customer_id, person_id: person.id },
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { token: string }).token;
  }

  async function open(page: Page, token: string, greeting: string): Promise<void> {
    await page.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
    await page.getByRole('heading', { name: greeting }).waitFor();
  }

  for (const viewport of VIEWPORTS) {
    it(`an Admin is greeted by name and manages the people (${viewport.name}, ${viewport.width} px)`, async () => {
      const token = await linkOf('Ana Ruiz');
      const { page, problems } = await e2e.newPage({ width: viewport.width, height: viewport.height });
      // Ana's language (the demo data's) is Spanish: the portal speaks it to her (her profile).
      await open(page, token, 'Bienvenido de nuevo, Ana — Blue Door Café');
      await screenshot(page, `people-greeting-${viewport.name}`);
      await page.getByRole('button', { name: 'Sí, empezar a pedir' }).click();
      await page.evaluate(() => {
        location.hash = '#portal/people';
      });
      const table = page.getByRole('table', { name: 'Personas' });
      await table.getByRole('row').filter({ hasText: 'Ben Walsh' }).waitFor();
      await screenshot(page, `people-section-${viewport.name}`);

      // The approval rules (in Ana's Spanish): the amount rule with an amount the server refuses (nothing is stored).
      const rules = page.getByRole('form', { name: 'Reglas de aprobación' });
      await rules.getByRole('radio', { name: 'Los pedidos por encima de un importe' }).check();
      await rules.getByRole('textbox', { name: /^Importe/ }).fill('-5');
      await rules.getByRole('button', { name: 'Guardar las reglas' }).click();
      await rules.getByText('Revise este campo: el proveedor no lo ha aceptado.').waitFor();
      await rules.scrollIntoViewIfNeeded();
      await screenshot(page, `people-approval-rules-${viewport.name}`);
      // A Buyer's spending limit, typed (not saved).
      const ben = table.getByRole('row').filter({ hasText: 'Ben Walsh' });
      await ben.getByRole('textbox', { name: 'Límite de gasto de Ben Walsh' }).fill('500');
      await ben.scrollIntoViewIfNeeded();
      await screenshot(page, `people-spending-limit-${viewport.name}`);
      // The refused amount's 400, which the browser logs, and nothing else.
      assert.deepEqual(problems, [
        'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
      ]);
      await page.close();
    });
  }

  it('a Viewer sees the catalogue and no Add nor cart; an order says who placed it', async () => {
    const token = await linkOf('Vera Byrne');
    const { page, problems } = await e2e.newPage({ width: 1280, height: 900 });
    await open(page, token, 'Welcome back, Vera — Blue Door Café');
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    await page.getByRole('tab', { name: 'All' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Add / }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Cart/ }).count(), 0);
    await screenshot(page, 'people-viewer-shop-desktop');

    const placed = await e2e.db.kysely
      .selectFrom('orders')
      .innerJoin('people', 'people.id', 'orders.placed_by_person_id')
      .select(['orders.number', 'people.name'])
      .where('people.name', '=', 'Ben Walsh')
      .where('orders.status', '!=', 'draft')
      .orderBy('orders.created_at', 'desc')
      .executeTakeFirstOrThrow();
    await page.evaluate((number) => {
      location.hash = `#portal/orders/${number}`;
    }, placed.number);
    const dialog = page.getByRole('dialog', { name: `Order ${placed.number}` });
    await dialog.getByText('Placed by', { exact: true }).waitFor();
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /Placed by Ben Walsh/);
    await screenshot(page, 'people-order-placed-by-desktop');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
