import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signInToConsole, useE2E, type E2E } from './setup.ts';
import { VIEWPORTS, assertAccessible, assertTidy, screenshot } from './person.ts';

/**
 * Charges besides freight and the minimum order value (issue 17), as a customer meets them on the
 * example shop page against the real demo server, on a desktop and a phone: Seaside Hotel Group
 * pays charges it sees in the cart and on its order; Greenleaf Deli (€150 minimum) cannot place a
 * small order until they type a larger quantity. Screens are saved to test-artifacts/screens/.
 */

async function openLink(e2e: E2E, business: string, viewport: { width: number; height: number }) {
  const { token, customerId } = await e2e.tokenFor(business);
  const { page, problems } = await e2e.newPage(viewport);
  await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
  await page.getByRole('button', { name: 'Yes, start ordering' }).click();
  await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
  // The portal then moves the focus to the shop's heading, as a person sees it happen: a quantity
  // typed before that lands on the heading (this test's one failure in CI). At most 3 s.
  await page
    .waitForFunction(
      () => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.tagName === 'H2';
      },
      null,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  return { page, problems, customerId };
}

async function openCart(page: Page) {
  await page.locator('customer-portal').locator('.cart-button').click();
  const cart = page.getByRole('dialog', { name: 'Cart' });
  await cart.getByRole('heading', { name: 'Your cart' }).waitFor();
  return cart;
}

