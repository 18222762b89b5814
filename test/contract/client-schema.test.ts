import { toCompactCatalog } from '../../widget/contract/rules/compact-catalog.ts';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { endpoints as contract, ErrorBody, PriceChangedDetails } from '../../widget/contract/index.ts';
import { compileClientEndpoints, compileClientSchemas } from '../../widget/contract/compile.ts';
import { endpoints as compiled } from '../../widget/api/contract.gen.ts';
import { errorBodySchema, priceChangedSchema, responses } from '../../widget/api/schemas.gen.ts';
import { check, type ClientEndpoint, type JsonSchema } from '../../widget/api/schema.ts';
import { makeAddresses, makeDataset, makeInvoiceDetail, testId, toSummary } from '../../widget/mock/data.ts';

// The widget checks answers with the compiled JSON Schemas instead of zod (to keep zod out of its
// bundle). These tests hold the two equal: same verdict on every fixture and on every mutation.

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that probe types, bounds and formats. */
const POOL: unknown[] = [
  undefined,
  null,
  '',
  'x',
  ' ',
  'EUR',
  'eur',
  'EURO',
  'c'.repeat(64),
  'c'.repeat(65),
  'pay_now',
  'sent',
  'paid',
  'portal',
  0,
  1,
  -1,
  1.5,
  12,
  2 ** 53,
  2 ** 31,
  -(2 ** 53),
  true,
  false,
  [],
  {},
  [{}],
  [null],
  '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
  '3f2b8c1e-4d5a-0b6c-8d7e-9f0a1b2c3d4e',
  '00000000-0000-0000-0000-000000000000',
  '2025-06-15T10:00:00.000Z',
  '2025-06-15T10:00:00+02:00',
  '2025-06-15T10:00:00',
  '2025-02-29T10:00:00Z',
  '2024-02-29T10:00:00Z',
  '2025-06-15',
  '2025-13-01',
  '2025-6-1',
  'https://tracking.example/1',
  'SO-2025-0001',
];

/** Every fixture the browser tests answer with, plus the shapes derived from them. */
function candidates(): unknown[] {
  const data = makeDataset();
  const list = <T>(items: T[]) => ({ items, next_cursor: null });
  const addresses = makeAddresses();
  const [kitchen] = addresses;
  const { id: _id, kind: _kind, is_default: _d, created_at: _c, updated_at: _u, ...postal } = kitchen;
  return [
    data.session,
    data.catalog,
    toCompactCatalog(data.catalog),
    data.dashboard,
    data.orderHistory,
    list(data.orders.map(toSummary)),
    ...data.orders,
    list(data.quotes),
    ...data.quotes,
    list(data.invoices),
    ...data.invoices.map((i) => makeInvoiceDetail(i, data.orders, data.payments)),
    list(data.payments),
    list(data.deliveries),
    ...data.deliveries,
    { items: addresses },
    ...addresses,
    // An order that went to one of them: the copy it keeps.
    { ...data.orders[1], delivery_address: { address_id: kitchen.id, ...postal } },
    { approval: { required_for: 'none', amount_minor: null } },
    { approval: { required_for: 'over_amount', amount_minor: 50000 } },
    // An order waiting for the account's Admins, as the approvals list shows it.
    list([
      {
        ...toSummary({ ...data.orders[0], status: 'awaiting_approval' }),
        lines: data.orders[0].lines,
        placed_by: data.people[1] ? { id: data.people[1].id, name: data.people[1].name } : null,
        reasons: ['over_spending_limit'],
      },
    ]),
    list(data.people),
    ...data.people,
    { ...data.people[0], emailed: true },
    // Delivery services and dates (issue 17), and an order with its date.
    {
      time_zone: 'Europe/Dublin',
      services: [
        {
          id: testId(0x70, 1),
          name: 'Next-day',
          kind: 'delivery',
          dates: ['2025-06-16', '2025-06-17'],
          notice: { today: '2025-06-15', date: '2025-06-16', order_by: { date: '2025-06-15', time: '14:00' } },
        },
        { id: testId(0x70, 2), name: 'Collection', kind: 'collection', dates: [], notice: null },
      ],
      default_service_id: null,
    },
    {
      ...data.orders[0],
      delivery: { service_id: testId(0x70, 1), service_name: 'Next-day', kind: 'delivery', date: '2025-06-16' },
    },
  ];
}

