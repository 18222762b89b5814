import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import {
  BadLinesDetails,
  CreditLimitDetails,
  OrderDetail,
  PriceChangedDetails,
  Quote,
  Session,
} from '../../widget/contract/index.ts';
import { ClaimLostError, claimKey, completeKey, releaseKey } from '../../demo-server/db/idempotency.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const order = (server: TestServer, token: string, body: unknown, key?: string) =>
  server.request(portal(token, '/orders'), { body, headers: key ? { 'idempotency-key': key } : {} });

async function orderCount(server: TestServer, customerId: string): Promise<number> {
  const row = await server.db.kysely
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

forEachDatabase('POST orders (checkout)', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let fx: Awaited<ReturnType<typeof catalogFor>>;

  it('setup: a token for a customer with a price group', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    fx = await catalogFor(server, customerId);
    assert.ok(fx.orderable.length >= 3);
  });

  it('places an order priced by the server, ignoring prices sent by the client', async () => {
    const server = s.get();
    const [a, b] = fx.orderable;
    const before = await orderCount(server, customerId);
    const res = await order(
      server,
      token,
      {
        lines: [
          { product_id: a.id, quantity: 2, unit_price_minor: 1, line_total_minor: 2 },
          { product_id: b.id, uom: b.units[0].code, quantity: 1 },
        ],
        customer_reference: 'PO-7781',
        note: 'Back door, please',
        total_minor: 3,
      },
      'key-happy-1',
    );
    assert.equal(res.status, 201);
    const body = OrderDetail.parse(await res.json());
    assert.match(body.number, /^SO-2026-\d{4}$/);
    assert.equal(body.status, 'pending');
    assert.equal(body.customer_reference, 'PO-7781');
    assert.equal(body.note, 'Back door, please');
    assert.equal(body.lines[0].unit_price_minor, fx.unitPrice(a, a.units[0].code, 2));
    assert.equal(body.lines[0].uom, a.units[0].code, 'a line without uom takes the first unit');
    assert.equal(
      body.subtotal_minor,
      body.lines.reduce((sum, l) => sum + l.line_total_minor, 0),
    );
    assert.equal(body.total_minor, body.subtotal_minor + body.freight_minor);
    assert.equal(await orderCount(server, customerId), before + 1);
    const stored = await server.db.kysely
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', body.id)
      .execute();
    assert.equal(stored.length, 2);
  });

  it('gives each order the next readable number', async () => {
    const server = s.get();
    const first = OrderDetail.parse(
      await (await order(server, token, { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] }, 'num-1')).json(),
    );
    const second = OrderDetail.parse(
      await (await order(server, token, { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] }, 'num-2')).json(),
    );
    assert.equal(Number(second.number.slice(-4)), Number(first.number.slice(-4)) + 1);
  });

  it('requires an Idempotency-Key header (400), and a sane one', async () => {
    const server = s.get();
    const body = { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] };
    assert.equal((await errorOf(await order(server, token, body))).code, 'idempotency_key_required');
    const tooLong = await order(server, token, body, 'k'.repeat(256));
    assert.equal(tooLong.status, 400);
  });

  it('replays the first answer for the same key and body, creating one order only', async () => {
    const server = s.get();
    const body = { lines: [{ product_id: fx.orderable[1].id, quantity: 3 }] };
    const before = await orderCount(server, customerId);
    const first = await order(server, token, body, 'replay-1');
    const firstBody = await first.json();
    const again = await order(server, token, body, 'replay-1');
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await again.json(), firstBody);
    assert.equal(await orderCount(server, customerId), before + 1);
  });

  it('answers 422 for the same key with a different body', async () => {
    const server = s.get();
    await order(server, token, { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] }, 'reuse-1');
    const res = await order(server, token, { lines: [{ product_id: fx.orderable[0].id, quantity: 2 }] }, 'reuse-1');
    assert.equal(res.status, 422);
    assert.equal((await errorOf(res)).code, 'idempotency_key_reused');
  });

  it('answers 409 to a duplicate while the first is still in flight', async () => {
    const server = s.get();
    const body = { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] };
    // Hold the key as a request that has not finished yet would.
    const { hashBody } = await import('../../demo-server/routes/define.ts');
    const { CheckoutRequest } = await import('../../widget/contract/index.ts');
    await claimKey(server.db.kysely, {
      scope: customerId,
      key: 'inflight-1',
      requestHash: hashBody(CheckoutRequest.parse(body)),
      now: server.clock.now,
      lockMs: 30_000,
    });
    const res = await order(server, token, body, 'inflight-1');
    assert.equal(res.status, 409);
    assert.equal((await errorOf(res)).code, 'idempotency_in_flight');
    // A holder that died: once its lock lapses, one retry takes over and places the order.
    server.clock.advance(30_001);
    const retry = await order(server, token, body, 'inflight-1');
    assert.equal(retry.status, 201);
  });

  it('a request that outlived its claim can neither complete nor release the retry that took over', async () => {
    const server = s.get();
    const db = server.db.kysely;
    const stale = await claimKey(db, {
      scope: customerId,
      key: 'owner-1',
      requestHash: 'h',
      now: server.clock.now,
      lockMs: 1000,
    });
    assert.equal(stale.kind, 'claimed');
    const later = new Date(server.clock.now.getTime() + 1001);
    const fresh = await claimKey(db, { scope: customerId, key: 'owner-1', requestHash: 'h', now: later, lockMs: 1000 });
    assert.equal(fresh.kind, 'claimed');
    if (stale.kind !== 'claimed' || fresh.kind !== 'claimed') return;
    await releaseKey(db, { scope: customerId, key: 'owner-1', claimId: stale.claimId });
    assert.equal(
      (await claimKey(db, { scope: customerId, key: 'owner-1', requestHash: 'h', now: later, lockMs: 1000 })).kind,
      'in_flight',
      'the stale holder did not free the live claim',
    );
    const orderId = crypto.randomUUID();
    await assert.rejects(
      completeKey(db, { scope: customerId, key: 'owner-1', claimId: stale.claimId, status: 201, orderId }),
      ClaimLostError,
    );
    await completeKey(db, { scope: customerId, key: 'owner-1', claimId: fresh.claimId, status: 201, orderId });
    const replay = await claimKey(db, {
      scope: customerId,
      key: 'owner-1',
      requestHash: 'h',
      now: later,
      lockMs: 1000,
    });
    assert.deepEqual(replay, { kind: 'replay', status: 201, orderId });
  });

  it('refuses NUL characters in free text with 400 (PostgreSQL cannot store them)', async () => {
    const server = s.get();
    const lines = [{ product_id: fx.orderable[0].id, quantity: 1 }];
    for (const body of [
      { lines, note: 'a\u0000b' },
      { lines, customer_reference: '\u0000' },
    ]) {
      const res = await order(server, token, body, `nul-${Object.keys(body)[1]}`);
      assert.equal(res.status, 400);
      assert.equal((await errorOf(res)).code, 'validation_failed');
    }
    const cursor = Buffer.from(JSON.stringify(['\u0000', 'x'])).toString('base64url');
    assert.equal((await server.request(portal(token, `/orders?cursor=${cursor}`))).status, 400);
  });

  it('replays a placed order even after the supplier became unavailable', async () => {
    const server = s.get();
    const body = { lines: [{ product_id: fx.orderable[0].id, quantity: 2 }] };
    const first = await order(server, token, body, 'replay-trial-1');
    assert.equal(first.status, 201);
    await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { trial_expired: true } });
    try {
      const again = await order(server, token, body, 'replay-trial-1');
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotency-replayed'), 'true');
      assert.equal((await order(server, token, body, 'replay-trial-2')).status, 403, 'a new order is still refused');
    } finally {
      await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { trial_expired: false } });
    }
  });

  it('under a burst of concurrent submissions with one key, creates exactly one order', async () => {
    const server = s.get();
    const before = await orderCount(server, customerId);
    const body = { lines: [{ product_id: fx.orderable[2].id, quantity: 1 }] };
    const answers = await Promise.all(Array.from({ length: 12 }, () => order(server, token, body, 'burst-1')));
    const statuses = answers.map((r) => r.status);
    assert.ok(
      statuses.every((st) => st === 201 || st === 409),
      `unexpected statuses ${statuses}`,
    );
    assert.ok(statuses.includes(201));
    const ids = new Set(
      await Promise.all(
        answers.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
      ),
    );
    assert.equal(ids.size, 1);
    assert.equal(await orderCount(server, customerId), before + 1);
  });

  it('answers 409 price_changed with the current prices when expected_total differs, then accepts the confirmed total', async () => {
    const server = s.get();
    const product = fx.orderable[0];
    const res = await order(
      server,
      token,
      { lines: [{ product_id: product.id, quantity: 1 }], expected_total: 1 },
      'price-1',
    );
    assert.equal(res.status, 409);
    const error = await errorOf(res);
    assert.equal(error.code, 'price_changed');
    const details = PriceChangedDetails.parse(error.details);
    assert.equal(details.expected_total, 1);
    assert.equal(details.lines[0].unit_price_minor, fx.unitPrice(product));
    assert.equal(details.total_minor, details.subtotal_minor + details.freight_minor);
    // Nothing was written, and the customer confirms the new total with the same key.
    const ok = await order(
      server,
      token,
      { lines: [{ product_id: product.id, quantity: 1 }], expected_total: details.total_minor },
      'price-1',
    );
    assert.equal(ok.status, 201);
    assert.equal(OrderDetail.parse(await ok.json()).total_minor, details.total_minor);
  });

  it('answers 422 naming each line that cannot be ordered, and writes nothing', async () => {
    const server = s.get();
    const before = await orderCount(server, customerId);
    const good = fx.orderable[0];
    const lines = [
      { product_id: good.id, quantity: 1 },
      { product_id: fx.byReason('inactive').id, quantity: 1 },
      { product_id: fx.byReason('out_of_stock').id, quantity: 1 },
      { product_id: fx.byReason('unpriced').id, quantity: 1 },
      { product_id: good.id, uom: 'pallet', quantity: 1 },
      { product_id: '00000000-0000-4000-8000-000000000000', quantity: 1 },
    ];
    const res = await order(server, token, { lines }, 'bad-lines-1');
    assert.equal(res.status, 422);
    const error = await errorOf(res);
    assert.equal(error.code, 'lines_not_orderable');
    const details = BadLinesDetails.parse(error.details);
    assert.deepEqual(
      details.lines.map((l) => [l.index, l.reason]),
      [
        [1, 'inactive'],
        [2, 'out_of_stock'],
        [3, 'unpriced'],
        [4, 'uom_unavailable'],
        [5, 'not_found'],
      ],
    );
    assert.equal(await orderCount(server, customerId), before);
  });

  it('validates quantities, lines and fields (400 with details)', async () => {
    const server = s.get();
    const id = fx.orderable[0].id;
    for (const [label, body] of [
      ['zero quantity', { lines: [{ product_id: id, quantity: 0 }] }],
      ['negative quantity', { lines: [{ product_id: id, quantity: -1 }] }],
      ['fractional quantity', { lines: [{ product_id: id, quantity: 1.5 }] }],
      ['quantity above the cap', { lines: [{ product_id: id, quantity: 100_001 }] }],
      ['quantity as a string', { lines: [{ product_id: id, quantity: '2' }] }],
      ['no lines', { lines: [] }],
      ['too many lines', { lines: Array.from({ length: 201 }, () => ({ product_id: id, quantity: 1 })) }],
      ['empty product id', { lines: [{ product_id: '', quantity: 1 }] }],
      ['product id with a control character', { lines: [{ product_id: 'a\u0001', quantity: 1 }] }],
      ['reference too long', { lines: [{ product_id: id, quantity: 1 }], customer_reference: 'x'.repeat(65) }],
      ['body is an array', []],
    ] as const) {
      const res = await order(server, token, body, `invalid-${label}`);
      assert.equal(res.status, 400, label);
      const error = await errorOf(res);
      assert.equal(error.code, 'validation_failed', label);
      assert.ok(Array.isArray(error.details) && error.details.length > 0, label);
    }
  });

  it('commits the order, its lines and the idempotency record together, or none of them', async () => {
    const server = s.get();
    const db = server.db.kysely;
    // Make the database refuse one line mid-transaction.
    if (server.db.kind === 'sqlite') {
      await sql`CREATE TRIGGER refuse_line BEFORE INSERT ON order_lines WHEN NEW.quantity = 4242 BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(
        db,
      );
    } else {
      await sql`CREATE FUNCTION refuse_line() RETURNS trigger AS $$ BEGIN IF NEW.quantity = 4242 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER refuse_line BEFORE INSERT ON order_lines FOR EACH ROW EXECUTE FUNCTION refuse_line()`.execute(
        db,
      );
    }
    // 4,242 units are over the customer's credit: the limit is not what this test is about.
    await server.admin('/api/v1/workspace/settings', {
      method: 'PATCH',
      body: { allow_orders_over_credit_limit: true },
    });
    try {
      const before = await orderCount(server, customerId);
      const counter = await db.selectFrom('counters').selectAll().where('name', '=', 'SO-2026').executeTakeFirst();
      const body = {
        lines: [
          { product_id: fx.orderable[0].id, quantity: 1 },
          { product_id: fx.orderable[1].id, quantity: 4242 },
        ],
      };
      const res = await order(server, token, body, 'atomic-1');
      assert.equal(res.status, 500);
      const error = await errorOf(res);
      assert.equal(error.code, 'internal_error');
      assert.doesNotMatch(error.message, /refused|at .*\.ts/);
      assert.equal(await orderCount(server, customerId), before);
      assert.deepEqual(
        await db.selectFrom('counters').selectAll().where('name', '=', 'SO-2026').executeTakeFirst(),
        counter,
      );
      const keyRow = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('key', '=', 'atomic-1')
        .executeTakeFirst();
      assert.equal(keyRow, undefined, 'the failed attempt leaves the key free for a retry');
    } finally {
      await server.admin('/api/v1/workspace/settings', {
        method: 'PATCH',
        body: { allow_orders_over_credit_limit: false },
      });
      await sql`DROP TRIGGER refuse_line ${server.db.kind === 'postgres' ? sql`ON order_lines` : sql``}`.execute(db);
    }
  });

  it('refuses checkout with 403 supplier_unavailable while the trial is expired; reads still work', async () => {
    const server = s.get();
    await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { trial_expired: true } });
    try {
      const res = await order(server, token, { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] }, 'trial-1');
      assert.equal(res.status, 403);
      assert.equal((await errorOf(res)).code, 'supplier_unavailable');
      assert.equal((await server.request(portal(token, '/catalog'))).status, 200);
      const session = (await (await server.request(portal(token, '/session'))).json()) as {
        settings: { supplier_available: boolean };
      };
      assert.equal(session.settings.supplier_available, false);
    } finally {
      await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: { trial_expired: false } });
    }
    assert.equal(
      (await order(server, token, { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] }, 'trial-1')).status,
      201,
    );
  });

  it('scopes keys per customer: another customer may use the same key', async () => {
    const server = s.get();
    const other = server.customers.find((c) => c.id !== customerId)!;
    const otherToken = await server.tokenFor(other.id);
    const otherFx = await catalogFor(server, other.id);
    const res = await order(
      server,
      otherToken,
      { lines: [{ product_id: otherFx.orderable[0].id, quantity: 1 }] },
      'key-happy-1',
    );
    assert.equal(res.status, 201);
  });
  it('a pay-later order over the available credit is refused (422 credit_limit_exceeded) unless the workspace allows it', async () => {
    const server = s.get();
    const small = { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] };
    const total = OrderDetail.parse(await (await order(server, token, small, 'credit-probe')).json()).total_minor;
    const outstanding = Number(
      (
        await server.db.kysely
          .selectFrom('invoices')
          .select((eb) => eb.fn.sum<number>(eb('total_minor', '-', eb.ref('paid_minor'))).as('b'))
          .where('customer_id', '=', customerId)
          .whereRef('paid_minor', '<', 'total_minor')
          .executeTakeFirstOrThrow()
      ).b ?? 0,
    );
    const { credit_limit_minor: limitBefore } = await server.db.kysely
      .selectFrom('customers')
      .select('credit_limit_minor')
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    await server.db.kysely
      .updateTable('customers')
      .set({ credit_limit_minor: outstanding + total })
      .where('id', '=', customerId)
      .execute();
    try {
      const session = Session.parse(await (await server.request(portal(token, '/session'))).json());
      assert.deepEqual(session.settings.credit, { limit_minor: outstanding + total, available_minor: total });

      assert.equal(
        (await order(server, token, small, 'credit-fits')).status,
        201,
        'exactly the available credit is fine',
      );
      const before = await orderCount(server, customerId);
      const big = { lines: [{ product_id: fx.orderable[0].id, quantity: 40 }] };
      const refused = await order(server, token, big, 'credit-over');
      assert.equal(refused.status, 422);
      const error = await errorOf(refused);
      assert.equal(error.code, 'credit_limit_exceeded');
      const details = CreditLimitDetails.parse(error.details);
      assert.equal(details.available_credit_minor, total);
      assert.ok(details.total_minor > total);
      assert.equal(await orderCount(server, customerId), before, 'no order');

      assert.equal(
        (
          await server.admin('/api/v1/workspace/settings', {
            method: 'PATCH',
            body: { allow_orders_over_credit_limit: true },
          })
        ).status,
        200,
      );
      assert.equal(Session.parse(await (await server.request(portal(token, '/session'))).json()).settings.credit, null);
      assert.equal((await order(server, token, big, 'credit-over')).status, 201, 'allowed: the same key goes through');
    } finally {
      await server.admin('/api/v1/workspace/settings', {
        method: 'PATCH',
        body: { allow_orders_over_credit_limit: false },
      });
      await server.db.kysely
        .updateTable('customers')
        .set({ credit_limit_minor: limitBefore })
        .where('id', '=', customerId)
        .execute();
    }
  });
});

forEachDatabase('quotes: accept and decline', (kind) => {
  const s = useServer(kind);

  async function sentQuotes(server: TestServer, customerId: string) {
    return server.db.kysely
      .selectFrom('quotes')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('state', '=', 'sent')
      .where('valid_until', '>=', server.clock.now.toISOString().slice(0, 10))
      .execute();
  }

  it('accepting creates exactly one order, even when accepted twice at once', async () => {
    const server = s.get();
    const customer = server.customers[0];
    const token = await server.tokenFor(customer.id);
    const [quote] = await sentQuotes(server, customer.id);
    assert.ok(quote, 'demo data has a sent quote');
    const answers = await Promise.all(
      [1, 2, 3].map(() => server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' })),
    );
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 422, 422]);
    const accepted = Quote.parse(await answers.find((r) => r.status === 200)!.json());
    assert.equal(accepted.state, 'accepted');
    assert.ok(accepted.order);
    const orders = await server.db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('source_quote_id', '=', quote.id)
      .execute();
    assert.equal(orders.length, 1);
    assert.equal(orders[0].total_minor, accepted.total_minor);
    const refused = await errorOf(answers.find((r) => r.status === 422)!);
    assert.equal(refused.code, 'quote_not_open');
  });

  it('an expired quote cannot be accepted (422), at its validity boundary', async () => {
    const server = s.get();
    const customer = server.customers[1];
    const token = await server.tokenFor(customer.id);
    const [quote] = await sentQuotes(server, customer.id);
    server.clock.set(`${quote.valid_until}T23:59:59.999Z`);
    try {
      const later = new Date(Date.parse(`${quote.valid_until}T00:00:00Z`) + 86_400_000).toISOString();
      server.clock.set(later);
      const res = await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' });
      assert.equal(res.status, 422);
      const error = await errorOf(res);
      assert.equal(error.code, 'quote_not_open');
      assert.match(error.message, /expired/);
    } finally {
      server.clock.set('2026-06-15T10:00:00.000Z');
    }
  });

  it('declines with a reason; a declined quote cannot then be accepted', async () => {
    const server = s.get();
    const customer = server.customers[2];
    const token = await server.tokenFor(customer.id);
    const [quote] = await sentQuotes(server, customer.id);
    const res = await server.request(portal(token, `/quotes/${quote.id}/decline`), {
      body: { reason: 'Found a better price' },
    });
    assert.equal(res.status, 200);
    const declined = Quote.parse(await res.json());
    assert.equal(declined.state, 'declined');
    assert.equal(declined.decline_reason, 'Found a better price');
    assert.equal((await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' })).status, 422);
  });

  it('declines with no body at all (the reason is optional)', async () => {
    const server = s.get();
    const customer = server.customers[4] ?? server.customers[0];
    const token = await server.tokenFor(customer.id);
    const [quote] = await sentQuotes(server, customer.id);
    const res = await server.request(portal(token, `/quotes/${quote.id}/decline`), { method: 'POST' });
    assert.equal(res.status, 200);
    const declined = Quote.parse(await res.json());
    assert.equal(declined.state, 'declined');
    assert.equal(declined.decline_reason, null);
  });

  it("another customer's quote is not found (404), and the quote is untouched", async () => {
    const server = s.get();
    const [owner, stranger] = [server.customers[3], server.customers[0]];
    const [quote] = await sentQuotes(server, owner.id);
    const token = await server.tokenFor(stranger.id);
    for (const action of ['accept', 'decline']) {
      const res = await server.request(portal(token, `/quotes/${quote.id}/${action}`), { method: 'POST', body: {} });
      assert.equal(res.status, 404);
      assert.doesNotMatch(await res.text(), new RegExp(quote.number));
    }
    const after = await server.db.kysely
      .selectFrom('quotes')
      .select('state')
      .where('id', '=', quote.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.state, 'sent');
  });

  it('needs accept_quotes (403 permission_denied)', async () => {
    const server = s.get();
    const customer = server.customers[3];
    const token = await server.tokenFor(customer.id, { accept_quotes: false });
    const [quote] = await sentQuotes(server, customer.id);
    const res = await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' });
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'permission_denied');
  });

  it('accept_quotes alone gates acceptance: a link without place_orders may still accept a quote, and its order is made', async () => {
    const server = s.get();
    const customer = server.customers[1];
    const token = await server.tokenFor(customer.id, { place_orders: false });
    const [quote] = await sentQuotes(server, customer.id);
    assert.ok(quote, 'demo data has a sent quote');
    const res = await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' });
    assert.equal(res.status, 200);
    assert.ok(Quote.parse(await res.json()).order, 'the order of the accepted quote');
  });

  it('with "create order on acceptance" off, accepting marks the quote accepted without an order', async () => {
    const server = s.get();
    const customer = server.customers[3];
    const token = await server.tokenFor(customer.id);
    await server.admin('/api/v1/workspace/settings', {
      method: 'PATCH',
      body: { create_order_on_quote_acceptance: false },
    });
    try {
      const [quote] = await sentQuotes(server, customer.id);
      const res = await server.request(portal(token, `/quotes/${quote.id}/accept`), { method: 'POST' });
      assert.equal(res.status, 200);
      const accepted = Quote.parse(await res.json());
      assert.equal(accepted.state, 'accepted');
      assert.equal(accepted.order, null);
    } finally {
      await server.admin('/api/v1/workspace/settings', {
        method: 'PATCH',
        body: { create_order_on_quote_acceptance: true },
      });
    }
  });
});
