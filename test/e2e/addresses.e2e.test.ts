import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, screenshot } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';

/**
 * The account's addresses (issue 16) in the built bundle against the real server and its demo
 * data: the Addresses page, the checkout's delivery address choice, the order keeping it (the
 * portal, the supplier's API). Screenshots of both screens at each viewport for a reviewer.
 */
describe('addresses end to end', () => {
  const e2e = useE2E();

  async function openPortal(page: Page, token: string): Promise<void> {
    await page.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    await page.getByRole('navigation', { name: 'Account' }).waitFor();
  }

  for (const viewport of VIEWPORTS) {
    it(`${viewport.name}: the Addresses page lists the sites; checkout offers them, the default picked; the order goes to the one chosen`, async () => {
      const { token, customerId } = await e2e.tokenFor('Blue Door Café');
      const { page, problems } = await e2e.newPage(viewport);
      await openPortal(page, token);

      await page.evaluate(() => {
        location.hash = '#portal/addresses';
      });
      await page.getByRole('heading', { name: 'Delivery addresses' }).waitFor();
      await page.getByText('Central kitchen').waitFor();
      await screenshot(page, `addresses-${viewport.width}`);
      await page.getByRole('button', { name: 'Add an address' }).click();
      await page.getByRole('heading', { name: 'New address' }).waitFor();
      await page.getByRole('button', { name: 'Save address' }).click();
      await page.getByText('Give the site a name, e.g. Main kitchen.').waitFor();
      await screenshot(page, `addresses-form-errors-${viewport.width}`);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.evaluate(() => {
        location.hash = '#portal';
      });
      const add = page.getByRole('button', { name: /^Add .* to cart$/ }).and(page.locator(':enabled'));
      await add.first().click();
      await page.getByRole('button', { name: 'Cart, 1 item' }).click();
      const picker = page.getByRole('group', { name: 'Deliver to' });
      await picker.waitFor();
      assert.equal(await picker.getByRole('radio', { name: /Main café/ }).isChecked(), true);
      await picker.getByRole('radio', { name: /Central kitchen/ }).scrollIntoViewIfNeeded();
      await screenshot(page, `checkout-picker-${viewport.width}`);
      await picker.getByRole('radio', { name: /Central kitchen/ }).check();
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByText('Delivering to Central kitchen').waitFor();

      const order = await e2e.db.kysely
        .selectFrom('orders')
        .select(['id', 'number', 'delivery_address_json'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(order.delivery_address_json!).label, 'Central kitchen');
      const admin = (await (await e2e.admin(`/api/v1/orders/${order.id}`)).json()) as {
        delivery_address: { line1: string };
      };
      assert.equal(admin.delivery_address.line1, 'Unit 7, Broomhill Business Park');

      await page.getByRole('button', { name: 'Continue shopping' }).click();
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#portal/orders/${order.number}`);
      await page.getByText('Unit 7, Broomhill Business Park').first().waitFor();
      await screenshot(page, `order-delivery-address-${viewport.width}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it("the supplier's console shows where an order goes", async () => {
    const { page, problems } = await e2e.newPage();
    const order = await e2e.db.kysely
      .selectFrom('orders')
      .select(['number', 'delivery_address_json'])
      .where('delivery_address_json', 'is not', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const address = JSON.parse(order.delivery_address_json!) as { label: string; line1: string };
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('button', { name: `Open order ${order.number}` }).click();
    const detail = page.getByRole('region', { name: `Order ${order.number}` });
    await detail.getByRole('heading', { name: 'Deliver to' }).waitFor();
    const text = await detail.textContent();
    assert.ok(text?.includes(address.label) && text.includes(address.line1), text ?? '');
    await screenshot(page, 'console-order-delivery-address');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
