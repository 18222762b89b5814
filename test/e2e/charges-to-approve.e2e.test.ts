import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, assertAccessible, focused, screenshot } from './person.ts';
import { signInToConsole, useE2E, type E2E } from './setup.ts';

/**
 * Charges to approve (issue 17) as a customer meets them on the example shop page against the real
 * demo server: Mason's Kitchen opens its order carrying the demo's charge to approve, approves it
 * and sees the total follow (desktop); on a phone it rejects another charge the supplier added,
 * typing its reason, and the supplier reads the outcome through the admin API; the supplier adds a
 * charge in the console and sees the customer's outcome there. Screens are saved to
 * test-artifacts/screens/.
 */

const BUSINESS = "Mason's Kitchen";
const euros = (minor: number) =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(minor / 100);

async function openOrder(e2e: E2E, viewport: { width: number; height: number }) {
  const { token, customerId } = await e2e.tokenFor(BUSINESS);
  const charged = await e2e.db.kysely
    .selectFrom('order_supplier_charges')
    .innerJoin('orders', 'orders.id', 'order_supplier_charges.order_id')
    .select(['orders.id', 'orders.number', 'orders.total_minor'])
    .where('orders.customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  const { page, problems } = await e2e.newPage(viewport);
  await page.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
  await page.getByRole('heading', { name: `Welcome back, ${BUSINESS}` }).waitFor();
  await page.getByRole('button', { name: 'Yes, start ordering' }).click();
  // As a person: the account's Orders (behind the menu on a phone), then the order's link.
  const menu = page.getByRole('button', { name: /^Menu/ });
  await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await page.getByRole('link', { name: charged.number, exact: true }).first().click();
  const sheet = page.getByRole('dialog', { name: `Order ${charged.number}` });
  await sheet.getByRole('heading', { name: /^Charges added by/ }).waitFor();
  return { page, problems, sheet, order: { ...charged, total_minor: Number(charged.total_minor) } };
}

async function chargeItem(page: Page, label: string) {
  const item = page.locator('portal-supplier-charges li').filter({ hasText: label });
  await item.waitFor();
  return item;
}

describe('charges to approve end to end', () => {
  const e2e = useE2E();

  it('desktop: the demo charge "To approve" is approved with a click and the total updates', async () => {
    const { page, problems, sheet, order } = await openOrder(e2e, VIEWPORTS[0]);
    const item = await chargeItem(page, 'Pallet wrapping and tail-lift delivery');
    await item.getByText('To approve').waitFor();
    await item.getByText('€18.50').waitFor();
    await sheet
      .locator('dl.totals dd.total')
      .filter({ hasText: euros(order.total_minor) })
      .waitFor();
    await assertAccessible(page, 'an order with a charge to approve');
    await screenshot(page, 'charge-to-approve-desktop');

    await item.getByRole('button', { name: 'Approve', exact: true }).click();
    const total = euros(order.total_minor + 1_850);
    await sheet
      .getByText(`You approved Pallet wrapping and tail-lift delivery. The order's total is now ${total}.`)
      .waitFor();
    await sheet.locator('dl.totals dd.total').filter({ hasText: total }).waitFor();
    await item.getByText('Approved', { exact: true }).waitFor();
    assert.equal((await focused(page)).label, 'Approved', 'the focus is on the outcome');
    await screenshot(page, 'charge-approved-desktop');

    const stored = await e2e.db.kysely
      .selectFrom('orders')
      .select('total_minor')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.total_minor), order.total_minor + 1_850);
    // The Orders list shows the new total too, once the order is closed.
    await page.keyboard.press('Escape');
    await page.getByRole('table', { name: 'Orders' }).getByText(total).first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('phone: a charge is rejected with a typed reason; the supplier reads it, the total stays', async () => {
    const before = await openOrder(e2e, VIEWPORTS[1]);
    await before.page.close();
    const added = await e2e.admin(`/api/v1/orders/${before.order.id}/charges`, {
      method: 'POST',
      body: { label: 'Saturday delivery', amount_minor: 2_500, requires_approval: true },
    });
    assert.equal(added.status, 201, await added.clone().text());
    const { page, problems, sheet, order } = await openOrder(e2e, VIEWPORTS[1]);
    const item = await chargeItem(page, 'Saturday delivery');
    await item.getByText('To approve').waitFor();
    await item.getByRole('button', { name: 'Reject', exact: true }).click();
    const reason = item.getByRole('textbox', { name: 'Why do you reject it?' });
    await reason.waitFor();
    assert.equal((await focused(page)).tag, 'textarea', 'the focus moves to the reason');
    await page.keyboard.type('We collect on Saturdays ourselves.');
    await screenshot(page, 'charge-reject-reason-phone');
    await item.getByRole('button', { name: 'Reject charge' }).click();
    await sheet.getByText('You rejected Saturday delivery.').waitFor();
    await item.getByText('Not in the total. Your reason: We collect on Saturdays ourselves.').waitFor();
    await sheet
      .locator('dl.totals dd.total')
      .filter({ hasText: euros(order.total_minor) })
      .waitFor();
    await assertAccessible(page, 'an order with a rejected charge');
    await screenshot(page, 'charge-rejected-phone');

    const admin = (await (await e2e.admin(`/api/v1/orders/${order.id}`)).json()) as {
      total_minor: number;
      supplier_charges: { label: string; state: string; reason: string | null }[];
    };
    const outcome = admin.supplier_charges.find((c) => c.label === 'Saturday delivery');
    assert.deepEqual([outcome?.state, outcome?.reason], ['rejected', 'We collect on Saturdays ourselves.']);
    assert.equal(admin.total_minor, order.total_minor);
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`console, ${viewport.name}: the supplier adds a charge to approve, and sees the customer's rejection and reason`, async () => {
      const { token, customerId } = await e2e.tokenFor(BUSINESS);
      const order = await e2e.db.kysely
        .selectFrom('order_supplier_charges')
        .innerJoin('orders', 'orders.id', 'order_supplier_charges.order_id')
        .select(['orders.id', 'orders.number'])
        .where('orders.customer_id', '=', customerId)
        .executeTakeFirstOrThrow();
      const label = `Out-of-hours delivery ${viewport.name}`;
      const { page, problems } = await e2e.newPage(viewport);
      await signInToConsole(page, e2e.url, e2e.adminKey);
      const menu = page.getByRole('button', { name: /^Menu/ });
      if (await menu.isVisible()) await menu.click();
      await page.getByRole('link', { name: 'Orders' }).click();
      await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
      await page.getByLabel('Customer', { exact: true }).selectOption({ label: BUSINESS });
      await page.getByRole('button', { name: `Open order ${order.number}` }).click();
      const card = page.locator(`li.order[data-order="${order.id}"]`);
      await card.getByRole('heading', { name: 'Charges added after checkout' }).waitFor();
      await card.getByRole('button', { name: 'Add charge' }).click();
      await card.getByLabel('What the charge is for').pressSequentially(label);
      await card.getByLabel('Amount (EUR)').pressSequentially('12.40');
      assert.equal(await card.getByRole('checkbox', { name: /Needs the customer's approval/ }).isChecked(), true);
      await card.getByRole('button', { name: 'Add the charge' }).click();
      const line = card.locator('li[data-charge]').filter({ hasText: label });
      await line.getByText('To approve by the customer').waitFor();
      await line.getByText('12.40').waitFor();
      await screenshot(page, `charge-console-added-${viewport.name}`);

      // The customer rejects it through the portal API.
      const charge = (
        (await (await e2e.admin(`/api/v1/orders/${order.id}`)).json()) as {
          supplier_charges: { id: string; label: string }[];
        }
      ).supplier_charges.find((c) => c.label === label)!;
      const rejected = await fetch(
        `${e2e.url}/api/v1/customer-portal/view/${token}/orders/${order.id}/charges/${charge.id}/reject`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'Our kitchen is open until 23:00.' }),
        },
      );
      assert.equal(rejected.status, 200, await rejected.clone().text());

      // Closed and opened again, the order shows the outcome.
      await page.getByRole('button', { name: `Close order ${order.number}` }).click();
      await page.getByRole('button', { name: `Open order ${order.number}` }).click();
      await line.getByText('Rejected', { exact: true }).waitFor();
      await line.getByText('Their reason: Our kitchen is open until 23:00.').waitFor();
      await screenshot(page, `charge-console-outcome-${viewport.name}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
