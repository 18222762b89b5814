import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, focused, screenshot } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';

/**
 * Delivery dates and cut-offs (issue 17) in the built bundle against the real server, its demo
 * services and a clock the test moves: Monday 7 December 2026 in Dublin (GMT). Next-day takes
 * orders for tomorrow until 14:00; at 14:00 the earliest date moves to Wednesday.
 */
describe('delivery dates end to end', () => {
  let now = new Date('2026-12-07T13:00:00Z');
  const e2e = useE2E({ now: () => now, deliveryServices: true });

  async function openPortal(page: Page, token: string): Promise<void> {
    await page.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    await page.getByRole('navigation', { name: 'Account' }).waitFor();
  }

  /** Types a quantity on the first orderable card, as a person does, and opens the cart. */
  async function fillCart(page: Page, quantity: number) {
    const card = page
      .locator('[part~="product-card"]')
      .filter({ has: page.getByRole('spinbutton', { name: 'Quantity' }) })
      .first();
    const field = card.getByRole('spinbutton', { name: 'Quantity' });
    await field.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(quantity));
    await page.keyboard.press('Enter');
    await card.getByText(`${quantity} in cart`).waitFor();
    await page.locator('customer-portal').locator('.cart-button').click();
    const cart = page.getByRole('dialog', { name: 'Cart' });
    await cart.getByRole('heading', { name: 'Your cart' }).waitFor();
    return cart;
  }

  for (const viewport of VIEWPORTS) {
    it(`${viewport.name}: picks a date the cut-off allows and places the order; at the cut-off the earliest date moves`, async () => {
      now = new Date('2026-12-07T13:00:00Z');
      const { token } = await e2e.tokenFor('Blue Door Café');
      const { page, problems } = await e2e.newPage(viewport);
      await openPortal(page, token);

      let cart = await fillCart(page, 3);
      const delivery = cart.getByRole('group', { name: 'Delivery' });
      const service = delivery.getByRole('combobox', { name: 'Delivery service' });
      const date = delivery.getByRole('combobox', { name: 'Delivery date' });
      await date.waitFor();
      // Standard delivery first: two days, by 16:00 the day before.
      assert.equal(await date.inputValue(), '2026-12-09');
      await delivery.getByText('Order by 16:00 for delivery on').waitFor();
      // The keyboard picks Next-day: its earliest date, tomorrow, is picked with the cut-off said.
      await service.focus();
      await service.selectOption({ label: 'Next-day' });
      assert.equal(await date.inputValue(), '2026-12-08');
      await delivery.getByText('Order by 14:00 for delivery tomorrow').waitFor();
      const offered = await date
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      assert.deepEqual(offered.slice(0, 4), ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
      assert.ok(!offered.includes('2026-12-12') && !offered.includes('2026-12-13'), 'no weekend for Next-day');
      await date.focus();
      await page.keyboard.press('ArrowDown');
      assert.equal(await date.inputValue(), '2026-12-09');
      assert.equal((await focused(page)).tag, 'select');
      await page.keyboard.press('ArrowUp');
      await delivery.scrollIntoViewIfNeeded();
      await screenshot(page, `checkout-delivery-date-${viewport.width}`);
      await cart.getByRole('button', { name: 'Place order' }).click();
      await cart.getByRole('heading', { name: 'Thank you! Your order is placed.' }).waitFor();
      await cart
        .locator('#placed-delivery')
        .getByText(/^Next-day: .*8/)
        .waitFor();
      const number = (await cart.locator('p.number').textContent())!.trim();

      // The order keeps its service and date: in the portal, and to the supplier.
      const row = await e2e.db.kysely
        .selectFrom('orders')
        .select(['id', 'delivery_service_name', 'delivery_date'])
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.delivery_service_name, row.delivery_date], ['Next-day', '2026-12-08']);
      const admin = (await (await e2e.admin(`/api/v1/orders/${row.id}`)).json()) as { delivery: { date: string } };
      assert.equal(admin.delivery.date, '2026-12-08');
      await cart.getByRole('button', { name: 'Continue shopping' }).click();
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#portal/orders/${number}`);
      await page.locator('p.delivery-date').filter({ hasText: 'Next-day: ' }).waitFor();
      assert.equal(
        (await page.locator('span.delivery-date').filter({ hasText: 'Next-day: ' }).count()) > 0,
        true,
        'the list shows it',
      );
      await screenshot(page, `order-delivery-date-${viewport.width}`);

      // A second order: Next-day for tomorrow picked a minute before 14:00 ...
      await page.evaluate(() => {
        location.hash = '#portal';
      });
      now = new Date('2026-12-07T13:59:00Z');
      cart = await fillCart(page, 2);
      const again = cart.getByRole('group', { name: 'Delivery' });
      await again.getByRole('combobox', { name: 'Delivery service' }).selectOption({ label: 'Next-day' });
      const dateAgain = again.getByRole('combobox', { name: 'Delivery date' });
      assert.equal(await dateAgain.inputValue(), '2026-12-08');
      // ... and the cut-off passes before the customer places it: refused next to the date, moved on, cart kept.
      now = new Date('2026-12-07T14:00:00Z');
      await cart.getByRole('button', { name: 'Place order' }).click();
      const alert = again.getByRole('alert');
      await alert.getByText('The cut-off for that date has passed.').waitFor();
      assert.equal(await dateAgain.inputValue(), '2026-12-09');
      await again.getByText('Order by 14:00 tomorrow for delivery on').waitFor();
      assert.equal(await cart.getByRole('spinbutton').first().inputValue(), '2', 'the cart is kept');
      assert.equal((await focused(page)).tag, 'select', 'the keyboard is on the date');
      await again.scrollIntoViewIfNeeded();
      await screenshot(page, `checkout-cutoff-passed-${viewport.width}`);
      await cart.getByRole('button', { name: 'Place order' }).click();
      await cart.getByRole('heading', { name: 'Thank you! Your order is placed.' }).waitFor();
      const second = (await cart.locator('p.number').textContent())!.trim();
      const placed = await e2e.db.kysely
        .selectFrom('orders')
        .select('delivery_date')
        .where('number', '=', second)
        .executeTakeFirstOrThrow();
      assert.equal(placed.delivery_date, '2026-12-09');
      // The refused checkout is the one failed request the browser logs.
      assert.deepEqual(
        problems.filter((p) => !/status of 422/.test(p)),
        [],
      );
      assert.equal(problems.length, 1);
      await page.close();
    });
  }

  it("the supplier's console shows an order's service and date", async () => {
    const { page, problems } = await e2e.newPage();
    const order = await e2e.db.kysely
      .selectFrom('orders')
      .select(['number', 'delivery_service_name', 'delivery_date'])
      .where('delivery_date', 'is not', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('button', { name: `Open order ${order.number}` }).click();
    const detail = page.getByRole('region', { name: `Order ${order.number}` });
    await detail.getByText(`${order.delivery_service_name}: ${order.delivery_date}`).waitFor();
    await screenshot(page, 'console-order-delivery-date');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