describe('charges and minimum order value end to end', () => {
  const e2e = useE2E();

  it("the supplier sets a customer's charges, minimum and default order values in the console; a bad percentage is refused on its field", async () => {
    const { customerId } = await e2e.tokenFor('Corner Grocer Ltd');
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('button', { name: 'Edit Corner Grocer Ltd' }).click();
    const form = page.locator('console-customer-form');
    await form.getByRole('heading', { level: 3, name: 'Edit Corner Grocer Ltd' }).waitFor();
    const type = async (label: string, text: string) => {
      const field = form.getByLabel(label, { exact: true });
      await field.fill('');
      await field.pressSequentially(text);
    };
    await type('Minimum order value (empty: none)', '80');
    await type('Small-order surcharge below (empty: none)', '120');
    await type('Small-order surcharge', '7.50');
    await type('Surcharge on the goods, % (empty: none)', '101');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await form.getByText('Enter a percentage from 0 to 100, such as 2.5.').waitFor();
    await type('Surcharge on the goods, % (empty: none)', '2,5');
    await type('Handling fee per unit (empty: none)', '0.10');
    await form.getByRole('checkbox', { name: /Show charges on portal/ }).uncheck();
    // Default order values: the second delivery site, a reference prefix, instructions.
    const site = form.getByLabel('Default delivery address at checkout');
    await site.locator('option').nth(1).waitFor({ state: 'attached' });
    const siteId = await site.locator('option').nth(1).getAttribute('value');
    await site.selectOption(siteId!);
    await type('Reference prefix at checkout (e.g. PO-)', 'MK-');
    await type('Delivery instructions at checkout', 'Kitchen door, ring twice');
    await screenshot(page, 'charges-console-form');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.locator('[role="status"]').filter({ hasText: 'Customer Corner Grocer Ltd saved.' }).waitFor();
    const saved = (await (await e2e.admin(`/api/v1/customers/${customerId}`)).json()) as {
      settings: Record<string, unknown>;
    };
    assert.deepEqual(saved.settings.order_defaults, {
      delivery_address_id: siteId,
      reference_prefix: 'MK-',
      delivery_instructions: 'Kitchen door, ring twice',
      contact: null,
    });
    assert.deepEqual(
      [saved.settings.minimum_order_minor, saved.settings.charges, saved.settings.show_charges],
      [
        8_000,
        { small_order: { below_minor: 12_000, fee_minor: 750 }, percent_basis_points: 250, per_unit_minor: 10 },
        false,
      ],
    );
    // Put back: the other tests here order as it.
    await e2e.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { minimum_order_minor: null, charges: null, show_charges: true, order_defaults: null },
    });
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`charges, ${viewport.name}: named in the cart, in the total placed, on the order`, async (t) => {
      const { page, problems, customerId } = await openLink(e2e, 'Seaside Hotel Group', viewport);
      // Seaside's portal checkouts make quote requests in the demo (which carry no charges): here it orders.
      const creation = (status: 'quote' | 'to_plan') =>
        e2e.admin(`/api/v1/customers/${customerId}`, { method: 'PATCH', body: { order_creation_status: status } });
      assert.equal((await creation('to_plan')).status, 200);
      t.after(() => creation('quote'));
      await page
        .getByRole('button', { name: /^Add .+ to cart$/ })
        .first()
        .click();
      const cart = await openCart(page);
      for (const label of ['Small-order surcharge', /^Surcharge \(1\.5\s?%\)$/, 'Handling fee per unit'])
        await cart.getByText(label).first().waitFor();
      const shown = (await cart.locator('#cart-total').textContent())!.replace(/^Total/, '').trim();
      await assertTidy(page, 'the cart with charges');
      await assertAccessible(page, 'the cart with charges');
      await screenshot(page, `charges-cart-${viewport.name}`);

      await cart.getByRole('button', { name: /^Place order/ }).click();
      await cart.getByRole('heading', { name: 'Thank you! Your order is placed.' }).waitFor();
      await cart.getByText(`Total ${shown}`).waitFor();
      const order = await e2e.db.kysely
        .selectFrom('orders')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const charges = JSON.parse(order.charges_json!) as { kind: string; amount_minor: number }[];
      assert.deepEqual(
        charges.map((c) => c.kind),
        ['small_order', 'percentage', 'per_unit'],
      );
      assert.equal(
        Number(order.total_minor),
        Number(order.subtotal_minor) + Number(order.freight_minor) + charges.reduce((s, c) => s + c.amount_minor, 0),
      );
      assert.deepEqual(problems, []);
      await page.close();
    });

    it(`minimum, ${viewport.name}: the shortfall blocks checkout until a larger quantity is typed`, async () => {
      const { page, problems, customerId } = await openLink(e2e, 'Greenleaf Deli', viewport);
      // Greenleaf orders from the Quantity Grid: one of the first product.
      await page.locator('input[data-qty]:enabled').first().click();
      await page.keyboard.type('1');
      await page.keyboard.press('Tab');
      const cart = await openCart(page);
      const notice = cart.locator('#minimum-notice');
      await notice.waitFor();
      assert.match((await notice.textContent())!, /^Add €[\d.,]+ more to reach the minimum order of €150\.00\.$/);
      await cart.getByText(/to free delivery$/).waitFor();
      const place = cart.getByRole('button', { name: /^Place order/ });
      assert.equal(await place.isDisabled(), true);
      await assertTidy(page, 'the cart below the minimum');
      await assertAccessible(page, 'the cart below the minimum');
      await screenshot(page, `minimum-cart-${viewport.name}`);

      // Enough of it to reach the minimum (and no more: the account's credit is limited).
      const subtotal = (await cart
        .getByText(/^€[\d.,]+$/)
        .first()
        .textContent())!;
      const quantity = Math.ceil(150 / Number(subtotal.replace(/[€,]/g, '')));
      const line = cart.getByRole('spinbutton', { name: /^Quantity of / }).first();
      await line.click();
      await page.keyboard.press('ControlOrMeta+a');
      await line.pressSequentially(String(quantity));
      await page.keyboard.press('Tab');
      await notice.waitFor({ state: 'detached' });
      assert.equal(await place.isDisabled(), false);
      await screenshot(page, `minimum-cart-reached-${viewport.name}`);
      await place.click();
      await cart.getByRole('heading', { name: 'Thank you! Your order is placed.' }).waitFor();
      const order = await e2e.db.kysely
        .selectFrom('orders')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      assert.ok(Number(order.subtotal_minor) >= 15_000);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
