import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useE2E } from './setup.ts';

/**
 * A returning customer's catalogue (issue 14): Chromium receives it brotli-compressed, keeps it in
 * its HTTP cache (`private, no-cache` + a strong ETag), and on the next visit asks with
 * If-None-Match and gets 304 with no body; the portal paints from the kept answer.
 */
describe('the catalogue in a real browser: compressed, then revalidated', () => {
  const e2e = useE2E({ products: 2_000 });

  /** The catalogue request of the next load: what the browser sent, the status and the bytes the server sent. */
  function nextCatalog(page: Page) {
    return new Promise<{
      url: URL;
      sent: Record<string, string>;
      status: number;
      headers: Record<string, string>;
      bytes: number;
    }>((resolve) => {
      page.on('requestfinished', async function seen(request) {
        if (!/\/catalog$/.test(new URL(request.url()).pathname)) return;
        page.off('requestfinished', seen);
        const response = (await request.response())!;
        const sizes = await request.sizes();
        resolve({
          url: new URL(request.url()),
          sent: await request.allHeaders(),
          status: response.status(),
          headers: await response.allHeaders(),
          bytes: sizes.responseBodySize,
        });
      });
    });
  }

  it('a first visit gets it in brotli; a reload revalidates it (304) and shows the same catalogue', async () => {
    const { token } = await e2e.tokenFor('Blue Door Café');
    const { page, problems } = await e2e.newPage();
    const first = nextCatalog(page);
    await page.goto(`${e2e.url}/examples/#portal_token=${token}`);
    await page.getByRole('button', { name: 'Yes, start ordering' }).click();
    const add = page.getByRole('button', { name: /^Add .* to cart$/ }).first();
    await add.waitFor();
    const firstName = await add.getAttribute('aria-label');
    const fresh = await first;
    assert.equal(fresh.status, 200);
    assert.equal(fresh.url.searchParams.get('format'), 'compact', 'the portal asks for the compact form');
    assert.equal(fresh.headers['content-encoding'], 'br');
    assert.match(fresh.headers.etag ?? '', /^"[\w-]+"$/);
    assert.ok(fresh.bytes > 0 && fresh.bytes < 150 * 1024, `${fresh.bytes} bytes on the wire for 2,000 products`);

    const second = nextCatalog(page);
    await page.reload();
    await page
      .getByRole('button', { name: /^Add .* to cart$/ })
      .first()
      .waitFor();
    const returning = await second;
    assert.equal(returning.sent['if-none-match'], fresh.headers.etag, 'the browser asks with the tag it holds');
    // Chromium hands the page the kept answer (status 200 to Playwright); what came over the wire
    // was the server's 304: no body, none of an answer's content headers.
    assert.equal(returning.bytes, 0, 'no body on the wire');
    assert.equal(returning.headers['content-type'], undefined);
    assert.equal(returning.headers['content-encoding'], undefined);
    assert.equal(
      await page
        .getByRole('button', { name: /^Add .* to cart$/ })
        .first()
        .getAttribute('aria-label'),
      firstName,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });
});
