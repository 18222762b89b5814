import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E } from './setup.ts';

/**
 * The built bundle on the example merchant page, against the real demo server and database:
 * what a customer does with their link. Needs `npm run build` first (npm run test:e2e does it).
 */
describe('customer portal end to end', () => {
  const e2e = useE2E();

  it('a customer opens their link, confirms it is them, orders two products and sees the order number; the order is in the database', async () => {
    const customer = { business_name: 'Blue Door Café' };
    const { token, customerId } = await e2e.tokenFor(customer.business_name);
    const { page, problems } = await e2e.newPage();

    await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
    await page.getByRole('heading', { name: `Welcome back, ${customer.business_name}` }).waitFor();
    assert.ok(!page.url().includes(token), 'the token is scrubbed from the address bar');

    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    const addButtons = page.getByRole('button', { name: /^Add .* to cart$/ }).and(page.locator(':enabled'));
    await addButtons.first().waitFor();
    const names = [
      await addButtons.nth(0).getAttribute('aria-label'),
      await addButtons.nth(1).getAttribute('aria-label'),
    ];
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

    const order = await e2e.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('number', '=', orderNumber)
      .executeTakeFirstOrThrow();
    assert.equal(order.customer_id, customerId);
    assert.equal(order.status, 'pending');
    assert.equal(order.customer_reference, 'E2E-42');
    const lines = await e2e.db.kysely
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', order.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      lines.map((l) => `Add ${l.name} to cart`),
      names,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });
});
