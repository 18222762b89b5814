import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useE2E, type E2E } from './setup.ts';
import { VIEWPORTS, assertAccessible, assertTidy, focused, screenshot } from './person.ts';

/**
 * The portal as a person uses it, on the example shop page against the real demo server: real
 * key presses and clicks, every tab, search, scrolling, reload and Back, on a desktop and a phone,
 * for the Standard template and the Quantity Grid. Every screen is checked for overlapping cards,
 * content spilling sideways and axe violations, and saved to test-artifacts/screens/.
 */

/** Waits until the portal's cards and rows stop moving (virtualized lists lay out over a few frames). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const snapshot = () => {
          const out: string[] = [];
          const walk = (root: Document | ShadowRoot) => {
            for (const el of root.querySelectorAll('*')) {
              if (el.matches('[part~="product-card"], [role="row"]')) {
                const r = el.getBoundingClientRect();
                out.push(`${r.top},${r.left},${r.height}`);
              }
              if (el.shadowRoot) walk(el.shadowRoot);
            }
          };
          walk(document);
          return out.join('|');
        };
        const first = snapshot();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(snapshot() === first)));
      }),
    undefined,
    { timeout: 10_000 },
  );
}

/** Selects a field's text and types over it, key by key. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** The cart button in the portal's header names the count: "Cart, 3 items". */
async function cartCount(page: Page): Promise<number> {
  const label = await page.locator('customer-portal').locator('.cart-button').getAttribute('aria-label');
  return Number(/(\d+)/.exec(label ?? '')?.[1]);
}

async function openLink(e2e: E2E, business: string, viewport: { width: number; height: number }) {
  const { token } = await e2e.tokenFor(business);
  const { page, problems } = await e2e.newPage(viewport);
  await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
  await page.getByRole('heading', { name: `Welcome back, ${business}` }).waitFor();
  return { page, problems, token };
}

/** "Yes, start ordering" with the keyboard; the focus lands on the shop, not on the page's body. */
async function startOrdering(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Yes, start ordering' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
  assert.deepEqual(await focused(page), { tag: 'h2', label: 'Shop', value: null }, 'the focus moves to the shop');
  await settled(page);
}

/** Clicks every catalogue tab in turn, checking each screen. */
async function everyTab(page: Page, shot: string): Promise<string[]> {
  const names = (await page.getByRole('tab').allTextContents()).map((t) => t.trim());
  for (const name of names) {
    await page.getByRole('tab', { name, exact: true }).click();
    await settled(page);
    await assertTidy(page, `${shot}, tab ${name}`);
    await screenshot(page, `${shot}-tab-${name}`);
  }
  await page.getByRole('tab', { name: 'All', exact: true }).click();
  await settled(page);
  return names;
}

/** Opens an account section from the navigation (a menu on a phone). */
async function openSection(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: /^Menu/ });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('link', { name, exact: true }).click();
}

