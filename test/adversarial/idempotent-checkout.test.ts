/**
 * Idempotent checkout under fire: 200 concurrent submissions spread over a few keys of two
 * customers (the same key strings for both: keys are per customer), some of them dropping the
 * connection before the answer (a lost answer) and every one retrying after a random pause until
 * it gets its order. Exactly one order per customer and key, none lost, none duplicated, each
 * with the lines of its body. The pauses and drops come from a seeded PRNG, printed to replay.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OrderDetail } from '../../widget/contract/index.ts';
import { catalogFor } from '../server/fixtures.ts';
import { forEachDatabase, portal, useServer } from '../server/harness.ts';
import { rawRequest, type RawAnswer } from './support.ts';
import { prng } from '../../widget/conformance/checks.ts';

const SUBMISSIONS = 200;
const KEYS_PER_CUSTOMER = 12;
const MAX_ATTEMPTS = 300;
const UNLIMITED = { readsPerMinute: 1e9, writesPerMinute: 1e9, invalidTokenPerMinute: 1e9 };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

forEachDatabase('idempotent checkout under 200 concurrent submissions', (kind) => {
  const s = useServer(kind, { rateLimits: UNLIMITED });

  it('with lost answers and random retries: exactly one order per customer and key, none lost, none duplicated', async () => {
    const server = s.get();
    const seed = Number(process.env.IDEMPOTENCY_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`idempotent checkout [${kind}]: seed ${seed} (replay with IDEMPOTENCY_SEED=${seed})`);
    const random = prng(seed);
    const db = server.db.kysely;

    const customers = server.customers.slice(0, 2);
    const plans = await Promise.all(
      customers.map(async (customer) => {
        const fx = await catalogFor(server, customer.id);
        const token = await server.tokenFor(customer.id);
        return { customer, token, products: fx.orderable };
      }),
    );
    // One distinct body per key: the key string repeats across customers, the body does not.
    const keys = plans.flatMap((plan, c) =>
      Array.from({ length: KEYS_PER_CUSTOMER }, (_, k) => ({
        plan,
        key: `checkout-under-fire-${k}`,
        body: {
          lines: [{ product_id: plan.products[k % plan.products.length].id, quantity: 1 + k + c * 100 }],
          note: `key ${k} of customer ${c}`,
        },
      })),
    );
    const countOrders = async () =>
      Number(
        (
          await db
            .selectFrom('orders')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(
              'customer_id',
              'in',
              customers.map((c) => c.id),
            )
            .executeTakeFirstOrThrow()
        ).n,
      );
    const ordersBefore = await countOrders();

    const seen = { drops: 0, retries: 0, statuses: new Map<number, number>() };
    const submit = async (i: number) => {
      const { plan, key, body } = keys[i % keys.length];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const drop = random() < 0.25 ? new AbortController() : undefined;
        const request = rawRequest(server.url, {
          method: 'POST',
          path: portal(plan.token, '/orders'),
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: drop?.signal,
        });
        if (drop) setTimeout(() => drop.abort(), Math.floor(random() * 15));
        let res: RawAnswer | undefined;
        try {
          res = await request;
        } catch (error) {
          if (!drop) throw error;
          seen.drops++;
        }
        if (res) {
          seen.statuses.set(res.status, (seen.statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) return { i, key, customerId: plan.customer.id, body, res };
          assert.equal(res.status, 409, `submission ${i}, attempt ${attempt}: ${res.status} ${res.text}`);
          assert.equal((res.json as { error: { code: string } }).error.code, 'idempotency_in_flight');
        }
        seen.retries++;
        await pause(Math.floor(random() * 10));
      }
      throw new Error(`submission ${i} (${key}) got no order in ${MAX_ATTEMPTS} attempts`);
    };

    const results = await Promise.all(Array.from({ length: SUBMISSIONS }, (_, i) => submit(i)));
    console.log(
      `idempotent checkout [${kind}]: ${SUBMISSIONS} submissions: ${seen.drops} dropped connections, ${seen.retries} retries, answers ${JSON.stringify(Object.fromEntries(seen.statuses))}`,
    );
    assert.ok(seen.drops > 0 && seen.retries > 0, 'the run had lost answers and retries');

    // Every submission of a key got the same order; at most one answer per key was not a replay.
    const byKey = new Map<string, typeof results>();
    for (const r of results)
      byKey.set(`${r.customerId}/${r.key}`, [...(byKey.get(`${r.customerId}/${r.key}`) ?? []), r]);
    assert.equal(byKey.size, keys.length, 'every key got an order');
    const orderIds = new Set<string>();
    for (const [key, answers] of byKey) {
      const bodies = new Set(answers.map((a) => a.res.text));
      assert.equal(bodies.size, 1, `${key}: ${bodies.size} different answers`);
      const fresh = answers.filter((a) => a.res.headers['idempotency-replayed'] !== 'true');
      assert.ok(fresh.length <= 1, `${key}: ${fresh.length} answers were not replays`);
      const order = OrderDetail.parse(answers[0].res.json);
      const { body } = answers[0];
      assert.deepEqual(
        order.lines.map((l) => [l.product_id, l.quantity]),
        body.lines.map((l) => [l.product_id, l.quantity]),
        `${key}: the order has its body's lines`,
      );
      assert.equal(order.note, body.note);
      orderIds.add(order.id);
    }
    assert.equal(orderIds.size, keys.length, 'no two keys share an order');

    // The database agrees: one order per key, each whole, each recorded against its key.
    assert.equal(await countOrders(), ordersBefore + keys.length, 'orders written = keys');
    for (const id of orderIds) {
      const order = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const lines = await db.selectFrom('order_lines').selectAll().where('order_id', '=', id).execute();
      assert.equal(lines.length, order.item_count);
      assert.equal(
        lines.reduce((sum, l) => sum + Number(l.line_total_minor), 0),
        Number(order.subtotal_minor),
      );
      assert.equal(Number(order.total_minor), Number(order.subtotal_minor) + Number(order.freight_minor));
    }
    const claims = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', 'like', 'checkout-under-fire-%')
      .execute();
    assert.equal(claims.length, keys.length);
    assert.ok(claims.every((c) => c.state === 'done' && orderIds.has(c.order_id!)));
  });
});
