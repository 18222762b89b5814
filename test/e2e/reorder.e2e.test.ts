import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E } from './setup.ts';

/** The built bundle on examples/reorder.html (a <reorder-cart> in the header, <past-orders> below), against the real server. */
describe('reorder end to end', () => {
  const e2e = useE2E();

  it('a customer reorders their last order from <past-orders>, checks out from <reorder-cart>, and the new order tops <past-orders>', async () => {
    const { token, customerId } = await e2e.tokenFor('Blue Door Café');
    const last = await e2e.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('status', '!=', 'draft')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const { page, problems } = await e2e.newPage();

    await page.goto(`${e2e.url}/examples/reorder.html#portal_token=${token}`);
    const reorder = page.getByRole('button', { name: `Reorder ${last.number}`, exact: true });
    await reorder.waitFor();
    assert.ok(!page.url().includes(token), 'the token is scrubbed from the address bar');
    await reorder.click();
    await page.getByRole('list', { name: 'Added' }).first().waitFor();

    const cartButton = page.getByRole('button', { name: /^Cart: [1-9]\d* items?/ });
    await cartButton.click();
    await page.getByRole('button', { name: 'Place order' }).click();
    const number = page.getByText(/^SO-\d{4}-\d{4}$/).first();
    await number.waitFor();
    const orderNumber = (await number.textContent())!.trim();
    assert.notEqual(orderNumber, last.number);
    await page.keyboard.press('Escape');

    // The new order is at the top of the list.
    const firstRow = page.getByRole('button', { name: /^Details of SO-/ }).first();
    await page.waitForFunction(
      (expected) =>
        document.querySelector('past-orders')?.shadowRoot?.querySelector('[data-open]')?.textContent?.trim() ===
        expected,
      orderNumber,
      { timeout: 10_000 },
    );
    assert.equal(await firstRow.getAttribute('aria-label'), `Details of ${orderNumber}`);

    // In the database: the reordered lines, priced today, for this customer.
    const placed = await e2e.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('number', '=', orderNumber)
      .executeTakeFirstOrThrow();
    assert.equal(placed.customer_id, customerId);
    const lines = (rows: { product_id: string; uom: string; quantity: number }[]) =>
      rows.map((l) => `${l.product_id}/${l.uom}×${l.quantity}`).sort();
    const before = await e2e.db.kysely.selectFrom('order_lines').selectAll().where('order_id', '=', last.id).execute();
    const after = await e2e.db.kysely.selectFrom('order_lines').selectAll().where('order_id', '=', placed.id).execute();
    assert.ok(after.length > 0);
    for (const line of lines(after)) assert.ok(lines(before).includes(line), `${line} was in the reordered order`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
