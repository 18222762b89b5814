import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorBody } from '../../widget/contract/index.ts';
import { errorOf, forEachDatabase, portal, useServer } from './harness.ts';

const PORTAL_READS = [
  '/session',
  '/catalog',
  '/dashboard',
  '/orders',
  '/order-history',
  '/quotes',
  '/invoices',
  '/payments',
  '/deliveries',
];

forEachDatabase('access rules', (kind) => {
  const s = useServer(kind);

  describe('tokens', () => {
    it('unknown, malformed, expired and revoked tokens get the same 401', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const expiring = await server.tokenFor(
        customer.id,
        {},
        new Date(server.clock.now.getTime() + 60_000).toISOString(),
      );
      const { id: revokedId, token: revoked } = await server.issueToken(customer.id);
      assert.equal(
        (await server.admin(`/api/v1/customer-portal/tokens/${revokedId}`, { method: 'DELETE' })).status,
        204,
      );
      server.clock.advance(60_000);
      try {
        const bodies = new Set<string>();
        for (const token of ['cpt_unknownunknownunknownunknown12', 'x', '%20', expiring, revoked]) {
          const res = await server.request(portal(token, '/session'));
          assert.equal(res.status, 401, token);
          bodies.add(await res.text());
        }
        assert.equal(bodies.size, 1, 'a client cannot tell unknown, expired and revoked apart');
        assert.equal(JSON.parse([...bodies][0]).error.code, 'invalid_token');
      } finally {
        server.clock.advance(-60_000);
      }
    });

    it('expiry takes effect at its exact instant', async () => {
      const server = s.get();
      const expiresAt = new Date(server.clock.now.getTime() + 5_000);
      const token = await server.tokenFor(server.customers[0].id, {}, expiresAt.toISOString());
      server.clock.set(new Date(expiresAt.getTime() - 1).toISOString());
      try {
        assert.equal((await server.request(portal(token, '/session'))).status, 200, '1 ms before');
        server.clock.set(expiresAt.toISOString());
        assert.equal((await server.request(portal(token, '/session'))).status, 401, 'at the instant');
      } finally {
        server.clock.set('2026-06-15T10:00:00.000Z');
      }
    });

    it('revocation takes effect at once', async () => {
      const server = s.get();
      const { id, token } = await server.issueToken(server.customers[1].id);
      assert.equal((await server.request(portal(token, '/orders'))).status, 200);
      await server.admin(`/api/v1/customer-portal/tokens/${id}`, { method: 'DELETE' });
      assert.equal((await server.request(portal(token, '/orders'))).status, 401);
    });

    it('never writes a token into a log line', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      await server.request(portal(token, '/orders?limit=3'));
      await server.request(portal(token, '/nope'));
      assert.ok(server.logs.length > 0);
      assert.ok(
        server.logs.every((line) => !line.includes(token)),
        'a log line leaks the token',
      );
      assert.ok(server.logs.some((line) => line.includes('/customer-portal/view/[redacted]/orders')));
      // Paths differing in case neither route nor leak.
      const shouted = await server.request(`/API/V1/CUSTOMER-PORTAL/VIEW/${token}/session`);
      assert.equal(shouted.status, 404);
      assert.ok(!(await shouted.text()).includes(token));
      const mixed = await server.request(`/api/v1/Customer-Portal/View/${token}/nope`);
      assert.ok(!(await mixed.text()).includes(token));
      assert.ok(
        server.logs.every((line) => !line.includes(token)),
        'a log line leaks the token',
      );
    });
  });

  describe('permissions and sections', () => {
    it('a missing permission answers 403 permission_denied on every endpoint it guards', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const cases: [string, string][] = [
        ['view_orders', '/orders'],
        ['view_orders', '/order-history'],
        ['view_quotes', '/quotes'],
        ['view_invoices', '/invoices'],
        ['view_payments', '/payments'],
        ['view_deliveries', '/deliveries'],
      ];
      for (const [permission, path] of cases) {
        const token = await server.tokenFor(customer.id, { [permission]: false });
        const res = await server.request(portal(token, path));
        assert.equal(res.status, 403, `${permission} ${path}`);
        assert.equal((await errorOf(res)).code, 'permission_denied');
      }
    });

    it('a section switched off answers 403 section_disabled, even with the permission', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const [section, path] of [
        ['orders', '/orders'],
        ['quotes', '/quotes'],
        ['invoices', '/invoices'],
        ['payments', '/payments'],
        ['deliveries', '/deliveries'],
      ]) {
        await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { sections: { [section]: false } } });
        try {
          const res = await server.request(portal(token, path));
          assert.equal(res.status, 403, section);
          assert.equal((await errorOf(res)).code, 'section_disabled');
        } finally {
          await server.admin('/api/v1/workspace/settings', {
            method: 'PATCH',
            body: { sections: { [section]: true } },
          });
        }
      }
    });

    it("another customer's object ids answer 404 with none of its data", async () => {
      const server = s.get();
      const [owner, stranger] = server.customers;
      const theirs = await server.db.kysely
        .selectFrom('orders')
        .select(['id', 'number'])
        .where('customer_id', '=', owner.id)
        .limit(3)
        .execute();
      const quotes = await server.db.kysely
        .selectFrom('quotes')
        .select(['id', 'number'])
        .where('customer_id', '=', owner.id)
        .limit(3)
        .execute();
      const token = await server.tokenFor(stranger.id);
      for (const o of theirs) {
        const res = await server.request(portal(token, `/orders/${o.id}`));
        assert.equal(res.status, 404);
        assert.doesNotMatch(await res.text(), new RegExp(o.number));
      }
      for (const q of quotes) {
        const res = await server.request(portal(token, `/quotes/${q.id}/decline`), { body: {} });
        assert.equal(res.status, 404);
      }
      // And none of the owner's documents appear in the stranger's lists.
      for (const path of [
        '/orders?limit=50',
        '/quotes?limit=50',
        '/invoices?limit=50',
        '/payments?limit=50',
        '/deliveries?limit=50',
      ]) {
        const text = await (await server.request(portal(token, path))).text();
        for (const o of theirs) assert.ok(!text.includes(o.id), `${path} leaks ${o.number}`);
      }
    });
  });

  describe('HTTP hygiene', () => {
    it('every answer carries Cache-Control: no-store and Referrer-Policy: no-referrer', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const path of [
        portal(token, '/session'),
        portal('bad', '/session'),
        '/api/v1/customers',
        '/nowhere',
        '/docs',
      ]) {
        const res = await server.request(path);
        assert.equal(res.headers.get('cache-control'), 'no-store', path);
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
        assert.equal(res.headers.get('x-powered-by'), null);
      }
    });

    it('bodies over 100 KB answer 413 with a JSON error', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      const res = await server.request(portal(token, '/orders'), {
        rawBody: JSON.stringify({ note: 'x'.repeat(101 * 1024) }),
        headers: { 'idempotency-key': 'big' },
      });
      assert.equal(res.status, 413);
      assert.equal((await errorOf(res)).code, 'payload_too_large');
    });

    it('endpoints without a body also refuse one over 100 KB', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      const res = await server.request(portal(token, '/quotes/00000000-0000-4000-8000-000000000000/accept'), {
        rawBody: 'x'.repeat(101 * 1024),
      });
      assert.equal(res.status, 413);
    });

    it('two concurrent settings changes both apply', async () => {
      const server = s.get();
      try {
        await Promise.all([
          server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { sections: { payments: false } } }),
          server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { tabs: { all: 'hide' } } }),
        ]);
        const settings = (await (await server.admin('/api/v1/workspace/settings')).json()) as {
          sections: { payments: boolean };
          tabs: { all: string };
        };
        assert.equal(settings.sections.payments, false);
        assert.equal(settings.tabs.all, 'hide');
      } finally {
        await server.admin('/api/v1/workspace/settings', {
          method: 'PATCH',
          body: { sections: { payments: true }, tabs: { all: 'auto' } },
        });
      }
    });

    it('malformed JSON answers 400 malformed_json, never a 500', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const raw of ['{', '{"lines": [}', 'nul', '"\\u12"']) {
        const res = await server.request(portal(token, '/orders'), {
          rawBody: raw,
          headers: { 'idempotency-key': 'm' },
        });
        assert.equal(res.status, 400, raw);
        assert.equal((await errorOf(res)).code, 'malformed_json');
      }
    });

    it('a body in a charset or Content-Encoding the server does not read answers 415 unsupported_media_type, as the OpenAPI document declares', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const headers of [
        { 'content-type': 'application/json; charset=latin1' },
        { 'content-encoding': 'x-garbage' },
      ] as Record<string, string>[]) {
        const res = await server.request(portal(token, '/orders'), {
          rawBody: '{"lines":[]}',
          headers: { 'idempotency-key': 'm415', ...headers },
        });
        assert.equal(res.status, 415, JSON.stringify(headers));
        assert.equal((await errorOf(res)).code, 'unsupported_media_type');
      }
      const declared = (await (await server.request('/api/v1/openapi.json')).json()).paths[
        '/api/v1/customer-portal/view/{token}/orders'
      ].post.responses;
      assert.ok('415' in declared);
    });

    it('a conditional GET to the API is answered in full (the API has no validators to answer 304 with)', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const headers of [{ 'if-none-match': '*' }, { 'if-modified-since': new Date().toUTCString() }] as Record<
        string,
        string
      >[]) {
        const res = await server.request(portal(token, '/session'), { headers });
        assert.equal(res.status, 200, JSON.stringify(headers));
        assert.ok((await res.json()).customer);
      }
    });

    it('validates query and path parameters with details, and caps page sizes', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const path of [
        '/orders?limit=51',
        '/orders?limit=0',
        '/orders?limit=abc',
        '/orders?cursor=%%%',
        `/orders/${'x'.repeat(129)}`,
        '/orders/SO%01',
        '/invoices?payment_state=maybe',
        '/quotes?state=lost',
      ]) {
        const res = await server.request(portal(token, path));
        assert.equal(res.status, 400, path);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed', path);
        assert.ok(Array.isArray(error.details) && error.details.length > 0, path);
      }
    });

    it('unknown routes answer a JSON 404; every error body matches the contract', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      for (const path of ['/api/v1/nothing', portal(token, '/nothing'), '/api/v1/customers/extra/deeper']) {
        const res = await server.request(path);
        assert.equal(res.status, 404, path);
        ErrorBody.parse(await res.json());
      }
      for (const path of PORTAL_READS) ErrorBody.parse(await (await server.request(portal('nope', path))).json());
    });
  });
});
