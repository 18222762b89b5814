import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompactPriceListEntry, CompactProduct, PriceListEntry, Product } from '../../widget/contract/index.ts';
import { areCompactEntries, areCompactProducts, areEntries, areProducts } from '../../widget/api/fast-check.ts';

const valid = {
  id: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
  sku: 'COF-1001',
  name: 'Espresso',
  description: 'Beans',
  image_url: null,
  category_id: '00000000-0000-4000-8000-000000000001',
  new_arrival: false,
  active: true,
  stock: 'in_stock',
  units: [
    { code: 'each', name: 'Each', contains: 1, base_price_minor: 420 },
    { code: 'case12', name: 'Case', contains: 12, base_price_minor: null },
  ],
};

// Values that probe each field's type and bounds.
const POOL: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'in_stock',
  'low_stock',
  'out_of_stock',
  'IN_STOCK',
  'c'.repeat(32),
  'c'.repeat(33),
  0,
  1,
  -1,
  1.5,
  12,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  {},
  [{}],
  '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
  '3F2B8C1E-4D5A-4B6C-8D7E-9F0A1B2C3D4E',
  '3f2b8c1e-4d5a-0b6c-8d7e-9f0a1b2c3d4e',
  '3f2b8c1e-4d5a-4b6c-cd7e-9f0a1b2c3d4e',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e}',
  'https://img.example/x.png',
];
const UNIT_KEYS = ['code', 'name', 'contains', 'base_price_minor'] as const;
const PRODUCT_KEYS = Object.keys(valid) as (keyof typeof valid)[];

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function agrees(candidate: unknown, label: string) {
  assert.equal(
    areProducts([candidate]),
    Product.safeParse(candidate).success,
    `${label}: ${JSON.stringify(candidate)}`,
  );
}

describe('fast product check agrees with the contract', () => {
  it('accepts the valid product, and an empty or valid list', () => {
    assert.equal(areProducts([valid]), true);
    assert.equal(areProducts([]), true);
    assert.equal(areProducts(null), false);
    assert.equal(areProducts({}), false);
  });

  it('every field set to every probe value', () => {
    for (const key of PRODUCT_KEYS) {
      for (const value of POOL) {
        const candidate: Record<string, unknown> = { ...valid, [key]: value };
        if (value === undefined) delete candidate[key];
        agrees(candidate, `product.${key}`);
      }
    }
    for (const key of UNIT_KEYS) {
      for (const value of POOL) {
        const unit: Record<string, unknown> = { ...valid.units[0], [key]: value };
        if (value === undefined) delete unit[key];
        agrees({ ...valid, units: [unit] }, `unit.${key}`);
      }
    }
  });

  it('5,000 random multi-field mutations (seeded)', () => {
    const random = mulberry32(20261123);
    const pick = () => POOL[Math.floor(random() * POOL.length)];
    for (let i = 0; i < 5000; i++) {
      const candidate: Record<string, unknown> = structuredClone(valid);
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        if (random() < 0.6) {
          candidate[PRODUCT_KEYS[Math.floor(random() * PRODUCT_KEYS.length)]] = pick();
        } else {
          const units = Array.isArray(candidate.units) ? (candidate.units as Record<string, unknown>[]) : [];
          if (units[0] && typeof units[0] === 'object')
            units[0][UNIT_KEYS[Math.floor(random() * UNIT_KEYS.length)]] = pick();
        }
      }
      for (const [k, v] of Object.entries(candidate)) if (v === undefined) delete candidate[k];
      agrees(candidate, `mutation ${i}`);
    }
  });
});

describe('fast price-list entry check agrees with the contract', () => {
  const entry = {
    product_id: valid.id,
    uom: 'each',
    tiers: [
      { min_quantity: 1, unit_price_minor: 420 },
      { min_quantity: 12, unit_price_minor: 400 },
    ],
  };
  const same = (candidate: unknown, label: string) =>
    assert.equal(
      areEntries([candidate]),
      PriceListEntry.safeParse(candidate).success,
      `${label}: ${JSON.stringify(candidate)}`,
    );

  it('every field and tier field set to every probe value, and empty tiers', () => {
    assert.equal(areEntries([entry]), true);
    same({ ...entry, tiers: [] }, 'no tiers');
    for (const key of ['product_id', 'uom', 'tiers'] as const) {
      for (const value of POOL) {
        const candidate: Record<string, unknown> = { ...entry, [key]: value };
        if (value === undefined) delete candidate[key];
        same(candidate, key);
      }
    }
    for (const key of ['min_quantity', 'unit_price_minor'] as const) {
      for (const value of POOL) {
        const tier: Record<string, unknown> = { ...entry.tiers[0], [key]: value };
        if (value === undefined) delete tier[key];
        same({ ...entry, tiers: [tier] }, `tier.${key}`);
      }
    }
  });
});

describe('fast compact product and entry checks agree with the contract', () => {
  // Positions, bits and the stock code are small integers: 2 and 3 probe their bounds.
  const PROBES = [...POOL, 2, 3];
  // [id, sku, name, image_url, category, new_arrival, active, stock, units]
  const row = [
    valid.id,
    'COF-1001',
    'Espresso',
    null,
    0,
    0,
    1,
    0,
    [
      [0, 420],
      [1, null],
    ],
  ];
  const entry = [
    3,
    'each',
    [
      [1, 420],
      [12, 400],
    ],
  ];
  const agreesRow = (candidate: unknown, label: string) =>
    assert.equal(
      areCompactProducts([candidate]),
      CompactProduct.safeParse(candidate).success,
      `${label}: ${JSON.stringify(candidate)}`,
    );
  const agreesEntry = (candidate: unknown, label: string) =>
    assert.equal(
      areCompactEntries([candidate]),
      CompactPriceListEntry.safeParse(candidate).success,
      `${label}: ${JSON.stringify(candidate)}`,
    );
  const withAt = (list: unknown[], at: number, value: unknown) => {
    const copy = structuredClone(list);
    if (value === undefined) copy.length = at;
    else copy[at] = value;
    return copy;
  };

  it('accepts the valid row and entry, refuses a row or entry of the wrong length', () => {
    assert.equal(areCompactProducts([row]), true);
    assert.equal(areCompactEntries([entry]), true);
    agreesRow([...row, 0], 'a tenth item');
    agreesRow(row.slice(0, 8), 'eight items');
    agreesEntry([...entry, 0], 'a fourth item');
  });

  it('every position, unit item and tier item set to every probe value', () => {
    for (let at = 0; at < row.length; at++) for (const value of PROBES) agreesRow(withAt(row, at, value), `row[${at}]`);
    for (let at = 0; at < 3; at++) {
      for (const value of PROBES) {
        agreesRow([...row.slice(0, 8), [withAt([0, 420], at, value)]], `unit[${at}]`);
        agreesEntry(withAt(entry, at, value), `entry[${at}]`);
        agreesEntry([3, 'each', [withAt([1, 420], at, value)]], `tier[${at}]`);
      }
    }
  });

  it('5,000 random multi-position mutations (seeded)', () => {
    const random = mulberry32(20261207);
    const pick = () => PROBES[Math.floor(random() * PROBES.length)];
    for (let i = 0; i < 5000; i++) {
      let candidate = structuredClone(row) as unknown[];
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        if (random() < 0.7) candidate = withAt(candidate, Math.floor(random() * 10), pick());
        else if (Array.isArray(candidate[8]) && Array.isArray(candidate[8][0]))
          candidate[8][0] = withAt(candidate[8][0] as unknown[], Math.floor(random() * 2), pick());
      }
      agreesRow(candidate, `mutation ${i}`);
    }
  });
});
