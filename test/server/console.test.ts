import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { forEachDatabase, useServer } from './harness.ts';

/** A built console of one page and one asset, so its headers can be read without `npm run build`. */
const staticRoot = mkdtempSync(join(tmpdir(), 'portal-console-'));
const consoleDir = join(staticRoot, 'widget', 'console');
mkdirSync(join(consoleDir, 'assets'), { recursive: true });
mkdirSync(join(staticRoot, 'examples'));
writeFileSync(
  join(consoleDir, 'index.html'),
  '<!doctype html><script type="module" src="./assets/console-AbCd1234.js"></script><portal-console></portal-console>\n',
);
writeFileSync(join(consoleDir, 'assets', 'console-AbCd1234.js'), 'export {};\n');
const staticDirs = { widget: join(staticRoot, 'widget'), examples: join(staticRoot, 'examples') };
after(() => rmSync(staticRoot, { recursive: true, force: true }));

forEachDatabase('supplier console page', (kind) => {
  describe('/admin/', () => {
    const s = useServer(kind, { staticDirs, seed: false });

    it('serves the page under the strict CSP (nothing inline, no eval, Trusted Types), not cached, never to other origins', async () => {
      const res = await s.get().request('/admin/', { headers: { origin: 'https://elsewhere.example' } });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /<portal-console>/);
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        'trusted-types lit-html',
      ]) {
        assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
      }
      assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    });

    it('/admin redirects to /admin/ (the page addresses its assets from its folder)', async () => {
      const res = await fetch(`${s.get().url}/admin`, { redirect: 'manual' });
      assert.equal(res.status, 301);
      assert.equal(res.headers.get('location'), '/admin/');
    });

    it('its hashed assets are cached for a year; the console is not served under /widget/', async () => {
      const asset = await s.get().request('/admin/assets/console-AbCd1234.js');
      assert.equal(asset.status, 200);
      assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal((await s.get().request('/widget/console/index.html')).status, 404);
      assert.equal((await s.get().request('/admin/nothing-here.js')).status, 404);
    });
  });
});
