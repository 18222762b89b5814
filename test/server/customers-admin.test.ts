/**
 * The supplier's back office (issue 15): customers created, read, changed and archived, named
 * admin keys, and the customers' activity, as an API client and the customer's portal see them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ActivityList,
  AdminKeyList,
  Catalog,
  CreatedAdminKey,
  CustomerDetail,
  CustomerList,
  CreatedToken,
  OrderDetail,
  Session,
} from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const CUSTOMERS = '/api/v1/customers';
const KEYS = '/api/v1/admin-keys';
const ACTIVITY = '/api/v1/activity';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function create(server: TestServer, body: unknown) {
  const res = await server.admin(CUSTOMERS, { body });
  assert.equal(res.status, 201, await res.clone().text());
  return CustomerDetail.parse(await res.json());
}

async function patch(server: TestServer, id: string, body: unknown) {
  const res = await server.admin(`${CUSTOMERS}/${id}`, { method: 'PATCH', body });
  assert.equal(res.status, 200, await res.clone().text());
  return CustomerDetail.parse(await res.json());
}

async function priceGroups(server: TestServer) {
  return server.db.kysely.selectFrom('price_groups').selectAll().orderBy('name').execute();
}

/** GET with an admin key other than the harness's. */
const withKey = (server: TestServer, key: string, path = CUSTOMERS) =>
  server.request(path, { headers: { authorization: `Bearer ${key}` } });

