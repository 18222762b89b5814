import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hashedBundle } from '../../demo-server/static.ts';
import { useE2E } from './setup.ts';

/**
 * Every example page a merchant would copy (examples/), with the built bundle, against the real
 * demo server: the elements render and work, nothing reaches the console as an error, and the
 * page's own promise holds (no CSP violation, themed through tokens and parts, React receives
 * events, a second copy warns, no server needed). Needs `vite build` (npm run test:e2e does it).
 */
describe('example pages', () => {
  const e2e = useE2E();
  const dist = new URL('../../dist/', import.meta.url);
  /** The .js files of a folder of dist/ (none when the build made no lazy chunks). */
  const jsFiles = (dir: string) =>
    existsSync(new URL(dir, dist)) ? readdirSync(new URL(dir, dist)).filter((f) => f.endsWith('.js')) : [];

  /** Records `securitypolicyviolation` events from the first instant of every document of the page. */
  async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
        );
      });
    });
    return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  /** Confirms "Is this you?", adds the first orderable product and waits for the portal's cart to count it. */
  async function confirmAndAddOne(page: Page, businessName: string): Promise<void> {
    await page.getByRole('heading', { name: `Welcome back, ${businessName}` }).waitFor();
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    const add = page
      .getByRole('button', { name: /^Add .* to cart$/ })
      .and(page.locator(':enabled'))
      .first();
    await add.waitFor();
    await add.click();
    await page.getByRole('button', { name: 'Cart, 1 item' }).waitFor();
  }

  /** Opens each account section of the portal (lazy views), when the customer has them: the sections and the chunks fetched. */
  async function openAccountSections(page: Page): Promise<{ sections: string[]; chunks: string[] }> {
    const sections: string[] = [];
    const chunks: string[] = [];
    page.on('response', (response) => {
      if (/\/widget\/chunks\//.test(response.url()))
        chunks.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    const nav = page.getByRole('navigation', { name: 'Account' });
    if (!(await nav.isVisible())) return { sections, chunks };
    for (const link of await nav.getByRole('link').all()) {
      const section = /portal\/([\w-]+)/.exec((await link.getAttribute('href')) ?? '')?.[1];
      if (!section) continue;
      await link.click();
      await page.locator(`[data-page="${section}"]`).waitFor();
      await page.waitForLoadState('networkidle');
      sections.push(section);
    }
    return { sections, chunks };
  }

  it('the plain supplier site: the header cart and the portal share the cart', async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
    await confirmAndAddOne(page, 'Blue Door Café');
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Cart: 1 item\b/ })
      .waitFor();
    await page.getByRole('contentinfo').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the strict-CSP page works with Trusted Types on and not one violation, lazy views included', async (t) => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page, problems } = await e2e.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${e2e.url}/examples/strict-csp.html#portal_token=${token}`);
    const header = response!.headers()['content-security-policy'] ?? '';
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "require-trusted-types-for 'script'",
      "trusted-types lit-html 'allow-duplicates'",
    ]) {
      assert.ok(header.includes(directive), `the response's CSP has ${directive}: ${header}`);
    }
    assert.equal(
      await page.locator('meta[http-equiv="Content-Security-Policy"]').count(),
      1,
      'the page carries its policy too',
    );

    await confirmAndAddOne(page, 'Blue Door Café');
    await page.getByRole('button', { name: 'Cart, 1 item' }).click();
    await page.getByRole('button', { name: 'Place order' }).waitFor();
    await page.keyboard.press('Escape');
    const { sections, chunks } = await openAccountSections(page);
    if (sections.length > 0 && jsFiles('chunks/').length > 0)
      assert.ok(chunks.length > 0, `the sections ${sections.join(', ')} loaded their views`);
    for (const chunk of chunks) assert.match(chunk, /^200 /);
    t.diagnostic(`account sections opened: ${sections.join(', ') || 'none'}; lazy chunks loaded: ${chunks.length}`);

    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the themed page restyles the portal through custom properties and parts only', async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.url}/examples/themed.html#portal_token=${token}`);
    const confirm = page.getByRole('button', { name: 'Yes, start ordering' });
    await confirm.waitFor();
    const style = await confirm.evaluate((button) => {
      const s = getComputedStyle(button);
      return { background: s.backgroundColor, color: s.color, transform: s.textTransform };
    });
    assert.deepEqual(style, { background: 'rgb(242, 180, 90)', color: 'rgb(26, 18, 6)', transform: 'uppercase' });
    await confirmAndAddOne(page, 'Blue Door Café');
    const header = await page.locator('customer-portal').evaluate((portal) => {
      const part = portal.shadowRoot!.querySelector('[part~="header"]')!;
      return getComputedStyle(part).borderBottomColor;
    });
    assert.equal(header, 'rgb(242, 180, 90)');
    // The theme is only tokens and parts: no selector reaches into the elements otherwise.
    const css = readFileSync(new URL('../../examples/themed.css', import.meta.url), 'utf8');
    assert.doesNotMatch(css, /::slotted|\/deep\/|>>>/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("the React app renders the portal and its state follows the portal's events", async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.url}/examples/react/#portal_token=${token}`);
    const summary = page.getByTestId('cart-summary');
    await confirmAndAddOne(page, 'Blue Door Café');
    await page.waitForFunction(() =>
      /Your cart: 1 item\b/.test(document.querySelector('[data-testid="cart-summary"]')?.textContent ?? ''),
    );
    assert.match((await summary.textContent())!, /^Your cart: 1 item · \S/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the double-load page: the second copy warns once and steps aside; the portal keeps working', async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page, problems } = await e2e.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${e2e.url}/examples/double-load.html#portal_token=${token}`);
    await confirmAndAddOne(page, 'Blue Door Café');
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Cart: 1 item\b/ })
      .waitFor();

    const redefined = warnings.filter((w) => /^<[a-z-]+> is already defined on this page: another copy/.test(w));
    assert.equal(redefined.length, 1, `one warning: ${warnings.join(' | ')}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the no-server page runs the widget on a mock API in the browser, with nothing sent to a server', async () => {
    const { page, problems } = await e2e.newPage();
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (/\/api\//.test(request.url()) && !request.serviceWorker()) apiCalls.push(request.url());
    });
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
    );
    const violations = await watchViolations(page);
    await page.goto(`${e2e.url}/examples/no-server/`);
    await confirmAndAddOne(page, 'Harbour Café Ltd');
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Cart: 1 item\b/ })
      .waitFor();
    assert.ok(
      apiCalls.every((url) => url.startsWith('https://api.supplier.test/')),
      `only the mock API is asked: ${apiCalls.join(', ')}`,
    );
    assert.ok(apiCalls.length > 0);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('msw and React stay out of the widget bundles', () => {
    const files = ['', 'chunks/', 'standalone/', 'standalone/chunks/', 'elements/', 'elements/chunks/'].flatMap((dir) =>
      jsFiles(dir).map((f) => `${dir}${f}`),
    );
    assert.ok(files.length > 3);
    for (const file of files) {
      const code = readFileSync(new URL(file, dist), 'utf8');
      assert.doesNotMatch(code, /mockServiceWorker|\[MSW\]|setupWorker/, `${file} has no msw`);
      if (file !== 'react.js')
        assert.doesNotMatch(code, /from\s*["']react["']|__SECRET_INTERNALS|react\.element/, `${file} has no React`);
    }
  });

  it('a page on another origin loads the bundle and its lazy chunks from the widget server (CORS)', async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    // The merchant's site: another port of this machine, so another origin (a public origin may not
    // load from loopback at all: Local Network Access). It serves the shop page; the page's API
    // calls are forwarded to the demo server below, so only the widget's files cross origins.
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
        <script type="module" src="${e2e.url}/widget/customer-portal.js"></script></head>
        <body><customer-portal token="${token}"></customer-portal></body></html>`);
    });
    site.listen(0, '127.0.0.1');
    await once(site, 'listening');
    const merchant = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      const { page, problems } = await e2e.newPage();
      await page.route(`${merchant}/api/**`, async (route) => {
        const url = new URL(route.request().url());
        await route.fulfill({ response: await route.fetch({ url: `${e2e.url}${url.pathname}${url.search}` }) });
      });
      await page.goto(`${merchant}/shop.html`);
      await confirmAndAddOne(page, 'Blue Door Café');
      const chunks = jsFiles('chunks/');
      const loaded = await page.evaluate(
        async (urls) => {
          const results: string[] = [];
          for (const url of urls)
            results.push(
              await import(url).then(
                () => 'ok',
                (e: Error) => `${url}: ${e.message}`,
              ),
            );
          return results;
        },
        chunks.map((f) => `${e2e.url}/widget/chunks/${f}`),
      );
      assert.deepEqual(
        loaded,
        chunks.map(() => 'ok'),
      );
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      site.closeAllConnections();
      site.close();
    }
  });

  it('serves the stable name revalidated and the hashed files immutable, with CORS', async () => {
    const hashed = hashedBundle(new URL('.', dist).pathname);
    assert.ok(hashed, 'the build wrote customer-portal.<hash>.js');

    const stable = await fetch(`${e2e.url}/widget/customer-portal.js`, { headers: { origin: 'https://shop.example' } });
    assert.equal(stable.status, 200);
    assert.match(stable.headers.get('content-type') ?? '', /^(text|application)\/javascript/);
    assert.equal(stable.headers.get('cache-control'), 'no-cache');
    assert.equal(stable.headers.get('access-control-allow-origin'), '*');
    const etag = stable.headers.get('etag');
    assert.ok(etag, 'an ETag to revalidate with');
    assert.ok((await stable.text()).includes(hashed), 'the stable name loads the hashed bundle');
    // As a browser revalidates (fetch() would add `Cache-Control: no-cache` to a conditional request).
    const again = await new Promise<number | undefined>((resolve, reject) => {
      get(`${e2e.url}/widget/customer-portal.js`, { headers: { 'if-none-match': etag } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    assert.equal(again, 304);

    // /widget/elements/ serves the per-element scripts built in dist/standalone/ (Lit inside).
    const hashedFiles = [
      hashed,
      ...jsFiles('chunks/')
        .slice(0, 1)
        .map((f) => `chunks/${f}`),
      ...jsFiles('standalone/chunks/')
        .slice(0, 1)
        .map((f) => `elements/chunks/${f}`),
    ];
    for (const path of hashedFiles) {
      const res = await fetch(`${e2e.url}/widget/${path}`, { headers: { origin: 'https://shop.example' } });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
      await res.arrayBuffer();
    }
    const entry = await fetch(`${e2e.url}/widget/elements/past-orders.js`);
    assert.equal(entry.headers.get('cache-control'), 'no-cache');
    assert.equal(
      await entry.text(),
      readFileSync(new URL('standalone/past-orders.js', dist), 'utf8'),
      'the script with Lit inside, not the npm entry',
    );
    const missing = await fetch(`${e2e.url}/widget/elements/no-such-element.js`);
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();

    const examplesUnderWidget = await fetch(`${e2e.url}/widget/examples/react/index.html`);
    assert.equal(examplesUnderWidget.status, 404, 'the example apps are pages under /examples/, not widget files');
    await examplesUnderWidget.arrayBuffer();
  });
});
