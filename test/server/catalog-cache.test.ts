/**
 * The catalogue answer is read a page at a time and kept serialized per pricing context and
 * catalogue revision (routes/catalog-cache.ts): it must stay exactly the answer the whole-table
 * read gave, follow every write to the catalogue, and never give one price group another's prices.
 */
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { loadCatalog, priceListEntryPages, productPages } from '../../demo-server/db/catalog.ts';
import { CatalogCache } from '../../demo-server/routes/catalog-cache.ts';
import { Catalog, CompactCatalog } from '../../widget/contract/index.ts';
import { fromCompactCatalog, toCompactCatalog } from '../../widget/contract/rules/compact-catalog.ts';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../demo-server/app.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { ADMIN_KEY, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

/** The answer as the route built it before the cache: the whole catalogue in one read. */
async function wholeRead(server: TestServer, customerId: string, explain: boolean): Promise<string> {
  const db = server.db.kysely;
  const customer = await db
    .selectFrom('customers')
    .select('price_group_id')
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  const workspace = await db.selectFrom('workspace').select('currency').executeTakeFirstOrThrow();
  const now = server.clock.now.toISOString();
  const catalog = await loadCatalog(db, { priceGroupId: customer.price_group_id, now });
  const pricing = explain
    ? catalog.pricing
    : {
        ...catalog.pricing,
        group_list: catalog.pricing.group_list && { ...catalog.pricing.group_list, name: null },
        default_list: catalog.pricing.default_list && { ...catalog.pricing.default_list, name: null },
      };
  return JSON.stringify({ currency: workspace.currency, ...catalog, pricing, generated_at: now });
}

const text = async (server: TestServer, token: string) => {
  const res = await server.request(portal(token, '/catalog'));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  return res.text();
};

forEachDatabase('the catalogue answer, cached', (kind) => {
  const s = useServer(kind);

  it('is byte for byte the whole-table answer for every customer, with and without price explanations', async () => {
    const server = s.get();
    for (const explain of [false, true]) {
      assert.equal(
        (
          await server.admin('/api/v1/workspace/settings', {
            method: 'PATCH',
            body: { show_price_explanation: explain },
          })
        ).status,
        200,
      );
      for (const customer of server.customers) {
        const token = await server.tokenFor(customer.id);
        const expected = await wholeRead(server, customer.id, explain);
        assert.equal(await text(server, token), expected, `${customer.business_name}, explain ${explain}`);
        assert.equal(await text(server, token), expected, `${customer.business_name}, explain ${explain}, cached`);
      }
    }
    assert.equal(
      (await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { show_price_explanation: false } }))
        .status,
      200,
    );
  });

  it('answers format=compact with the same catalogue in the compact form, its own ETag and 304; a bad format is 400', async () => {
    const server = s.get();
    for (const customer of server.customers) {
      const token = await server.tokenFor(customer.id);
      const full = Catalog.parse(JSON.parse(await text(server, token)));
      const res = await server.request(portal(token, '/catalog?format=compact'));
      assert.equal(res.status, 200);
      const body = await res.text();
      const compact = CompactCatalog.parse(JSON.parse(body));
      // The one encoder the mock uses too, over the full answer: the same rows, tables and positions.
      assert.deepEqual(
        compact,
        { ...toCompactCatalog(full), generated_at: compact.generated_at },
        customer.business_name,
      );
      assert.deepEqual(
        fromCompactCatalog(compact).products,
        full.products.map(({ description: _, ...p }) => p),
      );
      const fullTag = (await server.request(portal(token, '/catalog'))).headers.get('etag');
      const etag = res.headers.get('etag');
      assert.ok(etag && fullTag && etag !== fullTag, 'each form has its own validator');
      const again = await server.request(portal(token, '/catalog?format=compact'), {
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.status, 304);
      assert.equal((await server.request(portal(token, '/catalog?format=full'))).headers.get('etag'), fullTag);
    }
    const token = await server.tokenFor(server.customers[0].id);
    const bad = await server.request(portal(token, '/catalog?format=tiny'));
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'validation_failed');
  });

  it('reads pages that join up to the whole read, whatever the page size', async () => {
    const db = s.get().db.kysely;
    const whole = await loadCatalog(db, { priceGroupId: null, now: s.get().clock.now.toISOString() });
    for (const size of [1, 7, 1000]) {
      const products = [];
      for await (const page of productPages(db, size)) products.push(...page);
      assert.deepEqual(products, whole.products, `page size ${size}`);
      const entries = [];
      for await (const page of priceListEntryPages(db, whole.pricing.default_list!.id, size)) entries.push(...page);
      assert.deepEqual(entries, whole.pricing.default_list!.entries, `page size ${size}`);
    }
  });

  it('follows a write to the catalogue made straight to the database (another process, a script)', async () => {
    const server = s.get();
    const db = server.db.kysely;
    const [customer] = server.customers;
    const token = await server.tokenFor(customer.id);
    const before = Catalog.parse(JSON.parse(await text(server, token)));
    const entry = before.pricing.default_list!.entries[0];
    const tier = entry.tiers[0];
    await db
      .updateTable('price_list_entries')
      .set({ unit_price_minor: tier.unit_price_minor + 1 })
      .where('price_list_id', '=', before.pricing.default_list!.id)
      .where('product_id', '=', entry.product_id)
      .where('uom', '=', entry.uom)
      .where('min_quantity', '=', tier.min_quantity)
      .execute();
    const after = Catalog.parse(JSON.parse(await text(server, token)));
    assert.equal(after.pricing.default_list!.entries[0].tiers[0].unit_price_minor, tier.unit_price_minor + 1);
    assert.equal(await text(server, token), await wholeRead(server, customer.id, false));

    const product = before.products[0];
    await db
      .updateTable('products')
      .set({ name: `${product.name} (new recipe)` })
      .where('id', '=', product.id)
      .execute();
    const renamed = Catalog.parse(JSON.parse(await text(server, token)));
    assert.equal(renamed.products.find((p) => p.id === product.id)?.name, `${product.name} (new recipe)`);

    const promotion = before.pricing.promotions[0];
    assert.ok(promotion, 'the demo has a running promotion');
    await db.deleteFrom('promotions').where('id', '=', promotion.id).execute();
    const withoutPromotion = Catalog.parse(JSON.parse(await text(server, token)));
    assert.ok(!withoutPromotion.pricing.promotions.some((p) => p.id === promotion.id));
  });

  it('drops a promotion the moment it ends, with no write in between', async () => {
    const server = s.get();
    const [customer] = server.customers;
    const token = await server.tokenFor(customer.id);
    const start = server.clock.now.toISOString();
    try {
      const first = Catalog.parse(JSON.parse(await text(server, token)));
      const ending = first.pricing.promotions.map((p) => p.ends_at).sort()[0];
      assert.ok(ending, 'a running promotion');
      server.clock.set(new Date(Date.parse(ending) - 1).toISOString());
      assert.ok(
        Catalog.parse(JSON.parse(await text(server, token))).pricing.promotions.some((p) => p.ends_at === ending),
      );
      server.clock.set(ending);
      const after = Catalog.parse(JSON.parse(await text(server, token)));
      assert.ok(!after.pricing.promotions.some((p) => p.ends_at === ending));
      assert.equal(await text(server, token), await wholeRead(server, customer.id, false));
    } finally {
      server.clock.set(start);
    }
  });

  it("a repeat read costs two statements, the token's lookup (with the customer's price group) and the catalogue revision; a new price group reaches the next read", async () => {
    const server = s.get();
    // Every statement the app runs, prepared ones included, passes its result through the plugin.
    let statements = 0;
    const recording: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    };
    const app = createApp({
      db: { ...server.db, kysely: server.db.kysely.withPlugin(recording) },
      adminTokenHash: hashSecret(ADMIN_KEY),
      allowedOrigins: [],
      rateLimits: { readsPerMinute: 1000, writesPerMinute: 1000, invalidTokenPerMinute: 1000, windowMs: 60_000 },
      now: () => server.clock.now,
    });
    const listener = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listener.once('listening', () => resolve()));
    try {
      const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      const db = server.db.kysely;
      const customer = await db
        .selectFrom('customers')
        .select(['id', 'price_group_id'])
        .where('archived_at', 'is', null)
        .where('price_group_id', 'is not', null)
        .executeTakeFirstOrThrow();
      const token = await server.tokenFor(customer.id);
      const read = async () => {
        const res = await fetch(base + portal(token, '/catalog'));
        assert.equal(res.status, 200);
        return res.text();
      };
      await read();
      statements = 0;
      const answer = await read();
      assert.equal(statements, 2, 'statements run by a repeat read');
      assert.equal(answer, await wholeRead(server, customer.id, false));

      const other = await db
        .selectFrom('price_groups')
        .select('id')
        .where('id', '!=', customer.price_group_id!)
        .executeTakeFirstOrThrow();
      await db.updateTable('customers').set({ price_group_id: other.id }).where('id', '=', customer.id).execute();
      assert.equal(await read(), await wholeRead(server, customer.id, false));
      await db.updateTable('customers').set({ price_group_id: null }).where('id', '=', customer.id).execute();
      assert.equal(await read(), await wholeRead(server, customer.id, false));
      await db
        .updateTable('customers')
        .set({ price_group_id: customer.price_group_id })
        .where('id', '=', customer.id)
        .execute();
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });

  it("never gives one price group another's list, read in any order", async () => {
    const server = s.get();
    const db = server.db.kysely;
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'price_group_id'])
      .where('archived_at', 'is', null)
      .execute();
    const groups = new Set(rows.map((r) => r.price_group_id));
    assert.ok(groups.size >= 3, 'customers in at least two groups and one without');
    for (const row of [...rows, ...rows.reverse()]) {
      const token = await server.tokenFor(row.id);
      assert.equal(await text(server, token), await wholeRead(server, row.id, false));
    }
  });

  it('reads the catalogue once for concurrent answers of one context, and keeps within its byte cap', async () => {
    const server = s.get();
    let productReads = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node.from).includes('"products"'))
          productReads++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = server.db.kysely.withPlugin(counting);
    const cache = new CatalogCache(db, 1024 * 1024);
    const now = server.clock.now;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        cache.answer({ priceGroupId: null, explainPrices: false }, { currency: 'EUR', now }),
      ),
    );
    assert.equal(productReads, 1, 'one paged read of the products for all eight');
    assert.equal(new Set(answers.map((answer) => answer.body.toString())).size, 1);
    const groups = (await db.selectFrom('price_groups').select('id').execute()).map((g) => g.id);
    for (const id of groups) await cache.answer({ priceGroupId: id, explainPrices: false }, { currency: 'EUR', now });
    assert.ok(cache.bytes > 0 && cache.bytes <= 1024 * 1024, `${cache.bytes} bytes kept`);
    const tiny = new CatalogCache(db, 10);
    const alone = await tiny.answer({ priceGroupId: null, explainPrices: false }, { currency: 'EUR', now });
    assert.deepEqual(alone.body, answers[0].body);
    assert.equal(tiny.bytes, 0, 'an answer over the cap is served, not kept');
  });

  it('counts the compressed forms it keeps against its byte cap', async () => {
    const server = s.get();
    const cache = new CatalogCache(server.db.kysely, 1024 * 1024);
    const answer = await cache.answer(
      { priceGroupId: null, explainPrices: false },
      { currency: 'EUR', now: server.clock.now },
    );
    assert.equal(cache.bytes, answer.body.length);
    const [br, gz] = await Promise.all([answer.encoded('br'), answer.encoded('gzip')]);
    assert.equal(await answer.encoded('br'), br, 'made once, then kept');
    assert.equal(cache.bytes, answer.body.length + br.length + gz.length);
    assert.deepEqual(brotliDecompressSync(br), answer.body);
    assert.deepEqual(gunzipSync(gz), answer.body);
    const fits = new CatalogCache(server.db.kysely, answer.body.length + 10);
    const kept = await fits.answer(
      { priceGroupId: null, explainPrices: false },
      { currency: 'EUR', now: server.clock.now },
    );
    await kept.encoded('gzip');
    assert.equal(fits.bytes, 0, 'the answer and its gzip form do not fit: it goes');
  });
});
