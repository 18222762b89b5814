import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, assertAccessible, assertTidy, screenshot } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';

/**
 * "Automatically create orders" off (issue 17), with `npm start`'s demo data: Mason's Kitchen's
 * portal orders wait for the supplier. The customer places one, finds it under "Waiting for
 * approval" and cancels it; another the supplier creates from the console, and it moves out of
 * the tab. The built bundle on the example page, the real server and database.
 */
describe('orders waiting for the supplier end to end', () => {
  const e2e = useE2E({ waitingOrders: true });
  const business = "Mason's Kitchen";

  /** Opens the link, types a quantity of the first product in the cart and places the order; its number. */
  async function placeOrder(page: Page, token: string): Promise<string> {
    await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
    await page.getByRole('heading', { name: `Welcome back, ${business}` }).waitFor();
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    const add = page.getByRole('button', { name: /^Add .* to cart$/ }).and(page.locator(':enabled'));
    await add.first().click();
    await page.getByRole('button', { name: 'Cart, 1 item' }).click();
    const quantity = page.getByRole('spinbutton', { name: /^Quantity of / });
    await quantity.click();
    await page.keyboard.press('ControlOrMeta+A');
    await quantity.pressSequentially('2');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Cart, 2 items' }).waitFor();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('heading', { name: 'Your order is waiting for Harbour & Vine Wholesale.' }).waitFor();
    const number = (await page.locator('p.number').textContent())!.trim();
    assert.match(number, /^SO-\d{4}-\d+$/);
    await page.getByRole('button', { name: 'Continue shopping' }).click();
    return number;
  }

  /** The Orders section's "Waiting for approval" tab, chosen with the keyboard from the selected tab. */
  async function waitingTab(page: Page): Promise<void> {
    await page.evaluate(() => {
      location.hash = '#portal/orders';
    });
    const all = page.getByRole('tab', { name: 'All orders' });
    await all.waitFor();
    await all.focus();
    await page.keyboard.press('ArrowRight');
    const waiting = page.getByRole('tab', { name: 'Waiting for approval' });
    assert.equal(await waiting.getAttribute('aria-selected'), 'true');
    assert.equal(await waiting.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true);
  }

  const row = (page: Page, number: string) =>
    page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: number });

  for (const viewport of VIEWPORTS) {
    it(`the customer places an order, finds it waiting and cancels it (${viewport.name})`, async () => {
      const { token, customerId } = await e2e.tokenFor(business);
      const { page, problems } = await e2e.newPage(viewport);
      const number = await placeOrder(page, token);
      const stored = await e2e.db.kysely
        .selectFrom('orders')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      assert.deepEqual([stored.customer_id, stored.status], [customerId, 'awaiting_supplier']);

      await waitingTab(page);
      await row(page, number).getByText('Waiting for the supplier').waitFor();
      await screenshot(page, `waiting-orders-tab-${viewport.name}`);
      await assertTidy(page, `the waiting tab at ${viewport.width}`);

      await row(page, number).getByRole('link', { name: number }).click();
      const sheet = page.getByRole('dialog', { name: `Order ${number}` });
      await sheet.getByText('Harbour & Vine Wholesale has not created this order yet').waitFor();
      await sheet.getByRole('button', { name: 'Cancel order', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Cancel order ${number}?` });
      await dialog.getByText('has not created this order yet, so it is cancelled at once.').waitFor();
      await dialog.getByRole('textbox', { name: 'Reason (optional)' }).pressSequentially('Ordered twice');
      await screenshot(page, `waiting-orders-cancel-${viewport.name}`);
      await dialog.getByRole('button', { name: 'Cancel order', exact: true }).click();
      await sheet.getByText(`Order ${number} is cancelled.`).waitFor();
      assert.equal(
        (
          await e2e.db.kysely
            .selectFrom('orders')
            .select('status')
            .where('id', '=', stored.id)
            .executeTakeFirstOrThrow()
        ).status,
        'cancelled',
      );
      const requests = await e2e.db.kysely
        .selectFrom('order_requests')
        .select('state')
        .where('order_id', '=', stored.id)
        .execute();
      assert.deepEqual(
        requests.map((r) => r.state),
        ['approved'],
        'nothing left for the supplier to approve',
      );

      await sheet.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('tab', { name: 'Cancelled' }).click();
      await row(page, number).getByText('Cancelled').waitFor();
      await screenshot(page, `waiting-orders-cancelled-${viewport.name}`);
      await assertAccessible(page, 'the cancelled tab');
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  for (const viewport of VIEWPORTS) {
    it(`the supplier creates a waiting order in the console; it leaves the customer's waiting tab (${viewport.name})`, async () => {
      const { token } = await e2e.tokenFor(business);
      const { page: shop } = await e2e.newPage(VIEWPORTS[0]);
      const number = await placeOrder(shop, token);

      const { page, problems } = await e2e.newPage(viewport);
      await signInToConsole(page, e2e.url, e2e.adminKey);
      await page.getByRole('link', { name: 'Orders' }).click();
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Waiting for you' });
      const card = page.locator('li.order').filter({ hasText: number });
      await card.getByText('Placed by the customer, not created yet').waitFor();
      await screenshot(page, `console-waiting-orders-${viewport.name}`);
      await card.getByRole('button', { name: `Create order ${number}` }).click();
      await page.getByText(`Order ${number} created: it is pending.`).first().waitFor();
      await card.locator('.badge').filter({ hasText: 'Pending' }).waitFor();
      assert.equal(await card.getByRole('button', { name: `Create order ${number}` }).count(), 0);
      const focusedId = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.id ?? '';
      });
      assert.match(focusedId, /^open-/, 'the focus goes to the order, not lost');
      await screenshot(page, `console-waiting-created-${viewport.name}`);
      const stored = await e2e.db.kysely
        .selectFrom('orders')
        .select('status')
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      assert.equal(stored.status, 'pending');

      // The customer's waiting tab no longer holds it; All orders shows it pending.
      await waitingTab(shop);
      // The demo's own waiting order is listed: the list has loaded.
      await shop.getByRole('table', { name: 'Orders' }).getByText('Waiting for the supplier').first().waitFor();
      assert.equal(await row(shop, number).count(), 0);
      await shop.getByRole('tab', { name: 'All orders' }).click();
      await row(shop, number).getByText('Pending').waitFor();
      assert.deepEqual(problems, []);
      await page.close();
      await shop.close();
    });
  }

  it("the supplier turns a customer's setting off in the console, then back to the workspace's; and the workspace's", async () => {
    const { token, customerId } = await e2e.tokenFor('Corner Grocer Ltd');
    const { page, problems } = await e2e.newPage(VIEWPORTS[0]);
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('button', { name: 'Edit Corner Grocer Ltd' }).click();
    const form = page.locator('console-customer-form');
    await form.getByRole('heading', { level: 3, name: 'Edit Corner Grocer Ltd' }).waitFor();
    const setting = form.getByLabel('Automatically create orders', { exact: true });
    assert.equal(await setting.inputValue(), '', "the workspace's by default");
    await setting.selectOption({ label: 'No: they wait for you' });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await setting.scrollIntoViewIfNeeded();
      await screenshot(page, `console-waiting-customer-setting-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.locator('[role="status"]').filter({ hasText: 'Customer Corner Grocer Ltd saved.' }).waitFor();
    const read = async () =>
      (
        (await (await e2e.admin(`/api/v1/customers/${customerId}`)).json()) as {
          settings: { create_orders_automatically: boolean | null };
        }
      ).settings.create_orders_automatically;
    assert.equal(await read(), false);
    // Its next portal order waits.
    const portal = `${e2e.url}/api/v1/customer-portal/view/${token}`;
    const catalog = (await (await fetch(`${portal}/catalog`)).json()) as {
      products: { id: string; stock: string; units: { base_price_minor: number | null }[] }[];
    };
    const product = catalog.products.find((p) => p.stock !== 'out_of_stock' && p.units[0]?.base_price_minor != null)!;
    const placed = await fetch(`${portal}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ lines: [{ product_id: product.id, quantity: 1 }] }),
    });
    assert.equal(placed.status, 201, await placed.clone().text());
    assert.equal(((await placed.json()) as { status: string }).status, 'awaiting_supplier');

    // Saved, the form has closed: open it again, and the setting reads as saved.
    await page.getByRole('button', { name: 'Edit Corner Grocer Ltd' }).click();
    await form.getByRole('heading', { level: 3, name: 'Edit Corner Grocer Ltd' }).waitFor();
    assert.equal(await setting.inputValue(), 'off');
    await setting.selectOption({ label: 'Workspace default' });
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/customers/${customerId}`) && r.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: 'Save customer' }).click();
    assert.equal((await saved).status(), 200);
    assert.equal(await read(), null);

    // The workspace's own switch, in Workspace settings.
    await page.getByRole('link', { name: 'Workspace settings' }).click();
    const box = page.getByRole('checkbox', { name: 'Automatically create orders' });
    assert.equal(await box.isChecked(), true);
    await box.uncheck();
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-waiting-workspace-setting-1280');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();
    const settings = (await (await e2e.admin('/api/v1/workspace/settings')).json()) as {
      create_orders_automatically: boolean;
    };
    assert.equal(settings.create_orders_automatically, false);
    assert.equal(
      (await e2e.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { create_orders_automatically: true } }))
        .status,
      200,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });
});
