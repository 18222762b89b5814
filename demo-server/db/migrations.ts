import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import { refreshProductStats } from './product-stats.ts';
import { referenceKey } from '../../widget/contract/reference-key.ts';

/**
 * One set of migrations for SQLite and PostgreSQL. Only portable column types are used
 * (text, integer, bigint), so every query in db/ runs unchanged on both.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('workspace')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('logo_url', 'text')
        .addColumn('accent_color', 'text')
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('admin_token_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('categories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sku', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('image_url', 'text')
        .addColumn('category_id', 'text', (c) => c.references('categories.id'))
        .addColumn('new_arrival', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('stock', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('product_units')
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contains', 'integer', (c) => c.notNull())
        .addColumn('base_price_minor', 'bigint')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_units_pk', ['product_id', 'code'])
        .execute();

      await db.schema
        .createTable('price_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('price_lists')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('price_group_id', 'text', (c) => c.references('price_groups.id').unique())
        .execute();

      await db.schema
        .createTable('price_list_entries')
        .addColumn('price_list_id', 'text', (c) => c.notNull().references('price_lists.id').onDelete('cascade'))
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('uom', 'text', (c) => c.notNull())
        .addColumn('min_quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('price_list_entries_pk', ['price_list_id', 'product_id', 'uom', 'min_quantity'])
        .execute();

      await db.schema
        .createTable('promotions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('discount_json', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('promotion_products')
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id').onDelete('cascade'))
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('promotion_products_pk', ['promotion_id', 'product_id'])
        .execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('price_group_id', 'text', (c) => c.references('price_groups.id'))
        .addColumn('credit_limit_minor', 'bigint', (c) => c.notNull())
        .addColumn('order_template', 'text')
        .addColumn('checkout_mode', 'text')
        .addColumn('freight_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('portal_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('hint', 'text', (c) => c.notNull())
        .addColumn('permissions_json', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema
        .createIndex('portal_tokens_customer')
        .on('portal_tokens')
        .columns(['customer_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('quotes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
        .addColumn('freight_minor', 'bigint', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addColumn('decline_reason', 'text')
        .addColumn('order_id', 'text')
        .execute();
      await db.schema
        .createIndex('quotes_customer')
        .on('quotes')
        .columns(['customer_id', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('customer_reference', 'text')
        .addColumn('note', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
        .addColumn('freight_minor', 'bigint', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('item_count', 'integer', (c) => c.notNull())
        .addColumn('source_quote_id', 'text', (c) => c.references('quotes.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('orders_customer')
        .on('orders')
        .columns(['customer_id', 'created_at', 'id'])
        .execute();

      for (const [table, parent, parentTable] of [
        ['order_lines', 'order_id', 'orders'],
        ['quote_lines', 'quote_id', 'quotes'],
      ] as const) {
        await db.schema
          .createTable(table)
          .addColumn(parent, 'text', (c) => c.notNull().references(`${parentTable}.id`).onDelete('cascade'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('product_id', 'text', (c) => c.notNull())
          .addColumn('sku', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('quantity', 'integer', (c) => c.notNull())
          .addColumn('uom', 'text', (c) => c.notNull())
          .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
          .addColumn('line_total_minor', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, [parent, 'position'])
          .execute();
      }
      await db.schema.createIndex('order_lines_product').on('order_lines').columns(['product_id']).execute();

      await db.schema
        .createTable('invoices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('order_id', 'text', (c) => c.references('orders.id'))
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('paid_minor', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('invoices_customer')
        .on('invoices')
        .columns(['customer_id', 'issued_at', 'id'])
        .execute();

      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('payments_customer')
        .on('payments')
        .columns(['customer_id', 'received_at', 'id'])
        .execute();

      await db.schema
        .createTable('payment_allocations')
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id').onDelete('cascade'))
        .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_allocations_pk', ['payment_id', 'invoice_id'])
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text', (c) => c.notNull())
        .addColumn('tracking_number', 'text')
        .addColumn('tracking_url', 'text')
        .addColumn('shipped_at', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('deliveries_customer')
        .on('deliveries')
        .columns(['customer_id', 'created_at', 'id'])
        .execute();
      await db.schema.createIndex('deliveries_order').on('deliveries').columns(['order_id']).execute();

      await db.schema
        .createTable('delivery_lines')
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('uom', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('delivery_lines_pk', ['delivery_id', 'position'])
        .execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('locked_until', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  },
};

migrations['0002_idempotency_claim_owner'] = {
  // Each claim gets its own id: only the request holding the claim may complete or release it.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('idempotency_keys').addColumn('claim_id', 'text').execute();
  },
};

migrations['0003_order_changes'] = {
  // Customers' changes and cancellations of their orders (seed 002), and each order's record.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('order_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      // 1, 2, 3... per order: "newest first" without relying on two instants differing.
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('reason', 'text')
      .addColumn('rejection_reason', 'text')
      .addColumn('proposed_json', 'text')
      .addColumn('previous_json', 'text', (c) => c.notNull())
      .addUniqueConstraint('order_requests_order_position', ['order_id', 'position'])
      .execute();
    // At most one pending request per order, whatever races the application loses.
    await sql`create unique index order_requests_one_pending on order_requests (order_id) where state = 'pending'`.execute(
      db,
    );
    await db.schema.createIndex('order_requests_created').on('order_requests').columns(['created_at', 'id']).execute();
    await db.schema
      .createIndex('order_requests_state')
      .on('order_requests')
      .columns(['state', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('order_requests_customer')
      .on('order_requests')
      .columns(['customer_id', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('order_events')
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('changes_json', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('order_events_pk', ['order_id', 'position'])
      .execute();

    // Settings written before this migration get the new keys with their defaults.
    const rows = await db.selectFrom('workspace').select(['id', 'settings_json']).execute();
    for (const row of rows as { id: string; settings_json: string }[]) {
      const settings = JSON.parse(row.settings_json);
      settings.order_changes = { ...DEFAULT_ORDER_CHANGES, ...settings.order_changes };
      settings.require_unique_reference ??= false;
      await db
        .updateTable('workspace')
        .set({ settings_json: JSON.stringify(settings) })
        .where('id', '=', row.id)
        .execute();
    }
  },
};

/** The tables whose rows are one customer's documents: a change to any of them bumps the customer's revision. */
export const CUSTOMER_DOCUMENT_TABLES = [
  'orders',
  'order_requests',
  'quotes',
  'invoices',
  'payments',
  'deliveries',
] as const;