forEachDatabase('back office: customers', (kind) => {
  describe('create and read', () => {
    const s = useServer(kind);

    it('creates a customer from a business name alone: every setting follows the workspace', async () => {
      const created = await create(s.get(), { business_name: '  Corner Deli  ' });
      assert.equal(created.business_name, 'Corner Deli');
      assert.deepEqual(
        { ...created, id: undefined },
        {
          id: undefined,
          business_name: 'Corner Deli',
          email: null,
          price_group: null,
          credit_limit_minor: 0,
          language: null,
          archived_at: null,
          settings: {
            order_template: null,
            checkout_mode: null,
            freight: null,
            approval: { required_for: 'none', amount_minor: null },
            default_delivery_service_id: null,
            order_creation_status: null,
            create_orders_automatically: null,
            charges: null,
            show_charges: true,
            minimum_order_minor: null,
            order_defaults: null,
          },
          live_links: 0,
          last_activity_at: null,
        },
      );
      const read = await s.get().admin(`${CUSTOMERS}/${created.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(CustomerDetail.parse(await read.json()), created);
    });

    it('creates a customer with every setting', async () => {
      const [group] = await priceGroups(s.get());
      const created = await create(s.get(), {
        business_name: 'Harbour Bistro',
        email: 'orders@harbour.example',
        language: 'es',
        price_group_id: group.id,
        credit_limit_minor: 250_000,
        order_template: 'quantity_grid',
        checkout_mode: 'pay_now',
        freight: { flat_minor: 900, free_over_minor: 20_000 },
        order_creation_status: 'quote',
        create_orders_automatically: false,
      });
      assert.deepEqual(created.price_group, { id: group.id, name: group.name });
      assert.equal(created.language, 'es');
      assert.equal(created.email, 'orders@harbour.example');
      assert.equal(created.credit_limit_minor, 250_000);
      assert.deepEqual(created.settings, {
        order_template: 'quantity_grid',
        checkout_mode: 'pay_now',
        freight: { flat_minor: 900, free_over_minor: 20_000 },
        approval: { required_for: 'none', amount_minor: null },
        default_delivery_service_id: null,
        order_creation_status: 'quote',
        create_orders_automatically: false,
        charges: null,
        show_charges: true,
        minimum_order_minor: null,
        order_defaults: null,
      });
    });

    it('refuses an unknown price group with 422 naming the field, and creates nothing', async () => {
      const before = (await s.get().db.kysely.selectFrom('customers').select('id').execute()).length;
      const res = await s
        .get()
        .admin(CUSTOMERS, { body: { business_name: 'Nowhere Ltd', price_group_id: UNKNOWN_ID } });
      assert.equal(res.status, 422);
      const error = await errorOf(res);
      assert.equal(error.code, 'unknown_price_group');
      assert.deepEqual(
        (error.details as { path: string }[]).map((d) => d.path),
        ['body.price_group_id'],
      );
      assert.equal((await s.get().db.kysely.selectFrom('customers').select('id').execute()).length, before);
    });

    it('refuses a missing or blank business name, a bad email, a negative credit limit and unknown fields with 400', async () => {
      for (const body of [
        {},
        { business_name: '   ' },
        { business_name: 'A', email: 'not-an-email' },
        { business_name: 'A', credit_limit_minor: -1 },
        { business_name: 'A', language: 'fr' },
        { business_name: 'A', colour: 'red' },
      ]) {
        const res = await s.get().admin(CUSTOMERS, { body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal((await errorOf(res)).code, 'validation_failed');
      }
    });

    it('404 for an unknown customer', async () => {
      for (const [method, path] of [
        ['GET', ''],
        ['PATCH', ''],
        ['POST', '/archive'],
        ['POST', '/unarchive'],
      ]) {
        const res = await s
          .get()
          .admin(`${CUSTOMERS}/${UNKNOWN_ID}${path}`, { method, ...(method === 'PATCH' ? { body: {} } : {}) });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal((await errorOf(res)).code, 'not_found');
      }
    });

    it('counts live links: revoked and expired ones are not', async () => {
      const server = s.get();
      const customer = await create(server, { business_name: 'Link Counting Co' });
      await server.issueToken(customer.id);
      const revoked = await server.issueToken(customer.id);
      await server.issueToken(customer.id, {}, new Date(server.clock.now.getTime() + 60_000).toISOString());
      assert.equal(
        (await server.admin(`/api/v1/customer-portal/tokens/${revoked.id}`, { method: 'DELETE' })).status,
        204,
      );
      server.clock.advance(120_000);
      const read = CustomerDetail.parse(await (await server.admin(`${CUSTOMERS}/${customer.id}`)).json());
      assert.equal(read.live_links, 1);
      assert.ok(read.last_activity_at, 'links created and revoked are activity');
    });
  });

  describe('list: search and archived filter', () => {
    const s = useServer(kind);

    it('finds customers by part of the business name or email, in any case', async () => {
      const server = s.get();
      const a = await create(server, { business_name: 'Zebra Crossing Café', email: 'Buyer@ZEBRA.example' });
      const b = await create(server, { business_name: 'Quiet Zebra 100%', email: null });
      const names = async (q: string) =>
        CustomerList.parse(await (await server.admin(`${CUSTOMERS}?q=${encodeURIComponent(q)}`)).json())
          .items.map((c) => c.id)
          .sort();
      assert.deepEqual(await names('zEbRa'), [a.id, b.id].sort());
      assert.deepEqual(await names('buyer@zebra'), [a.id]);
      assert.deepEqual(await names('100%'), [b.id]);
      assert.deepEqual(await names('0%0'), [], '% is matched as itself');
      assert.deepEqual(await names('no such customer'), []);
    });

    it('leaves archived customers out unless asked; pages through them with the filter', async () => {
      const server = s.get();
      const archived = await create(server, { business_name: 'Archived Arms' });
      assert.equal((await server.admin(`${CUSTOMERS}/${archived.id}/archive`, { method: 'POST' })).status, 200);
      const ids = async (query: string) => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await server.admin(
            `${CUSTOMERS}?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          assert.equal(res.status, 200);
          const page = CustomerList.parse(await res.json());
          out.push(...page.items.map((c) => c.id));
          cursor = page.next_cursor;
        } while (cursor);
        return out;
      };
      const active = await ids('');
      const onlyArchived = await ids('&archived=true');
      const all = await ids('&archived=any');
      assert.ok(!active.includes(archived.id));
      assert.ok(onlyArchived.includes(archived.id));
      assert.ok(onlyArchived.length >= 2, 'the demo data has an archived customer too');
      assert.deepEqual([...all].sort(), [...active, ...onlyArchived].sort());
      assert.equal((await server.admin(`${CUSTOMERS}?archived=maybe`)).status, 400);
    });
  });

  describe('changes show in the portal at once', () => {
    const s = useServer(kind);

    it('a price group set, changed and reset shows in the catalogue prices at the next request', async () => {
      const server = s.get();
      const customer = await create(server, { business_name: 'Price Group Pub' });
      const token = await server.tokenFor(customer.id);
      const catalogue = async () => {
        const res = await server.request(portal(token, '/catalog'));
        assert.equal(res.status, 200);
        return Catalog.parse(await res.json());
      };
      const before = await catalogue();
      assert.equal(before.pricing.group_list, null);
      // A product the group prices apart from the default list.
      const groups = await priceGroups(server);
      const [group, lists] = await (async () => {
        for (const g of groups) {
          const list = await server.db.kysely
            .selectFrom('price_lists')
            .select('id')
            .where('price_group_id', '=', g.id)
            .executeTakeFirstOrThrow();
          return [g, list] as const;
        }
        throw new Error('no price group in the demo data');
      })();
      await patch(server, customer.id, { price_group_id: group.id });
      const after = await catalogue();
      assert.equal(after.pricing.group_list?.id, lists.id);
      const at = server.clock.now;
      const product = after.products.find((p) => {
        const old = new Pricer(before.pricing).resolve(p, p.units[0].code, 1, at).price?.unit_price_minor;
        const now = new Pricer(after.pricing).resolve(p, p.units[0].code, 1, at).price?.unit_price_minor;
        return old !== undefined && now !== undefined && old !== now;
      });
      assert.ok(product, 'some product has the group price now');
      const entry = after.pricing.group_list!.entries.find(
        (e) => e.product_id === product.id && e.uom === product.units[0].code,
      )!;
      const resolved = new Pricer(after.pricing).resolve(product, product.units[0].code, 1, at).price!;
      assert.ok(
        resolved.unit_price_minor <= entry.tiers[0].unit_price_minor,
        'the group price (or a promotion under it)',
      );

      await patch(server, customer.id, { price_group_id: null });
      assert.equal((await catalogue()).pricing.group_list, null);
    });

    it('template, checkout mode and freight set and reset show in the session at the next request', async () => {
      const server = s.get();
      const customer = await create(server, { business_name: 'Settings Shop' });
      const token = await server.tokenFor(customer.id);
      const settings = async () =>
        Session.parse(await (await server.request(portal(token, '/session'))).json()).settings;
      const defaults = await settings();
      const freight = { flat_minor: defaults.freight.flat_minor + 123, free_over_minor: null };
      const template = defaults.order_template === 'standard' ? 'quantity_grid' : 'standard';
      const mode = defaults.checkout_mode === 'pay_now' ? 'pay_later' : 'pay_now';
      await patch(server, customer.id, { order_template: template, checkout_mode: mode, freight });
      const changed = await settings();
      assert.deepEqual([changed.order_template, changed.checkout_mode, changed.freight], [template, mode, freight]);
      const reset = await patch(server, customer.id, { order_template: null, checkout_mode: null, freight: null });
      assert.deepEqual(reset.settings, {
        order_template: null,
        checkout_mode: null,
        freight: null,
        approval: { required_for: 'none', amount_minor: null },
        default_delivery_service_id: null,
        order_creation_status: null,
        create_orders_automatically: null,
        charges: null,
        show_charges: true,
        minimum_order_minor: null,
        order_defaults: null,
      });
      const quoting = await patch(server, customer.id, { order_creation_status: 'quote' });
      assert.equal(quoting.settings.order_creation_status, 'quote');
      const unset = await patch(server, customer.id, { order_creation_status: null });
      assert.equal(unset.settings.order_creation_status, null);
      const back = await settings();
      assert.deepEqual(
        [back.order_template, back.checkout_mode, back.freight],
        [defaults.order_template, defaults.checkout_mode, defaults.freight],
      );
    });

    it('a patch leaves the fields it does not name; 422 for an unknown price group, 400 for a bad value', async () => {
      const server = s.get();
      const [group] = await priceGroups(server);
      const customer = await create(server, {
        business_name: 'Patchwork Ltd',
        email: 'a@patch.example',
        price_group_id: group.id,
        language: 'en',
      });
      const renamed = await patch(server, customer.id, { business_name: 'Patchwork Limited', language: null });
      assert.equal(renamed.business_name, 'Patchwork Limited');
      assert.equal(renamed.language, null);
      assert.equal(renamed.email, 'a@patch.example');
      assert.equal(renamed.price_group?.id, group.id);
      const unknown = await server.admin(`${CUSTOMERS}/${customer.id}`, {
        method: 'PATCH',
        body: { price_group_id: UNKNOWN_ID },
      });
      assert.equal(unknown.status, 422);
      assert.equal((await errorOf(unknown)).code, 'unknown_price_group');
      const bad = await server.admin(`${CUSTOMERS}/${customer.id}`, { method: 'PATCH', body: { business_name: null } });
      assert.equal(bad.status, 400);
      const read = CustomerDetail.parse(await (await server.admin(`${CUSTOMERS}/${customer.id}`)).json());
      assert.equal(read.price_group?.id, group.id);
    });
  });

  describe('archive', () => {
    const s = useServer(kind);

    it("locks the customer's links out at once and refuses new ones; unarchiving brings them back", async () => {
      const server = s.get();
      const customer = await create(server, { business_name: 'Gone Fishing' });
      const token = await server.tokenFor(customer.id);
      // Warm every cache there is first.
      for (const path of ['/session', '/catalog', '/orders'])
        assert.equal((await server.request(portal(token, path))).status, 200, path);

      const archivedRes = await server.admin(`${CUSTOMERS}/${customer.id}/archive`, { method: 'POST' });
      assert.equal(archivedRes.status, 200);
      const archived = CustomerDetail.parse(await archivedRes.json());
      assert.equal(archived.archived_at, server.clock.now.toISOString());
      for (const path of ['/session', '/catalog', '/orders']) {
        const res = await server.request(portal(token, path));
        assert.equal(res.status, 401, path);
        assert.equal((await errorOf(res)).code, 'invalid_token');
      }
      const refused = await server.admin('/api/v1/customer-portal/tokens', { body: { client_id: customer.id } });
      assert.equal(refused.status, 422);
      assert.equal((await errorOf(refused)).code, 'customer_archived');

      server.clock.advance(1000);
      const again = CustomerDetail.parse(
        await (await server.admin(`${CUSTOMERS}/${customer.id}/archive`, { method: 'POST' })).json(),
      );
      assert.equal(again.archived_at, archived.archived_at, 'archiving twice keeps the first instant');

      const back = CustomerDetail.parse(
        await (await server.admin(`${CUSTOMERS}/${customer.id}/unarchive`, { method: 'POST' })).json(),
      );
      assert.equal(back.archived_at, null);
      for (const path of ['/session', '/catalog', '/orders'])
        assert.equal((await server.request(portal(token, path))).status, 200, path);
      const created = await server.admin('/api/v1/customer-portal/tokens', { body: { client_id: customer.id } });
      assert.equal(created.status, 201);
      CreatedToken.parse(await created.json());
    });
  });

  describe('named admin keys', () => {
    const s = useServer(kind, { config: { tokenUseFlushMs: 3_600_000 } });

    it('a named key works at once, is listed without its secret, and stops working at once when revoked', async () => {
      const server = s.get();
      const res = await server.admin(KEYS, { body: { name: 'ERP sync' } });
      assert.equal(res.status, 201);
      const created = CreatedAdminKey.parse(await res.json());
      server.secrets.add(created.key);
      assert.match(created.key, /^cpa_/);
      assert.equal(created.name, 'ERP sync');
      assert.equal(created.bootstrap, false);
      assert.equal(created.last_used_at, null);

      server.clock.advance(1000);
      assert.equal((await withKey(server, created.key)).status, 200);
      const usedAt = server.clock.now.toISOString();

      const listRes = await server.admin(KEYS);
      const text = await listRes.text();
      assert.ok(!text.includes(created.key), 'the list never shows a secret');
      const list = AdminKeyList.parse(JSON.parse(text));
      assert.equal(list.items[0].bootstrap, true, 'the bootstrap key comes first');
      const listed = list.items.find((k) => k.id === created.id)!;
      assert.equal(listed.hint, created.hint);
      assert.equal(listed.last_used_at, usedAt);
      assert.ok(!created.hint!.includes(created.key.slice(6, -4)));

      // A named key may manage keys too.
      const other = CreatedAdminKey.parse(
        await (
          await server.request(KEYS, { body: { name: 'Console' }, headers: { authorization: `Bearer ${created.key}` } })
        ).json(),
      );
      server.secrets.add(other.key);

      const revoke = await server.admin(`${KEYS}/${created.id}`, { method: 'DELETE' });
      assert.equal(revoke.status, 204);
      const refused = await withKey(server, created.key);
      assert.equal(refused.status, 401);
      assert.equal((await errorOf(refused)).code, 'unauthorized');
      assert.equal((await withKey(server, other.key)).status, 200, 'other keys keep working');
      assert.equal(
        (await server.admin(`${KEYS}/${created.id}`, { method: 'DELETE' })).status,
        204,
        'revoking twice is harmless',
      );
      const after = AdminKeyList.parse(await (await server.admin(KEYS)).json()).items.find((k) => k.id === created.id)!;
      assert.equal(after.revoked_at, server.clock.now.toISOString());
    });

    it('refuses an unknown key id (404), the bootstrap key (422) and a blank name (400)', async () => {
      const server = s.get();
      const unknown = await server.admin(`${KEYS}/${UNKNOWN_ID}`, { method: 'DELETE' });
      assert.equal(unknown.status, 404);
      assert.equal((await errorOf(unknown)).code, 'not_found');
      const bootstrap = await server.admin(`${KEYS}/bootstrap`, { method: 'DELETE' });
      assert.equal(bootstrap.status, 422);
      assert.equal((await errorOf(bootstrap)).code, 'key_not_revocable');
      assert.equal((await server.admin(CUSTOMERS)).status, 200, 'the bootstrap key still works');
      for (const body of [{}, { name: '  ' }, { name: 'x', extra: 1 }])
        assert.equal((await server.admin(KEYS, { body })).status, 400);
    });

    it('keeps only a hash of a named key', async () => {
      const server = s.get();
      const created = CreatedAdminKey.parse(await (await server.admin(KEYS, { body: { name: 'Stored' } })).json());
      server.secrets.add(created.key);
      const rows = await server.db.kysely.selectFrom('admin_keys').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(created.key));
    });
  });

  describe('activity', () => {
    const s = useServer(kind, { config: { tokenUseFlushMs: 3_600_000 } });

    it('lists a link created and used and an order placed in the portal, newest first, once per link and hour', async () => {
      const server = s.get();
      const [group] = await priceGroups(server);
      const customer = await create(server, { business_name: 'Activity Alley', price_group_id: group.id });
      server.clock.advance(1000);
      const link = await server.issueToken(customer.id);
      server.clock.advance(60_000);
      const opened = server.clock.now.toISOString();
      const catalog = Catalog.parse(await (await server.request(portal(link.token, '/catalog'))).json());
      server.clock.advance(60_000);
      // More uses within the hour add no entry.
      assert.equal((await server.request(portal(link.token, '/session'))).status, 200);
      const pricer = new Pricer(catalog.pricing);
      const product = catalog.products.find((p) => pricer.resolve(p, p.units[0].code, 1, server.clock.now).orderable)!;
      server.clock.advance(60_000);
      const placed = await server.request(portal(link.token, '/orders'), {
        body: { lines: [{ product_id: product.id, quantity: 1 }] },
        headers: { 'idempotency-key': 'activity-1' },
      });
      assert.equal(placed.status, 201, await placed.clone().text());
      const order = OrderDetail.parse(await placed.json());

      const res = await server.admin(`${ACTIVITY}?customer_id=${encodeURIComponent(customer.id)}`);
      assert.equal(res.status, 200);
      const items = ActivityList.parse(await res.json()).items;
      const hint = link.token.slice(0, 6);
      assert.deepEqual(
        items.map((i) => [i.kind, i.at]),
        [
          ['order_placed', order.created_at],
          ['link_used', opened],
          ['link_created', items[2]?.at],
        ],
      );
      assert.deepEqual(items[0].document, { id: order.id, number: order.number });
      assert.deepEqual(items[0].customer, { id: customer.id, business_name: 'Activity Alley' });
      assert.equal(items[1].link?.id, link.id);
      assert.ok(items[1].link?.hint.startsWith(hint));
      assert.ok(!JSON.stringify(items).includes(link.token));

      // The next hour's use is a new entry.
      server.clock.advance(3_600_000);
      assert.equal((await server.request(portal(link.token, '/session'))).status, 200);
      const later = ActivityList.parse(
        await (await server.admin(`${ACTIVITY}?customer_id=${encodeURIComponent(customer.id)}`)).json(),
      ).items;
      assert.deepEqual(
        later.map((i) => i.kind),
        ['link_used', 'order_placed', 'link_used', 'link_created'],
      );
      const detail = CustomerDetail.parse(await (await server.admin(`${CUSTOMERS}/${customer.id}`)).json());
      assert.equal(detail.last_activity_at, later[0].at);
    });

    it("pages through every customer's activity without a gap or a repeat, and refuses a bad cursor", async () => {
      const server = s.get();
      const first = ActivityList.parse(await (await server.admin(`${ACTIVITY}?limit=100`)).json());
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await server.admin(`${ACTIVITY}?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(res.status, 200);
        const page = ActivityList.parse(await res.json());
        seen.push(...page.items.map((i) => JSON.stringify(i)));
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 1000);
      assert.ok(seen.length > 50, `the demo data has activity: ${seen.length}`);
      assert.deepEqual(
        seen.slice(0, first.items.length),
        first.items.map((i) => JSON.stringify(i)),
      );
      assert.equal(new Set(seen).size, seen.length);
      const ats = seen.map((i) => (JSON.parse(i) as { at: string }).at);
      assert.deepEqual(ats, [...ats].sort().reverse());
      const kinds = new Set(seen.map((i) => (JSON.parse(i) as { kind: string }).kind));
      for (const k of ['order_placed', 'change_requested', 'quote_accepted', 'quote_declined', 'link_created'])
        assert.ok(kinds.has(k), k);
      assert.equal((await server.admin(`${ACTIVITY}?cursor=nope`)).status, 400);
    });
  });
});
