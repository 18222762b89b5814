/**
 * The admin API as a back-office client sees it: customers, portal tokens and workspace settings.
 * Every success body is parsed with the contract's schema; errors are checked by status and code.
 */
import { afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  CreatedToken,
  CustomerList,
  ErrorBody,
  PERMISSIONS,
  SECTIONS,
  Session,
  TokenList,
  WorkspaceSettings,
  endpoints,
  type Endpoint,
} from '../../widget/contract/index.ts';
import { ADMIN_KEY, SEED_NOW, errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const TOKENS = '/api/v1/customer-portal/tokens';
const SETTINGS = '/api/v1/workspace/settings';
const CUSTOMERS = '/api/v1/customers';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Detail = { path: string; message: string };
const detailPaths = (error: { details?: unknown }) => (error.details as Detail[]).map((d) => d.path);

/** Walks every page of an admin list, checking each page with `schema`. */
async function walk<T extends { id: string }>(
  server: TestServer,
  path: string,
  schema: { parse(v: unknown): { items: T[]; next_cursor: string | null } },
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await server.admin(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    assert.equal(res.status, 200);
    const page = schema.parse(await res.json());
    items.push(...page.items);
    cursor = page.next_cursor;
    pages++;
    assert.ok(pages < 100, 'pagination does not end');
  } while (cursor);
  return { items, pages };
}

forEachDatabase('admin API', (kind) => {
  describe('authentication', () => {
    const s = useServer(kind);
    const adminEndpoints = Object.entries(endpoints).filter(([, e]) => (e as Endpoint).auth === 'admin') as [
      string,
      Endpoint,
    ][];
    const concrete = (path: string) => path.replace('{id}', UNKNOWN_ID);

    it('every admin endpoint answers 401 unauthorized without a key, with a wrong key and with a non-Bearer scheme', async () => {
      assert.ok(adminEndpoints.length >= 6);
      for (const [name, e] of adminEndpoints) {
        const variants: Record<string, string>[] = [
          {},
          { authorization: 'Bearer cpa_wrong-key-0123456789' },
          { authorization: `Basic ${ADMIN_KEY}` },
          { authorization: 'Bearer' },
        ];
        for (const headers of variants) {
          const res = await s
            .get()
            .request(concrete(e.path), { method: e.method.toUpperCase(), headers, ...(e.body ? { body: {} } : {}) });
          assert.equal(res.status, 401, `${name} ${JSON.stringify(headers)}`);
          assert.equal(res.headers.get('www-authenticate'), 'Bearer');
          const body = ErrorBody.parse(await res.json());
          assert.equal(body.error.code, 'unauthorized');
        }
      }
    });

    it('accepts the key with a lower-case scheme', async () => {
      const res = await s.get().request(CUSTOMERS, { headers: { authorization: `bearer ${ADMIN_KEY}` } });
      assert.equal(res.status, 200);
      CustomerList.parse(await res.json());
    });

    it('a portal token is not an admin key', async () => {
      const token = await s.get().tokenFor(s.get().customers[0].id);
      const res = await s.get().request(CUSTOMERS, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 401);
      assert.equal((await errorOf(res)).code, 'unauthorized');
    });
  });

  describe('GET /customers', () => {
    const s = useServer(kind);

    it('401 without a key or with a wrong one, with WWW-Authenticate', async () => {
      for (const headers of [{}, { authorization: 'Bearer nope-nope-nope' }] as Record<string, string>[]) {
        const res = await s.get().request(CUSTOMERS, { headers });
        assert.equal(res.status, 401);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
        const error = await errorOf(res);
        assert.equal(error.code, 'unauthorized');
        assert.doesNotMatch(error.message, new RegExp(ADMIN_KEY));
      }
    });

    it('lists the seeded customers with price group and settings', async () => {
      const res = await s.get().admin(CUSTOMERS);
      assert.equal(res.status, 200);
      const list = CustomerList.parse(await res.json());
      assert.equal(list.next_cursor, null);
      assert.ok(list.items.length >= 4, `only ${list.items.length} customers`);
      assert.equal(list.items.length, s.get().customers.length);
      for (const c of list.items) {
        assert.ok(c.business_name.trim().length > 0);
        assert.ok(c.settings, 'settings present');
      }
      assert.deepEqual(
        list.items.map((c) => c.id).sort(),
        s
          .get()
          .customers.map((c) => c.id)
          .sort(),
      );
      const seededNames = new Map(s.get().customers.map((c) => [c.id, c.business_name]));
      for (const c of list.items) assert.equal(c.business_name, seededNames.get(c.id));

      assert.ok(
        list.items.some((c) => c.price_group === null),
        'a customer without price group',
      );
      assert.ok(
        list.items.some((c) => c.price_group !== null && c.price_group.name.length > 0),
        'a customer with a named price group',
      );
      assert.ok(list.items.some((c) => c.settings.order_template === 'quantity_grid'));
      assert.ok(list.items.some((c) => c.settings.checkout_mode === 'pay_now'));
      assert.ok(list.items.some((c) => c.settings.freight !== null));
      assert.ok(
        list.items.some(
          (c) => c.settings.order_template === null && c.settings.checkout_mode === null && c.settings.freight === null,
        ),
      );
      // sorted by business name
      const names = list.items.map((c) => c.business_name);
      assert.deepEqual(
        names,
        [...names].sort((a, b) => a.localeCompare(b)),
      );
    });

    it('?limit=2 with next_cursor walks every customer exactly once', async () => {
      const all = CustomerList.parse(await (await s.get().admin(CUSTOMERS)).json()).items;
      const first = CustomerList.parse(await (await s.get().admin(`${CUSTOMERS}?limit=2`)).json());
      assert.equal(first.items.length, 2);
      assert.equal(typeof first.next_cursor, 'string');
      const { items, pages } = await walk(s.get(), `${CUSTOMERS}?limit=2`, CustomerList);
      assert.equal(pages, Math.ceil(all.length / 2));
      assert.equal(new Set(items.map((c) => c.id)).size, items.length, 'no duplicates');
      assert.deepEqual(
        items.map((c) => c.id),
        all.map((c) => c.id),
        'same customers in the same order',
      );
    });

    it('?limit=0 and ?limit=101 are 400 validation_failed with details', async () => {
      for (const limit of ['0', '101', '-1', '2.5', 'ten']) {
        const res = await s.get().admin(`${CUSTOMERS}?limit=${limit}`);
        assert.equal(res.status, 400, `limit=${limit}`);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.ok(Array.isArray(error.details));
        assert.deepEqual(detailPaths(error), ['query.limit']);
      }
      const res = await s.get().admin(`${CUSTOMERS}?limit=100`);
      assert.equal(res.status, 200);
    });

    it('a garbage cursor is 400', async () => {
      const forged = Buffer.from(JSON.stringify({ after: 'A' })).toString('base64url');
      for (const cursor of ['garbage', '%%%', forged, 'x'.repeat(201)]) {
        const res = await s.get().admin(`${CUSTOMERS}?cursor=${encodeURIComponent(cursor)}`);
        assert.equal(res.status, 400, `cursor=${cursor}`);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(detailPaths(error), ['query.cursor']);
      }
    });
  });

  describe('POST /customer-portal/tokens', () => {
    const s = useServer(kind);
    const create = (body: unknown) => s.get().admin(TOKENS, { body });
    const clientId = () => s.get().customers[0].id;

    it('201 with a cpt_ token, every permission true by default', async () => {
      const res = await create({ client_id: clientId() });
      assert.equal(res.status, 201);
      const created = CreatedToken.parse(await res.json());
      assert.match(created.token, /^cpt_[A-Za-z0-9_-]+$/);
      assert.ok(created.token.length >= 32, `token is ${created.token.length} chars`);
      assert.equal(created.client_id, clientId());
      assert.deepEqual(created.permissions, Object.fromEntries(PERMISSIONS.map((p) => [p, true])));
      assert.equal(created.expires_at, null);
      assert.equal(created.created_at, s.get().clock.now.toISOString());

      const session = await s.get().request(portal(created.token, '/session'));
      assert.equal(session.status, 200);
      assert.equal(Session.parse(await session.json()).customer.id, clientId());
    });

    it('each token is different', async () => {
      const a = CreatedToken.parse(await (await create({ client_id: clientId() })).json());
      const b = CreatedToken.parse(await (await create({ client_id: clientId() })).json());
      assert.notEqual(a.token, b.token);
      assert.notEqual(a.id, b.id);
    });

    it('a partial permissions object keeps the others true; unknown permission names are dropped', async () => {
      const res = await create({
        client_id: clientId(),
        permissions: { view_payments: false, accept_quotes: false, delete_everything: true },
      });
      assert.equal(res.status, 201);
      const raw = (await res.json()) as { permissions: Record<string, boolean> };
      assert.deepEqual(Object.keys(raw.permissions).sort(), [...PERMISSIONS].sort());
      const created = CreatedToken.parse(raw);
      for (const p of PERMISSIONS)
        assert.equal(created.permissions[p], p !== 'view_payments' && p !== 'accept_quotes', p);

      const session = Session.parse(await (await s.get().request(portal(created.token, '/session'))).json());
      assert.deepEqual(session.permissions, created.permissions);
    });

    it('expires_at in the future is kept; now or in the past (by the server clock) is 400', async () => {
      const now = s.get().clock.now.getTime();
      const future = new Date(now + 3_600_000).toISOString();
      const ok = await create({ client_id: clientId(), expires_at: future });
      assert.equal(ok.status, 201);
      assert.equal(CreatedToken.parse(await ok.json()).expires_at, future);

      // An offset is normalised to UTC.
      const withOffset = await create({ client_id: clientId(), expires_at: '2026-06-15T14:00:00+02:00' });
      assert.equal(withOffset.status, 201);
      assert.equal(CreatedToken.parse(await withOffset.json()).expires_at, '2026-06-15T12:00:00.000Z');

      for (const past of [new Date(now).toISOString(), new Date(now - 1000).toISOString(), '2020-01-01T00:00:00Z']) {
        const res = await create({ client_id: clientId(), expires_at: past });
        assert.equal(res.status, 400, past);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(detailPaths(error), ['body.expires_at']);
      }
      // Relative to the server clock, not the wall clock: SEED_NOW is in 2026.
      assert.equal(now, SEED_NOW.getTime());
    });

    it('expires_at null means never', async () => {
      const res = await create({ client_id: clientId(), expires_at: null });
      assert.equal(res.status, 201);
      assert.equal(CreatedToken.parse(await res.json()).expires_at, null);
    });

    it('an unknown client_id (a valid uuid) is 404', async () => {
      const res = await create({ client_id: UNKNOWN_ID });
      assert.equal(res.status, 404);
      assert.equal((await errorOf(res)).code, 'not_found');
      const list = TokenList.parse(await (await s.get().admin(`${TOKENS}?client_id=${UNKNOWN_ID}`)).json());
      assert.deepEqual(list.items, []);
    });

    it('invalid bodies are 400 with a detail per problem, naming the path', async () => {
      const cases: [unknown, string[]][] = [
        [{}, ['body.client_id']],
        [{ client_id: '' }, ['body.client_id']],
        [{ client_id: 'x'.repeat(129) }, ['body.client_id']],
        [{ client_id: 42 }, ['body.client_id']],
        [{ client_id: clientId(), permissions: { view_orders: 'yes' } }, ['body.permissions.view_orders']],
        [{ client_id: clientId(), permissions: true }, ['body.permissions']],
        [{ client_id: clientId(), expires_at: 12345 }, ['body.expires_at']],
        [{ client_id: clientId(), expires_at: '2030-01-01' }, ['body.expires_at']],
        [
          { client_id: '', permissions: { view_orders: 1 }, expires_at: 'soon' },
          ['body.client_id', 'body.permissions.view_orders', 'body.expires_at'],
        ],
        [[], ['body']],
      ];
      for (const [body, paths] of cases) {
        const res = await create(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(detailPaths(error).sort(), [...paths].sort(), JSON.stringify(body));
        for (const d of error.details as Detail[]) assert.ok(d.message.length > 0);
      }
    });

    it('malformed JSON is 400 malformed_json', async () => {
      const res = await s
        .get()
        .request(TOKENS, { rawBody: '{"client_id":', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      assert.equal(res.status, 400);
      assert.equal((await errorOf(res)).code, 'malformed_json');
    });

    it('the database keeps only a hash of the token', async () => {
      const created = CreatedToken.parse(await (await create({ client_id: clientId() })).json());
      const row = await s
        .get()
        .db.kysely.selectFrom('portal_tokens')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      for (const [column, value] of Object.entries(row)) {
        assert.ok(!String(value).includes(created.token), `column ${column} contains the token`);
        // Not even the random part without its prefix.
        assert.ok(!String(value).includes(created.token.slice(4)), `column ${column} contains the token's secret part`);
      }
      assert.match(row.token_hash, /^[0-9a-f]{64}$/);
      const all = await s.get().db.kysely.selectFrom('portal_tokens').selectAll().execute();
      assert.ok(!JSON.stringify(all).includes(created.token));
    });
  });

  describe('GET /customer-portal/tokens', () => {
    const s = useServer(kind);
    let clientA: string;
    let clientB: string;
    const made: { id: string; token: string; client_id: string; created_at: string }[] = [];

    before(async () => {
      [clientA, clientB] = [s.get().customers[0].id, s.get().customers[1].id];
      for (const client of [clientA, clientB, clientA, clientA, clientB]) {
        s.get().clock.advance(60_000);
        const created = CreatedToken.parse(await (await s.get().admin(TOKENS, { body: { client_id: client } })).json());
        made.push(created);
      }
    });

    it("lists only that client's tokens, newest first, with a hint and never the token", async () => {
      const res = await s.get().admin(`${TOKENS}?client_id=${clientA}`);
      assert.equal(res.status, 200);
      const text = await res.text();
      const list = TokenList.parse(JSON.parse(text));
      const expected = made.filter((t) => t.client_id === clientA).reverse();
      assert.deepEqual(
        list.items.map((t) => t.id),
        expected.map((t) => t.id),
      );
      assert.ok(list.items.every((t) => t.client_id === clientA));
      for (const [i, t] of list.items.entries()) {
        assert.equal(t.created_at, expected[i].created_at);
        if (i > 0) assert.ok(t.created_at < list.items[i - 1].created_at, 'newest first');
        assert.ok(t.hint.startsWith('cpt_'));
        assert.ok(t.hint.endsWith(expected[i].token.slice(-4)));
        assert.ok(t.hint.length < expected[i].token.length / 2, 'hint reveals little');
        assert.equal(t.revoked_at, null);
      }
      for (const t of made) {
        assert.ok(!text.includes(t.token), 'a token appears in the list');
        assert.ok(!text.includes(t.token.slice(4, -4)), 'the secret middle of a token appears in the list');
      }
      assert.ok(!/"token"\s*:/.test(text));
    });

    it('without client_id lists every token, newest first', async () => {
      const list = TokenList.parse(await (await s.get().admin(TOKENS)).json());
      assert.deepEqual(
        list.items.map((t) => t.id),
        [...made].reverse().map((t) => t.id),
      );
    });

    it('pages with ?limit and next_cursor', async () => {
      const { items, pages } = await walk(s.get(), `${TOKENS}?limit=2`, TokenList);
      assert.equal(pages, 3);
      assert.deepEqual(
        items.map((t) => t.id),
        [...made].reverse().map((t) => t.id),
      );
    });

    it('an empty, over-long or control-character client_id is 400; any other unknown one lists nothing', async () => {
      for (const unknown of ['abc', '123', `${clientA}x`]) {
        const res = await s.get().admin(`${TOKENS}?client_id=${encodeURIComponent(unknown)}`);
        assert.equal(res.status, 200, unknown);
        assert.deepEqual(TokenList.parse(await res.json()).items, [], unknown);
      }
      for (const bad of ['', 'x'.repeat(129), 'a\u0001']) {
        const res = await s.get().admin(`${TOKENS}?client_id=${encodeURIComponent(bad)}`);
        assert.equal(res.status, 400);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(detailPaths(error), ['query.client_id']);
      }
    });

    it('a customer without tokens gets an empty list', async () => {
      const other = s.get().customers.find((c) => c.id !== clientA && c.id !== clientB)!;
      const list = TokenList.parse(await (await s.get().admin(`${TOKENS}?client_id=${other.id}`)).json());
      assert.deepEqual(list, { items: [], next_cursor: null });
    });
  });

  describe('DELETE /customer-portal/tokens/{id}', () => {
    const s = useServer(kind);

    it('revokes at once: 204, then the token is 401 and the list shows revoked_at', async () => {
      const server = s.get();
      const clientId = server.customers[0].id;
      const created = CreatedToken.parse(await (await server.admin(TOKENS, { body: { client_id: clientId } })).json());
      const keep = CreatedToken.parse(await (await server.admin(TOKENS, { body: { client_id: clientId } })).json());
      assert.equal((await server.request(portal(created.token, '/session'))).status, 200);

      server.clock.advance(5 * 60_000);
      const revokedAt = server.clock.now.toISOString();
      const res = await server.admin(`${TOKENS}/${created.id}`, { method: 'DELETE' });
      assert.equal(res.status, 204);
      assert.equal(await res.text(), '');

      const after = await server.request(portal(created.token, '/session'));
      assert.equal(after.status, 401);
      assert.equal((await errorOf(after)).code, 'invalid_token');
      const catalog = await server.request(portal(created.token, '/catalog'));
      assert.equal(catalog.status, 401);
      // The other token of the same customer still works.
      assert.equal((await server.request(portal(keep.token, '/session'))).status, 200);

      const list = TokenList.parse(await (await server.admin(`${TOKENS}?client_id=${clientId}`)).json());
      assert.equal(list.items.find((t) => t.id === created.id)!.revoked_at, revokedAt);
      assert.equal(list.items.find((t) => t.id === keep.id)!.revoked_at, null);

      // Revoking again is harmless and keeps the first instant.
      server.clock.advance(60_000);
      const again = await server.admin(`${TOKENS}/${created.id}`, { method: 'DELETE' });
      assert.equal(again.status, 204);
      const list2 = TokenList.parse(await (await server.admin(`${TOKENS}?client_id=${clientId}`)).json());
      assert.equal(list2.items.find((t) => t.id === created.id)!.revoked_at, revokedAt);
      assert.equal((await server.request(portal(created.token, '/session'))).status, 401);
    });

    it('an unknown id is 404, whatever its shape; an over-long one is 400', async () => {
      for (const unknown of [UNKNOWN_ID, 'not-a-uuid', '42']) {
        const res = await s.get().admin(`${TOKENS}/${unknown}`, { method: 'DELETE' });
        assert.equal(res.status, 404, unknown);
        assert.equal((await errorOf(res)).code, 'not_found');
      }
      const bad = await s.get().admin(`${TOKENS}/${'x'.repeat(129)}`, { method: 'DELETE' });
      assert.equal(bad.status, 400);
      const error = await errorOf(bad);
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(detailPaths(error), ['path.id']);
    });
  });

  describe('workspace settings', () => {
    const s = useServer(kind);
    let original: WorkspaceSettings;
    const patch = (body: unknown) =>
      s.get().request(SETTINGS, { method: 'PATCH', body, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const current = async () => {
      const res = await s.get().admin(SETTINGS);
      assert.equal(res.status, 200);
      return WorkspaceSettings.parse(await res.json());
    };
    /** The admin customer record matching `pick`. */
    const customerWhere = async (pick: (c: ReturnType<typeof CustomerList.parse>['items'][number]) => boolean) => {
      const list = CustomerList.parse(await (await s.get().admin(CUSTOMERS)).json());
      const found = list.items.find(pick);
      assert.ok(found, 'no such seeded customer');
      return found;
    };
    const sessionOf = async (token: string) => {
      const res = await s.get().request(portal(token, '/session'));
      assert.equal(res.status, 200);
      return Session.parse(await res.json());
    };

    before(async () => {
      original = await current();
    });
    afterEach(async () => {
      const res = await patch(original);
      assert.equal(res.status, 200);
      assert.deepEqual(WorkspaceSettings.parse(await res.json()), original);
    });

    it('GET answers the seeded settings', async () => {
      const settings = await current();
      assert.deepEqual(settings.sections, Object.fromEntries(SECTIONS.map((x) => [x, true])));
      assert.equal(settings.trial_expired, false);
      assert.equal(settings.create_order_on_quote_acceptance, true);
      assert.equal(settings.checkout_mode, 'pay_later');
      assert.equal(settings.order_template, 'standard');
      assert.match(settings.payment_url ?? '', /^https:\/\//);
    });

    it('PATCH merges: sections.quotes=false keeps the other sections, and persists', async () => {
      const res = await patch({ sections: { quotes: false } });
      assert.equal(res.status, 200);
      const answered = WorkspaceSettings.parse(await res.json());
      assert.deepEqual(answered, { ...original, sections: { ...original.sections, quotes: false } });
      assert.deepEqual(await current(), answered);

      // A second partial patch keeps the first.
      const res2 = await patch({ sections: { payments: false } });
      assert.deepEqual(WorkspaceSettings.parse(await res2.json()).sections, {
        ...original.sections,
        quotes: false,
        payments: false,
      });
    });

    it('an empty patch changes nothing', async () => {
      const res = await patch({});
      assert.equal(res.status, 200);
      assert.deepEqual(WorkspaceSettings.parse(await res.json()), original);
    });

    it('an unknown key is 400 and changes nothing', async () => {
      const res = await patch({ sections: { quotes: false }, theme: 'dark' });
      assert.equal(res.status, 400);
      const error = await errorOf(res);
      assert.equal(error.code, 'validation_failed');
      assert.ok(detailPaths(error).every((p) => p.startsWith('body')));
      assert.deepEqual(await current(), original);
    });

    it('an unknown key inside sections or tabs is 400, not silently ignored', async () => {
      for (const body of [{ sections: { qoutes: false } }, { tabs: { new_arrival: 'hide' } }]) {
        const res = await patch(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal((await errorOf(res)).code, 'validation_failed');
      }
      assert.deepEqual(await current(), original);
    });

    it('wrong types are 400 with the path and change nothing', async () => {
      const cases: [unknown, string][] = [
        [{ trial_expired: 'yes' }, 'body.trial_expired'],
        [{ sections: { quotes: 'off' } }, 'body.sections.quotes'],
        [{ sections: false }, 'body.sections'],
        [{ tabs: { all: 'visible' } }, 'body.tabs.all'],
        [{ checkout_mode: 'pay_whenever' }, 'body.checkout_mode'],
        [{ order_template: 'grid' }, 'body.order_template'],
        [{ create_order_on_quote_acceptance: 1 }, 'body.create_order_on_quote_acceptance'],
        [{ freight: { flat_minor: 12.5, free_over_minor: null } }, 'body.freight.flat_minor'],
        [{ freight: { flat_minor: 100 } }, 'body.freight.free_over_minor'],
        [{ payment_url: 'ftp://pay.example.com/x' }, 'body.payment_url'],
        [{ payment_url: 'javascript:alert(1)' }, 'body.payment_url'],
        [{ payment_url: 'not a url' }, 'body.payment_url'],
      ];
      for (const [body, path] of cases) {
        const res = await patch(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(detailPaths(error), [path], JSON.stringify(body));
      }
      assert.deepEqual(await current(), original);
    });

    it('a missing or non-object body is 400', async () => {
      const noBody = await s
        .get()
        .request(SETTINGS, { method: 'PATCH', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      assert.equal(noBody.status, 400);
      assert.equal((await errorOf(noBody)).code, 'validation_failed');
      const array = await patch([]);
      assert.equal(array.status, 400);
    });

    it('switching a section off: the portal section answers 403 section_disabled and the session shows it', async () => {
      const token = await s.get().tokenFor(s.get().customers[0].id);
      const paths: Record<(typeof SECTIONS)[number], string> = {
        orders: '/orders',
        quotes: '/quotes',
        invoices: '/invoices',
        payments: '/payments',
        deliveries: '/deliveries',
      };
      for (const section of SECTIONS) {
        assert.equal((await s.get().request(portal(token, paths[section]))).status, 200, section);
        assert.equal((await patch({ sections: { [section]: false } })).status, 200);

        const res = await s.get().request(portal(token, paths[section]));
        assert.equal(res.status, 403, section);
        assert.equal((await errorOf(res)).code, 'section_disabled');
        const session = await sessionOf(token);
        assert.deepEqual(session.settings.sections, { ...original.sections, [section]: false });

        assert.equal((await patch({ sections: { [section]: true } })).status, 200);
        assert.equal((await s.get().request(portal(token, paths[section]))).status, 200, `${section} back on`);
      }
    });

    it('orders off also closes order detail and order history', async () => {
      const token = await s.get().tokenFor(s.get().customers[0].id);
      await patch({ sections: { orders: false } });
      for (const path of [`/orders/${UNKNOWN_ID}`, '/order-history']) {
        const res = await s.get().request(portal(token, path));
        assert.equal(res.status, 403, path);
        assert.equal((await errorOf(res)).code, 'section_disabled');
      }
    });

    it('create_order_on_quote_acceptance', async () => {
      const res = await patch({ create_order_on_quote_acceptance: false });
      assert.equal(WorkspaceSettings.parse(await res.json()).create_order_on_quote_acceptance, false);
      assert.equal((await current()).create_order_on_quote_acceptance, false);
    });

    it('tabs.* merge key by key and reach the session', async () => {
      const res = await patch({ tabs: { new_arrivals: 'hide', on_sale: 'show' } });
      const expected = { ...original.tabs, new_arrivals: 'hide', on_sale: 'show' };
      assert.deepEqual(WorkspaceSettings.parse(await res.json()).tabs, expected);
      await patch({ tabs: { categories: 'hide' } });
      assert.deepEqual((await current()).tabs, { ...expected, categories: 'hide' });
      const session = await sessionOf(await s.get().tokenFor(s.get().customers[0].id));
      assert.deepEqual(session.settings.tabs, { ...expected, categories: 'hide' });
    });

    it('checkout_mode is the default for customers without their own', async () => {
      const plain = await customerWhere((c) => c.settings.checkout_mode === null);
      const own = await customerWhere((c) => c.settings.checkout_mode === 'pay_later');
      const res = await patch({ checkout_mode: 'pay_now' });
      assert.equal(WorkspaceSettings.parse(await res.json()).checkout_mode, 'pay_now');
      assert.equal((await current()).checkout_mode, 'pay_now');
      assert.equal((await sessionOf(await s.get().tokenFor(plain.id))).settings.checkout_mode, 'pay_now');
      assert.equal((await sessionOf(await s.get().tokenFor(own.id))).settings.checkout_mode, 'pay_later');
    });

    it('order_template is the default for customers without their own', async () => {
      const plain = await customerWhere((c) => c.settings.order_template === null);
      const own = await customerWhere((c) => c.settings.order_template === 'standard');
      await patch({ order_template: 'quantity_grid' });
      assert.equal((await current()).order_template, 'quantity_grid');
      assert.equal((await sessionOf(await s.get().tokenFor(plain.id))).settings.order_template, 'quantity_grid');
      assert.equal((await sessionOf(await s.get().tokenFor(own.id))).settings.order_template, 'standard');
    });

    it('freight is replaced whole and is the default for customers without their own', async () => {
      const plain = await customerWhere((c) => c.settings.freight === null);
      const own = await customerWhere((c) => c.settings.freight !== null);
      const freight = { flat_minor: 0, free_over_minor: null };
      const res = await patch({ freight });
      assert.deepEqual(WorkspaceSettings.parse(await res.json()).freight, freight);
      assert.deepEqual((await current()).freight, freight);
      assert.deepEqual((await sessionOf(await s.get().tokenFor(plain.id))).settings.freight, freight);
      assert.deepEqual((await sessionOf(await s.get().tokenFor(own.id))).settings.freight, own.settings.freight);
    });

    it('payment_url takes an http(s) URL or null', async () => {
      const token = await s.get().tokenFor(s.get().customers[0].id);
      for (const url of ['https://pay.example.org/p?x=1', 'http://localhost:8080/pay', null]) {
        const res = await patch({ payment_url: url });
        assert.equal(res.status, 200, String(url));
        assert.equal(WorkspaceSettings.parse(await res.json()).payment_url, url);
        assert.equal((await current()).payment_url, url);
        assert.equal((await sessionOf(token)).settings.payment_url, url);
      }
    });

    it('trial_expired makes the supplier unavailable in the session, browsing still works', async () => {
      const token = await s.get().tokenFor(s.get().customers[0].id);
      assert.equal((await sessionOf(token)).settings.supplier_available, true);
      const res = await patch({ trial_expired: true });
      assert.equal(WorkspaceSettings.parse(await res.json()).trial_expired, true);
      assert.equal((await current()).trial_expired, true);
      assert.equal((await sessionOf(token)).settings.supplier_available, false);
      assert.equal((await s.get().request(portal(token, '/catalog'))).status, 200);
      assert.equal((await s.get().request(portal(token, '/orders'))).status, 200);
    });

    it('order_changes merge key by key and reach the session, as does require_unique_reference', async () => {
      assert.deepEqual(original.order_changes, {
        enabled: true,
        apply_updates_automatically: false,
        apply_cancellations_automatically: false,
        allowed_before: 'in_progress',
        edits_allowed_before: null,
        cancellations_allowed_before: null,
      });
      assert.equal(original.require_unique_reference, false);
      const res = await patch({ order_changes: { apply_updates_automatically: true } });
      assert.equal(res.status, 200);
      const expected = { ...original.order_changes, apply_updates_automatically: true };
      assert.deepEqual(WorkspaceSettings.parse(await res.json()).order_changes, expected);
      await patch({ order_changes: { allowed_before: 'shipped' }, require_unique_reference: true });
      const settings = await current();
      assert.deepEqual(settings.order_changes, { ...expected, allowed_before: 'shipped' });
      assert.equal(settings.require_unique_reference, true);
      const session = await sessionOf(await s.get().tokenFor(s.get().customers[0].id));
      assert.deepEqual(session.settings.order_changes, settings.order_changes);
      assert.equal(session.settings.require_unique_reference, true);
    });

    it('bad order_changes are 400 with the path and change nothing', async () => {
      const cases: [unknown, string][] = [
        [{ order_changes: { allowed_before: 'delivered' } }, 'body.order_changes.allowed_before'],
        [{ order_changes: { enabled: 'yes' } }, 'body.order_changes.enabled'],
        [{ order_changes: { enabeld: true } }, 'body.order_changes'],
        [{ order_changes: null }, 'body.order_changes'],
        [{ require_unique_reference: 'true' }, 'body.require_unique_reference'],
        [{ order_creation_status: 'order' }, 'body.order_creation_status'],
        [{ order_creation_status: null }, 'body.order_creation_status'],
      ];
      for (const [body, path] of cases) {
        const res = await patch(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.deepEqual(detailPaths(await errorOf(res)), [path], JSON.stringify(body));
      }
      assert.deepEqual(await current(), original);
    });

    it('settings stored before order changes existed read with their defaults, and a patch merges into them', async () => {
      const db = s.get().db.kysely;
      const row = await db.selectFrom('workspace').select(['id', 'settings_json']).executeTakeFirstOrThrow();
      const {
        order_changes: _,
        require_unique_reference: __,
        order_creation_status: ___,
        ...old
      } = JSON.parse(row.settings_json);
      await db
        .updateTable('workspace')
        .set({ settings_json: JSON.stringify(old) })
        .where('id', '=', row.id)
        .execute();
      const defaults = {
        enabled: true,
        apply_updates_automatically: false,
        apply_cancellations_automatically: false,
        allowed_before: 'in_progress',
        edits_allowed_before: null,
        cancellations_allowed_before: null,
      };
      const read = await current();
      assert.deepEqual(read.order_changes, defaults);
      assert.equal(read.require_unique_reference, false);
      assert.equal(read.order_creation_status, 'to_plan');
      assert.equal(read.create_orders_automatically, true, 'orders are created automatically unless told otherwise');
      const res = await patch({ order_changes: { enabled: false } });
      assert.deepEqual(WorkspaceSettings.parse(await res.json()).order_changes, { ...defaults, enabled: false });
    });

    it('every field at once round-trips', async () => {
      const everything: WorkspaceSettings = {
        sections: { orders: false, quotes: false, invoices: false, payments: false, deliveries: false },
        create_order_on_quote_acceptance: false,
        tabs: { all: 'hide', new_arrivals: 'show', on_sale: 'hide', past_orders: 'show', categories: 'hide' },
        checkout_mode: 'pay_now',
        order_template: 'quantity_grid',
        freight: { flat_minor: 999, free_over_minor: 10_000 },
        payment_url: 'https://pay.example.net/',
        trial_expired: true,
        show_price_explanation: true,
        allow_orders_over_credit_limit: true,
        order_changes: {
          enabled: false,
          apply_updates_automatically: true,
          apply_cancellations_automatically: true,
          allowed_before: 'shipped',
          edits_allowed_before: 'confirmed',
          cancellations_allowed_before: 'in_progress',
        },
        require_unique_reference: true,
        portal_page_url: 'https://shop.example.net/order',
        time_zone: 'America/New_York',
        order_creation_status: 'quote',
        create_orders_automatically: false,
      };
      const res = await patch(everything);
      assert.equal(res.status, 200);
      assert.deepEqual(WorkspaceSettings.parse(await res.json()), everything);
      assert.deepEqual(await current(), everything);
    });
  });
});
