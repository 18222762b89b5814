/**
 * Issue 16's approval journey in Chromium against the real demo server and a real SMTP server
 * (in-process, loopback): Ben Walsh, a Buyer of Blue Door Café with a spending limit, orders over
 * it by typing a quantity and checking out, and is told the order waits; Ana Ruiz, the account's
 * Admin, opens the link in the mail that arrived, lands on Approvals, sees the lines and who asked,
 * and approves; Ben gets the mail, reloads and sees the order pending (approved). Then a second
 * order, rejected with a typed reason that Ben reads on the order. Both sides at 1280 and 390 px.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { AwaitingOrderList, Catalog, type OrderDetail } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { VIEWPORTS, assertTidy, focused, screenshot } from './person.ts';
import { useE2E } from './setup.ts';
import { recipient, useSmtp } from './smtp.ts';

const LIMIT_MINOR = 5_000;

describe('the approval journey, end to end, with a real SMTP server', () => {
  const smtp = useSmtp();
  const e2e = useE2E({ mail: () => ({ smtpUrl: smtp.url(), from: 'Harbour & Vine <orders@harbourvine.test>' }) });

  /** A new link of the demo person `name`, through the admin API (as the console makes one). */
  async function linkOf(name: string): Promise<{ token: string; personId: string; customerId: string }> {
    const person = await e2e.db.kysely
      .selectFrom('people')
      .select(['id', 'customer_id'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    const res = await e2e.admin('/api/v1/customer-portal/tokens', {
      method: 'POST',
      body: { client_id: person.customer_id, person_id: person.id },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return {
      token: ((await res.json()) as { token: string }).token,
      personId: person.id,
      customerId: person.customer_id,
    };
  }

  /** The portal link in a mail's text (the HTML button carries the same one). */
  function linkIn(mail: ParsedMail): string {
    const link = /https?:\/\/\S+#portal_token=[\w-]+(&portal=\S+)?/.exec(mail.text ?? '')?.[0];
    assert.ok(link, `the message carries a link: ${mail.text}`);
    assert.ok(String(mail.html).includes(link.replace(/&/g, '&amp;')), 'the HTML part carries the same link');
    return link;
  }

  /** Ben types a quantity that puts the order over his limit, reviews the cart and places it. */
  async function orderOverTheLimit(shop: Page, product: { name: string }, quantity: number): Promise<string> {
    await shop.getByRole('searchbox').click();
    await shop.keyboard.press('ControlOrMeta+a');
    await shop.keyboard.type(product.name);
    const card = shop.locator('[part~="product-card"]').filter({ hasText: product.name }).first();
    const field = card.getByRole('spinbutton', { name: 'Quantity' });
    await field.click();
    await shop.keyboard.press('ControlOrMeta+a');
    await shop.keyboard.type(String(quantity));
    assert.equal((await focused(shop)).value, String(quantity), 'the typed quantity stays in the field');
    await shop.keyboard.press('Enter');
    await card.getByText(`${quantity} in cart`).waitFor();
    await shop.locator('customer-portal').locator('.cart-button').click();
    const cart = shop.getByRole('dialog', { name: 'Cart' });
    await cart.getByRole('heading', { name: 'Your cart' }).waitFor();
    await cart.getByRole('button', { name: 'Place order' }).click();
    await cart.getByRole('heading', { name: 'Your order is waiting for approval.' }).waitFor();
    const number = (await cart.locator('p.number').textContent())!.trim();
    assert.match(number, /^SO-\d{4}-\d+$/);
    return number;
  }

  /**
   * The Admin opens the link from the mail and lands on Approvals, the token out of the address
   * bar. Ana's language is Spanish: her portal speaks it, as her mails do.
   */
  async function adminLands(admin: Page, link: string, number: string) {
    await admin.goto(link);
    await admin.getByRole('heading', { name: 'Bienvenido de nuevo, Ana — Blue Door Café' }).waitFor();
    await admin.getByRole('button', { name: 'Sí, empezar a pedir' }).click();
    await admin.getByRole('heading', { name: 'Aprobaciones' }).waitFor();
    assert.equal(new URL(admin.url()).hash, '#portal/approvals');
    assert.ok(!admin.url().includes('portal_token'), 'the token is out of the address bar');
    const item = admin.getByRole('listitem').filter({ hasText: number });
    await item.waitFor();
    return item;
  }

  it('a Buyer over the limit orders; the Admin approves from the emailed link; the Buyer sees it; then a rejection with a reason', async () => {
    const ben = await linkOf('Ben Walsh');
    const ana = await linkOf('Ana Ruiz');
    // Ben may spend €50 a week before an order of his waits (the demo gives him €1,500 a month).
    const limited = await e2e.admin(`/api/v1/customers/${ben.customerId}/people/${ben.personId}`, {
      method: 'PATCH',
      body: { spending_limit_minor: LIMIT_MINOR, spending_period: 'week' },
    });
    assert.equal(limited.status, 200, await limited.clone().text());

    // An orderable product, and a quantity whose total is over the limit but under the €400 the
    // account asks approval for: the limit alone makes the order wait.
    const catalog = Catalog.parse(
      await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${ben.token}/catalog`)).json(),
    );
    const pricer = new Pricer(catalog.pricing);
    const choice = catalog.products
      .filter((p) => p.active && p.stock === 'in_stock' && p.units.length === 1)
      .map((p) => ({ product: p, price: pricer.resolve(p, p.units[0].code, 1, new Date()).price }))
      .find((c) => c.price && c.price.unit_price_minor >= 1_000 && c.price.unit_price_minor <= 5_000);
    assert.ok(choice, 'a product priced between €10 and €50');
    const quantity = Math.floor(LIMIT_MINOR / choice.price!.unit_price_minor) + 2;
    const product = choice.product;

    const buyerPage = await e2e.newPage({ width: VIEWPORTS[1].width, height: VIEWPORTS[1].height });
    const shop = buyerPage.page;
    await shop.goto(`${e2e.url}/examples/#portal_token=${ben.token}`);
    await shop.getByRole('heading', { name: 'Welcome back, Ben — Blue Door Café' }).waitFor();
    await shop.getByRole('button', { name: 'Yes, start ordering' }).click();
    await shop.getByRole('tab', { name: 'All', exact: true }).waitFor();

    // 1. Ben orders over his limit and is told it waits.
    const first = await orderOverTheLimit(shop, product, quantity);
    await assertTidy(shop, 'the order waiting for approval (phone)');
    await screenshot(shop, 'approval-journey-buyer-waiting-phone');
    const waiting = AwaitingOrderList.parse(
      await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${ana.token}/approvals`)).json(),
    ).items.find((o) => o.number === first);
    assert.ok(waiting, 'the order awaits approval');
    assert.ok(waiting.reasons.includes('over_spending_limit'), `reasons: ${waiting.reasons.join(', ')}`);
    assert.ok(!waiting.reasons.includes('over_amount'), 'under the amount the account asks approval for');

    // 2. Ana's mail arrives (in Spanish, her language) with her link to the Approvals page.
    const asked = await smtp.next(
      (m) => recipient(m).includes('ana@bluedoorcafe.ie') && (m.subject ?? '').includes(first),
    );
    assert.equal(
      asked.subject,
      `Aprobación necesaria: pedido ${first} (${/\(([^)]+)\)/.exec(asked.subject ?? '')?.[1]})`,
    );
    assert.match(asked.text ?? '', new RegExp(`Ben Walsh ha hecho el pedido ${first}`));
    const askLink = linkIn(asked);
    assert.match(askLink, /&portal=approvals$/);

    // 3. Ana opens it on a desktop, sees the lines and who asked, and approves.
    const adminPage = await e2e.newPage({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
    const admin = adminPage.page;
    const item = await adminLands(admin, askLink, first);
    assert.match(await item.innerText(), /Pedido por Ben Walsh/);
    assert.match(await item.innerText(), new RegExp(product.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await item.getByRole('cell', { name: new RegExp(`^${quantity} ${product.units[0].code}$`) }).waitFor();
    await assertTidy(admin, 'the Approvals page (desktop)');
    await screenshot(admin, 'approval-journey-admin-approvals-desktop');
    await item.getByRole('button', { name: 'Aprobar' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `Pedido ${first} aprobado.` })
      .waitFor();

    // 4. Ben is told by mail, with his link to the order; he reloads and sees it pending (approved).
    const approved = await smtp.next(
      (m) => recipient(m).includes('ben@bluedoorcafe.ie') && m.subject === `Order ${first} approved`,
    );
    const orderLink = linkIn(approved);
    assert.match(orderLink, new RegExp(`&portal=orders/${first}$`));
    await shop.goto(`${e2e.url}/examples/#portal/orders`);
    await shop.reload();
    const row = shop.getByRole('row').filter({ hasText: first });
    await row.waitFor();
    assert.match(await row.innerText(), /Pending/);
    assert.doesNotMatch(await row.innerText(), /Waiting for approval/);
    await shop.goto(orderLink);
    const detail = shop.getByRole('dialog', { name: `Order ${first}` });
    await detail.waitFor();
    assert.match(await detail.innerText(), /Pending/);
    assert.ok(!shop.url().includes('portal_token'));
    await screenshot(shop, 'approval-journey-buyer-approved-phone');

    // 5. A second order, on Ben's desktop; Ana rejects it from her phone with a typed reason.
    await buyerPage.page.close();
    const buyerDesk = await e2e.newPage({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
    const desk = buyerDesk.page;
    await desk.goto(`${e2e.url}/examples/#portal_token=${ben.token}`);
    await desk.getByRole('button', { name: 'Yes, start ordering' }).click();
    await desk.getByRole('tab', { name: 'All', exact: true }).waitFor();
    const second = await orderOverTheLimit(desk, product, quantity);
    await assertTidy(desk, 'the order waiting for approval (desktop)');
    await screenshot(desk, 'approval-journey-buyer-waiting-desktop');
    const asked2 = await smtp.next(
      (m) => recipient(m).includes('ana@bluedoorcafe.ie') && (m.subject ?? '').includes(second),
    );
    const phonePage = await e2e.newPage({ width: VIEWPORTS[1].width, height: VIEWPORTS[1].height });
    const phone = phonePage.page;
    const item2 = await adminLands(phone, linkIn(asked2), second);
    await assertTidy(phone, 'the Approvals page (phone)');
    await screenshot(phone, 'approval-journey-admin-approvals-phone');
    await item2.getByRole('button', { name: 'Rechazar…' }).click();
    await item2.getByRole('textbox', { name: 'Motivo del rechazo' }).click();
    const reason = 'Over the weekly budget: order again on Monday.';
    await phone.keyboard.type(reason);
    await screenshot(phone, 'approval-journey-admin-reject-phone');
    await item2.getByRole('button', { name: 'Rechazar pedido' }).click();
    await phone
      .getByRole('status')
      .filter({ hasText: `Pedido ${second} rechazado.` })
      .waitFor();

    const rejected = await smtp.next(
      (m) => recipient(m).includes('ben@bluedoorcafe.ie') && m.subject === `Order ${second} rejected`,
    );
    assert.match(rejected.text ?? '', new RegExp(reason));
    await desk.goto(`${e2e.url}/examples/#portal/orders`);
    await desk.reload();
    const row2 = desk.getByRole('row').filter({ hasText: second });
    await row2.waitFor();
    assert.match(await row2.innerText(), /Rejected/);
    await desk.goto(linkIn(rejected));
    const detail2 = desk.getByRole('dialog', { name: `Order ${second}` });
    await detail2.getByText(`Reason: ${reason}`).waitFor();
    assert.match(await detail2.innerText(), /Rejected/);
    await detail2.getByText("This order was rejected by one of your account's Admins.").waitFor();
    assert.doesNotMatch(await detail2.innerText(), /started preparing/);
    await screenshot(desk, 'approval-journey-buyer-rejected-desktop');

    // The rejected order gave its amount back; the approved one still counts.
    const order = (await (
      await fetch(`${e2e.url}/api/v1/customer-portal/view/${ben.token}/orders/${second}`)
    ).json()) as OrderDetail;
    assert.equal(order.status, 'rejected');

    for (const { problems } of [adminPage, buyerDesk, phonePage])
      assert.deepEqual(
        problems.filter((p) => !/status of 404/.test(p)),
        [],
      );
    assert.deepEqual(
      buyerPage.problems.filter((p) => !/status of 404/.test(p)),
      [],
    );
  });
});
