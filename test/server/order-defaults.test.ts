/**
 * Default order values per customer (issue 17): set through the admin API, checked (the default
 * delivery address must be one of the customer's), carried by the session for checkout to pre-fill.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CustomerDetail, Session } from '../../widget/contract/index.ts';
import { listAddresses } from '../../demo-server/db/addresses.ts';
import { errorOf, forEachDatabase, portal, useServer } from './harness.ts';

forEachDatabase('Default order values', (kind) => {
  const s = useServer(kind);

  it("set, read back, in the session; an address not the customer's is 422 unknown_address; null resets", async () => {
    const server = s.get();
    const [mine, other] = server.customers;
    const [address] = (await listAddresses(server.db.kysely, mine.id)).filter((a) => a.kind === 'delivery');
    const [elsewhere] = await listAddresses(server.db.kysely, other.id);
    assert.ok(address && elsewhere);
    const defaults = {
      delivery_address_id: address.id,
      reference_prefix: ' PO- ',
      delivery_instructions: 'Deliver to the back door before 10:00',
    };
    const res = await server.admin(`/api/v1/customers/${mine.id}`, {
      method: 'PATCH',
      body: { order_defaults: defaults },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const saved = CustomerDetail.parse(await res.json()).settings.order_defaults;
    assert.deepEqual(saved, { ...defaults, reference_prefix: 'PO-' });
    const token = await server.tokenFor(mine.id);
    const session = Session.parse(await (await server.request(portal(token, '/session'))).json());
    assert.deepEqual(session.settings.order_defaults, saved);

    const refused = await server.admin(`/api/v1/customers/${mine.id}`, {
      method: 'PATCH',
      body: { order_defaults: { ...defaults, delivery_address_id: elsewhere.id } },
    });
    assert.equal(refused.status, 422);
    const error = await errorOf(refused);
    assert.equal(error.code, 'unknown_address');
    assert.deepEqual(error.details, [
      { path: 'body.order_defaults.delivery_address_id', message: 'unknown delivery address' },
    ]);
    const created = await server.admin('/api/v1/customers', {
      body: { business_name: 'No Address Yet', order_defaults: defaults },
    });
    assert.equal(created.status, 422, 'a new customer has no address to default to');

    const reset = await server.admin(`/api/v1/customers/${mine.id}`, {
      method: 'PATCH',
      body: { order_defaults: null },
    });
    assert.equal(CustomerDetail.parse(await reset.json()).settings.order_defaults, null);
  });
});