describe('a person ordering, with the demo catalogue', () => {
  const e2e = useE2E();

  for (const viewport of VIEWPORTS) {
    it(`Standard template, ${viewport.name}: every tab, search, a wrong and a right quantity, the cart with Undo, reload, Back, an order`, async () => {
      const shot = `standard-${viewport.name}`;
      const { page, problems } = await openLink(e2e, 'Blue Door Café', viewport);
      await screenshot(page, `${shot}-welcome`);
      await assertAccessible(page, 'welcome');
      await startOrdering(page);
      await assertTidy(page, 'the shop');
      await assertAccessible(page, 'the shop');
      await screenshot(page, `${shot}-shop`);

      const tabs = await everyTab(page, shot);
      assert.ok(tabs.length >= 6, `tabs: ${tabs.join(', ')}`);

      // Search by typing.
      await page.getByRole('searchbox').click();
      await page.keyboard.type('oil');
      await settled(page);
      const found = await page.locator('[part~="product-card"] h3').allTextContents();
      assert.ok(found.length > 0 && found.every((name) => /oil/i.test(name)), `search results: ${found.join(', ')}`);
      await assertTidy(page, 'search "oil"');
      await screenshot(page, `${shot}-search`);
      await typeOver(page, '');
      await page.keyboard.press('Backspace');
      await settled(page);

      // A wrong quantity is explained next to the field and adds nothing; a right one goes in.
      const card = page
        .locator('[part~="product-card"]')
        .filter({ has: page.locator('button.primary:enabled') })
        .first();
      const name = (await card.locator('h3').textContent())!.trim();
      const field = card.getByRole('spinbutton', { name: 'Quantity' });
      await field.click();
      await typeOver(page, '0');
      await page.keyboard.press('Enter');
      await card.getByText('Enter a quantity of 1 or more.').waitFor();
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.equal((await focused(page)).tag, 'input', 'the focus stays in the field');
      assert.equal(await cartCount(page), 0);
      await assertTidy(page, 'a quantity refused');
      await screenshot(page, `${shot}-quantity-refused`);
      await typeOver(page, '3');
      await page.keyboard.press('Enter');
      await card.getByText('3 in cart').waitFor();
      assert.equal(await cartCount(page), 3);
      // A phone keeps the cart in reach under the cards; a desktop has it in the header.
      assert.equal(await page.getByRole('button', { name: 'Review order' }).isVisible(), viewport.name === 'phone');

      // Reload: still signed in, the cart kept.
      await page.reload();
      await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
      assert.equal(await page.getByText('This page needs your personal portal link').count(), 0);
      assert.equal(await cartCount(page), 3);

      // An account section, then Back to the shop.
      await openSection(page, 'Orders');
      await page.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
      await assertTidy(page, 'orders');
      await screenshot(page, `${shot}-orders`);
      await page.goBack();
      await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
      await settled(page);
      await assertTidy(page, 'back in the shop');

      // The cart: a refused quantity, Remove and Undo, then the order.
      await page.locator('customer-portal').locator('.cart-button').click();
      const cart = page.getByRole('dialog', { name: 'Cart' });
      const line = cart.getByRole('spinbutton', { name: `Quantity of ${name}` });
      await line.click();
      await typeOver(page, '1.5');
      await page.keyboard.press('Tab');
      await cart.getByText('Enter a whole number, like 12.').waitFor();
      assert.equal(await cartCount(page), 3, 'the line keeps its quantity');
      await cart.getByRole('button', { name: `Remove ${name}` }).click();
      await cart.getByText(`Removed ${name}.`).waitFor();
      assert.equal(await cartCount(page), 0);
      assert.equal((await focused(page)).label, 'Undo', 'the focus goes to Undo');
      await page.keyboard.press('Enter');
      await line.waitFor();
      assert.equal(await line.inputValue(), '3');
      await assertTidy(page, 'the cart');
      await assertAccessible(page, 'the cart');
      await screenshot(page, `${shot}-cart`);

      await cart.getByRole('textbox', { name: 'Your reference (optional)' }).click();
      await page.keyboard.type(`PERSON-${viewport.name}`);
      await cart.getByRole('button', { name: 'Place order' }).click();
      await cart.getByRole('heading', { name: 'Thank you! Your order is placed.' }).waitFor();
      assert.equal(
        (await focused(page)).label,
        'Thank you! Your order is placed.',
        'the focus goes to the confirmation',
      );
      await screenshot(page, `${shot}-placed`);
      assert.deepEqual(
        problems.filter((p) => !/status of 404/.test(p)),
        [],
      );
      await page.close();
    });

    it(`Quantity Grid, ${viewport.name}: typed quantities are the cart's, across tabs, search, the cart and a reload`, async () => {
      const shot = `grid-${viewport.name}`;
      const { page, problems } = await openLink(e2e, 'Greenleaf Deli', viewport);
      await startOrdering(page);
      await assertTidy(page, 'the grid');
      await assertAccessible(page, 'the grid');

      const fields = page.locator('input[data-qty]:enabled');
      const first = fields.nth(0);
      const firstName = (await first.getAttribute('aria-label'))!;
      await first.click();
      await page.keyboard.type('12');
      assert.deepEqual(
        await focused(page),
        { tag: 'input', label: firstName, value: '12' },
        'typing keeps the field and its value',
      );
      assert.equal(await cartCount(page), 12);
      await page.keyboard.press('Tab');
      const second = await focused(page);
      assert.notEqual(second.label, firstName, 'Tab goes to the next quantity');
      await page.keyboard.type('3');
      assert.equal(await cartCount(page), 15);
      await screenshot(page, `${shot}-typed`);

      await everyTab(page, shot);
      const field = (label: string) => page.getByRole('spinbutton', { name: label, exact: true });
      assert.equal(await field(firstName).inputValue(), '12', 'the quantity is still there after the tabs');
      assert.equal(await field(second.label).inputValue(), '3');

      // Search for the first product: its quantity is there; Enter moves on and loses nothing.
      await page.getByRole('searchbox').click();
      await page.keyboard.type(firstName.replace(/^Quantity of /, '').split(/[ ,]/)[0]);
      await settled(page);
      assert.equal(await field(firstName).inputValue(), '12');
      await field(firstName).click();
      await page.keyboard.press('Enter');
      await assertTidy(page, 'search in the grid');
      await page.getByRole('searchbox').click();
      await typeOver(page, '');
      await page.keyboard.press('Backspace');
      await settled(page);
      assert.equal(await field(second.label).inputValue(), '3', 'Enter during a search wiped nothing');
      assert.equal(await cartCount(page), 15);

      // Too much is refused next to the field, and the cart keeps 12.
      await field(firstName).click();
      await typeOver(page, '9999999');
      await page.getByText('At most 100,000 per line.').waitFor();
      assert.equal(await cartCount(page), 15);
      await screenshot(page, `${shot}-refused`);
      await typeOver(page, '12');
      await page.getByText('At most 100,000 per line.').waitFor({ state: 'detached' });

      // The stepper, and what the cart shows.
      await page.getByRole('button', { name: second.label.replace(/^Quantity of /, 'One more '), exact: true }).click();
      assert.equal(await field(second.label).inputValue(), '4');
      await page.getByRole('button', { name: 'Review order' }).click();
      const cart = page.getByRole('dialog', { name: 'Cart' });
      await cart.getByRole('heading', { name: 'Your cart' }).waitFor();
      assert.deepEqual(
        await cart.getByRole('spinbutton').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
        ['12', '4'],
      );
      await assertTidy(page, 'the cart over the grid');
      await screenshot(page, `${shot}-cart`);
      await page.keyboard.press('Escape');

      // A reload keeps the customer signed in and the quantities on the rows.
      await page.reload();
      await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
      await settled(page);
      assert.equal(await field(firstName).inputValue(), '12');
      assert.equal(await field(second.label).inputValue(), '4');
      await assertTidy(page, 'the grid after a reload');
      assert.deepEqual(
        problems.filter((p) => !/status of 404/.test(p)),
        [],
      );
      await page.close();
    });
  }

  // Lighthouse's desktop viewport, and the phone.
  for (const viewport of [{ name: 'desktop', width: 1350, height: 940 }, VIEWPORTS[1]]) {
    it(`no layout shift from the first paint to the welcome, nor into the shop (${viewport.name}, ${viewport.width}×${viewport.height})`, async () => {
      const { token } = await e2e.tokenFor('Seaside Hotel Group');
      const { page } = await e2e.newPage(viewport);
      // What Lighthouse adds up as CLS: every layout shift not caused by the person's own input.
      await page.addInitScript(() => {
        const shifts: { value: number; nodes: string[] }[] = [];
        (globalThis as { shifts?: typeof shifts }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
            sources: { node?: Node }[];
          })[]) {
            if (!entry.hadRecentInput)
              shifts.push({ value: entry.value, nodes: entry.sources.map((s) => s.node?.nodeName ?? '?') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
      await page.getByRole('heading', { name: 'Welcome back, Seaside Hotel Group' }).waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      assert.deepEqual(
        await page.evaluate(() => (globalThis as { shifts?: unknown[] }).shifts),
        [],
        'layout shifts before the welcome',
      );
      await page.getByRole('button', { name: 'Yes, start ordering' }).click();
      await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
      await settled(page);
      const after = await page.evaluate(() =>
        (globalThis as { shifts?: { value: number }[] }).shifts!.reduce((sum, s) => sum + s.value, 0),
      );
      assert.equal(after, 0, 'the shop came in without moving the page');
      await page.close();
    });
  }

  it('Pay Now: the payment page sends the customer back to the order, still signed in', async () => {
    const { page } = await openLink(e2e, 'Corner Grocer Ltd', VIEWPORTS[0]);
    // The supplier's payment page (pay.example.com in the demo data) stands in here: a page with a link back.
    await page.route('https://pay.example.com/**', (route) => {
      const back = new URL(route.request().url()).searchParams.get('return_url') ?? '';
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Pay</title><a id="back" href="${back.replace(/"/g, '&quot;')}">Back to the shop</a>`,
      });
    });
    await startOrdering(page);
    await page.locator('input[data-qty]:enabled').first().click();
    await page.keyboard.type('2');
    await page.getByRole('button', { name: 'Review order' }).click();
    await page.getByRole('button', { name: 'Place order and pay' }).click();
    await page.waitForURL(/pay\.example\.com/);
    const number = new URL(page.url()).searchParams.get('order')!;
    assert.match(number, /^SO-/);
    await page.getByRole('link', { name: 'Back to the shop' }).click();
    await page.waitForURL(/#portal\/orders\//);
    await page.getByText(number).first().waitFor();
    assert.equal(await page.getByText('This page needs your personal portal link').count(), 0);
    await screenshot(page, 'pay-now-return');
    await page.close();
  });

  it('"Not you?" forgets the link: a reload asks for it; a revoked link is forgotten at once', async () => {
    const { page, token } = await openLink(e2e, "Mason's Kitchen", VIEWPORTS[1]);
    await startOrdering(page);
    await page.reload();
    await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
    await page.locator('customer-portal').getByRole('button', { name: 'Not you?' }).click();
    await page.getByRole('heading', { name: 'This link belongs to someone else' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'This page needs your personal portal link' }).waitFor();

    // Signed in again from the link, then the supplier revokes it.
    await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    await page.getByRole('tab', { name: 'All', exact: true }).waitFor();
    const { items } = (await (await e2e.admin('/api/v1/customer-portal/tokens?limit=100')).json()) as {
      items: { id: string; hint: string; revoked_at: string | null }[];
    };
    const mine = items.find((t) => !t.revoked_at && t.hint === `${token.slice(0, 6)}…${token.slice(-4)}`);
    assert.ok(mine, 'the link is listed');
    assert.equal((await e2e.admin(`/api/v1/customer-portal/tokens/${mine.id}`, { method: 'DELETE' })).status, 204);
    await page.reload();
    await page
      .getByRole('heading', { name: /expired|revoked|no longer/i })
      .first()
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'This page needs your personal portal link' }).waitFor();
    await page.close();
  });
});

