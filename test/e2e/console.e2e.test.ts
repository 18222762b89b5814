import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Catalog } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { focused, overlappingPairs, screenshot, VIEWPORTS } from './person.ts';
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

      await page.getByRole('button', { name: 'Edit Blue Door Café' }).click();
      await page.getByRole('heading', { level: 3, name: 'Edit Blue Door Café' }).waitFor();
      await assertTidy(page, `customer form at ${viewport.width}`);
      await assertAccessible(page, `customer form at ${viewport.width}`);
      await shot(page, `customer-form-${viewport.width}`);

      await page.getByRole('button', { name: 'Activity of Blue Door Café' }).click();
      await page.getByRole('heading', { level: 3, name: 'Activity of Blue Door Café' }).waitFor();
      await page.locator('console-activity li').first().waitFor();
      await assertTidy(page, `activity at ${viewport.width}`);
      await assertAccessible(page, `activity at ${viewport.width}`);
      await shot(page, `activity-${viewport.width}`);

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

      await page.getByRole('link', { name: 'Quotes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Quotes' }).waitFor();
      await page.locator('li.quote').first().waitFor();
      await assertTidy(page, `quotes at ${viewport.width}`);
      await assertAccessible(page, `quotes at ${viewport.width}`);
      await shot(page, `quotes-${viewport.width}`);

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
    await page
      .locator('p.status')
      .filter({ hasText: /Products shown: 1(?!\d)/ })
      .waitFor();
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

    // A product no seeded promotion covers: the entries come in the order of the products' ids,
    // which are new at each seed, and a promotion would take its own amount off the new price.
    const { token: blueDoor } = await e2e.tokenFor('Blue Door Café');
    const catalogBefore = (await (
      await fetch(`${e2e.url}/api/v1/customer-portal/view/${blueDoor}/catalog`)
    ).json()) as Catalog;
    const promoted = new Set(catalogBefore.pricing.promotions.flatMap((p) => p.product_ids));
    const skuOf = new Map(catalogBefore.products.map((p) => [p.sku, p.id]));
    const rows = page.locator('tr.entry').filter({ has: page.locator('td.num', { hasText: /^1$/ }) });
    await rows.first().waitFor();
    const skus = (await rows.locator('th').allTextContents()).map((text) => text.trim());
    const free = skus.findIndex((sku) => skuOf.has(sku) && !promoted.has(skuOf.get(sku)!));
    assert.ok(free >= 0, 'a product on the first page has no promotion');
    const row = rows.nth(free);
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
  it('orders: the customer and the days placed narrow the list, stay on every page, and clear', async () => {
    type Page_ = { items: { id: string; number: string; created_at: string; customer: { id: string } }[] };
    const customerId = (await e2e.tokenFor('Blue Door Café')).customerId;
    const expected = async (query: string) =>
      ((await (await e2e.admin(`/api/v1/orders?limit=100&${query}`)).json()) as Page_).items.map((o) => o.number);
    const ofCustomer = ((await (await e2e.admin(`/api/v1/orders?limit=100&customer_id=${customerId}`)).json()) as Page_)
      .items;
    assert.ok(ofCustomer.length > 6, 'Blue Door Café has orders to page through');
    // A window of days with some of the customer's orders, not all of them.
    const to = ofCustomer[1]!.created_at.slice(0, 10);
    const from = ofCustomer[5]!.created_at.slice(0, 10);

    const { page, problems } = await e2e.newPage();
    // Pages of 3 orders, so that the filtered list takes several "Load more".
    const asked: URL[] = [];
    await page.route('**/api/v1/orders?*', (route) => {
      const url = new URL(route.request().url());
      asked.push(url);
      url.searchParams.set('limit', '3');
      return route.continue({ url: url.toString() });
    });
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    await page.locator('li.order').first().waitFor();

    const shown = async (n: number) => {
      await page
        .locator('p.status')
        .filter({ hasText: `Orders shown: ${n}` })
        .waitFor();
      return page.locator('li.order h2').evaluateAll((hs) => hs.map((h) => h.textContent!.trim().split(/\s+/)[0]));
    };
    const loadAll = async () => {
      for (let i = 0; i < 20 && (await page.getByRole('button', { name: 'Load more' }).count()); i++) {
        const before = await page.locator('li.order').count();
        await page.getByRole('button', { name: 'Load more' }).click();
        await page.locator(`li.order:nth-child(${before + 1})`).waitFor();
      }
    };

    /** The answer to the first page asked with these filters. */
    const firstPage = (filters: Record<string, string>) =>
      page.waitForResponse((r) => {
        const url = new URL(r.url());
        return (
          url.pathname === '/api/v1/orders' &&
          !url.searchParams.has('cursor') &&
          Object.entries(filters).every(([k, v]) => url.searchParams.get(k) === v)
        );
      });

    let answered = firstPage({ customer_id: customerId });
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Blue Door Café' });
    await answered;
    await page.locator('p.status').filter({ hasText: 'Orders shown: 3' }).waitFor();
    await loadAll();
    assert.deepEqual(
      await shown(ofCustomer.length),
      ofCustomer.map((o) => o.number),
    );
    const pages = asked.filter((u) => u.searchParams.get('customer_id') === customerId);
    assert.ok(pages.length >= 3, `the customer's list took several pages (${pages.length})`);
    assert.ok(
      pages.filter((u) => u.searchParams.has('cursor')).length >= 2,
      'every "Load more" asked with the customer',
    );

    // The days, typed into the date fields (month, day, year in an en-US browser).
    const typeDate = async (label: string, day: string) => {
      const [y, m, d] = day.split('-');
      await page.getByLabel(label).focus();
      await page.keyboard.type(`${m}${d}${y}`);
    };
    answered = firstPage({ customer_id: customerId, from, to });
    await typeDate('Placed from', from);
    await typeDate('Placed until', to);
    await answered;
    const window = await expected(`customer_id=${customerId}&from=${from}&to=${to}`);
    assert.ok(window.length >= 4 && window.length < ofCustomer.length, `the window narrows (${window.length})`);
    await page.locator('p.status').filter({ hasText: 'Orders shown: 3' }).waitFor();
    await loadAll();
    assert.deepEqual(await shown(window.length), window);
    const last = asked.at(-1)!;
    assert.deepEqual(
      [last.searchParams.get('customer_id'), last.searchParams.get('from'), last.searchParams.get('to')],
      [customerId, from, to],
    );
    assert.ok(last.searchParams.has('cursor'), 'the last page asked was a "Load more" with every filter');
    await shot(page, 'orders-filtered-1280');
    await assertTidy(page, 'filtered orders at 1280');
    await assertAccessible(page, 'filtered orders');

    answered = firstPage({});
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await answered;
    assert.equal((await focused(page)).tag, 'select', 'the focus goes back to the first filter');
    await page.locator('p.status').filter({ hasText: 'Orders shown: 3' }).waitFor();
    assert.equal(await page.getByLabel('Placed from').inputValue(), '');
    assert.equal(await page.getByLabel('Customer', { exact: true }).inputValue(), '');
    const cleared = asked.at(-1)!;
    assert.deepEqual([...cleared.searchParams.keys()].sort(), ['limit']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("orders: an order whose customer asked for a change is marked, and links to that order's request", async () => {
    // Mason's Kitchen places an order in the portal, then asks to cancel it.
    const { token } = await e2e.tokenFor("Mason's Kitchen");
    const portal = `${e2e.url}/api/v1/customer-portal/view/${token}`;
    const catalog = (await (await fetch(`${portal}/catalog`)).json()) as Catalog;
    const product = catalog.products.find((p) => p.stock !== 'out_of_stock' && p.units[0]?.base_price_minor != null)!;
    const placed = await fetch(`${portal}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ lines: [{ product_id: product.id, quantity: 1 }] }),
    });
    assert.equal(placed.status, 201, await placed.clone().text());
    const order = (await placed.json()) as { id: string; number: string };
    const asked = await fetch(`${portal}/orders/${order.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Wrong delivery week.' }),
    });
    assert.equal(asked.status, 200, await asked.clone().text());

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: "Mason's Kitchen" });
    const card = page.locator('li.order').filter({ hasText: order.number });
    await card.locator('.badge.pending-request').filter({ hasText: 'Cancellation requested' }).waitFor();
    // The orders marked are the ones with a request waiting, no others.
    const masons = (await (
      await e2e.admin(`/api/v1/orders?limit=50&customer_id=${(await e2e.tokenFor("Mason's Kitchen")).customerId}`)
    ).json()) as {
      items: { number: string; pending_request: string | null }[];
    };
    await page
      .locator('p.status')
      .filter({ hasText: `Orders shown: ${masons.items.length}` })
      .waitFor();
    assert.deepEqual(
      await page
        .locator('li.order:has(.badge.pending-request) h2')
        .evaluateAll((hs) => hs.map((h) => h.textContent!.trim().split(/\s+/)[0])),
      masons.items.filter((o) => o.pending_request).map((o) => o.number),
    );
    await shot(page, 'orders-pending-request-1280');
    await assertAccessible(page, 'orders with a pending request');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertTidy(page, 'orders with a pending request at 390');
    await shot(page, 'orders-pending-request-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await card.getByRole('link', { name: `Review the request for order ${order.number}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Order change requests' }).waitFor();
    assert.equal((await focused(page)).label, 'Order change requests');
    await page.getByText("Only this order's requests are shown.").waitFor();
    await page.locator('p.status').filter({ hasText: 'Requests shown: 1' }).waitFor();
    const request = page.locator('li.request');
    await request.getByRole('heading', { name: `Cancellation of order ${order.number}` }).waitFor();
    await request.getByText('Wrong delivery week.').waitFor();
    await shot(page, 'requests-one-order-1280');
    await assertTidy(page, 'one order request at 1280');
    await assertAccessible(page, 'one order request');

    await page.getByRole('link', { name: 'Show every request' }).click();
    await page
      .locator('p.status')
      .filter({ hasText: /^Requests shown: \d+$/ })
      .waitFor();
    await page.getByText("Only this order's requests are shown.").waitFor({ state: 'detached' });
    await page.goBack();
    await page.getByText("Only this order's requests are shown.").waitFor();
    await page.locator('li.request').getByRole('button', { name: 'Approve' }).click();
    await page.locator('p.status').filter({ hasText: 'No requests here.' }).waitFor();
    const after = (await (await e2e.admin(`/api/v1/orders/${order.id}`)).json()) as {
      status: string;
      pending_request: unknown;
    };
    assert.deepEqual([after.status, after.pending_request], ['cancelled', null]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('links: after "Send by email" the ready texts for messaging apps show, each with a Copy button', async () => {
    const { page, problems } = await e2e.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.url });
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('button', { name: 'Links of Greenleaf Deli' }).click();
    await page.getByRole('button', { name: 'Create a link' }).click();
    const link = await page.getByLabel('New portal link').inputValue();
    const send = page.getByRole('button', { name: /^Send by email: link / }).first();
    await send.click();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.locator('p.ok').filter({ hasText: 'Link sent to orders@greenleafdeli.ie.' }).waitFor();
    await page.getByRole('heading', { name: 'Or share it in a message' }).waitFor();

    const text = await page
      .getByRole('textbox', { name: 'Message for WhatsApp, SMS or any chat', exact: true })
      .inputValue();
    assert.ok(text.includes(link), `the message carries the link: ${text}`);
    const whatsapp = await page
      .getByRole('textbox', { name: 'WhatsApp address with the message', exact: true })
      .inputValue();
    assert.equal(whatsapp, `https://wa.me/?text=${encodeURIComponent(text)}`);
    const sms = await page.getByRole('textbox', { name: 'SMS address with the message', exact: true }).inputValue();
    assert.match(sms, /^sms:/);
    assert.ok(decodeURIComponent(sms).includes(link), 'the SMS carries the link');

    for (const [what, value] of [
      ['Message for WhatsApp, SMS or any chat', text],
      ['WhatsApp address with the message', whatsapp],
      ['SMS address with the message', sms],
    ] as const) {
      await page.getByRole('button', { name: `Copy: ${what}` }).focus();
      await page.keyboard.press('Enter');
      await page
        .locator('.share p.hint')
        .filter({ hasText: `Copied: ${what}.` })
        .waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), value);
    }
    await shot(page, 'links-share-1280');
    await assertTidy(page, 'share texts at 1280');
    await assertAccessible(page, 'share texts');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertTidy(page, 'share texts at 390');
    await shot(page, 'links-share-390');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('settings: the portal page address is checked by the API, shown under its field, and new links use it', async () => {
    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Workspace settings' }).click();
    const field = page.getByLabel('Portal page address (empty: the demo shop page)');
    await field.click();
    await page.keyboard.type('https://shop.example.com/order#here');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const error = page.locator('#portal-page-url-error');
    await error.waitFor();
    assert.match((await error.textContent())!, /fragment/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await field.getAttribute('aria-describedby'), 'portal-page-url-hint portal-page-url-error');
    assert.deepEqual(
      await focused(page),
      {
        tag: 'input',
        label: '',
        value: 'https://shop.example.com/order#here',
      },
      'the focus goes to the field to fix',
    );
    await shot(page, 'settings-portal-url-refused-1280');
    await assertAccessible(page, 'settings with a refused address');
    assert.equal(
      ((await (await e2e.admin('/api/v1/workspace/settings')).json()) as { portal_page_url: string | null })
        .portal_page_url,
      null,
    );

    await field.fill('');
    await page.keyboard.type('https://shop.example.com/order');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();
    assert.equal(await error.count(), 0);
    assert.equal(
      ((await (await e2e.admin('/api/v1/workspace/settings')).json()) as { portal_page_url: string | null })
        .portal_page_url,
      'https://shop.example.com/order',
    );

    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'Links of Blue Door Café' }).click();
    await page.getByRole('button', { name: 'Create a link' }).click();
    const link = await page.getByLabel('New portal link').inputValue();
    assert.match(link, /^https:\/\/shop\.example\.com\/order#portal_token=cpt_/);

    // Back to the demo shop page, for the tests after this one.
    await page.getByRole('link', { name: 'Workspace settings' }).click();
    await field.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();
    assert.equal(
      ((await (await e2e.admin('/api/v1/workspace/settings')).json()) as { portal_page_url: string | null })
        .portal_page_url,
      null,
    );
    // The browser logs the refused save's 400 answer itself; nothing else went wrong.
    assert.deepEqual(
      problems.filter((p) => !/status of 400/.test(p)),
      [],
    );
    await page.close();
  });

  it('quotes: with "create order on acceptance" off, an accepted quote is made into an order by hand', async () => {
    assert.equal(
      (
        await e2e.admin('/api/v1/workspace/settings', {
          method: 'PATCH',
          body: { create_order_on_quote_acceptance: false },
        })
      ).status,
      200,
    );
    const { token, customerId } = await e2e.tokenFor('Greenleaf Deli');
    const catalog = (await (await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/catalog`)).json()) as Catalog;
    const product = catalog.products.find((p) => p.stock !== 'out_of_stock' && p.units[0]?.base_price_minor != null)!;
    const created = await e2e.admin('/api/v1/quotes', {
      method: 'POST',
      body: { customer_id: customerId, lines: [{ product_id: product.id, quantity: 2 }] },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const quote = (await created.json()) as { id: string; number: string };
    assert.equal((await e2e.admin(`/api/v1/quotes/${quote.id}/send`, { method: 'POST' })).status, 200);
    const accepted = await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/quotes/${quote.id}/accept`, {
      method: 'POST',
    });
    assert.equal(accepted.status, 200, await accepted.clone().text());
    assert.equal(((await accepted.json()) as { order: unknown }).order, null, 'no order yet');

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Quotes' }).click();
    const convert = page.getByRole('button', { name: `Make the order: quote ${quote.number}` });
    await convert.focus();
    await page.keyboard.press('Enter');
    const said = page
      .locator('[role="status"]')
      .filter({ hasText: new RegExp(`^Quote ${quote.number} is now order \\S+\\.$`) });
    await said.waitFor();
    const orderNumber = /order (\S+)\.$/.exec((await said.textContent())!)![1]!;
    assert.equal(await convert.count(), 0, 'the quote cannot be made into an order twice');
    assert.match((await focused(page)).label, new RegExp(`^${quote.number}\\b`), 'the focus stays on the quote');
    await shot(page, 'quotes-converted-1280');
    await assertAccessible(page, 'quotes after converting');

    const orders = (await (
      await e2e.admin(`/api/v1/orders?customer_id=${customerId}&channel=quote&limit=100`)
    ).json()) as {
      items: { number: string; status: string }[];
    };
    assert.equal(orders.items.find((o) => o.number === orderNumber)?.status, 'confirmed');
    await e2e.admin('/api/v1/workspace/settings', {
      method: 'PATCH',
      body: { create_order_on_quote_acceptance: true },
    });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('customers: edits a customer, shows their activity, archives and restores them', async () => {
    const made = await e2e.admin('/api/v1/customers', {
      method: 'POST',
      body: { business_name: 'Quayside Grocer', email: 'hello@quayside.ie' },
    });
    assert.equal(made.status, 201, await made.clone().text());
    const customer = (await made.json()) as { id: string };
    const link = await e2e.admin('/api/v1/customer-portal/tokens', {
      method: 'POST',
      body: { client_id: customer.id },
    });
    const { token } = (await link.json()) as { token: string };
    assert.equal((await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/session`)).status, 200);

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    // The search is the server's, over every customer (not only the ones loaded), and says so.
    await page
      .getByText(
        'By name or email, among all the customers, not only those shown (archived ones too with "Show archived customers" ticked).',
      )
      .waitFor();
    await page.getByLabel('Search customers').focus();
    await page.keyboard.type('quayside');
    await page.locator('p.status').filter({ hasText: 'Customers shown: 1' }).waitFor();

    await page.getByRole('button', { name: 'Edit Quayside Grocer' }).click();
    await page.getByRole('heading', { level: 3, name: 'Edit Quayside Grocer' }).waitFor();
    assert.equal((await focused(page)).label, 'Edit Quayside Grocer');
    const email = page.locator('console-customer-form').getByLabel('Email', { exact: true });
    await email.fill('');
    await email.pressSequentially('not-an-email');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.getByText('Enter an email address such as orders@example.com.').waitFor();
    await email.fill('');
    await email.pressSequentially('orders@quayside.ie');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.locator('[role="status"]').filter({ hasText: 'Customer Quayside Grocer saved.' }).waitFor();
    await page.locator('li.customer').getByText('orders@quayside.ie').waitFor();
    const saved = (await (await e2e.admin(`/api/v1/customers/${customer.id}`)).json()) as { email: string };
    assert.equal(saved.email, 'orders@quayside.ie');

    await page.getByRole('button', { name: 'Activity of Quayside Grocer' }).click();
    const activity = page.locator('console-activity');
    await activity.getByRole('heading', { level: 3, name: 'Activity of Quayside Grocer' }).waitFor();
    assert.equal((await focused(page)).label, 'Activity of Quayside Grocer');
    await activity.getByText('Link made').waitFor();
    await activity.getByText('Opened the portal with link').waitFor();
    await shot(page, 'customer-activity-1280');
    await assertTidy(page, 'activity at 1280');
    await assertAccessible(page, 'activity');

    await page.getByRole('button', { name: 'Archive Quayside Grocer' }).click();
    await page
      .locator('[role="status"]')
      .filter({ hasText: 'Quayside Grocer archived: their links stop working, their documents stay.' })
      .waitFor();
    assert.equal((await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/session`)).status, 401);
    await page.getByLabel('Show archived customers').check();
    const card = page.locator('li.customer').filter({ hasText: 'Quayside Grocer' });
    await card.getByText('Archived', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Restore Quayside Grocer' }).click();
    await page.locator('[role="status"]').filter({ hasText: 'Quayside Grocer restored.' }).waitFor();
    const restored = (await (await e2e.admin(`/api/v1/customers/${customer.id}`)).json()) as { archived_at: unknown };
    assert.equal(restored.archived_at, null);
    // The browser logs the archived customer's link refused (401) in no page: nothing went wrong here.
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('orders: cancelling an order takes a reason, which the customer reads', async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const portal = `${e2e.url}/api/v1/customer-portal/view/${token}`;
    const catalog = (await (await fetch(`${portal}/catalog`)).json()) as Catalog;
    const product = catalog.products.find((p) => p.stock !== 'out_of_stock' && p.units[0]?.base_price_minor != null)!;
    const placed = await fetch(`${portal}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ lines: [{ product_id: product.id, quantity: 1 }] }),
    });
    assert.equal(placed.status, 201, await placed.clone().text());
    const order = (await placed.json()) as { id: string; number: string };

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, e2e.adminKey);
    await page.getByRole('link', { name: 'Orders' }).click();
    const card = page.locator('li.order').filter({ hasText: order.number });
    await card.getByRole('button', { name: `Open order ${order.number}` }).click();
    await card.getByRole('button', { name: 'Cancel order…' }).click();
    assert.equal((await focused(page)).tag, 'textarea');
    await page.keyboard.type('The bakery is closed that week.');
    await card.getByRole('button', { name: 'Cancel the order' }).click();
    await card.getByText('Status: Cancelled').waitFor();
    assert.equal((await focused(page)).label, 'Status: Cancelled');
    const seen = (await (await fetch(`${portal}/orders/${order.id}`)).json()) as {
      status: string;
      history: { note: string | null }[];
    };
    assert.equal(seen.status, 'cancelled');
    assert.ok(
      seen.history.some((e) => e.note === 'The bakery is closed that week.'),
      `the customer reads the reason: ${JSON.stringify(seen.history)}`,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('signs in with a named admin key, and refuses it once it is revoked', async () => {
    const created = await e2e.admin('/api/v1/admin-keys', { method: 'POST', body: { name: 'E2E front desk' } });
    assert.equal(created.status, 201, await created.clone().text());
    const named = (await created.json()) as { id: string; key: string };
    assert.notEqual(named.key, e2e.adminKey);

    const { page, problems } = await e2e.newPage();
    await signInToConsole(page, e2e.url, named.key);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('portal-console-key')), named.key);
    await page.locator('li.customer').first().waitFor();

    assert.equal((await e2e.admin(`/api/v1/admin-keys/${named.id}`, { method: 'DELETE' })).status, 204);
    // The next call with the revoked key is refused: back to the sign-in, which refuses it too.
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByText('Your admin key was refused: sign in again.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('portal-console-key')), null);
    await page.getByLabel('Admin key').click();
    await page.keyboard.type(named.key);
    await page.keyboard.press('Enter');
    await page.getByText('This admin key was refused. Check it and try again.').waitFor();
    // The bootstrap key still works, and the console opens where the session ended.
    await page.getByLabel('Admin key').fill('');
    await page.keyboard.type(e2e.adminKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    // The browser logs the revoked key's 401 answers itself; nothing else went wrong.
    assert.deepEqual(
      problems.filter((p) => !/status of 401/.test(p)),
      [],
    );
    await page.close();
  });
  it('a filter chosen while the list is still loading is the one the list shows (orders, change requests)', async () => {
    const { page, problems } = await e2e.newPage();
    /** Holds the screen's first list request until `release`. */
    const holdFirst = async (pattern: string) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let arrived!: () => void;
      const held = new Promise<void>((resolve) => (arrived = resolve));
      let first = true;
      await page.route(pattern, async (route) => {
        if (first) {
          first = false;
          arrived();
          await released;
        }
        await route.continue();
      });
      return { held, release };
    };
    await signInToConsole(page, e2e.url, e2e.adminKey);

    const all = (await (await e2e.admin('/api/v1/order-requests?limit=50')).json()) as { items: unknown[] };
    const pending = (await (await e2e.admin('/api/v1/order-requests?limit=50&state=pending')).json()) as {
      items: unknown[];
    };
    assert.notEqual(all.items.length, pending.items.length, 'some requests were decided');
    let gate = await holdFirst('**/api/v1/order-requests?*');
    await page.getByRole('link', { name: 'Change requests' }).click();
    await gate.held;
    await page.getByLabel('Show').selectOption('all');
    gate.release();
    await page
      .locator('p.status')
      .filter({ hasText: `Requests shown: ${all.items.length}` })
      .waitFor();
    assert.equal(await page.locator('li.request').count(), all.items.length);

    const { customerId } = await e2e.tokenFor('Greenleaf Deli');
    const ofCustomer = (await (await e2e.admin(`/api/v1/orders?limit=50&customer_id=${customerId}`)).json()) as {
      items: { number: string }[];
    };
    gate = await holdFirst('**/api/v1/orders?*');
    await page.getByRole('link', { name: 'Orders' }).click();
    await gate.held;
    // The customers to choose from arrive on their own request.
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Greenleaf Deli' });
    gate.release();
    await page
      .locator('p.status')
      .filter({ hasText: `Orders shown: ${ofCustomer.items.length}` })
      .waitFor();
    assert.deepEqual(
      await page.locator('li.order h2').evaluateAll((hs) => hs.map((h) => h.textContent!.trim().split(/\s+/)[0])),
      ofCustomer.items.map((o) => o.number),
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("approvals: orders awaiting approval and rejected show their status; a customer's rule and a person's limit are changed; the activity names who decided", async () => {
    const blueDoor = await e2e.db.kysely
      .selectFrom('customers')
      .select('id')
      .where('business_name', '=', 'Blue Door Café')
      .executeTakeFirstOrThrow();
    const awaiting = await e2e.db.kysely
      .selectFrom('orders')
      .select(['id', 'number'])
      .where('status', '=', 'awaiting_approval')
      .executeTakeFirstOrThrow();
    const rejected = await e2e.db.kysely
      .selectFrom('orders')
      .select('number')
      .where('status', '=', 'rejected')
      .executeTakeFirstOrThrow();
    // The phone only looks; the desktop then changes things.
    for (const viewport of [VIEWPORTS[1], VIEWPORTS[0]]) {
      const { page, problems } = await e2e.newPage({ width: viewport.width, height: viewport.height });
      await signInToConsole(page, e2e.url, e2e.adminKey);

      // Orders: the demo's order awaiting approval, marked so, with nothing for the supplier to do yet.
      await page.getByRole('link', { name: 'Orders' }).click();
      await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
      await page.getByLabel('Status').selectOption('awaiting_approval');
      const card = page.locator('li.order').filter({ hasText: awaiting.number });
      await card.locator('.badge').filter({ hasText: 'Awaiting approval' }).waitFor();
      await card.getByRole('button', { name: `Open order ${awaiting.number}` }).click();
      await card.getByText('Status: Awaiting approval').waitFor();
      await card.getByText("Waits for the customer's Admins to approve it: nothing to do yet.").waitFor();
      assert.equal(await card.getByRole('button', { name: 'Confirm', exact: true }).count(), 0);
      await assertTidy(page, `an order awaiting approval at ${viewport.width}`);
      await screenshot(page, `console-order-awaiting-approval-${viewport.name}`);
      await page.getByLabel('Status').selectOption('rejected');
      await page
        .locator('li.order')
        .filter({ hasText: rejected.number })
        .locator('.badge')
        .filter({ hasText: 'Rejected' })
        .waitFor();

      // Customers: Blue Door Café's rule and Ben's limit, as the demo has them.
      await page.getByRole('link', { name: 'Customers' }).click();
      await page.getByLabel('Search customers').focus();
      await page.keyboard.type('Blue Door');
      const customer = page.locator('li.customer').filter({ hasText: 'Blue Door Café' });
      await customer.getByText('Orders over 400.00').waitFor();
      await customer.getByRole('button', { name: 'Approvals of Blue Door Café' }).click();
      const panel = page.locator('console-approvals');
      await panel.getByRole('heading', { level: 3, name: 'Approvals of Blue Door Café' }).waitFor();
      assert.equal((await focused(page)).label, 'Approvals of Blue Door Café');
      const ben = panel.getByRole('form', { name: 'Spending limit of Ben Walsh' });
      await ben.getByRole('textbox', { name: 'Spending limit', exact: true }).waitFor();
      await assertTidy(page, `the approvals panel at ${viewport.width}`);
      await assertAccessible(page, `the approvals panel at ${viewport.width}`);
      await screenshot(page, `console-approvals-${viewport.name}`);
      if (viewport.name !== 'desktop') {
        await page.close();
        continue;
      }
      assert.equal(await panel.getByLabel('Orders over an amount').isChecked(), true);
      assert.equal(await panel.getByLabel('Amount (orders over it wait)').inputValue(), '400.00');
      assert.equal(await ben.getByRole('textbox', { name: 'Spending limit', exact: true }).inputValue(), '1,500.00');

      // A bad amount is told under its field; then every Buyer order waits.
      const amountField = panel.getByLabel('Amount (orders over it wait)');
      await amountField.fill('');
      await amountField.pressSequentially('lots');
      await panel.getByRole('button', { name: 'Save the approval rule' }).click();
      await panel.getByText('Enter an amount such as 12.50.').waitFor();
      await panel.getByLabel('Every order placed by a Buyer').check();
      await panel.getByRole('button', { name: 'Save the approval rule' }).click();
      await page.locator('[role="status"]').filter({ hasText: 'Approval rule of Blue Door Café saved.' }).waitFor();
      await customer.getByText('Every Buyer order').waitFor();
      const after = (await (await e2e.admin(`/api/v1/customers/${blueDoor.id}`)).json()) as {
        settings: { approval: unknown };
      };
      assert.deepEqual(after.settings.approval, { required_for: 'buyers', amount_minor: null });

      // Ben's limit: €200 a week, typed.
      const limit = ben.getByRole('textbox', { name: 'Spending limit', exact: true });
      await limit.fill('');
      await limit.pressSequentially('200');
      await ben.getByLabel('Per', { exact: true }).selectOption('week');
      await ben.getByRole('button', { name: 'Save the spending limit of Ben Walsh' }).click();
      await page.locator('[role="status"]').filter({ hasText: 'Spending limit of Ben Walsh saved.' }).waitFor();
      const people = (await (await e2e.admin(`/api/v1/customers/${blueDoor.id}/people`)).json()) as {
        items: { name: string; spending_limit_minor: number | null; spending_period: string }[];
      };
      const saved = people.items.find((p) => p.name === 'Ben Walsh')!;
      assert.deepEqual([saved.spending_limit_minor, saved.spending_period], [20_000, 'week']);
      await screenshot(page, 'console-approvals-saved-desktop');

      // Ana approves the waiting order in her portal: the activity says so, and who.
      const ana = await e2e.db.kysely
        .selectFrom('people')
        .select('id')
        .where('name', '=', 'Ana Ruiz')
        .executeTakeFirstOrThrow();
      const link = await e2e.admin('/api/v1/customer-portal/tokens', {
        method: 'POST',
        body: { client_id: blueDoor.id, person_id: ana.id },
      });
      const { token } = (await link.json()) as { token: string };
      const approved = await fetch(`${e2e.url}/api/v1/customer-portal/view/${token}/orders/${awaiting.id}/approve`, {
        method: 'POST',
      });
      assert.equal(approved.status, 200, await approved.clone().text());
      await customer.getByRole('button', { name: 'Activity of Blue Door Café' }).click();
      const activity = page.locator('console-activity');
      await activity.getByText(`Order ${awaiting.number} approved by Ana Ruiz`).waitFor();
      await assertTidy(page, 'the activity with an approval');
      await screenshot(page, 'console-activity-approved-desktop');
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
});