migrations['0004_customer_revisions'] = {
  // A counter per customer that the database itself bumps on every insert, update or delete of
  // one of their documents, in the writing transaction: answers cached by (customer, revision)
  // are exact without any code path having to remember to invalidate them, across processes.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('customer_revisions')
      // No foreign key, and `npm run seed -- --reset` leaves it alone: a revision never goes back,
      // so an answer cached before a reset can never pass for one after it.
      .addColumn('customer_id', 'text', (c) => c.primaryKey())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .execute();
    const bump = (row: 'new' | 'old') =>
      `insert into customer_revisions (customer_id, revision) values (${row}.customer_id, 1) ` +
      'on conflict (customer_id) do update set revision = customer_revisions.revision + 1';
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql
        .raw(
          `create function bump_customer_revision() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then ${bump('old')}; end if;
          if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.customer_id is distinct from old.customer_id) then ${bump('new')}; end if;
          return null;
        end $$`,
        )
        .execute(db);
    }
    for (const table of CUSTOMER_DOCUMENT_TABLES) {
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        // Deferred to the commit, so the revision row is the last lock a transaction takes: taken
        // at its first write, it made a cycle with the order-number counter (a quote accepted
        // while the same customer checked out deadlocked).
        await sql
          .raw(
            `create constraint trigger ${table}_revision after insert or update or delete on ${table}
          deferrable initially deferred for each row execute function bump_customer_revision()`,
          )
          .execute(db);
        continue;
      }
      // SQLite has one writer at a time: no lock order to keep.
      for (const [event, row] of [
        ['insert', 'new'],
        ['update', 'new'],
        ['delete', 'old'],
      ] as const) {
        await sql
          .raw(`create trigger ${table}_revision_${event} after ${event} on ${table} begin ${bump(row)}; end`)
          .execute(db);
      }
      // A document moved to another customer changes the first one's documents too.
      await sql
        .raw(
          `create trigger ${table}_revision_move after update of customer_id on ${table}
        when old.customer_id is not new.customer_id begin ${bump('old')}; end`,
        )
        .execute(db);
    }
  },
};

/** The tables the catalogue answer is made of: a change to any of them bumps the catalogue's revision. */
export const CATALOG_TABLES = [
  'categories',
  'products',
  'product_units',
  'price_lists',
  'price_list_entries',
  'promotions',
  'promotion_products',
] as const;