describe('a person ordering, with 10,000 products', () => {
  const e2e = useE2E({ products: 10_000 });

  for (const viewport of VIEWPORTS) {
    for (const [template, business] of [
      ['standard', 'Blue Door Café'],
      ['grid', 'Greenleaf Deli'],
    ] as const) {
      it(`${template}, ${viewport.name}: every tab, a search and a long scroll stay tidy; typing far down keeps focus`, async () => {
        const shot = `long-${template}-${viewport.name}`;
        const { page } = await openLink(e2e, business, viewport);
        await startOrdering(page);
        await assertTidy(page, 'the long catalogue');
        await everyTab(page, shot);

        await page.getByRole('searchbox').click();
        await page.keyboard.type('Espresso');
        await settled(page);
        await assertTidy(page, 'search in the long catalogue');
        await screenshot(page, `${shot}-search`);
        await typeOver(page, '');
        await page.keyboard.press('Backspace');
        await settled(page);

        // Scroll far down with the wheel, as a person does.
        await page.mouse.move(viewport.width / 2, viewport.height / 2);
        for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 4000);
        await settled(page);
        await assertTidy(page, 'scrolled far down');
        await screenshot(page, `${shot}-scrolled`);

        const visible = page.locator(
          template === 'grid' ? 'input[data-qty]:enabled' : '[part~="product-card"] input[data-qty]',
        );
        const target = await visible.evaluateAll((inputs) => {
          const onScreen = inputs.find((i) => {
            const r = i.getBoundingClientRect();
            return r.top > 120 && r.bottom < window.innerHeight - 120;
          });
          return onScreen?.getAttribute('data-qty') ?? null;
        });
        assert.ok(target, 'a quantity field is on screen after scrolling');
        const field = page.locator(`input[data-qty="${target}"]`);
        await field.click();
        await typeOver(page, '7');
        const now = await focused(page);
        assert.equal(now.tag, 'input');
        assert.equal(now.value, '7', 'the typed quantity stays in the field');
        if (template === 'grid') assert.equal(await cartCount(page), 7);
        await page.close();
      });
    }
  }
});
