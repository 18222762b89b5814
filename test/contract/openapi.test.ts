/**
 * The OpenAPI document beyond paths: named schemas with examples that parse with the contract,
 * answers referring to them by name, the headers the server sends, and typed error details.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endpoints, type Endpoint } from '../../widget/contract/endpoints.ts';
import { EXAMPLES } from '../../widget/contract/examples.ts';
import { NAMED_SCHEMAS, openApiDocument } from '../../widget/contract/openapi.ts';

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<
          string,
          { headers?: Record<string, { $ref: string }>; content?: Record<string, { schema: unknown }> }
        >;
      }
    >
  >;
  components: { schemas: Record<string, { examples?: unknown[] }>; headers: Record<string, unknown> };
};
const doc = openApiDocument() as unknown as Doc;
const operations = (Object.entries(endpoints) as [string, Endpoint][]).map(([name, e]) => ({
  name,
  e,
  op: doc.paths[e.path][e.method],
}));

describe('OpenAPI: named schemas', () => {
  for (const [name, example] of Object.entries(EXAMPLES)) {
    it(`the example of ${name} is valid for the contract's schema`, () => {
      const schema = NAMED_SCHEMAS[name];
      assert.ok(schema, `${name} is not a named schema`);
      const parsed = schema.safeParse(example);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 5)));
      assert.deepEqual(doc.components.schemas[name].examples, [example]);
    });
  }

  it('the main documents have an example', () => {
    for (const name of ['OrderDetail', 'Quote', 'InvoiceDetail', 'Payment', 'Delivery', 'Customer', 'TokenInfo']) {
      assert.ok(doc.components.schemas[name]?.examples?.length, `${name} has no example`);
    }
  });

  it('answers refer to the named schemas', () => {
    const schemaOf = (name: keyof typeof endpoints) => {
      const e = endpoints[name] as Endpoint;
      return JSON.stringify(doc.paths[e.path][e.method].responses[e.status].content?.['application/json'].schema);
    };
    assert.equal(schemaOf('getOrder'), JSON.stringify({ $ref: '#/components/schemas/OrderDetail' }));
    assert.equal(schemaOf('getSession'), JSON.stringify({ $ref: '#/components/schemas/Session' }));
    assert.match(
      schemaOf('listOrders'),
      /"items":\{"type":"array","items":\{"\$ref":"#\/components\/schemas\/OrderSummary"\}/,
    );
    assert.match(schemaOf('listQuotes'), /#\/components\/schemas\/Quote"/);
    const text = JSON.stringify(doc);
    for (const name of Object.keys(NAMED_SCHEMAS))
      assert.ok(text.includes(`"#/components/schemas/${name}"`), `${name} is never referred to`);
  });
});

describe('OpenAPI: headers', () => {
  it('portal answers carry RateLimit and RateLimit-Policy; checkout Idempotency-Replayed', () => {
    for (const { name, e, op } of operations) {
      const headers = op.responses[e.status].headers ?? {};
      if (e.auth === 'portal') {
        assert.deepEqual(headers.RateLimit, { $ref: '#/components/headers/RateLimit' }, name);
        assert.ok(headers['RateLimit-Policy'], name);
      }
      assert.equal(headers['Idempotency-Replayed'] !== undefined, e.idempotent === true, name);
    }
    for (const header of ['RateLimit', 'RateLimit-Policy', 'Retry-After', 'Idempotency-Replayed'])
      assert.ok(doc.components.headers[header], header);
  });

  it('every 429 and 503 says when to retry', () => {
    for (const { name, op } of operations) {
      for (const status of ['429', '503']) {
        assert.ok(op.responses[status], `${name} ${status}`);
        assert.deepEqual(
          op.responses[status].headers?.['Retry-After'],
          { $ref: '#/components/headers/Retry-After' },
          `${name} ${status}`,
        );
      }
    }
  });
});