migrations['0005_bounded_reads'] = {
  async up(db: Kysely<any>) {
    // One counter the database bumps on any write to the catalogue, by any process or code path:
    // the serialized catalogue is cached under it (routes/catalog-cache.ts).
    await db.schema
      .createTable('catalog_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('catalog_revision').values({ id: 1, revision: 1 }).execute();
    const bump = 'update catalog_revision set revision = revision + 1 where id = 1';
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (postgres) {
      await sql
        .raw(
          `create function bump_catalog_revision() returns trigger language plpgsql as $$
        begin ${bump}; return null; end $$`,
        )
        .execute(db);
    }
    for (const table of CATALOG_TABLES) {
      if (postgres) {
        await sql
          .raw(
            `create trigger ${table}_catalog_revision after insert or update or delete or truncate on ${table}
          for each statement execute function bump_catalog_revision()`,
          )
          .execute(db);
        continue;
      }
      for (const event of ['insert', 'update', 'delete']) {
        await sql
          .raw(`create trigger ${table}_catalog_revision_${event} after ${event} on ${table} begin ${bump}; end`)
          .execute(db);
      }
    }
    // The catalogue is read a page at a time in its display order (keyset on name, id).
    await db.schema.createIndex('products_name').on('products').columns(['name', 'id']).execute();

    // Idempotency records keep the order placed, not the answer, and expire (sweepExpiredKeys).
    await db.schema.alterTable('idempotency_keys').addColumn('order_id', 'text').execute();
    const done = await db
      .selectFrom('idempotency_keys')
      .select(['scope', 'key', 'response_body'])
      .where('state', '=', 'done')
      .where('response_body', 'is not', null)
      .execute();
    for (const row of done as { scope: string; key: string; response_body: string }[]) {
      const orderId = (JSON.parse(row.response_body) as { id?: unknown }).id;
      await db
        .updateTable('idempotency_keys')
        .set({ order_id: typeof orderId === 'string' ? orderId : null, response_body: null })
        .where('scope', '=', row.scope)
        .where('key', '=', row.key)
        .execute();
    }
    await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').columns(['created_at']).execute();

    // The order history reads these figures instead of every line the customer ever ordered.
    await db.schema
      .createTable('customer_product_stats')
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('last_quantity', 'integer', (c) => c.notNull())
      .addColumn('last_uom', 'text', (c) => c.notNull())
      .addColumn('last_order_id', 'text', (c) => c.notNull())
      .addColumn('last_ordered_at', 'text', (c) => c.notNull())
      .addColumn('last_position', 'integer', (c) => c.notNull())
      .addColumn('times_ordered', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_product_stats_pk', ['customer_id', 'product_id'])
      .execute();
    // In the history's order, so its first page is the first rows of the customer's range.
    await sql`create index customer_product_stats_recent
      on customer_product_stats (customer_id, last_ordered_at desc, last_order_id desc, last_position)`.execute(db);
    await refreshProductStats(db);
  },
};

migrations['0006_order_reference_keys'] = {
  // The key that require_unique_reference compares (see referenceKey): stored, so the check is an
  // index lookup, and backfilled for the orders placed before it.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('orders').addColumn('customer_reference_key', 'text').execute();
    const rows = await db
      .selectFrom('orders')
      .select(['id', 'customer_reference'])
      .where('customer_reference', 'is not', null)
      .execute();
    for (const row of rows as { id: string; customer_reference: string }[]) {
      await db
        .updateTable('orders')
        .set({ customer_reference_key: referenceKey(row.customer_reference) })
        .where('id', '=', row.id)
        .execute();
    }
    await db.schema
      .createIndex('orders_customer_reference_key')
      .on('orders')
      .columns(['customer_id', 'customer_reference_key'])
      .execute();
  },
};

migrations['0007_customer_language_archive'] = {
  // The supplier's side (issue 15): the language a customer's messages are written in (null: the
  // workspace's), and archiving a customer (their links stop working; their documents stay).
  async up(db: Kysely<any>) {
    await db.schema.alterTable('customers').addColumn('language', 'text').execute();
    await db.schema.alterTable('customers').addColumn('archived_at', 'text').execute();
  },
};

migrations['0008_link_seal'] = {
  // Links are kept as a hash; a copy sealed with the server's link key (AES-256-GCM) lets the
  // supplier send a link again later. Links made before this have none and cannot be re-sent.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('portal_tokens').addColumn('sealed_token', 'text').execute();
  },
};

