import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Catalog } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { focused, overlappingPairs, VIEWPORTS } from './person.ts';
import { signInToConsole, useE2E } from './setup.ts';

/**
 * The supplier console (/admin/, the built console/ page) against the real demo server, as the
 * supplier's staff use it: real key presses and clicks, the focus after each step, nothing
 * overlapping or sticking out at 390 and 1280 px, axe, English and Spanish. Every screen is saved
 * to /tmp/console-shots/ for a person to look at (not compared).
 */
const SHOTS = '/tmp/console-shots';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  // The first screenful too: a long page, shrunk to fit a reviewer's screen, is hard to read.
  await page.screenshot({ path: `${SHOTS}/${name}-top.png` });
}

/** Elements of the console (through its shadow roots) that stick out of their parent sideways, and a page that scrolls sideways. */
function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
    const scrolls = (el: Element) => /auto|scroll/.test(getComputedStyle(el).overflowX);
    const check = (el: Element, parent: Element | null) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      if (style.position === 'absolute') return; // visually hidden text, the skip link
      const rect = el.getBoundingClientRect();
      if (parent && rect.width > 0 && rect.height > 0 && !scrolls(parent)) {
        const outer = parent.getBoundingClientRect();
        if (rect.left < outer.left - 1 || rect.right > outer.right + 1)
          problems.push(
            `${describe(el)} sticks out of ${describe(parent)} (${Math.round(rect.left)}–${Math.round(rect.right)} in ${Math.round(outer.left)}–${Math.round(outer.right)})`,
          );
      }
      const children = el.shadowRoot ? [...el.shadowRoot.children, ...el.children] : [...el.children];
      for (const child of children) if (child.localName !== 'style') check(child, scrolls(el) ? null : el);
    };
    const host = document.querySelector('portal-console')!;
    for (const child of host.shadowRoot!.children) if (child.localName !== 'style') check(child, host);
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      problems.push(
        `the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${window.innerWidth})`,
      );
    return problems;
  });
}

async function assertTidy(page: Page, what: string): Promise<void> {
  for (const selector of [
    'li.customer',
    'li.token',
    'li.request',
    'li.order',
    'li.product',
    'li.quote',
    'li.pricelist',
    'li.promotion',
    'fieldset',
    'nav a',
  ]) {
    const found = await overlappingPairs(page, selector);
    assert.deepEqual(
      found.pairs,
      [],
      `${what}: ${found.pairs.length} overlapping pairs among ${found.count} ${selector}`,
    );
  }
  assert.deepEqual(await overflow(page), [], `${what}: something overflows sideways`);
}

