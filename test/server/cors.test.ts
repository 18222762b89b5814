import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { endpoints, PORTAL_PREFIX, type Endpoint } from '../../widget/contract/index.ts';
import { ADMIN_KEY, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const SHOP = 'https://shop.example.com';
const ELSEWHERE = 'https://any-merchant.example.org';

/** A built widget of one file, so the widget's headers can be read without `npm run build`. */
const staticRoot = mkdtempSync(join(tmpdir(), 'portal-cors-'));
mkdirSync(join(staticRoot, 'widget'));
mkdirSync(join(staticRoot, 'examples'));
writeFileSync(join(staticRoot, 'widget', 'customer-portal.js'), 'export {};\n');
const staticDirs = { widget: join(staticRoot, 'widget'), examples: join(staticRoot, 'examples') };
after(() => rmSync(staticRoot, { recursive: true, force: true }));

const preflight = (server: TestServer, path: string, origin: string, method = 'POST') =>
  server.request(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type,idempotency-key',
    },
  });

/** Every admin endpoint, by a path it answers on. */
const ADMIN_PATHS = [
  ...new Set(
    (Object.values(endpoints) as Endpoint[])
      .filter((e) => e.auth === 'admin')
      .map((e) => e.path.replace(/\{\w+\}/g, crypto.randomUUID())),
  ),
];

forEachDatabase('CORS', (kind) => {
  describe('by default', () => {
    const s = useServer(kind, { staticDirs });

    it('portal endpoints answer any origin: preflight and request, with the rate-limit headers exposed', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const origin of [SHOP, ELSEWHERE, 'null']) {
        const pre = await preflight(server, portal(token, '/orders'), origin);
        assert.equal(pre.status, 204, origin);
        assert.equal(pre.headers.get('access-control-allow-origin'), '*');
        assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
        assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
        assert.equal(pre.headers.get('access-control-allow-credentials'), null);
        const res = await server.request(portal(token, '/session'), { headers: { origin } });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('access-control-allow-origin'), '*');
        assert.equal(res.headers.get('timing-allow-origin'), '*');
        assert.match(res.headers.get('access-control-expose-headers') ?? '', /RateLimit-Policy/);
        assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      }
      // Errors too, so the widget can read why (here: a bad token).
      const bad = await server.request(portal('cpt_not-a-real-token-000000000', '/session'), {
        headers: { origin: ELSEWHERE },
      });
      assert.equal(bad.status, 401);
      assert.equal(bad.headers.get('access-control-allow-origin'), '*');
    });

    it('the widget files answer any origin, with Timing-Allow-Origin', async () => {
      const res = await s.get().request('/widget/customer-portal.js', { headers: { origin: ELSEWHERE } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('timing-allow-origin'), '*');
      assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    });

    it('admin endpoints never answer another origin: no Access-Control-Allow-Origin, preflight refused', async () => {
      const server = s.get();
      assert.ok(ADMIN_PATHS.includes('/api/v1/customer-portal/tokens'));
      for (const path of ADMIN_PATHS) {
        for (const origin of [SHOP, ELSEWHERE]) {
          for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
            const pre = await preflight(server, path, origin, method);
            assert.ok(pre.status >= 400, `${method} ${path} preflight answered ${pre.status}`);
            assert.equal(pre.headers.get('access-control-allow-origin'), null, `${method} ${path} preflight`);
          }
          const res = await server.request(path, { headers: { origin, authorization: `Bearer ${ADMIN_KEY}` } });
          assert.equal(res.headers.get('access-control-allow-origin'), null, `GET ${path}`);
          assert.equal(res.headers.get('timing-allow-origin'), null, `GET ${path}`);
        }
      }
      const created = await server.request('/api/v1/customer-portal/tokens', {
        body: { client_id: server.customers[0].id },
        headers: { origin: ELSEWHERE, authorization: `Bearer ${ADMIN_KEY}` },
      });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('access-control-allow-origin'), null);
    });

    it('every portal endpoint, and no admin endpoint, lives under the portal prefix', () => {
      const prefix = PORTAL_PREFIX.replace('{token}', '');
      for (const e of Object.values(endpoints) as Endpoint[])
        assert.equal(e.path.startsWith(prefix), e.auth === 'portal', e.path);
    });
  });

  describe('with ALLOWED_ORIGINS', () => {
    const s = useServer(kind, { staticDirs, config: { allowedOrigins: [SHOP, 'https://b.example.com'] } });

    it('portal endpoints and widget files answer only the listed origins', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      const pre = await preflight(server, portal(token, '/orders'), SHOP);
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), SHOP);
      assert.match(pre.headers.get('vary') ?? '', /Origin/);
      for (const path of [portal(token, '/session'), '/widget/customer-portal.js']) {
        const allowed = await server.request(path, { headers: { origin: SHOP } });
        assert.equal(allowed.status, 200, path);
        assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP, path);
        assert.equal(allowed.headers.get('timing-allow-origin'), `${SHOP}, https://b.example.com`, path);
        assert.match(allowed.headers.get('vary') ?? '', /Origin/, path);
        const denied = await server.request(path, { headers: { origin: ELSEWHERE } });
        assert.equal(denied.headers.get('access-control-allow-origin'), null, path);
      }
      const refused = await preflight(server, portal(token, '/orders'), ELSEWHERE);
      assert.ok(refused.status >= 400);
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
    });

    it('admin endpoints still answer no origin, listed or not', async () => {
      const server = s.get();
      const pre = await preflight(server, '/api/v1/customer-portal/tokens', SHOP);
      assert.ok(pre.status >= 400);
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
      const res = await server.admin('/api/v1/customers');
      assert.equal(res.status, 200);
      const fromShop = await server.request('/api/v1/customers', {
        headers: { origin: SHOP, authorization: `Bearer ${ADMIN_KEY}` },
      });
      assert.equal(fromShop.headers.get('access-control-allow-origin'), null);
    });
  });
});
