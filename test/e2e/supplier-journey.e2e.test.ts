/**
 * Issue 15's whole journey, both sides, in Chromium against the real demo server and a real SMTP
 * server (in-process, loopback): the supplier creates a customer in the console with a price group
 * and the Quantity Grid, emails their link; the customer opens the link from the message that
 * arrived and orders by typing a quantity; the supplier confirms and ships it with tracking; the
 * customer sees Shipped with the tracking link; the supplier invoices it and records the payment;
 * the customer sees the invoice paid.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type OrderDetail } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { assertTidy, focused, screenshot } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';
import { useSmtp } from './smtp.ts';

describe("the supplier's side, end to end, with a real SMTP server", () => {
  const smtp = useSmtp();
  const e2e = useE2E({ mail: () => ({ smtpUrl: smtp.url(), from: 'Harbour & Vine <orders@harbourvine.test>' }) });

  it('customer created and emailed in the console; orders from the message; shipped with tracking, invoiced and paid, seen by the customer', async () => {
    const supplier = await e2e.newPage();
    const console_ = supplier.page;
    await signInToConsole(console_, e2e.url, e2e.adminKey);

    // 1. The supplier creates the customer with a price group and the Quantity Grid.
    await console_.getByRole('button', { name: 'New customer' }).click();
    await console_.getByLabel('Business name').click();
    await console_.keyboard.type('Pier Nine Oyster Bar');
    await console_.getByLabel('Email', { exact: true }).last().click();
    await console_.keyboard.type('kitchen@piernine.test');
    await console_.getByLabel('Price group').selectOption({ label: 'Hospitality' });
    await console_.getByLabel('Order template').selectOption('quantity_grid');
    await console_.getByRole('button', { name: 'Create customer' }).click();
    await console_.getByRole('heading', { name: 'Portal links of Pier Nine Oyster Bar' }).waitFor();

    // 2. Makes a link and sends it by email.
    await console_.getByRole('button', { name: 'Create a link' }).click();
    await console_.getByLabel('New portal link').waitFor();
    await console_
      .getByRole('button', { name: /^Send by email: link / })
      .first()
      .click();
    await console_.getByRole('button', { name: 'Send the link' }).click();
    await console_.locator('p.ok').filter({ hasText: 'Link sent to kitchen@piernine.test.' }).waitFor();
    await screenshot(console_, 'journey-console-link-sent');

    // 3. The message arrives over SMTP, to the customer, with the link.
    const mail = await smtp.next((m) =>
      (m.to && !Array.isArray(m.to) ? m.to.text : '').includes('kitchen@piernine.test'),
    );
    assert.match(mail.subject ?? '', /Pier Nine Oyster Bar|portal|order/i);
    const link = /https?:\/\/\S+#portal_token=[\w-]+/.exec(mail.text ?? '')?.[0];
    assert.ok(link, `the message carries the link: ${mail.text}`);
    assert.ok(String(mail.html).includes(link), 'the HTML part carries the same link');
    const token = decodeURIComponent(link.split('#portal_token=')[1]);

    // 4. The customer opens the link from the message, says it is them, finds a product the
    // Hospitality list prices, types a quantity in the grid and orders.
    const catalog = Catalog.parse(
      await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/catalog`)).json(),
    );
    const listed = new Set(
      catalog.pricing.group_list?.entries
        .filter((e) => e.tiers[0].min_quantity === 1)
        .map((e) => `${e.product_id} ${e.uom}`),
    );
    const product = catalog.products.find(
      (p) => listed.has(`${p.id} ${p.units[0].code}`) && p.active && p.stock !== 'out_of_stock',
    );
    assert.ok(product, 'the Hospitality list prices an orderable product');
    // The grid names a row by product, and by unit when the product has several.
    const rowName = `${product.name}${product.units.length > 1 ? `, ${product.units[0].name}` : ''}`;
    const customer = await e2e.newPage({ width: 390, height: 844 });
    const shop = customer.page;
    await shop.goto(link);
    await shop.getByText('Welcome back, Pier Nine Oyster Bar').waitFor();
    await shop.getByRole('button', { name: 'Yes, start ordering' }).click();
    await shop.getByRole('searchbox').click();
    await shop.keyboard.type(product.name.split(/[ ,]/)[0]);
    const quantity = shop.getByRole('spinbutton', { name: `Quantity of ${rowName}`, exact: true });
    await quantity.click();
    await shop.keyboard.type('6');
    assert.equal((await focused(shop)).value, '6', 'the typed quantity stays in the field');
    await shop.getByRole('button', { name: 'Review order' }).click();
    const cart = shop.getByRole('dialog', { name: 'Cart' });
    await cart.getByRole('heading', { name: 'Your cart' }).waitFor();
    await cart.getByRole('button', { name: 'Place order' }).click();
    await cart.getByRole('heading', { name: 'Thank you! Your order is placed.' }).waitFor();
    const number = (await cart.locator('p.number').textContent())!.trim();
    assert.match(number, /^SO-\d{4}-\d+$/);
    await screenshot(shop, 'journey-customer-placed');

    // The order carries the Hospitality price list's prices, as the group was set in the console.
    const placed = (await (
      await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/orders/${number}`)
    ).json()) as OrderDetail;
    assert.equal(placed.status, 'pending');
    assert.equal(placed.channel, 'portal');
    const [line] = placed.lines;
    assert.equal(line.product_id, product.id);
    const price = new Pricer(catalog.pricing).resolve(product, line.uom, line.quantity, new Date()).price!;
    assert.equal(line.quantity, 6);
    assert.equal(price.source.kind, 'group_list', 'priced from the Hospitality list set in the console');
    assert.equal(line.unit_price_minor, price.unit_price_minor);

    // 5. The supplier confirms it and ships it with tracking.
    await console_.getByRole('link', { name: 'Orders' }).click();
    await console_.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await console_.getByLabel('Placed through').selectOption('portal');
    await console_.getByLabel('Status').selectOption('pending');
    const card = console_.locator('li.order').filter({ hasText: number });
    await card.locator('.badge.portal').filter({ hasText: 'Portal' }).waitFor();
    await card.getByRole('button', { name: `Open order ${number}` }).click();
    await card.getByRole('button', { name: 'Confirm', exact: true }).click();
    await card.getByText('Status: Confirmed').waitFor();
    await card.getByRole('button', { name: 'Ship…' }).click();
    await console_.keyboard.type('An Post');
    await card.getByLabel('Tracking number (optional)').click();
    await console_.keyboard.type('CP123456789IE');
    await card.getByLabel('Tracking address, https (optional)').click();
    await console_.keyboard.type('https://www.anpost.com/track?item=CP123456789IE');
    await card.getByRole('button', { name: 'Ship the order' }).click();
    await card.getByText('Status: Shipped').waitFor();
    await assertTidy(console_, 'the shipped order in the console');

    // 6. The customer, after a reload, sees Shipped and the tracking link on the order.
    await shop.goto(`${link.split('#')[0]}#portal/orders/${number}`);
    await shop.reload();
    const tracking = shop.getByRole('link', { name: 'CP123456789IE' });
    await tracking.waitFor();
    assert.equal(await tracking.getAttribute('href'), 'https://www.anpost.com/track?item=CP123456789IE');
    await shop.getByText('Shipped', { exact: true }).first().waitFor();
    await screenshot(shop, 'journey-customer-shipped');

    // 7. The supplier marks it delivered, invoices it and records the payment of the invoice.
    await card.getByRole('button', { name: 'Mark delivered' }).click();
    await card.getByText('Status: Delivered').waitFor();
    await card.getByRole('button', { name: 'Create the invoice' }).click();
    await card.getByRole('button', { name: /^Record a payment for invoice/ }).click();
    await card.getByRole('button', { name: 'Record the payment' }).click();
    await card.getByText('Paid', { exact: false }).first().waitFor();
    await screenshot(console_, 'journey-console-paid');

    // 8. The customer sees the invoice paid.
    const invoices = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/invoices`)).json()) as {
      items: { number: string; order: { number: string } | null }[];
    };
    const invoice = invoices.items.find((i) => i.order?.number === number);
    assert.ok(invoice, 'the order has an invoice the customer can read');
    await shop.goto(`${link.split('#')[0]}#portal/invoices/${invoice.number}`);
    await shop.reload();
    await shop
      .getByRole('heading', { name: new RegExp(invoice.number) })
      .first()
      .waitFor();
    await shop.getByText('Paid', { exact: true }).first().waitFor();
    await screenshot(shop, 'journey-customer-paid');

    assert.deepEqual(supplier.problems, []);
    assert.deepEqual(
      customer.problems.filter((p) => !/status of 404/.test(p)),
      [],
    );
    await shop.close();
    await console_.close();
  });
});