async function assertAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include('portal-console').analyze();
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: axe violations`,
  );
}

describe('supplier console end to end', () => {
  const e2e = useE2E();

  it('is its own page at /admin/ under the strict CSP, with Trusted Types and nothing inline', async () => {
    const redirect = await fetch(`${e2e.url}/admin`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/admin/');
    const page = await fetch(`${e2e.url}/admin/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /style-src 'self';/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    const htmlText = await page.text();
    assert.doesNotMatch(htmlText, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(htmlText)?.[1];
    assert.ok(script, `the page loads its script from ./assets/: ${htmlText}`);
    const asset = await fetch(`${e2e.url}/admin/${script}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(
      (await fetch(`${e2e.url}/widget/console/index.html`)).status,
      404,
      'the console is not under /widget/',
    );
  });

  it('signs in with the admin key typed on the keyboard, keeps it for the tab only, and signs out', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.url}/admin/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await shot(page, 'sign-in-1280');
    await assertAccessible(page, 'sign-in');

    // An empty key, then a wrong one: the error is under the field, which keeps the focus.
    await page.getByLabel('Admin key').focus();
    await page.keyboard.press('Enter');
    await page.getByText('Enter the admin key.').waitFor();
    await page.keyboard.type('cpa_wrong-key-000000000000');
    await page.keyboard.press('Enter');
    const refused = page.getByText('This admin key was refused. Check it and try again.');
    await refused.waitFor();
    assert.equal((await focused(page)).tag, 'input');
    assert.equal(await page.getByLabel('Admin key').getAttribute('aria-invalid'), 'true');
    assert.match((await page.getByLabel('Admin key').getAttribute('aria-describedby')) ?? '', /key-error/);
    await shot(page, 'sign-in-refused-1280');

    await page.getByLabel('Admin key').fill('');
    await page.keyboard.type(e2e.adminKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    assert.deepEqual(
      await focused(page),
      { tag: 'h1', label: 'Customers', value: null },
      "the screen's heading has the focus",
    );
    assert.equal(await page.evaluate(() => sessionStorage.getItem('portal-console-key')), e2e.adminKey);
    assert.ok(
      !(await page.evaluate(() => JSON.stringify(localStorage))).includes('cpa_'),
      'the key is not in localStorage',
    );

    // A reload keeps the session (same tab); a new tab (another context) does not.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const other = await e2e.newPage();
    await other.page.goto(`${e2e.url}/admin/`);
    await other.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await other.page.close();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You signed out.').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('portal-console-key')), null);
    assert.equal((await focused(page)).tag, 'input', 'the focus is in the key field');
    // The browser logs the wrong key's 401 answer itself; nothing else went wrong.
    assert.deepEqual(
      problems.filter((p) => !/status of 401/.test(p)),
      [],
    );
    await page.close();
  });

  it('a refused key mid-session (401) goes back to the sign-in with a message', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.url}/admin/`);
    await page.evaluate(() => sessionStorage.setItem('portal-console-key', 'cpa_revoked-key-0000000000000'));
    await page.reload();
    await page.getByText('Your admin key was refused: sign in again.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('portal-console-key')), null);
    // The browser logs the 401 answer itself; nothing else went wrong.
    assert.deepEqual(
      problems.filter((p) => !/status of 401/.test(p)),
      [],
    );
    await page.close();
  });

  it('a 429 says how long to wait, next to the action that was refused', async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.route('**/api/v1/workspace/settings', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 429,
            headers: { 'Retry-After': '42', 'content-type': 'application/json' },
            body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests.' } }),
          })
        : route.continue(),
    );
    await page.getByRole('link', { name: 'Workspace settings' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    const error = page.getByRole('alert').filter({ hasText: 'Too many requests. Try again in 42 s.' });
    await error.waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Save settings' }).getAttribute('aria-describedby'),
      'error-save',
    );
    assert.deepEqual(
      problems.filter((p) => !/status of 429/.test(p)),
      [],
    );
    await page.close();
  });

  it('keyboard only: creates a link for a customer, copies it, the link opens the portal, then revokes it', async () => {
    const { page, problems } = await e2e.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.url });
    await signInToConsole(page, e2e.url, e2e.adminKey);

    // Search by typing, then Tab to the customer's Links button.
    await page.getByLabel('Search customers').focus();
    await page.keyboard.type('greenleaf');
    await page.locator('p.status').filter({ hasText: 'Customers shown: 1' }).waitFor();
    await page.keyboard.press('Tab');
    for (let i = 0; i < 5 && (await focused(page)).label !== 'Links of Greenleaf Deli'; i++)
      await page.keyboard.press('Tab');
    assert.equal((await focused(page)).label, 'Links of Greenleaf Deli');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Portal links of Greenleaf Deli' }).waitFor();
    assert.equal((await focused(page)).label, 'Portal links of Greenleaf Deli', "the panel's heading has the focus");
    await page.getByRole('heading', { name: /^Links: \d+$/ }).waitFor();
    const before = Number(/\d+/.exec((await page.getByRole('heading', { name: /^Links: \d+$/ }).textContent())!)![0]);

    // Tab through the date's parts and the checkbox to the Create button.
    for (let i = 0; i < 8 && (await focused(page)).label !== 'Create a link'; i++) await page.keyboard.press('Tab');
    assert.equal((await focused(page)).label, 'Create a link');
    await page.keyboard.press('Enter');
    const linkField = page.getByLabel('New portal link');
    await linkField.waitFor();
    assert.equal((await focused(page)).tag, 'input', 'the new link has the focus');
    const link = await linkField.inputValue();
    assert.match(link, new RegExp(`^${e2e.url}/examples/#portal_token=cpt_`));
    await page.getByRole('heading', { name: `Links: ${before + 1}` }).waitFor();

    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).label, 'Copy link');
    await page.keyboard.press('Enter');
    await page.getByText('Link copied to the clipboard.').first().waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await shot(page, 'customers-links-1280');
    await assertTidy(page, 'links panel at 1280');
    await assertAccessible(page, 'links panel');

    // The copied link is a working portal link.
    const token = decodeURIComponent(link.split('#portal_token=')[1]!);
    const session = await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/session`);
    assert.equal(session.status, 200);
    assert.equal(
      ((await session.json()) as { customer: { business_name: string } }).customer.business_name,
      'Greenleaf Deli',
    );

    // Revoke the newest link (the first), confirm in place; the customer loses access.
    const revoke = page.getByRole('button', { name: /^Revoke link / }).first();
    await revoke.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Revoke this link? The customer loses access at once.').waitFor();
    assert.equal((await focused(page)).label, 'Yes, revoke');
    await page.keyboard.press('Enter');
    await page.getByText('Revoked', { exact: true }).first().waitFor();
    assert.equal((await focused(page)).label, `Links: ${before + 1}`);
    assert.equal((await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/session`)).status, 401);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('change requests: shows the order now and as proposed, rejects one with a reason and approves another', async () => {
    // A second request to decide: a customer asks to cancel their pending portal order.
    const { token } = await e2e.tokenFor('Blue Door Café');
    const orders = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/orders?limit=50`)).json()) as {
      items: { id: string; number: string; status: string; channel: string }[];
    };
    const pending = orders.items.find((o) => o.status === 'pending' && o.channel === 'portal');
    assert.ok(pending, 'Blue Door Café has a pending portal order');
    const cancel = await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/orders/${pending.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Ordered twice by mistake.' }),
    });
    assert.equal(cancel.status, 200, await cancel.clone().text());

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Change requests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order change requests' }).waitFor();
    assert.equal((await focused(page)).label, 'Order change requests', "the focus moves to the new screen's heading");
    assert.equal(await page.getByRole('link', { name: 'Change requests' }).getAttribute('aria-current'), 'page');
    await page.locator('p.status').filter({ hasText: 'Requests shown: 2' }).waitFor();

    // The seeded update: a table with Now and Proposed, changed rows marked.
    const update = page.locator('li.request').filter({ has: page.getByRole('heading', { name: /^Change of order/ }) });
    const table = update.getByRole('table');
    await table.getByRole('columnheader', { name: 'Now' }).waitFor();
    await table.getByRole('columnheader', { name: 'Proposed' }).waitFor();
    assert.ok((await table.locator('tr.changed').count()) >= 1, 'a changed row is marked');
    assert.ok(
      (await table.locator('tr.changed').first().textContent())!.includes('changed'),
      'and says so to a screen reader',
    );
    await shot(page, 'requests-1280');
    await assertTidy(page, 'requests at 1280');
    await assertAccessible(page, 'requests');

    const updateNumber = /order (\S+)/.exec((await update.getByRole('heading', { level: 2 }).textContent())!)![1];
    await update.getByRole('button', { name: 'Reject…' }).click();
    const reason = update.getByLabel('Reason for the customer (optional)');
    assert.equal((await focused(page)).tag, 'textarea');
    await page.keyboard.type('Those items are out of stock until Monday.');
    await update.getByRole('button', { name: 'Reject the request' }).click();
    await page.locator('p.status').filter({ hasText: 'Requests shown: 1' }).waitFor();
    assert.equal(await reason.count(), 0);
    // The focus goes to the next request.
    assert.match((await focused(page)).label, /^Cancellation of order/);

    const cancellation = page.locator('li.request').filter({ hasText: 'Ordered twice by mistake.' });
    await cancellation.getByText('The customer asks to cancel the whole order.').waitFor();
    await cancellation.getByRole('button', { name: 'Approve' }).click();
    await page.locator('p.status').filter({ hasText: 'No requests here.' }).waitFor();

    const decided = (await (await e2e.admin('/api/v1/order-requests?limit=100')).json()) as {
      items: { state: string; rejection_reason: string | null; order: { number: string; status: string } }[];
    };
    const rejected = decided.items.find((r) => r.order.number === updateNumber && r.state === 'rejected');
    assert.equal(rejected?.rejection_reason, 'Those items are out of stock until Monday.');
    const approved = decided.items.find((r) => r.order.number === pending.number);
    assert.equal(approved?.state, 'approved');
    assert.equal(approved?.order.status, 'cancelled');

    // The decided ones are under "Rejected".
    await page.getByLabel('Show').selectOption('rejected');
    await page.getByText('Those items are out of stock until Monday.').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("workspace settings: a bad amount is shown under its field; a saved change reaches the customer's portal", async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Workspace settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workspace settings' }).waitFor();

    const flat = page.getByLabel('Freight per order');
    await flat.fill('');
    await flat.pressSequentially('twelve');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Enter an amount such as 12.50.').waitFor();
    assert.equal(await flat.getAttribute('aria-invalid'), 'true');
    assert.equal((await focused(page)).tag, 'input', 'the focus goes to the field to fix');
    assert.equal(await flat.getAttribute('aria-describedby'), 'freight-flat-error');

    await flat.fill('');
    await flat.pressSequentially('7.50');
    await page.getByLabel('Free freight from (empty: never)').fill('');
    await page.getByLabel('Checkout mode').selectOption('pay_later');
    await page.getByLabel('Invoices').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();
    await shot(page, 'settings-1280');
    await assertTidy(page, 'settings at 1280');
    await assertAccessible(page, 'settings');

    const settings = (await (await e2e.admin('/api/v1/workspace/settings')).json()) as {
      freight: unknown;
      checkout_mode: string;
      sections: { invoices: boolean };
    };
    assert.deepEqual(settings.freight, { flat_minor: 750, free_over_minor: null });
    assert.equal(settings.checkout_mode, 'pay_later');
    assert.equal(settings.sections.invoices, false);
    // What the customer's portal is told (Mason's Kitchen follows the workspace's defaults).
    const { token } = await e2e.tokenFor("Mason's Kitchen");
    const session = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/session`)).json()) as {
      settings: { freight: unknown; checkout_mode: string; sections: { invoices: boolean } };
    };
    assert.deepEqual(session.settings.freight, { flat_minor: 750, free_over_minor: null });
    assert.equal(session.settings.checkout_mode, 'pay_later');
    assert.equal(session.settings.sections.invoices, false);
    // The suites after this one read invoices in the portal.
    assert.equal(
      (await e2e.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { sections: { invoices: true } } }))
        .status,
      200,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('speaks Spanish after the language switch, and keeps it', async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(await page.title(), 'Consola del proveedor');
    await page.getByRole('link', { name: 'Ajustes del espacio' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajustes del espacio de trabajo' }).waitFor();
    await page.getByRole('button', { name: 'Guardar ajustes' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ajustes del espacio de trabajo' }).waitFor();
    await shot(page, 'settings-es-1280');
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Workspace settings' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`every screen at ${viewport.width} px: nothing overlaps or sticks out, axe passes, Back returns to the previous screen`, async () => {
      await e2e.tokenFor('Blue Door Café'); // a link to show in the panel
      const { page, problems } = await e2e.newPage(viewport);
      await page.goto(`${e2e.url}/admin/`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await assertTidy(page, `sign-in at ${viewport.width}`);
      await shot(page, `sign-in-${viewport.width}`);
      await page.getByLabel('Admin key').fill(e2e.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
      await page.locator('li.customer').first().waitFor();
      await assertTidy(page, `customers at ${viewport.width}`);
      await shot(page, `customers-${viewport.width}`);

      await page.getByRole('button', { name: 'Links of Blue Door Café' }).click();
      await page.getByRole('heading', { name: /^Links: \d+$/ }).waitFor();
      await page.locator('li.token').first().waitFor();
      await assertTidy(page, `links at ${viewport.width}`);
      await shot(page, `links-${viewport.width}`);

      await page.getByRole('link', { name: 'Change requests' }).click();
      await page.getByLabel('Show').selectOption('all');
      await page.locator('li.request').first().waitFor();
      await assertTidy(page, `requests at ${viewport.width}`);
      await assertAccessible(page, `requests at ${viewport.width}`);
      await shot(page, `requests-${viewport.width}`);

      await page.getByRole('link', { name: 'Orders' }).click();
      await page.locator('li.order').first().waitFor();
      await page
        .locator('li.order')
        .first()
        .getByRole('button', { name: /^Open order / })
        .click();
      await page.getByRole('heading', { level: 3, name: /^Order / }).waitFor();
      await assertTidy(page, `orders at ${viewport.width}`);
      await assertAccessible(page, `orders at ${viewport.width}`);
      await shot(page, `orders-${viewport.width}`);

      await page.getByRole('link', { name: 'Products' }).click();
      await page.locator('li.product').first().waitFor();
      await assertTidy(page, `products at ${viewport.width}`);
      await assertAccessible(page, `products at ${viewport.width}`);
      await shot(page, `products-${viewport.width}`);

      await page.getByRole('link', { name: 'Price lists' }).click();
      await page
        .getByRole('button', { name: /^Open the price list / })
        .first()
        .click();
      await page.locator('tr.entry').first().waitFor();
      await assertTidy(page, `price lists at ${viewport.width}`);
      await assertAccessible(page, `price lists at ${viewport.width}`);
      await shot(page, `price-lists-${viewport.width}`);

      await page.getByRole('link', { name: 'Promotions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Promotions' }).waitFor();
      await page
        .locator('p.status')
        .filter({ hasText: /^(Promotions shown|No promotion)/ })
        .waitFor();
      await assertTidy(page, `promotions at ${viewport.width}`);
      await assertAccessible(page, `promotions at ${viewport.width}`);
      await shot(page, `promotions-${viewport.width}`);

      await page.getByRole('link', { name: 'Workspace settings' }).click();
      await page.getByRole('button', { name: 'Save settings' }).waitFor();
      await assertTidy(page, `settings at ${viewport.width}`);
      await assertAccessible(page, `settings at ${viewport.width}`);
      await shot(page, `settings-${viewport.width}`);

      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Promotions' }).waitFor();
      assert.equal((await focused(page)).label, 'Promotions');
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it('back office: creates a customer with a price group and the Quantity Grid, makes their link and emails it', async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('button', { name: 'New customer' }).click();
    await page.getByRole('heading', { name: 'New customer', level: 3 }).waitFor();
    assert.equal((await focused(page)).label, 'New customer');
    await page.getByLabel('Business name').click();
    await page.keyboard.type('Harbour Bistro');
    await page.getByLabel('Email', { exact: true }).last().click();
    await page.keyboard.type('orders@harbourbistro.ie');
    await page.getByLabel('Price group').selectOption({ label: 'Hospitality' });
    await page.getByLabel('Order template').selectOption('quantity_grid');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Portal links of Harbour Bistro' }).waitFor();
    assert.equal(
      (await focused(page)).label,
      'Portal links of Harbour Bistro',
      "the new customer's links open, focused",
    );

    const customers = (await (await e2e.admin('/api/v1/customers?q=Harbour%20Bistro')).json()) as {
      items: { id: string; price_group: { name: string } | null; settings: { order_template: string | null } }[];
    };
    assert.equal(customers.items[0]?.price_group?.name, 'Hospitality');
    assert.equal(customers.items[0]?.settings.order_template, 'quantity_grid');

    await page.getByRole('button', { name: 'Create a link' }).click();
    await page.getByLabel('New portal link').waitFor();
    await page
      .getByRole('button', { name: /^Send by email: link / })
      .first()
      .click();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.locator('p.ok').filter({ hasText: 'Link sent to orders@harbourbistro.ie.' }).waitFor();
    await shot(page, 'customer-created-1280');
    await assertTidy(page, 'new customer at 1280');
    await assertAccessible(page, 'new customer');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('back office orders: a portal order is confirmed, shipped with tracking, delivered, invoiced and paid', async () => {
    const { token } = await e2e.tokenFor('Greenleaf Deli');
    const orders = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/orders?limit=50`)).json()) as {
      items: { id: string; number: string; status: string; channel: string }[];
    };
    const pending = orders.items.find((o) => o.status === 'pending' && o.channel === 'portal');
    assert.ok(pending, 'Greenleaf Deli has a pending portal order');

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await page.getByLabel('Placed through').selectOption('portal');
    await page.getByLabel('Status').selectOption('pending');
    const card = page.locator('li.order').filter({ hasText: pending.number });
    await card.locator('.badge.portal').filter({ hasText: 'Portal' }).waitFor();
    await shot(page, 'orders-1280');
    await assertTidy(page, 'orders at 1280');
    await card.getByRole('button', { name: `Open order ${pending.number}` }).click();
    await page.getByRole('heading', { name: `Order ${pending.number}`, level: 3 }).waitFor();
    assert.equal((await focused(page)).label, `Order ${pending.number}`);

    await card.getByRole('button', { name: 'Confirm', exact: true }).click();
    await card.getByText('Status: Confirmed').waitFor();
    await card.getByRole('button', { name: 'Ship…' }).click();
    assert.equal((await focused(page)).tag, 'input');
    await page.keyboard.type('DHL Express');
    await card.getByLabel('Tracking number (optional)').fill('1234567890');
    await card
      .getByLabel('Tracking address, https (optional)')
      .fill('https://www.dhl.com/track?tracking-id=1234567890');
    await card.getByRole('button', { name: 'Ship the order' }).click();
    await card.getByText('Status: Shipped').waitFor();
    await card.getByRole('button', { name: 'Mark delivered' }).click();
    await card.getByText('Status: Delivered').waitFor();
    await card.getByRole('button', { name: 'Create the invoice' }).click();
    await card.getByRole('button', { name: /^Record a payment for invoice/ }).click();
    await card.getByRole('button', { name: 'Record the payment' }).click();
    await card.getByText('Paid', { exact: false }).first().waitFor();
    await shot(page, 'order-paid-1280');
    await assertTidy(page, 'order at 1280');
    await assertAccessible(page, 'orders');

    const delivery = (await (
      await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/deliveries?limit=50`)
    ).json()) as { items: { order: { number: string }; carrier: string; tracking_url: string | null }[] };
    assert.equal(
      delivery.items.find((d) => d.order.number === pending.number)?.tracking_url,
      'https://www.dhl.com/track?tracking-id=1234567890',
    );
    const invoices = (await (
      await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/invoices?limit=50`)
    ).json()) as { items: { order: { number: string } | null; payment_state: string }[] };
    assert.equal(invoices.items.find((i) => i.order?.number === pending.number)?.payment_state, 'paid');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("back office products: a base price and the stock changed in the console reach the portal's catalogue", async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByLabel('Search by SKU or name').click();
    await page.keyboard.type('BAK-1004');
    await page.locator('p.status').filter({ hasText: 'Products shown: 1' }).waitFor();
    const card = page.locator('li.product').first();
    const name = (await card.getByRole('heading', { level: 2 }).textContent())!.replace('BAK-1004', '').trim();
    const price = card.getByLabel(/^Price per /).first();
    await price.fill('');
    await price.pressSequentially('abc');
    await card.getByRole('button', { name: `Save ${name}` }).click();
    await card.getByText('Enter an amount such as 12.50.').waitFor();
    assert.equal((await focused(page)).tag, 'input');
    await price.fill('');
    await price.pressSequentially('9.99');
    await card.getByLabel('Stock').selectOption('out_of_stock');
    await card.getByRole('button', { name: `Save ${name}` }).click();
    await page
      .locator('[role="status"]')
      .filter({ hasText: `${name} saved.` })
      .waitFor();
    await shot(page, 'products-1280');
    await assertTidy(page, 'products at 1280');
    await assertAccessible(page, 'products');

    const { token } = await e2e.tokenFor("Mason's Kitchen");
    const catalog = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/catalog`)).json()) as {
      products: { sku: string; stock: string; units: { base_price_minor: number | null }[] }[];
    };
    const product = catalog.products.find((p) => p.sku === 'BAK-1004');
    assert.equal(product?.stock, 'out_of_stock');
    assert.equal(product?.units[0]?.base_price_minor, 999);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('back office quotes: a draft made from products is sent, and the customer sees it in the portal', async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Quotes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quotes' }).waitFor();
    await page.getByRole('button', { name: 'New quote' }).click();
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: "Mason's Kitchen" });
    assert.equal((await focused(page)).tag, 'select');
    await page.getByRole('button', { name: 'Add the line' }).click();
    const product = page.getByLabel('Product', { exact: true });
    await product.selectOption({ index: 1 });
    await page.getByLabel('Quantity').fill('3');
    await page.getByRole('button', { name: 'Add the line' }).click();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    const heading = page.locator('li.quote h2').first();
    await heading.filter({ hasText: 'Draft' }).waitFor();
    const number = (await heading.textContent())!.trim().split(/\s+/)[0]!;
    assert.equal((await focused(page)).label.split(/\s+/)[0], number, 'the new quote has the focus');
    await page.getByRole('button', { name: `Send to the customer: quote ${number}` }).click();
    await page.locator('li.quote').filter({ hasText: number }).getByText('Sent', { exact: true }).waitFor();
    await shot(page, 'quotes-1280');
    await assertTidy(page, 'quotes at 1280');
    await assertAccessible(page, 'quotes');

    const { token } = await e2e.tokenFor("Mason's Kitchen");
    const quotes = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/quotes?limit=50`)).json()) as {
      items: { number: string; state: string; lines: unknown[] }[];
    };
    const seen = quotes.items.find((q) => q.number === number);
    assert.equal(seen?.state, 'sent');
    assert.equal(seen?.lines.length, 2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("back office price lists and promotions: a group list's price changed in the console, then a promotion on it, reach the group's customer", async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Price lists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Price lists' }).waitFor();
    assert.equal((await focused(page)).label, 'Price lists');
    await page.getByRole('button', { name: 'Open the price list Hospitality 2026' }).click();
    await page.getByRole('heading', { level: 2, name: 'Entries of Hospitality 2026' }).waitFor();
    assert.equal((await focused(page)).label, 'Entries of Hospitality 2026', 'the opened list has the focus');

    const row = page
      .locator('tr.entry')
      .filter({ has: page.locator('td.num', { hasText: /^1$/ }) })
      .first();
    const sku = (await row.locator('th').textContent())!.trim();
    const unit = (await row.locator('td').first().textContent())!.trim();
    const what = `${sku}, ${unit}, from 1`;
    const price = page.getByLabel(`Price of ${what}`, { exact: true });
    await price.fill('abc');
    await page.getByRole('button', { name: `Save the price of ${what}`, exact: true }).click();
    await row.getByText('Enter an amount such as 12.50.').waitFor();
    assert.equal((await focused(page)).tag, 'input');
    await price.fill('1.23');
    await page.getByRole('button', { name: `Save the price of ${what}`, exact: true }).click();
    await page
      .locator('[role="status"]')
      .filter({ hasText: `Price of ${sku} per ${unit} saved: 1.23.` })
      .waitFor();

    // A tier added for the same product, then removed: the count follows.
    const count = async () => Number(/of (\d+)/.exec((await page.locator('section p.status').textContent())!)![1]);
    const before = await count();
    await page.getByLabel('Find the product by SKU or name').fill(sku);
    await page.getByLabel('Product', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
    await page.getByLabel('Unit', { exact: true }).selectOption(unit);
    await page.getByLabel('From quantity').fill('500');
    await page.getByLabel('Price', { exact: true }).fill('0.50');
    await page.getByRole('button', { name: 'Add the entry' }).click();
    await page
      .locator('[role="status"]')
      .filter({ hasText: `${sku} per ${unit} at 0.50 added to the list.` })
      .waitFor();
    assert.equal(await count(), before + 1);
    await shot(page, 'price-lists-edit-1280');
    await assertTidy(page, 'price lists at 1280');
    await assertAccessible(page, 'price lists');
    await page.getByRole('button', { name: `Remove ${sku}, ${unit}, from 500`, exact: true }).click();
    await page
      .locator('[role="status"]')
      .filter({ hasText: `${sku} per ${unit} removed from the list.` })
      .waitFor();
    assert.equal(await count(), before);

    const { token } = await e2e.tokenFor('Blue Door Café'); // in the Hospitality group
    const resolve = async () => {
      const catalog = (await (
        await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/catalog`)
      ).json()) as Catalog;
      const product = catalog.products.find((p) => p.sku === sku)!;
      return { pricer: new Pricer(catalog.pricing), product };
    };
    let { pricer, product } = await resolve();
    assert.equal(pricer.resolve(product, unit, 1, new Date()).price?.unit_price_minor, 123);
    assert.equal(
      pricer.resolve(product, unit, 500, new Date()).price?.unit_price_minor === 50,
      false,
      'the removed tier is gone',
    );

    await page.getByRole('link', { name: 'Promotions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Promotions' }).waitFor();
    assert.equal((await focused(page)).label, 'Promotions');
    await page.getByRole('button', { name: 'Create the promotion' }).click();
    await page.getByText('Enter a name.').waitFor();
    assert.equal((await focused(page)).tag, 'input');
    await page.getByLabel('Name', { exact: true }).fill('E2E ten off');
    await page.getByLabel('Discount (percent or amount)').fill('10');
    await page.getByLabel('Find products by SKU or name').fill(sku);
    await page.getByRole('button', { name: `Add ${sku} to the promotion` }).click();
    await page.getByRole('heading', { name: 'Products in the promotion: 1' }).waitFor();
    await page.getByRole('button', { name: 'Create the promotion' }).click();
    await page.locator('[role="status"]').filter({ hasText: 'Promotion E2E ten off created.' }).waitFor();
    const card = page.locator('li.promotion').filter({ hasText: 'E2E ten off' });
    await card.getByText('Running', { exact: true }).waitFor();
    await page.getByLabel('Show').selectOption('running');
    await card.waitFor();
    await shot(page, 'promotions-edit-1280');
    await assertTidy(page, 'promotions at 1280');
    await assertAccessible(page, 'promotions');

    ({ pricer, product } = await resolve());
    const discounted = pricer.resolve(product, unit, 1, new Date()).price;
    assert.equal(discounted?.promotion?.name, 'E2E ten off');
    assert.equal(discounted?.unit_price_minor, 111, '1.23 less 10 %');

    await card.getByRole('button', { name: 'End now: E2E ten off' }).click();
    await page.locator('[role="status"]').filter({ hasText: 'E2E ten off ended: it no longer applies.' }).waitFor();
    ({ pricer, product } = await resolve());
    assert.equal(pricer.resolve(product, unit, 1, new Date()).price?.unit_price_minor, 123);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
