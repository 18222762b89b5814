import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { VIEWPORTS, focused, overlappingPairs, screenshot } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';

/**
 * The console's delivery services screen (issue 17) against the real server with the demo's three
 * services: the supplier lists, creates (typing every rule), changes and deletes a service, and
 * makes it a customer's default (with a default contact), which the customer's cart then picks, with
 * its minimum, the contact typed in. Real key
 * presses and clicks; at 1280 and 390 px nothing overlaps or sticks out, and axe finds nothing.
 */
describe('delivery services in the console end to end', () => {
  const e2e = useE2E({ now: () => new Date('2026-12-07T10:00:00Z'), deliveryServices: true });

  /** Visible elements of the console (through its shadow roots) outside the viewport sideways. */
  function sticksOut(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const out: string[] = [];
      const walk = (root: Element | ShadowRoot) => {
        for (const el of root.children) {
          const rect = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          const hidden = style.position === 'absolute' || style.display === 'none';
          if (!hidden && rect.width > 0 && (rect.left < -1 || rect.right > window.innerWidth + 1))
            out.push(`${el.localName}${el.id ? `#${el.id}` : ''} (${Math.round(rect.left)}–${Math.round(rect.right)})`);
          if (el.shadowRoot) walk(el.shadowRoot);
          walk(el);
        }
      };
      walk(document.querySelector('portal-console')!.shadowRoot!);
      if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page scrolls sideways');
      return out;
    });
  }

  async function assertLooksRight(page: Page, what: string) {
    assert.deepEqual(await sticksOut(page), [], `${what}: something sticks out sideways`);
    for (const selector of ['li.service', 'fieldset', '.field']) {
      const found = await overlappingPairs(page, selector);
      assert.deepEqual(found.pairs, [], `${what}: overlapping ${selector}`);
    }
    const axe = await new AxeBuilder({ page }).include('portal-console').analyze();
    assert.deepEqual(
      axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `${what}: axe violations`,
    );
  }

  async function openScreen(page: Page) {
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Delivery services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Delivery services' }).waitFor();
    await page.locator('main p.status', { hasText: '3 delivery services' }).waitFor();
  }

  /** Clicks a field and types into it, replacing what it held. */
  async function typeInto(page: Page, label: string, text: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text);
  }

  for (const viewport of VIEWPORTS) {
    it(`${viewport.name}: the list and the new-service form look right`, async () => {
      const { page, problems } = await e2e.newPage(viewport);
      await openScreen(page);
      for (const name of ['Standard delivery', 'Next-day', 'Collection from depot'])
        await page
          .locator('li.service')
          .filter({ has: page.getByRole('heading', { name }) })
          .waitFor();
      await screenshot(page, `delivery-services-console-list-${viewport.name}`);
      await assertLooksRight(page, `the list (${viewport.name})`);
      await page.getByRole('heading', { name: 'New delivery service' }).scrollIntoViewIfNeeded();
      await page.getByLabel('Only these customers').check();
      await page.getByLabel('Cut-off', { exact: true }).selectOption('day_before');
      await page.getByLabel('Cut-off time').waitFor();
      await screenshot(page, `delivery-services-console-form-${viewport.name}`);
      await assertLooksRight(page, `the form (${viewport.name})`);

      // The customer form's default delivery service: the services this customer may select.
      await page.getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('button', { name: 'Edit Blue Door Café' }).click();
      const field = page.getByLabel('Default delivery service');
      await field.locator('option', { hasText: 'Next-day' }).waitFor({ state: 'attached' });
      assert.deepEqual(await field.locator('option').allTextContents(), [
        'The first offered',
        'Standard delivery',
        'Next-day',
        'Collection from depot',
      ]);
      await field.scrollIntoViewIfNeeded();
      await screenshot(page, `delivery-services-console-customer-${viewport.name}`);

      // In Spanish: the screen's words, and still nothing sticking out.
      await page.getByRole('link', { name: 'Delivery services' }).click();
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { level: 1, name: 'Servicios de entrega' }).waitFor();
      await page.getByRole('heading', { name: 'Nuevo servicio de entrega' }).scrollIntoViewIfNeeded();
      await screenshot(page, `delivery-services-console-form-es-${viewport.name}`);
      await assertLooksRight(page, `the form in Spanish (${viewport.name})`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it('creates, changes and deletes a service; a customer default picked in the console is pre-selected in the cart', async () => {
    const { page, problems } = await e2e.newPage(VIEWPORTS[0]);
    await openScreen(page);

    // Refused before any request: no name, a time that is not one, a date that is not one.
    await page.getByLabel('Cut-off', { exact: true }).selectOption('same_day_before');
    await typeInto(page, 'Cut-off time', '25:00');
    await typeInto(page, 'Closed dates', '2026-12-25, 2026-13-01');
    await page.getByRole('button', { name: 'Create delivery service' }).click();
    await page.getByText('Enter a name.').waitFor();
    await page.getByText('Enter a time HH:MM, e.g. 14:00.').waitFor();
    await page.getByText('2026-13-01 is not a date YYYY-MM-DD.').waitFor();
    assert.equal((await focused(page)).tag, 'input', 'the first field refused (the name) has the focus');

    await page.keyboard.type('Refrigerated run');
    await typeInto(page, 'Lead time (days)', '1');
    await page.getByLabel('Cut-off', { exact: true }).selectOption('day_before');
    await typeInto(page, 'Cut-off time', '11:00');
    await typeInto(page, 'Closed dates', '2026-12-26, 2026-12-25');
    await typeInto(page, 'Minimum order value', '250');
    await page.getByLabel('Saturday').check();
    await page.getByLabel('A portal checkout makes').selectOption('to_plan');
    await page.getByLabel('Only these customers').check();
    await page.getByRole('button', { name: 'Create delivery service' }).click();
    await page.getByText('Tick at least one customer, or let every customer select it.').waitFor();
    await page.getByLabel('Blue Door Café').check();
    await page.getByRole('button', { name: 'Create delivery service' }).click();
    await page.locator('main p.status', { hasText: '4 delivery services' }).waitFor();

    const { customerId } = await e2e.tokenFor('Blue Door Café');
    const row = await e2e.db.kysely
      .selectFrom('delivery_services')
      .selectAll()
      .where('name', '=', 'Refrigerated run')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      {
        lead: row.lead_days,
        weekdays: JSON.parse(row.weekdays_json),
        closed: JSON.parse(row.closed_dates_json),
        rule: row.cutoff_rule,
        time: row.cutoff_time,
        status: row.order_creation_status,
        minimum: Number(row.minimum_order_minor),
        customers: JSON.parse(row.customers_json),
      },
      {
        lead: 1,
        weekdays: [1, 2, 3, 4, 5, 6],
        closed: ['2026-12-25', '2026-12-26'],
        rule: 'day_before',
        time: '11:00',
        status: 'to_plan',
        minimum: 25_000,
        customers: [customerId],
      },
    );
    // The new-service form starts empty again.
    assert.equal(await page.getByLabel('Name', { exact: true }).last().inputValue(), '');

    // Changed: the name, from the card's Edit; the focus goes back to Edit.
    const card = page.locator('li.service').filter({ has: page.getByRole('heading', { name: 'Refrigerated run' }) });
    await card.getByText('At least one day before, by 11:00').waitFor();
    await page.getByRole('button', { name: 'Edit Refrigerated run' }).click();
    await page.getByRole('heading', { name: 'Edit Refrigerated run' }).waitFor();
    const nameField = page.locator('li.service').getByLabel('Name', { exact: true });
    await nameField.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Chilled run');
    await page.getByRole('button', { name: 'Save delivery service' }).click();
    await page.getByRole('heading', { name: 'Chilled run' }).waitFor();
    assert.equal((await focused(page)).label, 'Edit Chilled run');
    const renamed = await e2e.db.kysely
      .selectFrom('delivery_services')
      .select(['name', 'minimum_order_minor'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([renamed.name, Number(renamed.minimum_order_minor)], ['Chilled run', 25_000]);

    // The customer's default delivery service, in the customer form.
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'Edit Blue Door Café' }).click();
    await page.getByRole('heading', { level: 3, name: 'Edit Blue Door Café' }).waitFor();
    await page.getByLabel('Default delivery service').selectOption({ label: 'Chilled run' });
    await typeInto(page, 'Contact at checkout: name', 'Aoife Byrne');
    await typeInto(page, 'Contact at checkout: phone', '+353 1 555 0101');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.getByRole('heading', { level: 3, name: 'Edit Blue Door Café' }).waitFor({ state: 'detached' });
    const customer = await e2e.db.kysely
      .selectFrom('customers')
      .select(['default_delivery_service_id', 'order_defaults_json'])
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    assert.equal(customer.default_delivery_service_id, row.id);
    assert.deepEqual(JSON.parse(customer.order_defaults_json ?? 'null').contact, {
      name: 'Aoife Byrne',
      phone: '+353 1 555 0101',
      email: null,
    });

    // The customer's cart picks it, and its minimum stops checkout with the shortfall said.
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page: shop } = await e2e.newPage(VIEWPORTS[0]);
    await shop.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
    await shop.getByRole('button', { name: 'Yes, start ordering' }).click();
    const productCard = shop
      .locator('[part~="product-card"]')
      .filter({ has: shop.getByRole('spinbutton', { name: 'Quantity' }) })
      .first();
    await productCard.getByRole('spinbutton', { name: 'Quantity' }).click();
    await shop.keyboard.press('ControlOrMeta+a');
    await shop.keyboard.type('1');
    await shop.keyboard.press('Enter');
    await productCard.getByText('1 in cart').waitFor();
    await shop.locator('customer-portal').locator('.cart-button').click();
    const cart = shop.getByRole('dialog', { name: 'Cart' });
    const service = cart.getByRole('combobox', { name: 'Delivery service' });
    await service.waitFor();
    assert.equal(await service.locator('option:checked').textContent(), 'Chilled run');
    await cart.getByText(/more to reach the minimum order of €250\.00/).waitFor();
    // The default contact, typed in for the customer to keep or change.
    assert.equal(await cart.getByRole('textbox', { name: 'Contact name' }).inputValue(), 'Aoife Byrne');
    assert.equal(await cart.getByRole('textbox', { name: 'Contact phone' }).inputValue(), '+353 1 555 0101');
    await cart.getByRole('group', { name: 'Contact for this order (optional)' }).scrollIntoViewIfNeeded();
    await screenshot(shop, 'delivery-services-cart-contact-desktop');
    assert.equal(await cart.getByRole('button', { name: 'Place order' }).isDisabled(), true);
    await shop.close();

    // Deleted, after a second press.
    await page.getByRole('link', { name: 'Delivery services' }).click();
    await page.getByRole('button', { name: 'Delete Chilled run' }).click();
    await page.getByText('Delete Chilled run? Orders keep it; customers can no longer choose it.').waitFor();
    assert.equal((await focused(page)).label, 'Yes, delete');
    await page.keyboard.press('Enter');
    await page.locator('main p.status', { hasText: '3 delivery services' }).waitFor();
    const removed = await e2e.db.kysely
      .selectFrom('delivery_services')
      .select('removed_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.ok(removed.removed_at);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
