/**
 * The reference server and the mock API refuse a portal request in the same order (the
 * contract's `accessRefusal`): the same requests, sent to both with the Orders section switched
 * off, get the same status and error code. The mock used to check the section before the body,
 * so a body that is not JSON answered 403 there and 400 on the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { API_PREFIX } from '../../widget/contract/index.ts';
import { createMockApi } from '../../widget/mock/api.ts';
import { API_BASE } from '../../widget/mock/handlers.ts';
import { ADMIN_KEY, useServer } from '../server/harness.ts';

const NIL_ID = '00000000-0000-0000-0000-000000000000';
const MOCK_ADMIN_KEY = 'cpa_mock-admin-key';

interface Api {
  base: string;
  adminKey: string;
}

async function call(api: Api, method: string, path: string, body?: string, auth = true) {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${api.adminKey}` } : {}) },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text
      ? (JSON.parse(text) as { error?: { code: string }; items?: { id: string }[]; token?: string })
      : undefined,
  };
}

/** A token of the first customer (all permissions, or those given), with the Orders section switched off in the workspace. */
async function ordersSwitchedOff(api: Api, permissions?: Record<string, boolean>): Promise<string> {
  const customers = await call(api, 'GET', `${API_PREFIX}/customers`);
  const created = await call(
    api,
    'POST',
    `${API_PREFIX}/customer-portal/tokens`,
    JSON.stringify({ client_id: customers.body!.items![0].id, permissions }),
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const patched = await call(
    api,
    'PATCH',
    `${API_PREFIX}/workspace/settings`,
    JSON.stringify({ sections: { orders: false } }),
  );
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  return created.body!.token!;
}

/** What each API answers to the same refused requests (Orders switched off; placing an order needs no section): `status code` per request. */
async function answers(api: Api): Promise<Record<string, string>> {
  const token = await ordersSwitchedOff(api);
  const readOnly = await ordersSwitchedOff(api, { place_orders: false });
  const cancel = (as: string) => `${API_PREFIX}/customer-portal/view/${as}/orders/${NIL_ID}/cancel`;
  const cases: Record<string, [string, string, string | undefined]> = {
    'a body that is not JSON to a switched-off section': ['POST', cancel(token), '{"reason": '],
    'a body the schema refuses to a switched-off section': ['POST', cancel(token), '{"reason": 42}'],
    'a valid body to a switched-off section': ['POST', cancel(token), '{}'],
    'a body that is not JSON without the permission': [
      'POST',
      `${API_PREFIX}/customer-portal/view/${readOnly}/orders`,
      '{"lines": [',
    ],
    'a valid body without the permission': [
      'POST',
      `${API_PREFIX}/customer-portal/view/${readOnly}/orders`,
      '{"lines": []}',
    ],
  };
  const result: Record<string, string> = {};
  for (const [name, [method, path, body]] of Object.entries(cases)) {
    const answer = await call(api, method, path, body, false);
    result[name] = `${answer.status} ${answer.body?.error?.code}`;
  }
  return result;
}

describe('the reference server and the mock API refuse in the same order', () => {
  const reference = useServer('sqlite');
  const mock = createMockApi({ adminKey: MOCK_ADMIN_KEY });
  const intercept = setupServer(...mock.handlers);
  before(() => intercept.listen({ onUnhandledRequest: 'bypass' }));
  after(() => intercept.close());

  it('answers the same status and code to bad requests to a switched-off section or without the permission', async () => {
    const server = await answers({ base: reference.get().url, adminKey: ADMIN_KEY });
    const mocked = await answers({ base: API_BASE, adminKey: MOCK_ADMIN_KEY });
    assert.deepEqual(mocked, server);
    assert.equal(server['a body that is not JSON to a switched-off section'], '400 malformed_json');
    assert.equal(server['a valid body without the permission'], '403 permission_denied');
  });
});