/** Paths to every value inside `value` (arrays cut to their first two items). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.slice(0, 2).forEach((item, i) => {
      out.push([...prefix, i], ...paths(item, [...prefix, i]));
    });
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push([...prefix, key], ...paths(child, [...prefix, key]));
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

function agree(schema: JsonSchema, zod: z.ZodType, value: unknown, label: string) {
  const expected = zod.safeParse(value).success;
  const issue = check(schema, value);
  assert.equal(
    issue === null,
    expected,
    `${label}: zod says ${expected ? 'valid' : 'invalid'}, the checker ${issue ? `says ${issue.message} at ${issue.path.join('.')}` : 'accepts'}`,
  );
}

const portal = Object.entries(contract).filter(([, e]) => e.auth === 'portal' && e.response) as [
  string,
  { response: z.ZodType },
][];

describe('compiled client contract', () => {
  it('widget/api/contract.gen.ts and schemas.gen.ts are up to date (run `npm run gen:contract`)', () => {
    const read = (file: string) => readFileSync(new URL(`../../widget/api/${file}`, import.meta.url), 'utf8');
    assert.equal(read('contract.gen.ts'), compileClientEndpoints());
    assert.equal(read('schemas.gen.ts'), compileClientSchemas());
  });

  it('has every portal endpoint with its method and path', () => {
    for (const [name, endpoint] of Object.entries(contract)) {
      if (endpoint.auth !== 'portal') continue;
      const mine = (compiled as unknown as Record<string, ClientEndpoint>)[name];
      assert.ok(mine, name);
      assert.equal(mine.name, name);
      assert.equal(mine.method, endpoint.method, name);
      assert.equal(mine.path, endpoint.path, name);
      assert.equal(mine.binary, 'binary' in endpoint ? endpoint.binary : undefined, name);
      assert.equal(mine.idempotent, 'idempotent' in endpoint && endpoint.idempotent ? true : undefined, name);
    }
  });

  it('every portal answer has a fixture the contract accepts, and the checker accepts it too', () => {
    const all = candidates();
    for (const [name, endpoint] of portal) {
      const schema = responses[name];
      const fixtures = all.filter((c) => endpoint.response.safeParse(c).success);
      assert.ok(fixtures.length > 0, `no fixture for ${name}`);
      for (const fixture of fixtures) assert.equal(check(schema, fixture), null, name);
    }
  });

  it('agrees with zod on every value of every fixture replaced by every probe', () => {
    const all = candidates();
    let compared = 0;
    for (const [name, endpoint] of portal) {
      const schema = responses[name];
      // One fixture per endpoint keeps this exhaustive pass quick; the random pass covers the rest.
      const fixture = all.find((c) => endpoint.response.safeParse(c).success)!;
      for (const path of paths(fixture)) {
        for (const probe of POOL) {
          agree(
            schema,
            endpoint.response,
            setAt(fixture, path, probe),
            `${name} ${path.join('.')} = ${JSON.stringify(probe)}`,
          );
          compared++;
        }
      }
    }
    assert.ok(compared > 10_000, `only ${compared} comparisons`);
  });

  it('agrees with zod on 10,000 random multi-value mutations (seeded)', () => {
    const random = mulberry32(20261202);
    const all = candidates();
    const cases = portal.flatMap(([name, endpoint]) =>
      all
        .filter((c) => endpoint.response.safeParse(c).success)
        .map((fixture) => ({ name, zod: endpoint.response, schema: responses[name], fixture, paths: paths(fixture) })),
    );
    for (let i = 0; i < 10_000; i++) {
      const c = cases[Math.floor(random() * cases.length)];
      let value: unknown = c.fixture;
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const path = c.paths[Math.floor(random() * c.paths.length)];
        try {
          value = setAt(value, path, POOL[Math.floor(random() * POOL.length)]);
        } catch {
          // An earlier mutation removed this path's parent.
        }
      }
      agree(c.schema, c.zod, value, `${c.name} mutation ${i}`);
    }
  });

  it('error bodies and price_changed details agree with zod', () => {
    const body = { error: { code: 'price_changed', message: 'Prices changed', details: { any: 1 } } };
    const details = {
      expected_total: 100,
      total_minor: 120,
      subtotal_minor: 110,
      freight_minor: 10,
      lines: [
        {
          product_id: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
          uom: 'each',
          quantity: 2,
          unit_price_minor: 55,
          line_total_minor: 110,
        },
      ],
    };
    for (const [schema, zod, fixture] of [
      [errorBodySchema, ErrorBody, body],
      [priceChangedSchema, PriceChangedDetails, details],
    ] as const) {
      agree(schema, zod, fixture, 'fixture');
      for (const path of paths(fixture))
        for (const probe of POOL) agree(schema, zod, setAt(fixture, path, probe), path.join('.'));
    }
  });
});