migrations['0010_admin_keys_link_uses'] = {
  // The supplier's side (issue 15): named admin keys beside the bootstrap key, and when links were
  // used (one row per link and hour, written in batches), for the customers' activity.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('admin_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('hint', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    // No foreign key: a batch written while a reset deletes tokens must not fail for ever; the activity joins the token.
    await db.schema
      .createTable('link_uses')
      .addColumn('token_id', 'text', (c) => c.notNull())
      .addColumn('hour', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('link_uses_pk', ['token_id', 'hour'])
      .execute();
    await db.schema.createIndex('link_uses_at').on('link_uses').columns(['at']).execute();
  },
};

migrations['0011_back_office_documents'] = {
  // The supplier's documents across customers (issue 15): lists newest first over every customer.
  // One invoice per order is the API's rule (checked under the customer's lock), not the table's:
  // data imported from an ERP may hold partial invoices of one order.
  async up(db: Kysely<any>) {
    await db.schema.createIndex('orders_created').on('orders').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('orders_status').on('orders').columns(['status', 'created_at', 'id']).execute();
    await db.schema.createIndex('quotes_created').on('quotes').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('invoices_issued').on('invoices').columns(['issued_at', 'id']).execute();
    await db.schema.createIndex('payments_received').on('payments').columns(['received_at', 'id']).execute();
    await db.schema.createIndex('invoices_order').on('invoices').column('order_id').execute();
  },
};

migrations['0012_category_tab_visibility'] = {
  // Each category's tab (issue 21, seed 003): 'auto' follows the workspace's tabs.categories.
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('categories')
      .addColumn('tab_visibility', 'text', (c) => c.notNull().defaultTo('auto'))
      .execute();
  },
};

migrations['0013_addresses'] = {
  // The account's delivery and billing addresses (issue 16). Archived, never deleted: the console
  // may still show where an old order came from. At most one live default per customer and kind,
  // held by the index as well as by the writers (who take the customer's lock). An order keeps
  // a copy of its delivery address as JSON: editing the address later does not move the order.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('customer_addresses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('line1', 'text', (c) => c.notNull())
      .addColumn('line2', 'text')
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('is_default', 'integer', (c) => c.notNull())
      .addColumn('archived_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customer_addresses_customer')
      .on('customer_addresses')
      .columns(['customer_id', 'kind', 'created_at'])
      .execute();
    await db.schema
      .createIndex('customer_addresses_one_default')
      .on('customer_addresses')
      .columns(['customer_id', 'kind'])
      .unique()
      .where(sql.ref('is_default'), '=', 1)
      .where(sql.ref('archived_at'), 'is', null)
      .execute();
    await db.schema.alterTable('orders').addColumn('delivery_address_json', 'text').execute();
  },
};

migrations['0014_people'] = {
  // The people of a company account (issue 16): each with their own links and a role that narrows
  // the links' permissions. A removed person keeps their row, so the orders they placed keep their name.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'text')
      .execute();
    await db.schema.createIndex('people_customer').on('people').columns(['customer_id', 'name']).execute();
    await db.schema.alterTable('portal_tokens').addColumn('person_id', 'text').execute();
    await db.schema.createIndex('portal_tokens_person').on('portal_tokens').column('person_id').execute();
    await db.schema.alterTable('orders').addColumn('placed_by_person_id', 'text').execute();
    await db.schema.alterTable('order_requests').addColumn('placed_by_person_id', 'text').execute();
    // "My orders": a person's orders, newest first, keyset-paged like the whole list.
    await db.schema
      .createIndex('orders_customer_person')
      .on('orders')
      .columns(['customer_id', 'placed_by_person_id', 'created_at', 'id'])
      .execute();
  },
};

migrations['0015_approvals'] = {
  // Order approvals and spending limits (issue 16). A person's spending in a period is summed from
  // their orders through orders_customer_person (customer, person, created_at), under the customer's lock.
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('customers')
      .addColumn('approval_required_for', 'text', (c) => c.notNull().defaultTo('none'))
      .execute();
    await db.schema.alterTable('customers').addColumn('approval_amount_minor', 'bigint').execute();
    await db.schema.alterTable('people').addColumn('spending_limit_minor', 'bigint').execute();
    await db.schema
      .alterTable('people')
      .addColumn('spending_period', 'text', (c) => c.notNull().defaultTo('month'))
      .execute();
    await db.schema.alterTable('orders').addColumn('approval_reasons_json', 'text').execute();
  },
};

