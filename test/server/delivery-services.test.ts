/**
 * Delivery services, dates and cut-offs on the reference server (issue 17), with the test clock:
 * the supplier's CRUD, the customer's dates, checkout and order changes refused after a cut-off
 * (422 `cutoff_passed` with the next allowed date), across Dublin's March DST change.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AdminOrderDetail,
  AdminOrderList,
  CustomerDetail,
  DeliveryOptions,
  DeliveryService,
  DeliveryServiceList,
  OrderDetail,
  OrderList,
} from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { textOf } from './pdf-tools.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const STANDARD = {
  name: 'Standard delivery',
  lead_days: 2,
  weekdays: [1, 2, 3, 4, 5],
  cutoff_rule: 'day_before',
  cutoff_time: '16:00',
};
const NEXT_DAY = {
  name: 'Next-day',
  lead_days: 1,
  weekdays: [1, 2, 3, 4, 5],
  cutoff_rule: 'same_day_before',
  cutoff_time: '14:00',
  minimum_order_minor: 5000,
  order_creation_status: 'to_plan',
};

forEachDatabase('Delivery services (issue 17)', (kind) => {
  const s = useServer(kind);
  let token: string;
  let otherToken: string;
  let customerId: string;
  let otherId: string;
  let line: { product_id: string; quantity: number };
  const services: Record<string, DeliveryService> = {};

  const checkout = (server: TestServer, body: Record<string, unknown>, key: string, t = token) =>
    server.request(portal(t, '/orders'), {
      body: { lines: [line], ...body },
      headers: { 'idempotency-key': key },
    });
  const options = async (server: TestServer, t = token) => {
    const res = await server.request(portal(t, '/delivery-options'));
    assert.equal(res.status, 200);
    return DeliveryOptions.parse(await res.json());
  };
  const create = async (server: TestServer, body: unknown) => {
    const res = await server.admin('/api/v1/delivery-services', { method: 'POST', body });
    assert.equal(res.status, 201, await res.clone().text());
    return DeliveryService.parse(await res.json());
  };

  it('setup: two customers and an orderable product', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    otherId = server.customers.find((c) => c.id !== customerId)!.id;
    token = await server.tokenFor(customerId);
    otherToken = await server.tokenFor(otherId);
    const fx = await catalogFor(server, customerId);
    line = { product_id: fx.orderable[0].id, quantity: 2 }; // over Next-day's €50 minimum
  });

  it('without services, checkout asks for no date and the read offers none', async () => {
    const server = s.get();
    assert.deepEqual((await options(server)).services, []);
    const res = await checkout(server, {}, 'no-services');
    assert.equal(res.status, 201);
    assert.equal(OrderDetail.parse(await res.json()).delivery, null);
  });

  it('the supplier creates, lists, changes and removes services', async () => {
    const server = s.get();
    services.standard = await create(server, STANDARD);
    assert.equal(services.standard.kind, 'delivery');
    assert.equal(services.standard.customers, 'all');
    assert.deepEqual(services.standard.closed_dates, []);
    assert.equal(services.standard.order_creation_status, null);
    services.nextDay = await create(server, { ...NEXT_DAY, customers: [customerId] });
    assert.equal(services.nextDay.minimum_order_minor, 5000);
    assert.equal(services.nextDay.order_creation_status, 'to_plan');

    // A cut-off rule needs its time, and `none` has none: on create, and as a patch leaves the service.
    let res = await server.admin('/api/v1/delivery-services', {
      method: 'POST',
      body: { name: 'X', cutoff_rule: 'day_before' },
    });
    assert.equal(res.status, 400);
    res = await server.admin(`/api/v1/delivery-services/${services.nextDay.id}`, {
      method: 'PATCH',
      body: { cutoff_rule: 'none' },
    });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'validation_failed');

    const depot = await create(server, { name: 'Collection', kind: 'collection', weekdays: [1, 2, 3, 4, 5, 6] });
    res = await server.admin(`/api/v1/delivery-services/${depot.id}`, {
      method: 'PATCH',
      body: { name: 'Collection from depot', closed_dates: ['2026-06-16'] },
    });
    assert.equal(res.status, 200);
    services.depot = DeliveryService.parse(await res.json());
    assert.equal(services.depot.name, 'Collection from depot');

    const temp = await create(server, { name: 'Temporary' });
    res = await server.admin(`/api/v1/delivery-services/${temp.id}`, { method: 'DELETE' });
    assert.equal(res.status, 204);
    res = await server.admin(`/api/v1/delivery-services/${temp.id}`, { method: 'DELETE' });
    assert.equal(res.status, 404);
    res = await server.admin('/api/v1/delivery-services');
    const list = DeliveryServiceList.parse(await res.json());
    assert.deepEqual(
      list.data.map((d) => d.name),
      ['Standard delivery', 'Next-day', 'Collection from depot'],
    );
  });

  it('the customer reads the services they may select, with dates and cut-off (Monday 15 June, 11:00 IST)', async () => {
    const server = s.get();
    server.clock.set('2026-06-15T10:00:00Z');
    const read = await options(server);
    assert.equal(read.time_zone, 'Europe/Dublin');
    assert.deepEqual(
      read.services.map((o) => o.name),
      ['Standard delivery', 'Next-day', 'Collection from depot'],
    );
    const [standard, nextDay, depot] = read.services;
    assert.deepEqual(standard.dates.slice(0, 3), ['2026-06-17', '2026-06-18', '2026-06-19']);
    assert.deepEqual(nextDay.notice, {
      today: '2026-06-15',
      date: '2026-06-16',
      order_by: { date: '2026-06-15', time: '14:00' },
    });
    assert.equal(depot.kind, 'collection');
    assert.deepEqual(depot.dates.slice(0, 2), ['2026-06-15', '2026-06-17']); // 16 June is closed
    assert.equal(depot.notice!.order_by, null);
    assert.equal(read.default_service_id, null);
    assert.equal(standard.dates.length, 60);
    // Another customer does not see a service listed for someone else.
    assert.deepEqual(
      (await options(server, otherToken)).services.map((o) => o.name),
      ['Standard delivery', 'Collection from depot'],
    );
  });

  it("a customer's default service is pre-selected; one they may not select is refused", async () => {
    const server = s.get();
    let res = await server.admin(`/api/v1/customers/${otherId}`, {
      method: 'PATCH',
      body: { default_delivery_service_id: services.nextDay.id },
    });
    assert.equal(res.status, 422);
    assert.equal((await errorOf(res)).code, 'unknown_delivery_service');
    res = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { default_delivery_service_id: services.nextDay.id },
    });
    assert.equal(res.status, 200);
    assert.equal(CustomerDetail.parse(await res.json()).settings.default_delivery_service_id, services.nextDay.id);
    assert.equal((await options(server)).default_service_id, services.nextDay.id);
  });

  it("a checkout naming no service or date gets the customer's default service, else the first, on its earliest date", async () => {
    const server = s.get();
    const offered = await options(server);
    const implied = offered.services.find((o) => o.id === offered.default_service_id) ?? offered.services[0]!;
    let res = await checkout(server, {}, 'no-date');
    assert.equal(res.status, 201, await res.clone().text());
    const placed = (await res.json()) as { delivery: { service_id: string; date: string } | null };
    assert.deepEqual([placed.delivery?.service_id, placed.delivery?.date], [implied.id, implied.dates[0]]);
    res = await checkout(server, { delivery_service_id: services.standard.id }, 'no-date-2');
    assert.equal(res.status, 201);
    const standard = (await options(server)).services.find((o) => o.id === services.standard.id)!;
    assert.equal((await res.json()).delivery?.date, standard.dates[0]);
    res = await checkout(
      server,
      { delivery_service_id: services.nextDay.id, delivery_date: '2026-06-16' },
      'x',
      otherToken,
    );
    assert.equal(res.status, 422);
    assert.equal((await errorOf(res)).code, 'unknown_delivery_service');
  });

  it('takes the earliest date a second before the cut-off and refuses it at the cut-off', async () => {
    const server = s.get();
    server.clock.set('2026-06-15T12:59:59Z'); // 13:59:59 IST
    let res = await checkout(
      server,
      { delivery_service_id: services.nextDay.id, delivery_date: '2026-06-16' },
      'before',
    );
    assert.equal(res.status, 201);
    const placed = OrderDetail.parse(await res.json());
    assert.deepEqual(placed.delivery, {
      service_id: services.nextDay.id,
      service_name: 'Next-day',
      kind: 'delivery',
      date: '2026-06-16',
    });

    server.clock.set('2026-06-15T13:00:00Z'); // 14:00 IST
    res = await checkout(server, { delivery_service_id: services.nextDay.id, delivery_date: '2026-06-16' }, 'after');
    assert.equal(res.status, 422);
    assert.deepEqual(await errorOf(res), {
      code: 'cutoff_passed',
      message: 'Not allowed to create or update the order after the cutoff time',
      details: { field: 'delivery_date', next_allowed_date: '2026-06-17' },
    });
    // A weekend day and a closed date are refused as well, with the next date allowed.
    res = await checkout(server, { delivery_service_id: services.depot.id, delivery_date: '2026-06-16' }, 'closed');
    assert.equal(res.status, 422);
    assert.deepEqual((await errorOf(res)).details, { field: 'delivery_date', next_allowed_date: '2026-06-15' });

    // The order shows its service and date in the list, and to the supplier.
    res = await server.request(portal(token, '/orders'));
    const listed = OrderList.parse(await res.json()).items.find((o) => o.id === placed.id)!;
    assert.equal(listed.delivery?.date, '2026-06-16');
    res = await server.admin(`/api/v1/orders?client_id=${customerId}`);
    assert.equal(res.status, 200);
    const adminListed = AdminOrderList.parse(await res.json()).items.find((o) => o.id === placed.id);
    assert.equal(adminListed?.delivery?.service_name, 'Next-day');
    res = await server.admin(`/api/v1/orders/${placed.id}`);
    assert.equal(AdminOrderDetail.parse(await res.json()).delivery?.date, '2026-06-16');
    res = await server.request(portal(token, `/orders/${placed.id}/pdf`));
    assert.equal(res.status, 200);
    assert.match(textOf(new Uint8Array(await res.arrayBuffer())), /Delivery Next-day, (16 June 2026|June 16, 2026)/);
  });

  it('an order edit may move the date to an allowed one, and nothing changes after its cut-off', async () => {
    const server = s.get();
    server.clock.set('2026-06-15T09:00:00Z');
    let res = await checkout(
      server,
      { delivery_service_id: services.standard.id, delivery_date: '2026-06-17' },
      'edit',
    );
    assert.equal(res.status, 201);
    const placed = OrderDetail.parse(await res.json());
    const patch = (body: unknown) => server.request(portal(token, `/orders/${placed.id}`), { method: 'PATCH', body });

    res = await patch({ delivery_date: '2026-06-16' }); // inside the lead time
    assert.equal(res.status, 422);
    assert.deepEqual((await errorOf(res)).details, { field: 'delivery_date', next_allowed_date: '2026-06-17' });
    res = await patch({ delivery_date: '2026-06-19' });
    assert.equal(res.status, 200);
    assert.equal(OrderDetail.parse(await res.json()).delivery?.date, '2026-06-19');

    // Wednesday 17 June at 16:00 IST the cut-off for Friday 19 has passed: no change, not even the reference.
    server.clock.set('2026-06-17T15:00:00Z');
    res = await patch({ customer_reference: 'LATE' });
    assert.equal(res.status, 422);
    assert.deepEqual(await errorOf(res), {
      code: 'cutoff_passed',
      message: 'Not allowed to create or update the order after the cutoff time',
      details: { field: 'delivery_date', next_allowed_date: '2026-06-22' },
    });
    server.clock.set('2026-06-17T14:59:59Z');
    res = await patch({ customer_reference: 'IN TIME' });
    assert.equal(res.status, 200);
  });

  it('with one service it is implied; its cut-off follows the DST change (Monday 30 March 2026, IST)', async () => {
    const server = s.get();
    for (const service of [services.standard, services.depot]) {
      const res = await server.admin(`/api/v1/delivery-services/${service.id}`, { method: 'DELETE' });
      assert.equal(res.status, 204);
    }
    server.clock.set('2026-03-30T12:59:59Z'); // 13:59:59 IST, the first Monday of summer time
    let res = await checkout(server, { delivery_date: '2026-03-31' }, 'dst-before');
    assert.equal(res.status, 201);
    assert.equal(OrderDetail.parse(await res.json()).delivery?.service_name, 'Next-day');
    server.clock.set('2026-03-30T13:00:00Z'); // 14:00 IST, 13:00 UTC
    res = await checkout(server, { delivery_date: '2026-03-31' }, 'dst-after');
    assert.equal(res.status, 422);
    assert.deepEqual((await errorOf(res)).details, { field: 'delivery_date', next_allowed_date: '2026-04-01' });
  });

  it("the workspace's time zone moves the cut-off", async () => {
    const server = s.get();
    server.clock.set('2026-03-30T13:00:00Z'); // 09:00 in New York
    let res = await server.admin('/api/v1/workspace/settings', {
      method: 'PATCH',
      body: { time_zone: 'Mars/Olympus' },
    });
    assert.equal(res.status, 400);
    res = await server.admin('/api/v1/workspace/settings', {
      method: 'PATCH',
      body: { time_zone: 'America/New_York' },
    });
    assert.equal(res.status, 200);
    const read = await options(server);
    assert.equal(read.time_zone, 'America/New_York');
    assert.equal(read.services[0].dates[0], '2026-03-31');
    res = await checkout(server, { delivery_date: '2026-03-31' }, 'new-york');
    assert.equal(res.status, 201);
  });
});
