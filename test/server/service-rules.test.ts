/**
 * A delivery service's own rules at checkout (issue 17): its creation status takes part in the
 * customer → service → workspace fallback, and its minimum order value refuses a checkout below
 * it (422 `below_minimum`) even when the customer has none.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckoutAnswer, DeliveryOptions, DeliveryService } from '../../widget/contract/index.ts';
import type { OrderCreationStatus } from '../../widget/contract/rules/order-creation.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const ANY_DAY = { weekdays: [1, 2, 3, 4, 5, 6, 7], cutoff_rule: 'none', cutoff_time: null, lead_days: 0 };
type Status = OrderCreationStatus | null;

forEachDatabase('delivery service rules at checkout', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let line: { product_id: string; quantity: number };
  let keys = 0;
  const byStatus = new Map<Status, DeliveryService>();

  const checkout = (server: TestServer, body: Record<string, unknown>) =>
    server.request(portal(token, '/orders'), {
      body: { lines: [line], ...body },
      headers: { 'idempotency-key': `service-rules-${++keys}` },
    });
  const create = async (server: TestServer, body: Record<string, unknown>) => {
    const res = await server.admin('/api/v1/delivery-services', { method: 'POST', body: { ...ANY_DAY, ...body } });
    assert.equal(res.status, 201, await res.clone().text());
    return DeliveryService.parse(await res.json());
  };
  const patch = async (server: TestServer, path: string, body: Record<string, unknown>) => {
    const res = await server.admin(path, { method: 'PATCH', body });
    assert.equal(res.status, 200, await res.clone().text());
  };

  it('setup: a customer, an orderable line, a service per creation status', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    const fx = await catalogFor(server, customerId);
    line = { product_id: fx.orderable[0].id, quantity: 1 };
    for (const status of [null, 'quote', 'to_plan'] as const) {
      byStatus.set(status, await create(server, { name: `Service ${status}`, order_creation_status: status }));
    }
  });

  // Customer, service, workspace → what checkout makes: the first level set wins.
  const table: [Status, Status, OrderCreationStatus, OrderCreationStatus][] = [];
  for (const customer of [null, 'quote', 'to_plan'] as const) {
    for (const service of [null, 'quote', 'to_plan'] as const) {
      for (const workspace of ['to_plan', 'quote'] as const) {
        table.push([customer, service, workspace, customer ?? service ?? workspace]);
      }
    }
  }
  for (const [customer, service, workspace, expected] of table) {
    it(`customer ${customer}, service ${service}, workspace ${workspace}: checkout makes ${expected}`, async () => {
      const server = s.get();
      await patch(server, '/api/v1/workspace/settings', { order_creation_status: workspace });
      await patch(server, `/api/v1/customers/${customerId}`, { order_creation_status: customer });
      const res = await checkout(server, { delivery_service_id: byStatus.get(service)!.id });
      assert.equal(res.status, 201, await res.clone().text());
      const answer = CheckoutAnswer.parse(await res.json());
      assert.equal('kind' in answer ? 'quote' : 'to_plan', expected);
    });
  }

  it('a minimum set only on a service refuses a checkout with that service below it, not with another', async () => {
    const server = s.get();
    await patch(server, '/api/v1/workspace/settings', { order_creation_status: 'to_plan' });
    await patch(server, `/api/v1/customers/${customerId}`, { order_creation_status: null, minimum_order_minor: null });
    const big = await create(server, { name: 'Pallet run', minimum_order_minor: 50_000_000 });

    const options = DeliveryOptions.parse(await (await server.request(portal(token, '/delivery-options'))).json());
    assert.equal(options.services.find((o) => o.id === big.id)?.minimum_order_minor, 50_000_000);
    assert.equal(options.services.find((o) => o.id === byStatus.get(null)!.id)?.minimum_order_minor, null);

    const refused = await checkout(server, { delivery_service_id: big.id });
    assert.equal(refused.status, 422);
    const error = await errorOf(refused);
    assert.equal(error.code, 'below_minimum');
    const details = error.details as { minimum_minor: number; shortfall_minor: number; source: string };
    assert.equal(details.minimum_minor, 50_000_000);
    assert.equal(details.source, 'service');
    assert.ok(details.shortfall_minor > 0);

    const placed = await checkout(server, { delivery_service_id: byStatus.get(null)!.id });
    assert.equal(placed.status, 201);

    // The customer's minimum, higher still, is the one that counts: the stricter of the two.
    await patch(server, `/api/v1/customers/${customerId}`, { minimum_order_minor: 60_000_000 });
    const stricter = await errorOf(await checkout(server, { delivery_service_id: big.id }));
    assert.deepEqual(
      [stricter.code, (stricter.details as { minimum_minor: number; source: string }).source],
      ['below_minimum', 'customer'],
    );
    await patch(server, `/api/v1/customers/${customerId}`, { minimum_order_minor: null });
  });
});
