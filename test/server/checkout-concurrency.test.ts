import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OrderDetail } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { databaseKinds, portal, useServer } from './harness.ts';

/**
 * Concurrent checkouts on PostgreSQL (issue 14: checkout throughput). An order's number comes
 * from one counter per series, whose row stays locked until the taking transaction commits; the
 * number is now taken as the checkout's last write, so one slow checkout no longer holds up every
 * other customer's. (SQLite has one writer at a time whatever the order of the writes.)
 */
function signal(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const held = signal();
const paused = signal();

describe('checkouts on PostgreSQL do not wait for one another', { skip: !databaseKinds().includes('postgres') }, () => {
  const s = useServer('postgres', {
    config: {
      async pauseInCheckout(key) {
        if (key !== 'slow-checkout') return;
        paused.resolve();
        await held.promise;
      },
    },
  });

  it('a checkout held inside its transaction does not stop another customer from ordering; numbers stay gapless', async () => {
    const server = s.get();
    const [first, second] = server.customers;
    const order = async (customerId: string, key: string) => {
      const token = await server.tokenFor(customerId);
      const [product] = (await catalogFor(server, customerId)).orderable;
      return server.request(portal(token, '/orders'), {
        body: { lines: [{ product_id: product.id, quantity: 1 }] },
        headers: { 'idempotency-key': key },
      });
    };

    const slow = order(first.id, 'slow-checkout');
    await paused.promise;
    const other = await Promise.race([
      order(second.id, 'quick-checkout'),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    held.resolve();
    assert.ok(other, "another customer's checkout did not answer while the first was held in its transaction");
    assert.equal(other.status, 201);
    const slowAnswer = await slow;
    assert.equal(slowAnswer.status, 201);

    const quick = OrderDetail.parse(await other.json());
    const late = OrderDetail.parse(await slowAnswer.json());
    const sequence = (number: string) => Number(/-(\d+)$/.exec(number)![1]);
    assert.match(late.number, /^SO-\d{4}-\d{4,}$/);
    assert.equal(sequence(late.number), sequence(quick.number) + 1, `${quick.number} then ${late.number}`);
  });
});
