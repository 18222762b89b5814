import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PortalClient } from '../../widget/api/client.ts';
import { ApiError } from '../../widget/api/errors.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const product = (n: number) => ({
  id: uuid(n),
  sku: `SKU-${n}`,
  name: `Product ${n}`,
  description: '',
  image_url: null,
  category_id: uuid(900),
  new_arrival: false,
  active: true,
  stock: 'in_stock',
  units: [{ code: 'each', name: 'Each', contains: 1, base_price_minor: 100 + n }],
});
const catalog = () => ({
  currency: 'EUR',
  categories: [{ id: uuid(900), name: 'Cat', position: 0, tab_visibility: 'auto' }],
  products: [product(1), product(2), product(3)],
  pricing: {
    group_list: {
      id: uuid(800),
      name: 'Group',
      kind: 'group',
      entries: [{ product_id: uuid(1), uom: 'each', tiers: [{ min_quantity: 1, unit_price_minor: 90 }] }],
    },
    default_list: null,
    promotions: [],
  },
  generated_at: '2026-06-15T10:00:00.000Z',
});

const clientAnswering = (body: unknown) =>
  new PortalClient({
    apiBase: 'https://api.test',
    token: 'cpt_x',
    fetch: async () => new Response(JSON.stringify(body), { status: 200 }),
  });

describe('PortalClient.catalog validation (fast path for the bulk arrays)', () => {
  it('returns a valid catalogue whole: products and price-list entries included', async () => {
    const result = await clientAnswering(catalog()).catalog();
    assert.equal(result.products.length, 3);
    assert.deepEqual(result.products[1], product(2));
    assert.equal(result.pricing.group_list?.entries.length, 1);
    assert.equal(result.pricing.group_list?.entries[0].tiers[0].unit_price_minor, 90);
  });

  for (const [label, breakIt] of [
    [
      'a product with a negative base price',
      (c: ReturnType<typeof catalog>) => {
        c.products[2].units[0].base_price_minor = -1;
      },
    ],
    [
      'a product without an id',
      (c: ReturnType<typeof catalog>) => {
        delete (c.products[0] as Partial<ReturnType<typeof product>>).id;
      },
    ],
    [
      'a price entry with no tiers',
      (c: ReturnType<typeof catalog>) => {
        c.pricing.group_list.entries[0].tiers = [];
      },
    ],
    [
      'a bad currency outside the bulk arrays',
      (c: ReturnType<typeof catalog>) => {
        c.currency = 'euro';
      },
    ],
  ] as const) {
    it(`refuses ${label} as a contract error`, async () => {
      const body = catalog();
      breakIt(body);
      await assert.rejects(
        clientAnswering(body).catalog(),
        (e: unknown) => e instanceof ApiError && e.kind === 'contract',
      );
    });
  }
});
