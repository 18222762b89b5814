/** Migration 0005 on data written before it: order-history figures and idempotency records are backfilled. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openDb } from '../../demo-server/db/connect.ts';
import { migrationProvider } from '../../demo-server/db/migrations.ts';
import { orderHistory } from '../../demo-server/db/orders.ts';

const dir = mkdtempSync(join(tmpdir(), 'portal-0005-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('0005 backfills the order-history figures and keeps only the order id of stored checkout answers', async () => {
  const raw = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'portal.sqlite')) }) });
  const line = (order_id: string, position: number, product_id: string, quantity: number) => ({
    order_id,
    position,
    product_id,
    sku: `SKU-${product_id}`,
    name: `Product ${product_id}`,
    quantity,
    uom: 'each',
    unit_price_minor: 100,
    line_total_minor: 100 * quantity,
  });
  const order = (id: string, created_at: string, status: string) => ({
    id,
    number: `SO-2026-${id}`,
    customer_id: 'c1',
    status,
    channel: 'portal',
    customer_reference: null,
    note: null,
    currency: 'EUR',
    subtotal_minor: 0,
    freight_minor: 0,
    total_minor: 0,
    item_count: 1,
    source_quote_id: null,
    created_at,
  });
  try {
    const { error } = await new Migrator({ db: raw, provider: migrationProvider() }).migrateTo(
      '0004_customer_revisions',
    );
    assert.equal(error, undefined);
    await raw
      .insertInto('customers')
      .values({
        id: 'c1',
        business_name: 'Old Café',
        email: null,
        price_group_id: null,
        credit_limit_minor: 0,
        order_template: null,
        checkout_mode: null,
        freight_json: null,
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await raw
      .insertInto('orders')
      .values([
        order('0001', '2026-01-02T00:00:00.000Z', 'invoiced'),
        order('0002', '2026-01-03T00:00:00.000Z', 'delivered'),
        order('0003', '2026-01-04T00:00:00.000Z', 'cancelled'),
        order('0004', '2026-01-05T00:00:00.000Z', 'draft'),
      ])
      .execute();
    await raw
      .insertInto('order_lines')
      .values([
        line('0001', 0, 'a', 1),
        line('0001', 1, 'b', 2),
        line('0002', 0, 'b', 3),
        line('0002', 1, 'a', 4),
        line('0002', 2, 'b', 9),
        line('0003', 0, 'c', 5),
        line('0004', 0, 'd', 6),
      ])
      .execute();
    await raw
      .insertInto('idempotency_keys')
      .values({
        scope: 'c1',
        key: 'k1',
        request_hash: 'h',
        state: 'done',
        response_status: 201,
        response_body: JSON.stringify({ id: '0002', lines: [{ sku: 'SKU-b' }] }),
        locked_until: '2026-01-03T00:00:30.000Z',
        created_at: '2026-01-03T00:00:00.000Z',
        claim_id: 'x',
      })
      .execute();
  } finally {
    await raw.destroy();
  }
  const db = await openDb({ dataDir: dir });
  try {
    assert.deepEqual(await orderHistory(db.kysely, 'c1'), [
      {
        product_id: 'b',
        sku: 'SKU-b',
        name: 'Product b',
        last_ordered_at: '2026-01-03T00:00:00.000Z',
        times_ordered: 2,
        last_quantity: 3,
        last_uom: 'each',
      },
      {
        product_id: 'a',
        sku: 'SKU-a',
        name: 'Product a',
        last_ordered_at: '2026-01-03T00:00:00.000Z',
        times_ordered: 2,
        last_quantity: 4,
        last_uom: 'each',
      },
    ]);
    const key = await db.kysely.selectFrom('idempotency_keys').selectAll().executeTakeFirstOrThrow();
    assert.equal(key.order_id, '0002');
    assert.equal(key.response_body, null);
  } finally {
    await db.close();
  }
});
