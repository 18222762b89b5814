import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompactCatalog, type Catalog } from '../../widget/contract/index.ts';
import {
  CompactReferenceError,
  fromCompactCatalog,
  toCompactCatalog,
} from '../../widget/contract/rules/compact-catalog.ts';
import { makeDataset } from '../../widget/mock/data.ts';

const withoutDescriptions = (catalog: Catalog) => ({
  ...catalog,
  products: catalog.products.map(({ description: _, ...product }) => product),
});

describe('the compact catalogue', () => {
  const catalog = makeDataset().catalog;

  it('reads back as the full catalogue, less the descriptions, and fits its schema', () => {
    const compact = toCompactCatalog(catalog);
    assert.equal(CompactCatalog.safeParse(compact).success, true);
    assert.deepEqual(fromCompactCatalog(compact), withoutDescriptions(catalog));
    assert.ok(catalog.products.length > 10 && catalog.pricing.promotions.length > 0);
  });

  it('keeps what the full form says beyond the common case: no category, a hidden category, no price, images', () => {
    const [a, b, c] = catalog.products;
    const odd: Catalog = {
      ...catalog,
      categories: [],
      products: [
        { ...a, category_id: null, image_url: 'https://img.example/a.png', new_arrival: true, stock: 'low_stock' },
        { ...b, category_id: 'hidden-category', active: false, stock: 'out_of_stock' },
        { ...c, units: [{ code: 'kg', name: 'Kilo', contains: 1, base_price_minor: null }] },
      ],
      pricing: { group_list: null, default_list: null, promotions: [] },
    };
    const compact = toCompactCatalog(odd);
    assert.deepEqual(compact.category_ids, ['hidden-category', c.category_id]);
    assert.deepEqual(fromCompactCatalog(compact), withoutDescriptions(odd));
  });

  it('writes each unit and category once, and names products by position', () => {
    const compact = toCompactCatalog(catalog);
    const units = new Set(catalog.products.flatMap((p) => p.units.map((u) => `${u.code}|${u.name}|${u.contains}`)));
    assert.equal(compact.units.length, units.size);
    assert.equal(new Set(compact.category_ids).size, compact.category_ids.length);
    const entry = compact.pricing.default_list!.entries[0];
    assert.equal(catalog.products[entry[0]].id, catalog.pricing.default_list!.entries[0].product_id);
    assert.ok(JSON.stringify(compact).length < JSON.stringify(catalog).length * 0.75);
  });

  it('refuses a position that names nothing, saying where', () => {
    const compact = toCompactCatalog(catalog);
    const broken = (change: (c: CompactCatalog) => void) => {
      const copy = structuredClone(compact);
      change(copy);
      return () => fromCompactCatalog(copy);
    };
    const refused = (fn: () => unknown, path: (string | number)[]) =>
      assert.throws(
        fn,
        (error) => error instanceof CompactReferenceError && assert.deepEqual(error.path, path) === undefined,
      );
    refused(
      broken((c) => (c.products[1][4] = c.category_ids.length)),
      ['products', 1, 4],
    );
    refused(
      broken((c) => (c.products[2][8][0][0] = c.units.length)),
      ['products', 2, 8, 0, 0],
    );
    refused(
      broken((c) => (c.pricing.default_list!.entries[0][0] = c.products.length)),
      ['pricing', 'default_list', 'entries', 0, 0],
    );
    refused(
      broken((c) => (c.pricing.promotions[0].products = [0, c.products.length])),
      ['pricing', 'promotions', 0, 'products', 1],
    );
  });
});