migrations['0016_profile'] = {
  // Each person's profile (issue 16): which emails they receive (every one on until they say
  // otherwise) and the delivery address checkout pre-selects for them (null: the account's default).
  async up(db: Kysely<any>) {
    for (const column of ['email_order_placed', 'email_approval_needed', 'email_approval_outcome', 'email_shipped'])
      await db.schema
        .alterTable('people')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    await db.schema.alterTable('people').addColumn('default_delivery_address_id', 'text').execute();
  },
};

migrations['0017_delivery_services'] = {
  // Delivery services, their dates and cut-offs (issue 17). An order keeps its service's name and
  // kind beside its id, so it prints the same after the service is renamed or removed.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('delivery_services')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('customers_json', 'text', (c) => c.notNull())
      .addColumn('lead_days', 'integer', (c) => c.notNull())
      .addColumn('weekdays_json', 'text', (c) => c.notNull())
      .addColumn('closed_dates_json', 'text', (c) => c.notNull())
      .addColumn('cutoff_rule', 'text', (c) => c.notNull())
      .addColumn('cutoff_time', 'text')
      .addColumn('order_creation_status', 'text')
      .addColumn('minimum_order_minor', 'bigint')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'text')
      .execute();
    await db.schema.alterTable('customers').addColumn('default_delivery_service_id', 'text').execute();
    for (const column of ['delivery_service_id', 'delivery_service_name', 'delivery_kind', 'delivery_date'])
      await db.schema.alterTable('orders').addColumn(column, 'text').execute();
  },
};

migrations['0018_order_creation'] = {
  // What a customer's portal checkouts make (issue 17): 'quote' or 'to_plan'; null falls back to
  // the delivery service, then the workspace (whose setting lives in settings_json, read tolerantly).
  // Quotes gain the state 'requested' (a text column: no change needed) for portal quote requests.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('customers').addColumn('order_creation_status', 'text').execute();
    // A quote request keeps the customer's reference for the order its acceptance makes.
    await db.schema.alterTable('quotes').addColumn('customer_reference', 'text').execute();
  },
};

migrations['0019_charges'] = {
  // Charges besides freight and the minimum order value, per customer (issue 17). An order keeps
  // the charges checkout computed (OrderCharge[] as JSON; null: none) beside its freight.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('customers').addColumn('charges_json', 'text').execute();
    await db.schema
      .alterTable('customers')
      .addColumn('show_charges', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('customers').addColumn('minimum_order_minor', 'bigint').execute();
    // What checkout pre-fills for the customer (OrderDefaults as JSON; null: nothing).
    await db.schema.alterTable('customers').addColumn('order_defaults_json', 'text').execute();
    await db.schema.alterTable('orders').addColumn('charges_json', 'text').execute();
  },
};

migrations['0020_supplier_charges'] = {
  // Charges the supplier adds to an order after checkout (issue 17): pending until the customer
  // approves or rejects one that needs approval. Only approved ones are in orders.total_minor,
  // added in the transaction that approves them (or adds one needing no approval).
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('order_supplier_charges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('requires_approval', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema
      .createIndex('order_supplier_charges_order')
      .on('order_supplier_charges')
      .columns(['order_id', 'position'])
      .unique()
      .execute();
  },
};

migrations['0021_waiting_orders'] = {
  // "Automatically create orders" per customer (issue 17): 1 or 0, null for the workspace's
  // setting (in settings_json, read tolerantly: on when absent). Orders waiting for the supplier
  // have the status 'awaiting_supplier' (a text column: no change needed).
  async up(db: Kysely<any>) {
    await db.schema.alterTable('customers').addColumn('create_orders_automatically', 'integer').execute();
  },
};

migrations['0022_quote_charges_order_contact'] = {
  // A portal quote request keeps the charges checkout computed (OrderCharge[] as JSON; null: none),
  // as an order does, so its total is the total the cart showed and accepting it carries them on.
  // An order keeps the contact given at checkout (OrderContact as JSON; null: none).
  async up(db: Kysely<any>) {
    await db.schema.alterTable('quotes').addColumn('charges_json', 'text').execute();
    await db.schema.alterTable('orders').addColumn('contact_json', 'text').execute();
  },
};

/** What a workspace without order-change settings gets: changes allowed, each waiting for approval. */
export const DEFAULT_ORDER_CHANGES = {
  enabled: true,
  apply_updates_automatically: false,
  apply_cancellations_automatically: false,
  allowed_before: 'in_progress',
} as const;

class InlineProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/** The migrations above, for a Migrator (tests step through them to check upgrades of old data). */
export const migrationProvider = (): MigrationProvider => new InlineProvider();

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: new InlineProvider() }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}
