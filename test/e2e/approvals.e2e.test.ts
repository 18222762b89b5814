import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VIEWPORTS, screenshot } from './person.ts';
import { useE2E } from './setup.ts';

/** The Approvals page on the real demo server, at desktop and phone widths (screenshots for a reviewer). */
describe('approvals (e2e)', () => {
  const e2e = useE2E();

  it("an Admin sees a Buyer's order waiting, and approves it", async () => {
    const { customerId } = await e2e.tokenFor('Greenleaf Deli');
    const person = async (name: string, role: string) => {
      const res = await e2e.admin(`/api/v1/customers/${customerId}/people`, {
        method: 'POST',
        body: { name, email: `${role}@greenleaf.test`, role },
      });
      const { id } = (await res.json()) as { id: string };
      const link = await e2e.admin('/api/v1/customer-portal/tokens', {
        method: 'POST',
        body: { client_id: customerId, person_id: id },
      });
      return ((await link.json()) as { token: string }).token;
    };
    await e2e.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      // No minimum order value (the demo's, issue 17): the Buyer's small orders go through.
      body: {
        approval: { required_for: 'buyers', amount_minor: null },
        credit_limit_minor: 0,
        minimum_order_minor: null,
      },
    });
    const buyer = await person('Ben Okafor', 'buyer');
    const admin = await person('Ana Ruiz', 'admin');
    const catalog = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${buyer}/catalog`)).json()) as {
      products: { id: string; orderable?: boolean }[];
    };
    for (const [i, product] of catalog.products.slice(0, 2).entries()) {
      const res = await fetch(`${e2e.url}/api/v1/customer-portal/view/${buyer}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-approval-${i}` },
        body: JSON.stringify({ lines: [{ product_id: product.id, quantity: 2 }] }),
      });
      assert.equal(res.status, 201, await res.text());
    }

    for (const viewport of VIEWPORTS) {
      const { page, problems } = await e2e.newPage({ width: viewport.width, height: viewport.height });
      await page.goto(`${e2e.url}/examples/index.html#portal_token=${admin}`);
      await page.getByRole('button', { name: 'Yes, start ordering' }).click();
      await page.getByRole('navigation', { name: 'Account' }).waitFor();
      await page.evaluate(() => {
        location.hash = '#portal/approvals';
      });
      await page.getByRole('heading', { name: 'Approvals' }).waitFor();
      await page.getByText('Placed by Ben Okafor').first().waitFor();
      await screenshot(page, `approvals-${viewport.name}`);
      if (viewport.name === 'desktop') {
        await page.getByRole('button', { name: 'Reject…' }).first().click();
        await page.getByRole('button', { name: 'Reject order' }).click();
        await page.getByText('Say why, so the buyer knows.').waitFor();
        await screenshot(page, `approvals-reject-${viewport.name}`);
        await page.keyboard.type('Over budget');
        await page.getByRole('button', { name: 'Reject order' }).click();
        await page.getByRole('status').filter({ hasText: 'rejected' }).waitFor();
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
});
