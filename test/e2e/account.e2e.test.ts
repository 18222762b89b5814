import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, screenshot } from './person.ts';
import { useE2E } from './setup.ts';

/** The account sections of <customer-portal> (examples/index.html, the built bundle) against the real server and database. */
describe('account end to end', () => {
  const e2e = useE2E();

  async function openPortal(page: Page, token: string, business: string): Promise<void> {
    await page.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
    await page.getByRole('heading', { name: `Welcome back, ${business}` }).waitFor();
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    await page.getByRole('navigation', { name: 'Account' }).waitFor();
  }

  it('accepting a quote creates a sales order that appears in Orders', async () => {
    const { token, customerId } = await e2e.tokenFor('Greenleaf Deli');
    const quote = await e2e.db.kysely
      .selectFrom('quotes')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('state', '=', 'sent')
      .orderBy('number')
      .executeTakeFirstOrThrow();
    const { page, problems } = await e2e.newPage();
    await openPortal(page, token, 'Greenleaf Deli');

    // A real link: the hash route opens the quote's page.
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#portal/quotes/${quote.number}`);
    await page
      .getByRole('heading', { name: new RegExp(quote.number) })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Accept quote', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: new RegExp(`Accept quote ${quote.number} for`) });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Accept quote', exact: true }).click();

    const created = page.getByRole('link', { name: /^View order SO-\d{4}-\d{4}$/ });
    await created.waitFor();
    const orderNumber = (await created.textContent())!.replace('View order ', '').trim();

    // In the database: the quote is accepted and linked to exactly one new order, made from it.
    const stored = await e2e.db.kysely
      .selectFrom('quotes')
      .selectAll()
      .where('id', '=', quote.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.state, 'accepted');
    const orders = await e2e.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('source_quote_id', '=', quote.id)
      .execute();
    assert.deepEqual(
      orders.map((o) => o.number),
      [orderNumber],
    );
    assert.equal(orders[0].total_minor, quote.total_minor);

    // Orders lists it, newest first, and its page names the quote it came from.
    await page.keyboard.press('Escape'); // the quote was open over its list
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('link', { name: orderNumber, exact: true }).first().waitFor();
    await page.getByRole('link', { name: orderNumber, exact: true }).first().click();
    await page.getByRole('link', { name: quote.number }).first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a cancellation the customer asks for shows as awaiting approval, and as cancelled once the supplier approves it through the admin API', async () => {
    const { token, customerId } = await e2e.tokenFor('Corner Grocer Ltd');
    const order = await e2e.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('channel', '=', 'portal')
      .where('status', 'in', ['pending', 'confirmed'])
      .orderBy('number', 'desc')
      .executeTakeFirstOrThrow();
    const { page, problems } = await e2e.newPage();
    await openPortal(page, token, 'Corner Grocer Ltd');

    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#portal/orders/${order.number}`);
    await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel order ${order.number}?` });
    await dialog.getByRole('textbox').fill('Ordered twice by mistake');
    await dialog.getByRole('button', { name: 'Request cancellation' }).click();
    await page.getByRole('heading', { name: 'Cancellation awaiting approval' }).waitFor();

    // The supplier sees the same request, and approves it.
    const pending = (await (
      await e2e.admin(`/api/v1/order-requests?state=pending&client_id=${customerId}`)
    ).json()) as {
      items: { id: string; kind: string; reason: string | null; order: { number: string } }[];
    };
    const request = pending.items.find((r) => r.order.number === order.number);
    assert.ok(request, 'the pending request is listed for the supplier');
    assert.equal(request.kind, 'cancel');
    assert.equal(request.reason, 'Ordered twice by mistake');
    const approved = await e2e.admin(`/api/v1/order-requests/${request.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);

    // Back to the order through the portal's own links: it reads cancelled, with no Cancel to press.
    await page.keyboard.press('Escape'); // the order was open over the list
    await page.getByRole('dialog', { name: `Order ${order.number}` }).waitFor({ state: 'hidden' });
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('link', { name: order.number, exact: true }).first().click();
    await page.getByText('This order is cancelled.').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Cancellation awaiting approval' }).count(), 0);
    const stored = await e2e.db.kysely
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'cancelled');
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`documents open over their list: a click on a row, Escape, a deep link (${viewport.name}, ${viewport.width} px)`, async () => {
      const { token, customerId } = await e2e.tokenFor('Greenleaf Deli');
      const order = await e2e.db.kysely
        .selectFrom('orders')
        .select('number')
        .where('customer_id', '=', customerId)
        .where('status', '!=', 'draft')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const { page, problems } = await e2e.newPage({ width: viewport.width, height: viewport.height });
      await openPortal(page, token, 'Greenleaf Deli');
      await page.evaluate(() => {
        location.hash = '#portal/orders';
      });
      const link = page.getByRole('link', { name: order.number, exact: true }).first();
      await link.waitFor();
      await screenshot(page, `account-orders-list-${viewport.name}`);

      // A click on the row's date (not its link) opens it.
      const row = page.getByRole('row').filter({ has: link });
      await row.getByRole('cell').nth(1).click();
      const dialog = page.getByRole('dialog', { name: `Order ${order.number}` });
      await dialog.getByRole('table', { name: 'Lines' }).waitFor();
      await dialog.getByRole('button', { name: 'Download PDF' }).waitFor();
      assert.match(page.url(), new RegExp(`#portal/orders/${order.number}$`));
      const box = (await dialog.boundingBox())!;
      assert.ok(
        box.x >= 0 &&
          box.y >= 0 &&
          box.x + box.width <= viewport.width + 0.5 &&
          box.y + box.height <= viewport.height + 0.5,
        `the dialog is inside the window: ${JSON.stringify(box)}`,
      );
      if (viewport.width < 600)
        assert.ok(
          Math.abs(box.y + box.height - viewport.height) < 1 && box.width >= viewport.width - 1,
          'a bottom drawer',
        );
      else assert.ok(box.width < viewport.width - 100, 'a modal, not the full width');
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        'nothing overflows sideways',
      );
      await screenshot(page, `account-order-detail-${viewport.name}`);

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForURL(/#portal\/orders$/); // Back, as the row's link added the order's address

      // A reload at the order's address: the list, with the order open over it.
      await page.evaluate((hash) => history.replaceState(null, '', hash), `#portal/orders/${order.number}`);
      await page.reload();
      await dialog.getByRole('table', { name: 'Lines' }).waitFor();
      await page.getByRole('table', { name: 'Orders' }).waitFor();
      await screenshot(page, `account-order-reload-${viewport.name}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
