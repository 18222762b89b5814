/**
 * The published API description: /api/v1/openapi.json (generated from the contract) and the
 * /docs reference page, plus the headers every answer carries.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { endpoints, type Endpoint } from '../../widget/contract/endpoints.ts';
import { ErrorBody, ErrorCode } from '../../widget/contract/common.ts';
import { ERROR_DETAILS, ERROR_STATUS } from '../../widget/contract/error-details.ts';
import { ADMIN_KEY, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

type Operation = {
  operationId: string;
  summary: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: unknown } } }>;
  security: unknown[];
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const ENDPOINTS = Object.entries(endpoints) as [string, Endpoint][];
const htmlEscape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Every key of every `properties` object anywhere in the document, with where it was found. */
function propertyNames(node: unknown, where = '$', out: { name: string; where: string }[] = []) {
  if (Array.isArray(node)) node.forEach((v, i) => propertyNames(v, `${where}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const name of Object.keys(value)) out.push({ name, where });
      }
      propertyNames(value, `${where}.${key}`, out);
    }
  }
  return out;
}

function assertCommonHeaders(res: Response, what: string) {
  assert.equal(res.headers.get('cache-control'), 'no-store', `${what}: Cache-Control`);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(res.headers.get('x-powered-by'), null, `${what}: X-Powered-By`);
}

forEachDatabase('API docs', (kind) => {
  const s = useServer(kind);
  const fetchDoc = async (server: TestServer) => {
    const res = await server.request('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    return (await res.json()) as Document;
  };

  describe('GET /api/v1/openapi.json', () => {
    it('is an OpenAPI 3.1.0 document without authentication', async () => {
      const doc = await fetchDoc(s.get());
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.info.title.length > 0);
      assert.ok(doc.info.version.length > 0);
    });

    it('has a path and method for every endpoint of the contract, with its success response', async () => {
      const doc = await fetchDoc(s.get());
      for (const [name, e] of ENDPOINTS) {
        const op = doc.paths[e.path]?.[e.method];
        assert.ok(op, `${name}: ${e.method.toUpperCase()} ${e.path} missing`);
        assert.equal(op.operationId, name);
        assert.equal(op.summary, e.summary);
        const success = op.responses[String(e.status)];
        assert.ok(success, `${name}: no ${e.status} response`);
        if (e.binary)
          assert.deepEqual(
            success.content,
            { [e.binary]: { schema: { type: 'string', format: 'binary' } } },
            `${name}: not a ${e.binary} file`,
          );
        else if (e.response)
          assert.ok(success.content?.['application/json']?.schema, `${name}: ${e.status} has no JSON schema`);
        else assert.equal(success.content, undefined, `${name}: 204 with a body`);
        if (e.body) assert.ok(op.requestBody?.content['application/json'].schema, `${name}: no request body`);
        else assert.equal(op.requestBody, undefined, `${name}: unexpected request body`);
        for (const status of e.errors ?? []) assert.ok(op.responses[String(status)], `${name}: no ${status} response`);
        assert.ok(op.responses['400'] && op.responses['401'], `${name}: common errors`);
        // Every {param} of the path is declared as a required path parameter.
        for (const [, param] of e.path.matchAll(/\{(\w+)\}/g)) {
          const declared = op.parameters.find((p) => p.name === param && p.in === 'path');
          assert.ok(declared?.required, `${name}: path parameter ${param}`);
        }
        if (e.idempotent)
          assert.ok(op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required));
        assert.equal(op.security.length > 0, e.auth === 'admin', `${name}: security`);
      }
      const count = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
      assert.equal(count, ENDPOINTS.length, 'no operations beyond the contract');
    });

    it('documents the account and order-change operations, with the key parameter and the access rule', async () => {
      const doc = await fetchDoc(s.get());
      const expected: [
        string,
        string,
        string,
        { section: string | null; permission: string; write_permission?: string } | null,
      ][] = [
        [
          'placeOrder',
          'post',
          '/api/v1/customer-portal/view/{token}/orders',
          { section: null, permission: 'place_orders' },
        ],
        [
          'updateOrder',
          'patch',
          '/api/v1/customer-portal/view/{token}/orders/{id}',
          { section: 'orders', permission: 'view_orders', write_permission: 'place_orders' },
        ],
        [
          'cancelOrder',
          'post',
          '/api/v1/customer-portal/view/{token}/orders/{id}/cancel',
          { section: 'orders', permission: 'view_orders', write_permission: 'place_orders' },
        ],
        [
          'getQuote',
          'get',
          '/api/v1/customer-portal/view/{token}/quotes/{id}',
          { section: 'quotes', permission: 'view_quotes' },
        ],
        [
          'getInvoice',
          'get',
          '/api/v1/customer-portal/view/{token}/invoices/{id}',
          { section: 'invoices', permission: 'view_invoices' },
        ],
        [
          'getInvoicePdf',
          'get',
          '/api/v1/customer-portal/view/{token}/invoices/{id}/pdf',
          { section: 'invoices', permission: 'view_invoices' },
        ],
        [
          'getDelivery',
          'get',
          '/api/v1/customer-portal/view/{token}/deliveries/{id}',
          { section: 'deliveries', permission: 'view_deliveries' },
        ],
        ['listOrderRequests', 'get', '/api/v1/order-requests', null],
        ['approveOrderRequest', 'post', '/api/v1/order-requests/{id}/approve', null],
        ['rejectOrderRequest', 'post', '/api/v1/order-requests/{id}/reject', null],
      ];
      for (const [operationId, method, path, access] of expected) {
        const op = doc.paths[path]?.[method] as Operation & { 'x-portal-access'?: unknown };
        assert.ok(op, `${operationId}: ${method} ${path}`);
        assert.equal(op.operationId, operationId);
        assert.deepEqual(op['x-portal-access'], access ?? undefined, operationId);
        if (access?.section) {
          const id = op.parameters.find((p) => p.name === 'id') as { schema: unknown } | undefined;
          assert.match(JSON.stringify(id?.schema), /SO-2026-0042|\[A-Z\]/, `${operationId}: the id takes a number too`);
        }
      }
      assert.deepEqual(
        doc.paths['/api/v1/customer-portal/view/{token}/invoices/{id}/pdf'].get.responses['200'].content,
        { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
      );
    });

    it('every property name in every schema is snake_case', async () => {
      const doc = await fetchDoc(s.get());
      const names = propertyNames(doc);
      assert.ok(names.length > 100, `only ${names.length} property names found`);
      const bad = names.filter((n) => !/^[a-z][a-z0-9_]*$/.test(n.name));
      assert.deepEqual(bad, []);
      for (const expected of ['next_cursor', 'total_minor', 'business_name', 'client_id']) {
        assert.ok(
          names.some((n) => n.name === expected),
          expected,
        );
      }
    });

    it('has the Error component, and each error response is one of the codes answered with its status, details typed', async () => {
      const doc = await fetchDoc(s.get());
      const error = doc.components.schemas.Error as {
        type: string;
        properties: { error: { properties: Record<string, unknown>; required: string[] } };
      };
      assert.ok(error, 'components.schemas.Error');
      assert.equal(error.type, 'object');
      assert.deepEqual(Object.keys(error.properties.error.properties).sort(), ['code', 'details', 'message']);
      assert.deepEqual([...error.properties.error.required].sort(), ['code', 'message']);
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          for (const [status, r] of Object.entries(op.responses)) {
            if (Number(status) < 400) continue;
            const oneOf = (r.content?.['application/json'].schema as { oneOf?: { $ref: string }[] }).oneOf;
            assert.ok(oneOf?.length, `${method} ${path} ${status}: one of the error codes`);
            for (const { $ref } of oneOf) {
              const code = /^#\/components\/schemas\/Error_(\w+)$/.exec($ref)?.[1] as ErrorCode | undefined;
              assert.ok(code && ErrorCode.options.includes(code), `${method} ${path} ${status}: ${$ref}`);
              assert.equal(ERROR_STATUS[code], Number(status), `${code} under ${status}`);
              const variant = doc.components.schemas[`Error_${code}`] as {
                properties: { error: { properties: { code: { const: string }; details?: unknown } } };
              };
              assert.equal(variant.properties.error.properties.code.const, code);
              assert.equal(
                variant.properties.error.properties.details !== undefined,
                ERROR_DETAILS[code] !== undefined,
                `${code}: details typed`,
              );
            }
          }
        }
      }
    });

    it("an error body the server sends matches the Error component's shape", async () => {
      const res = await s.get().request('/api/v1/customers');
      assert.equal(res.status, 401);
      ErrorBody.parse(await res.json());
    });
  });

  describe('documented statuses match what the server answers', () => {
    const limited = useServer(kind, { rateLimits: { invalidTokenPerMinute: 2 } });

    it('admin endpoints can answer 429 after repeated bad keys, and the document says so', async () => {
      const server = limited.get();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await server.request('/api/v1/customers', { headers: { authorization: 'Bearer wrong-key-123' } })).status,
        );
      assert.deepEqual(statuses, [401, 401, 429]);
      const doc = await fetchDoc(server);
      for (const [name, e] of ENDPOINTS.filter(([, e]) => e.auth === 'admin')) {
        assert.ok(doc.paths[e.path][e.method].responses['429'], `${name}: 429 not documented`);
      }
    });
  });

  describe('GET /docs', () => {
    it('is an HTML page listing every endpoint, with a Content-Security-Policy', async () => {
      const res = await s.get().request('/docs');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy');
      assert.ok(csp, 'Content-Security-Policy');
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /style-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|script-src/);
      const html = await res.text();
      assert.match(html, /^<!doctype html>/i);
      assert.doesNotMatch(html, /<script/i, 'no scripts on the page');
      for (const [name, e] of ENDPOINTS) {
        assert.ok(html.includes(htmlEscape(e.summary)), `${name}: summary "${e.summary}"`);
        assert.ok(html.includes(htmlEscape(e.path)), `${name}: path ${e.path}`);
      }
      assert.ok(html.includes('href="/docs/docs.css"'));
      assert.ok(html.includes('href="/api/v1/openapi.json"'));
    });

    it('/docs/ serves the same page and / redirects to it', async () => {
      const a = await (await s.get().request('/docs')).text();
      const res = await s.get().request('/docs/');
      assert.equal(res.status, 200);
      assert.equal(await res.text(), a);
      const root = await fetch(`${s.get().url}/`, { redirect: 'manual' });
      assert.ok(root.status >= 300 && root.status < 400);
      assert.equal(root.headers.get('location'), '/docs');
    });

    it('serves its stylesheet as text/css', async () => {
      const res = await s.get().request('/docs/docs.css');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/css/);
      const css = await res.text();
      assert.ok(css.includes('{') && css.length > 100);
    });
  });

  describe('headers on every answer', () => {
    it('Cache-Control: no-store and Referrer-Policy: no-referrer, on success and on error', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      const requests: [string, number, () => Promise<Response>][] = [
        ['openapi.json', 200, () => server.request('/api/v1/openapi.json')],
        ['docs', 200, () => server.request('/docs')],
        ['docs.css', 200, () => server.request('/docs/docs.css')],
        ['redirect', 302, () => fetch(`${server.url}/`, { redirect: 'manual' })],
        ['admin', 200, () => server.admin('/api/v1/customers')],
        ['admin without key', 401, () => server.request('/api/v1/customers')],
        ['admin invalid query', 400, () => server.admin('/api/v1/customers?limit=0')],
        [
          'admin delete',
          404,
          () => server.admin(`/api/v1/customer-portal/tokens/${crypto.randomUUID()}`, { method: 'DELETE' }),
        ],
        ['portal', 200, () => server.request(portal(token, '/session'))],
        ['portal bad token', 401, () => server.request(portal('cpt_not-a-real-token-000000000', '/session'))],
        ['portal missing order', 404, () => server.request(portal(token, `/orders/${crypto.randomUUID()}`))],
        ['unknown route', 404, () => server.request('/api/v1/nothing-here')],
        [
          'malformed JSON',
          400,
          () =>
            server.request('/api/v1/customer-portal/tokens', {
              rawBody: '{',
              headers: { authorization: `Bearer ${ADMIN_KEY}` },
            }),
        ],
      ];
      for (const [what, status, send] of requests) {
        const res = await send();
        assert.equal(res.status, status, what);
        assertCommonHeaders(res, `${what} (${res.status})`);
        await res.arrayBuffer();
      }
    });

    it('an unknown route is a JSON 404 that does not echo the token', async () => {
      const token = await s.get().tokenFor(s.get().customers[0].id);
      const res = await s.get().request(portal(token, '/no-such-thing'));
      assert.equal(res.status, 404);
      const text = await res.text();
      assert.equal(ErrorBody.parse(JSON.parse(text)).error.code, 'not_found');
      assert.ok(!text.includes(token));
    });
  });
});
