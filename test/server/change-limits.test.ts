/**
 * Separate status limits for edits and for cancellations (issue 17): each enforced by the server
 * (422 order_not_editable) and reflected in the order's `changes`; settings stored with one limit
 * keep it for both.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OrderDetail, WorkspaceSettings } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const SETTINGS = '/api/v1/workspace/settings';

forEachDatabase('edit and cancellation limits', (kind) => {
  const s = useServer(kind);
  let token: string;
  let lines: { product_id: string; quantity: number }[];
  let keys = 0;

  async function confirmedOrder(server: TestServer): Promise<OrderDetail> {
    const res = await server.request(portal(token, '/orders'), {
      body: { lines },
      headers: { 'idempotency-key': `limits-${kind}-${++keys}` },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const order = OrderDetail.parse(await res.json());
    const moved = await server.admin(`/api/v1/orders/${order.id}/status`, { body: { status: 'confirmed' } });
    assert.equal(moved.status, 200, await moved.clone().text());
    return OrderDetail.parse(await (await server.request(portal(token, `/orders/${order.id}`))).json());
  }

  const setLimits = async (server: TestServer, order_changes: Record<string, unknown>) => {
    const res = await server.admin(SETTINGS, { method: 'PATCH', body: { order_changes } });
    assert.equal(res.status, 200, await res.clone().text());
    return WorkspaceSettings.parse(await res.json()).order_changes;
  };

  const edit = (server: TestServer, id: string) =>
    server.request(portal(token, `/orders/${id}`), { method: 'PATCH', body: { customer_reference: 'LIMIT-EDIT' } });
  const cancel = (server: TestServer, id: string) =>
    server.request(portal(token, `/orders/${id}/cancel`), { body: { reason: 'Not needed' } });

  it('setup: a token and an orderable line', async () => {
    const server = s.get();
    const customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    const fx = await catalogFor(server, customerId);
    lines = [{ product_id: fx.orderable[0].id, quantity: 1 }];
  });

  it('by default both limits follow allowed_before (null), as settings stored before them', async () => {
    const read = WorkspaceSettings.parse(await (await s.get().admin(SETTINGS)).json()).order_changes;
    assert.equal(read.edits_allowed_before, null);
    assert.equal(read.cancellations_allowed_before, null);
  });

  it('edits until confirmed, cancellations until in progress: a confirmed order can be cancelled, not edited', async () => {
    const server = s.get();
    const limits = await setLimits(server, {
      allowed_before: 'in_progress',
      edits_allowed_before: 'confirmed',
      cancellations_allowed_before: null,
    });
    assert.equal(limits.edits_allowed_before, 'confirmed');
    const order = await confirmedOrder(server);
    assert.deepEqual(order.changes, { can_edit: false, can_cancel: true, blocked_reason: 'past_allowed_status' });
    const refused = await edit(server, order.id);
    assert.equal(refused.status, 422);
    const error = await errorOf(refused);
    assert.equal(error.code, 'order_not_editable');
    assert.deepEqual(error.details, { reason: 'past_allowed_status' });
    const cancelled = await cancel(server, order.id);
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
  });

  it('cancellations until confirmed, edits until in progress: a confirmed order can be edited, not cancelled', async () => {
    const server = s.get();
    await setLimits(server, {
      allowed_before: 'in_progress',
      edits_allowed_before: null,
      cancellations_allowed_before: 'confirmed',
    });
    const order = await confirmedOrder(server);
    assert.deepEqual(order.changes, { can_edit: true, can_cancel: false, blocked_reason: 'past_allowed_status' });
    const refused = await cancel(server, order.id);
    assert.equal(refused.status, 422);
    const error = await errorOf(refused);
    assert.equal(error.code, 'order_not_editable');
    assert.match(error.message, /too far along to be cancelled/);
    const edited = await edit(server, order.id);
    assert.equal(edited.status, 200, await edited.clone().text());
  });

  it('a patch of allowed_before alone (an older client) still moves both limits when they are unset', async () => {
    const server = s.get();
    await setLimits(server, {
      allowed_before: 'confirmed',
      edits_allowed_before: null,
      cancellations_allowed_before: null,
    });
    const order = await confirmedOrder(server);
    assert.deepEqual(order.changes, { can_edit: false, can_cancel: false, blocked_reason: 'past_allowed_status' });
    assert.equal((await cancel(server, order.id)).status, 422);
    await setLimits(server, { allowed_before: 'in_progress' });
  });
});
