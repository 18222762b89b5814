import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, screenshot } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';

/**
 * What a portal order becomes (issue 17), with the demo data: Seaside Hotel Group's checkouts make
 * quote requests (its creation status is `quote`; the workspace keeps `to_plan`). The built bundle
 * on the example page, the real server and database.
 */
describe('order creation status end to end', () => {
  const e2e = useE2E();
  const business = 'Seaside Hotel Group';

  /** Opens the link, puts one product in the cart with a typed quantity, and places the order. */
  async function requestQuote(page: Page, token: string, reference: string): Promise<string> {
    await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
    await page.getByRole('heading', { name: `Welcome back, ${business}` }).waitFor();
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    const add = page.getByRole('button', { name: /^Add .* to cart$/ }).and(page.locator(':enabled'));
    await add.first().click();
    await page.getByRole('button', { name: 'Cart, 1 item' }).click();
    const quantity = page.getByRole('spinbutton', { name: /^Quantity of / });
    await quantity.click();
    await page.keyboard.press('ControlOrMeta+A');
    await quantity.pressSequentially('3');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Cart, 3 items' }).waitFor();
    await page.getByRole('textbox', { name: 'Your reference (optional)' }).pressSequentially(reference);
    await page.getByRole('button', { name: 'Place order' }).click();
    const title = page.getByRole('heading', { name: /^Your quote request Q-\d{4}-\d+ was sent\.$/ });
    await title.waitFor();
    return (await title.textContent())!.match(/Q-\d{4}-\d+/)![0];
  }

  for (const viewport of VIEWPORTS) {
    it(`the customer's checkout makes a quote request they see by its number (${viewport.name})`, async () => {
      const { token, customerId } = await e2e.tokenFor(business);
      const { page, problems } = await e2e.newPage(viewport);
      const ordersBefore = await e2e.db.kysely
        .selectFrom('orders')
        .select('id')
        .where('customer_id', '=', customerId)
        .execute();
      const number = await requestQuote(page, token, `SHG-E2E-${viewport.name}`);
      await screenshot(page, `order-creation-quote-requested-${viewport.name}`);

      const stored = await e2e.db.kysely
        .selectFrom('quotes')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      assert.equal(stored.customer_id, customerId);
      assert.equal(stored.state, 'requested');
      const lines = await e2e.db.kysely
        .selectFrom('quote_lines')
        .selectAll()
        .where('quote_id', '=', stored.id)
        .execute();
      assert.deepEqual(
        lines.map((l) => Number(l.quantity)),
        [3],
      );
      const ordersAfter = await e2e.db.kysely
        .selectFrom('orders')
        .select('id')
        .where('customer_id', '=', customerId)
        .execute();
      assert.equal(ordersAfter.length, ordersBefore.length, 'no order was made');

      // The Quotes section lists it by its number, waiting for the supplier.
      await page.getByRole('button', { name: 'Continue shopping' }).click();
      // The section's own address (on a phone the account menu is folded away).
      await page.evaluate(() => {
        location.hash = '#portal/quotes';
      });
      await page.getByRole('link', { name: number, exact: true }).first().click();
      await page.getByText('will price this quote request and send it to you; then you can accept it.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Accept quote', exact: true }).count(), 0);
      await screenshot(page, `order-creation-quote-page-${viewport.name}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it('the supplier sends the quote request; the customer accepts it and sees an order with a new number', async () => {
    const { token, customerId } = await e2e.tokenFor(business);
    const { page, problems } = await e2e.newPage(VIEWPORTS[0]);
    const number = await requestQuote(page, token, 'SHG-E2E-ACCEPT');
    const quote = await e2e.db.kysely
      .selectFrom('quotes')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();

    // The supplier sends it through the admin API.
    const sent = await e2e.admin(`/api/v1/quotes/${quote.id}/send`, { method: 'POST' });
    assert.equal(sent.status, 200, await sent.clone().text());

    await page.getByRole('button', { name: 'Continue shopping' }).click();
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#portal/quotes/${number}`);
    await page
      .getByRole('heading', { name: new RegExp(number) })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Accept quote', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: new RegExp(`Accept quote ${number} for`) });
    await confirm.getByRole('button', { name: 'Accept quote', exact: true }).click();
    const created = page.getByRole('link', { name: /^View order SO-\d{4}-\d{4}$/ });
    await created.waitFor();
    const orderNumber = (await created.textContent())!.replace('View order ', '').trim();
    assert.notEqual(orderNumber, number);
    await screenshot(page, 'order-creation-quote-accepted-desktop');

    const order = await e2e.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('number', '=', orderNumber)
      .executeTakeFirstOrThrow();
    assert.equal(order.customer_id, customerId);
    assert.equal(order.source_quote_id, quote.id);
    assert.equal(order.customer_reference, 'SHG-E2E-ACCEPT');
    assert.equal(Number(order.total_minor), Number(quote.total_minor));

    // The order, under its own number, in the customer's Orders.
    await created.click();
    await page
      .getByRole('heading', { name: new RegExp(orderNumber) })
      .first()
      .waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`the console: the supplier sends a requested quote; the customer's and the workspace's settings (${viewport.name})`, async () => {
      const { token } = await e2e.tokenFor(business);
      const { page: portalPage } = await e2e.newPage(VIEWPORTS[0]);
      const number = await requestQuote(portalPage, token, `SHG-E2E-CONSOLE-${viewport.name}`);
      await portalPage.close();

      const { page, problems } = await e2e.newPage(viewport);
      await signInToConsole(page, e2e.url, e2e.adminKey);
      await page.getByRole('link', { name: 'Quotes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Quotes' }).waitFor();
      const item = page.locator('li.quote').filter({ hasText: number });
      await item.getByText('Requested in the portal', { exact: true }).waitFor();
      await screenshot(page, `order-creation-console-quotes-${viewport.name}`);
      await page.getByRole('button', { name: `Send to the customer: quote ${number}` }).click();
      await item.getByText('Sent', { exact: true }).waitFor();
      const stored = await e2e.db.kysely
        .selectFrom('quotes')
        .select('state')
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      assert.equal(stored.state, 'sent');

      await page.getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('button', { name: `Edit ${business}` }).click();
      await page.getByRole('heading', { level: 3, name: `Edit ${business}` }).waitFor();
      assert.equal(await page.getByLabel('A portal checkout makes').inputValue(), 'quote');
      await page.getByLabel('A portal checkout makes').scrollIntoViewIfNeeded();
      await screenshot(page, `order-creation-console-customer-${viewport.name}`);

      await page.getByRole('link', { name: 'Workspace settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Workspace settings' }).waitFor();
      assert.equal(await page.getByLabel('A portal checkout makes').inputValue(), 'to_plan');
      assert.equal(await page.getByLabel('Edits allowed until the order is').inputValue(), '');
      assert.equal(await page.getByLabel('Cancellations allowed until the order is').inputValue(), '');
      await page.getByLabel('Cancellations allowed until the order is').scrollIntoViewIfNeeded();
      await screenshot(page, `order-creation-console-settings-${viewport.name}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
