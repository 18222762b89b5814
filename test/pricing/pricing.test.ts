/**
 * Table-driven tests of the shared pricing module (widget/pricing/index.ts).
 * Every `it` is one row of a table; all instants are fixed ISO strings (no real clock).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  Pricer,
  applyDiscount,
  freightFor,
  isPromotionActive,
  resolvePrice,
  type NotOrderableReason,
  type OrderLineInput,
  type PriceSource,
} from '../../widget/pricing/index.ts';
import { PricingInputs, Product } from '../../widget/contract/catalog.ts';
import { Freight } from '../../widget/contract/portal.ts';
import { LIMITS } from '../../widget/contract/common.ts';
import type {
  Discount,
  PriceList,
  PriceListEntry,
  PriceTier,
  PricingInputs as PricingInputsT,
  Product as ProductT,
  Promotion,
  UnitOfMeasure,
} from '../../widget/contract/catalog.ts';
import type { Freight as FreightT } from '../../widget/contract/portal.ts';

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/** A v4-looking UUID that passes `z.uuid()`. */
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const ID = {
  a: uuid(1),
  b: uuid(2),
  c: uuid(3),
  other: uuid(4),
  unknown: uuid(99),
  groupList: uuid(101),
  defaultList: uuid(102),
  promo1: uuid(201),
  promo2: uuid(202),
  promo3: uuid(203),
} as const;

const NOW = '2025-06-15T12:00:00.000Z';
const START = '2025-06-01T00:00:00.000Z';
const END = '2025-07-01T00:00:00.000Z';
const ms = (iso: string, delta: number): number => Date.parse(iso) + delta;

function unit(code: string, base_price_minor: number | null, contains = 1): UnitOfMeasure {
  return { code, name: code, contains, base_price_minor };
}

function product(overrides: Partial<ProductT> = {}): ProductT {
  return {
    id: ID.a,
    sku: 'SKU-A',
    name: 'Product A',
    description: '',
    image_url: null,
    category_id: null,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [unit('each', 1000), unit('case12', 11000, 12)],
    ...overrides,
  };
}

const tier = (min_quantity: number, unit_price_minor: number): PriceTier => ({ min_quantity, unit_price_minor });

function entry(product_id: string, uom: string, tiers: PriceTier[]): PriceListEntry {
  return { product_id, uom, tiers };
}

function groupList(...entries: PriceListEntry[]): PriceList {
  return { id: ID.groupList, name: 'Wholesale', kind: 'group', entries };
}

function defaultList(...entries: PriceListEntry[]): PriceList {
  return { id: ID.defaultList, name: 'Default', kind: 'default', entries };
}

function inputs(overrides: Partial<PricingInputsT> = {}): PricingInputsT {
  return { group_list: null, default_list: null, promotions: [], ...overrides };
}

const percent = (basis_points: number): Discount => ({ type: 'percent', basis_points });
const amountOff = (amount_minor: number): Discount => ({ type: 'amount_off', amount_minor });

function promotion(overrides: Partial<Promotion> = {}): Promotion {
  return {
    id: ID.promo1,
    name: 'Summer sale',
    product_ids: [ID.a],
    discount: percent(1000),
    starts_at: START,
    ends_at: END,
    ...overrides,
  };
}

const GROUP_SOURCE = (tier_min_quantity: number): PriceSource => ({
  kind: 'group_list',
  price_list_id: ID.groupList,
  price_list_name: 'Wholesale',
  tier_min_quantity,
});
const DEFAULT_SOURCE = (tier_min_quantity: number): PriceSource => ({
  kind: 'default_list',
  price_list_id: ID.defaultList,
  price_list_name: 'Default',
  tier_min_quantity,
});
const BASE_SOURCE: PriceSource = { kind: 'base' };

/** Every fixture that claims to be valid contract data; checked against the zod schemas at the end. */
const allInputs: PricingInputsT[] = [];
const allProducts: ProductT[] = [];
const allFreights: FreightT[] = [];

// ---------------------------------------------------------------------------
// 1. The chain: group list > default list > base price
// ---------------------------------------------------------------------------

interface ChainRow {
  desc: string;
  inputs: PricingInputsT;
  product?: ProductT;
  uom?: string;
  quantity: number;
  unit: number;
  source: PriceSource;
  tiers: PriceTier[];
}

const chainRows: ChainRow[] = [
  {
    desc: 'group list wins over default list and base price',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(1, 800)])),
      default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])),
    }),
    quantity: 1,
    unit: 800,
    source: GROUP_SOURCE(1),
    tiers: [tier(1, 800)],
  },
  {
    desc: 'default list wins over base price when there is no group list',
    inputs: inputs({ default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])) }),
    quantity: 1,
    unit: 900,
    source: DEFAULT_SOURCE(1),
    tiers: [tier(1, 900)],
  },
  {
    desc: 'group list is used when there is no default list',
    inputs: inputs({ group_list: groupList(entry(ID.a, 'each', [tier(1, 800)])) }),
    quantity: 1,
    unit: 800,
    source: GROUP_SOURCE(1),
    tiers: [tier(1, 800)],
  },
  {
    desc: 'group list may be higher than the base price and still wins',
    inputs: inputs({ group_list: groupList(entry(ID.a, 'each', [tier(1, 1200)])) }),
    quantity: 1,
    unit: 1200,
    source: GROUP_SOURCE(1),
    tiers: [tier(1, 1200)],
  },
  {
    desc: 'falls through to the default list when the group list has no entry for the product',
    inputs: inputs({
      group_list: groupList(entry(ID.other, 'each', [tier(1, 700)])),
      default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])),
    }),
    quantity: 1,
    unit: 900,
    source: DEFAULT_SOURCE(1),
    tiers: [tier(1, 900)],
  },
  {
    desc: 'falls through to the default list when the group list has the product only in another uom',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'case12', [tier(1, 9000)])),
      default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])),
    }),
    quantity: 1,
    unit: 900,
    source: DEFAULT_SOURCE(1),
    tiers: [tier(1, 900)],
  },
  {
    desc: 'falls through to the default list when the quantity is below every group tier',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(10, 700), tier(20, 600)])),
      default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])),
    }),
    quantity: 9,
    unit: 900,
    source: DEFAULT_SOURCE(1),
    tiers: [tier(1, 900)],
  },
  {
    desc: 'falls through to the base price when the quantity is below every tier of both lists',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(10, 700)])),
      default_list: defaultList(entry(ID.a, 'each', [tier(5, 900)])),
    }),
    quantity: 4,
    unit: 1000,
    source: BASE_SOURCE,
    tiers: [],
  },
  {
    desc: 'falls through to the base price when the group tier is too high and the default list lacks the product',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(10, 700)])),
      default_list: defaultList(entry(ID.other, 'each', [tier(1, 500)])),
    }),
    quantity: 9,
    unit: 1000,
    source: BASE_SOURCE,
    tiers: [],
  },
  {
    desc: 'base price is used when neither list has the product',
    inputs: inputs({
      group_list: groupList(entry(ID.other, 'each', [tier(1, 700)])),
      default_list: defaultList(entry(ID.other, 'each', [tier(1, 500)])),
    }),
    quantity: 1,
    unit: 1000,
    source: BASE_SOURCE,
    tiers: [],
  },
  {
    desc: 'base price is used when there are no lists at all',
    inputs: inputs(),
    quantity: 3,
    unit: 1000,
    source: BASE_SOURCE,
    tiers: [],
  },
  {
    desc: 'base price of the requested uom (case12), not of the first unit',
    inputs: inputs({ default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])) }),
    uom: 'case12',
    quantity: 2,
    unit: 11000,
    source: BASE_SOURCE,
    tiers: [],
  },
  {
    desc: 'list price is used even when the unit has no base price',
    inputs: inputs({ default_list: defaultList(entry(ID.a, 'each', [tier(1, 900)])) }),
    product: product({ units: [unit('each', null)] }),
    quantity: 1,
    unit: 900,
    source: DEFAULT_SOURCE(1),
    tiers: [tier(1, 900)],
  },
  {
    desc: 'a base price of 0 is a price (free item), not "unpriced"',
    inputs: inputs(),
    product: product({ units: [unit('each', 0)] }),
    quantity: 5,
    unit: 0,
    source: BASE_SOURCE,
    tiers: [],
  },
];

describe('price chain: group list > default list > base price', () => {
  for (const row of chainRows) {
    allInputs.push(row.inputs);
    if (row.product) allProducts.push(row.product);
    it(row.desc, () => {
      const p = row.product ?? product();
      const r = new Pricer(row.inputs).resolve(p, row.uom ?? 'each', row.quantity, NOW);
      assert.equal(r.orderable, true);
      assert.equal(r.reason, null);
      assert.ok(r.price);
      assert.equal(r.price.unit_price_minor, row.unit);
      assert.equal(r.price.line_total_minor, row.unit * row.quantity);
      assert.deepEqual(r.price.source, row.source);
      assert.deepEqual(r.price.tiers, row.tiers);
      assert.equal(r.price.promotion, null);
    });
  }
});

// ---------------------------------------------------------------------------
// 2. Tier boundaries
// ---------------------------------------------------------------------------

/** Deliberately unsorted in the input. */
const UNSORTED_TIERS = [tier(50, 800), tier(1, 1000), tier(10, 900)];
const SORTED_TIERS = [tier(1, 1000), tier(10, 900), tier(50, 800)];

interface TierRow {
  desc: string;
  quantity: number;
  unit: number;
  min: number;
}

const tierRows: TierRow[] = [
  { desc: 'quantity 1 is at the first tier', quantity: 1, unit: 1000, min: 1 },
  { desc: 'one below the 10 tier stays on the 1 tier', quantity: 9, unit: 1000, min: 1 },
  { desc: 'exactly at the 10 tier takes it', quantity: 10, unit: 900, min: 10 },
  { desc: 'one above the 10 tier keeps it', quantity: 11, unit: 900, min: 10 },
  { desc: 'one below the 50 tier stays on the 10 tier', quantity: 49, unit: 900, min: 10 },
  { desc: 'exactly at the 50 tier takes it', quantity: 50, unit: 800, min: 50 },
  { desc: 'one above the 50 tier keeps it', quantity: 51, unit: 800, min: 50 },
  { desc: 'far above the highest tier keeps the highest', quantity: LIMITS.maxLineQuantity, unit: 800, min: 50 },
];

describe('tier boundaries (tiers given unsorted)', () => {
  for (const [kind, make, source] of [
    ['group list', (t: PriceTier[]) => inputs({ group_list: groupList(entry(ID.a, 'each', t)) }), GROUP_SOURCE],
    ['default list', (t: PriceTier[]) => inputs({ default_list: defaultList(entry(ID.a, 'each', t)) }), DEFAULT_SOURCE],
  ] as const) {
    describe(kind, () => {
      for (const row of tierRows) {
        const inp = make(UNSORTED_TIERS.map((t) => ({ ...t })));
        allInputs.push(inp);
        it(row.desc, () => {
          const r = new Pricer(inp).resolve(product(), 'each', row.quantity, NOW);
          assert.ok(r.price);
          assert.equal(r.price.unit_price_minor, row.unit);
          assert.equal(r.price.line_total_minor, row.unit * row.quantity);
          assert.deepEqual(r.price.source, source(row.min));
          assert.deepEqual(r.price.tiers, SORTED_TIERS, 'tiers are returned sorted, for hints');
        });
      }
    });
  }

  it("does not reorder the caller's tier array", () => {
    const tiers = [tier(50, 800), tier(1, 1000), tier(10, 900)];
    const inp = inputs({ group_list: groupList(entry(ID.a, 'each', tiers)) });
    new Pricer(inp).resolve(product(), 'each', 10, NOW);
    assert.deepEqual(tiers, [tier(50, 800), tier(1, 1000), tier(10, 900)]);
  });

  it('a tier starting above 1 leaves small quantities to the next source', () => {
    const inp = inputs({ group_list: groupList(entry(ID.a, 'each', [tier(12, 850), tier(24, 800)])) });
    allInputs.push(inp);
    const pricer = new Pricer(inp);
    assert.deepEqual(pricer.resolve(product(), 'each', 11, NOW).price?.source, BASE_SOURCE);
    assert.deepEqual(pricer.resolve(product(), 'each', 12, NOW).price?.source, GROUP_SOURCE(12));
  });
});

// ---------------------------------------------------------------------------
// 3. Promotions
// ---------------------------------------------------------------------------

interface WindowRow {
  desc: string;
  at: string | number | Date;
  active: boolean;
}

const windowRows: WindowRow[] = [
  { desc: '1 ms before starts_at: inactive', at: ms(START, -1), active: false },
  { desc: 'exactly at starts_at (ISO string): active (inclusive)', at: START, active: true },
  { desc: 'exactly at starts_at (Date): active (inclusive)', at: new Date(START), active: true },
  { desc: 'exactly at starts_at (epoch ms): active (inclusive)', at: Date.parse(START), active: true },
  { desc: '1 ms after starts_at: active', at: ms(START, 1), active: true },
  { desc: 'in the middle of the window: active', at: NOW, active: true },
  { desc: '1 ms before ends_at: active', at: ms(END, -1), active: true },
  { desc: 'exactly at ends_at: inactive (exclusive)', at: END, active: false },
  { desc: 'exactly at ends_at (Date): inactive (exclusive)', at: new Date(END), active: false },
  { desc: '1 ms after ends_at: inactive', at: ms(END, 1), active: false },
  {
    desc: 'same instant written with an offset (+02:00) at starts_at: active',
    at: '2025-06-01T02:00:00+02:00',
    active: true,
  },
  {
    desc: 'same instant written with an offset (+02:00) at ends_at: inactive',
    at: '2025-07-01T02:00:00+02:00',
    active: false,
  },
];

describe('promotion window: starts_at inclusive, ends_at exclusive', () => {
  const promo = promotion({ discount: percent(1000) });
  const inp = inputs({ promotions: [promo] });
  allInputs.push(inp);
  for (const row of windowRows) {
    it(row.desc, () => {
      assert.equal(isPromotionActive(promo, row.at), row.active);
      const pricer = new Pricer(inp);
      assert.equal(pricer.isOnSale(product(), row.at), row.active);
      const r = pricer.resolve(product(), 'each', 2, row.at);
      assert.ok(r.price);
      assert.equal(r.price.unit_price_minor, row.active ? 900 : 1000);
      assert.equal(r.price.line_total_minor, row.active ? 1800 : 2000);
      assert.equal(r.price.promotion?.id ?? null, row.active ? promo.id : null);
    });
  }
});

interface PromoRow {
  desc: string;
  inputs: PricingInputsT;
  product?: ProductT;
  uom?: string;
  quantity?: number;
  at?: string;
  unit: number;
  /** Expected applied promotion id, or null for none. */
  promotion: string | null;
  original?: number;
  source?: PriceSource;
  /** Deliberately outside the contract (not parsed by the schema test). */
  malformed?: boolean;
}

const promoRows: PromoRow[] = [
  {
    desc: 'percent: 25 % off 1000 → 750',
    inputs: inputs({ promotions: [promotion({ discount: percent(2500) })] }),
    unit: 750,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'amount_off: 150 off 1000 → 850',
    inputs: inputs({ promotions: [promotion({ discount: amountOff(150) })] }),
    unit: 850,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'best of two active promotions: amount_off 150 (→850) beats 10 % (→900)',
    inputs: inputs({
      promotions: [
        promotion({ id: ID.promo1, discount: percent(1000) }),
        promotion({ id: ID.promo2, name: 'Clearance', discount: amountOff(150) }),
      ],
    }),
    unit: 850,
    promotion: ID.promo2,
    original: 1000,
  },
  {
    desc: 'best of two active promotions, listed the other way round',
    inputs: inputs({
      promotions: [
        promotion({ id: ID.promo2, name: 'Clearance', discount: amountOff(150) }),
        promotion({ id: ID.promo1, discount: percent(1000) }),
      ],
    }),
    unit: 850,
    promotion: ID.promo2,
    original: 1000,
  },
  {
    desc: 'best of two active promotions: 20 % (→800) beats amount_off 150 (→850)',
    inputs: inputs({
      promotions: [
        promotion({ id: ID.promo2, name: 'Clearance', discount: amountOff(150) }),
        promotion({ id: ID.promo1, discount: percent(2000) }),
      ],
    }),
    unit: 800,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'best of three: a better but not-yet-started promotion is ignored',
    inputs: inputs({
      promotions: [
        promotion({ id: ID.promo1, discount: percent(1000) }),
        promotion({ id: ID.promo2, discount: percent(5000), starts_at: '2025-06-16T00:00:00.000Z' }),
        promotion({ id: ID.promo3, discount: amountOff(50) }),
      ],
    }),
    unit: 900,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'a better but already-ended promotion is ignored',
    inputs: inputs({
      promotions: [
        promotion({ id: ID.promo1, discount: amountOff(100) }),
        promotion({ id: ID.promo2, discount: percent(9000), starts_at: '2025-05-01T00:00:00.000Z', ends_at: NOW }),
      ],
    }),
    unit: 900,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'amount_off larger than the price floors at 0',
    inputs: inputs({ promotions: [promotion({ discount: amountOff(5000) })] }),
    unit: 0,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'amount_off equal to the price gives 0',
    inputs: inputs({ promotions: [promotion({ discount: amountOff(1000) })] }),
    unit: 0,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'amount_off 0 lowers nothing: no promotion applied',
    inputs: inputs({ promotions: [promotion({ discount: amountOff(0) })] }),
    unit: 1000,
    promotion: null,
  },
  {
    desc: 'a free (0) item cannot be lowered: no promotion applied',
    inputs: inputs({ promotions: [promotion({ discount: percent(5000) })] }),
    product: product({ units: [unit('each', 0)] }),
    unit: 0,
    promotion: null,
  },
  {
    desc: '1 bp on a small price rounds to no discount: no promotion applied, price unchanged',
    inputs: inputs({ promotions: [promotion({ discount: percent(1) })] }),
    product: product({ units: [unit('each', 49)] }),
    unit: 49,
    promotion: null,
  },
  {
    desc: 'a negative amount_off (outside the contract) never raises the price',
    inputs: inputs({ promotions: [promotion({ discount: { type: 'amount_off', amount_minor: -500 } })] }),
    unit: 1000,
    promotion: null,
    malformed: true,
  },
  {
    desc: 'a promotion for another product does not apply',
    inputs: inputs({ promotions: [promotion({ product_ids: [ID.other], discount: percent(5000) })] }),
    unit: 1000,
    promotion: null,
  },
  {
    desc: 'a promotion listing several products applies to each of them',
    inputs: inputs({ promotions: [promotion({ product_ids: [ID.other, ID.a], discount: percent(5000) })] }),
    unit: 500,
    promotion: ID.promo1,
    original: 1000,
  },
  {
    desc: 'promotion applies on top of the group-list tier price (original = tier price)',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(1, 950), tier(10, 900)])),
      default_list: defaultList(entry(ID.a, 'each', [tier(1, 990)])),
      promotions: [promotion({ discount: percent(1000) })],
    }),
    quantity: 10,
    unit: 810,
    promotion: ID.promo1,
    original: 900,
    source: GROUP_SOURCE(10),
  },
  {
    desc: 'promotion applies on top of the default-list price',
    inputs: inputs({
      default_list: defaultList(entry(ID.a, 'each', [tier(1, 990)])),
      promotions: [promotion({ discount: amountOff(90) })],
    }),
    unit: 900,
    promotion: ID.promo1,
    original: 990,
    source: DEFAULT_SOURCE(1),
  },
  {
    desc: 'promotion applies to every unit of measure of the product (case12 base 11000, 10 % → 9900)',
    inputs: inputs({ promotions: [promotion({ discount: percent(1000) })] }),
    uom: 'case12',
    unit: 9900,
    promotion: ID.promo1,
    original: 11000,
  },
];

describe('promotions', () => {
  for (const row of promoRows) {
    if (!row.malformed) allInputs.push(row.inputs);
    if (row.product) allProducts.push(row.product);
    it(row.desc, () => {
      const quantity = row.quantity ?? 3;
      const r = new Pricer(row.inputs).resolve(row.product ?? product(), row.uom ?? 'each', quantity, row.at ?? NOW);
      assert.equal(r.orderable, true);
      assert.ok(r.price);
      assert.equal(r.price.unit_price_minor, row.unit);
      assert.equal(r.price.line_total_minor, row.unit * quantity);
      if (row.source) assert.deepEqual(r.price.source, row.source);
      if (row.promotion === null) {
        assert.equal(r.price.promotion, null);
      } else {
        const applied = r.price.promotion;
        assert.ok(applied);
        const def = row.inputs.promotions.find((p) => p.id === row.promotion)!;
        assert.deepEqual(applied, {
          id: def.id,
          name: def.name,
          discount: def.discount,
          ends_at: def.ends_at,
          original_unit_price_minor: row.original,
        });
        assert.ok(applied.original_unit_price_minor >= r.price.unit_price_minor, 'never raises');
      }
    });
  }
});

interface OnSaleRow {
  desc: string;
  inputs: PricingInputsT;
  productId: string;
  at: string;
  onSale: boolean;
  active: string[];
}

const onSaleRows: OnSaleRow[] = [
  {
    desc: 'on sale with an active promotion',
    inputs: inputs({ promotions: [promotion()] }),
    productId: ID.a,
    at: NOW,
    onSale: true,
    active: [ID.promo1],
  },
  {
    desc: 'not on sale before the promotion starts',
    inputs: inputs({ promotions: [promotion()] }),
    productId: ID.a,
    at: '2025-05-31T23:59:59.999Z',
    onSale: false,
    active: [],
  },
  {
    desc: 'not on sale once the promotion has ended',
    inputs: inputs({ promotions: [promotion()] }),
    productId: ID.a,
    at: END,
    onSale: false,
    active: [],
  },
  {
    desc: 'not on sale when the promotion is for another product',
    inputs: inputs({ promotions: [promotion({ product_ids: [ID.other] })] }),
    productId: ID.a,
    at: NOW,
    onSale: false,
    active: [],
  },
  {
    desc: 'not on sale without promotions',
    inputs: inputs(),
    productId: ID.a,
    at: NOW,
    onSale: false,
    active: [],
  },
  {
    desc: 'activePromotions lists only the active ones, in input order',
    inputs: inputs({
      promotions: [
        promotion({ id: ID.promo1 }),
        promotion({ id: ID.promo2, ends_at: NOW }),
        promotion({ id: ID.promo3, discount: amountOff(10) }),
      ],
    }),
    productId: ID.a,
    at: NOW,
    onSale: true,
    active: [ID.promo1, ID.promo3],
  },
  {
    desc: 'an active promotion that lowers nothing (amount_off 0) does not make the product on sale',
    inputs: inputs({ promotions: [promotion({ id: ID.promo1, discount: amountOff(0) })] }),
    productId: ID.a,
    at: NOW,
    onSale: false,
    active: [ID.promo1],
  },
];

describe('isOnSale / activePromotions', () => {
  for (const row of onSaleRows) {
    allInputs.push(row.inputs);
    it(row.desc, () => {
      const pricer = new Pricer(row.inputs);
      assert.equal(pricer.isOnSale(product({ id: row.productId }), row.at), row.onSale);
      assert.deepEqual(
        pricer.activePromotions(row.productId, row.at).map((p) => p.id),
        row.active,
      );
    });
  }
});

// ---------------------------------------------------------------------------
// 4. Rounding of discounts
// ---------------------------------------------------------------------------

interface RoundRow {
  desc: string;
  price: number;
  discount: Discount;
  expected: number;
}

const roundRows: RoundRow[] = [
  { desc: '999 at 12.5 %: discount 124.875 → 125 → 874', price: 999, discount: percent(1250), expected: 874 },
  { desc: '300 at 12.5 %: discount 37.5 (exact half) → 38 → 262', price: 300, discount: percent(1250), expected: 262 },
  { desc: '100 at 0.5 %: discount 0.5 (exact half) → 1 → 99', price: 100, discount: percent(50), expected: 99 },
  { desc: '1 at 50 %: discount 0.5 (exact half) → 1 → 0', price: 1, discount: percent(5000), expected: 0 },
  { desc: '3 at 50 %: discount 1.5 (exact half) → 2 → 1', price: 3, discount: percent(5000), expected: 1 },
  {
    desc: '5 at 50 %: discount 2.5 (exact half) → 3 → 2 (half up, not half even)',
    price: 5,
    discount: percent(5000),
    expected: 2,
  },
  { desc: '101 at 50 %: discount 50.5 (exact half) → 51 → 50', price: 101, discount: percent(5000), expected: 50 },
  { desc: '999 at 15 %: discount 149.85 → 150 → 849', price: 999, discount: percent(1500), expected: 849 },
  { desc: '999 at 33.33 %: discount 332.9667 → 333 → 666', price: 999, discount: percent(3333), expected: 666 },
  {
    desc: '1001 at 10 %: discount 100.1 → 100 → 901 (rounds down below half)',
    price: 1001,
    discount: percent(1000),
    expected: 901,
  },
  {
    desc: '1005 at 10 %: discount 100.5 (exact half) → 101 → 904',
    price: 1005,
    discount: percent(1000),
    expected: 904,
  },
  { desc: '100 % of 1000 → 0', price: 1000, discount: percent(10_000), expected: 0 },
  { desc: '100 % of 1 → 0', price: 1, discount: percent(10_000), expected: 0 },
  { desc: '100 % of 0 → 0', price: 0, discount: percent(10_000), expected: 0 },
  { desc: '1 bp of 1: discount 0.0001 → 0 → 1', price: 1, discount: percent(1), expected: 1 },
  { desc: '1 bp of 100: discount 0.01 → 0 → 100', price: 100, discount: percent(1), expected: 100 },
  { desc: '1 bp of 4999: discount 0.4999 → 0 → 4999', price: 4999, discount: percent(1), expected: 4999 },
  { desc: '1 bp of 5000: discount 0.5 (exact half) → 1 → 4999', price: 5000, discount: percent(1), expected: 4999 },
  { desc: '1 bp of 15000: discount 1.5 (exact half) → 2 → 14998', price: 15000, discount: percent(1), expected: 14998 },
  { desc: 'amount_off 1 of 1000 → 999', price: 1000, discount: amountOff(1), expected: 999 },
  { desc: 'amount_off equal to price → 0', price: 1000, discount: amountOff(1000), expected: 0 },
  { desc: 'amount_off above price floors at 0', price: 1000, discount: amountOff(1001), expected: 0 },
  { desc: 'amount_off 0 → unchanged', price: 1000, discount: amountOff(0), expected: 1000 },
];

describe('applyDiscount: half-up rounding of the discount to the minor unit', () => {
  for (const row of roundRows) {
    it(row.desc, () => {
      assert.equal(applyDiscount(row.price, row.discount), row.expected);
    });
  }

  it('agrees with exact integer (BigInt) half-up arithmetic on a grid of prices and rates', () => {
    const prices = [
      0, 1, 2, 3, 5, 7, 9, 10, 49, 50, 99, 101, 199, 999, 1001, 4999, 5000, 12_345, 99_999, 1_000_001, 123_456_789,
      900_719_925_474,
    ];
    const rates = [1, 2, 5, 49, 50, 51, 99, 100, 333, 1250, 2500, 3333, 4999, 5000, 5001, 6667, 9999, 10_000];
    for (const price of prices) {
      for (const bp of rates) {
        const off = (BigInt(price) * BigInt(bp) * 2n + 10_000n) / 20_000n; // half up, exact
        const expected = Number(BigInt(price) - off);
        assert.equal(applyDiscount(price, percent(bp)), expected, `${price} at ${bp} bp`);
      }
    }
  });

  it('the rounding is the same through resolve (999 at 12.5 % → 874)', () => {
    const inp = inputs({ promotions: [promotion({ discount: percent(1250) })] });
    allInputs.push(inp);
    const p = product({ units: [unit('each', 999)] });
    allProducts.push(p);
    const r = new Pricer(inp).resolve(p, 'each', 4, NOW);
    assert.equal(r.price?.unit_price_minor, 874);
    assert.equal(r.price?.line_total_minor, 874 * 4, 'line total is the rounded unit price times quantity');
    assert.equal(r.price?.promotion?.original_unit_price_minor, 999);
  });
});

// ---------------------------------------------------------------------------
// 5. Orderability
// ---------------------------------------------------------------------------

interface OrderableRow {
  desc: string;
  inputs?: PricingInputsT;
  product: ProductT;
  uom: string;
  orderable: boolean;
  reason: NotOrderableReason | null;
  /** Expected unit price, or null when no price is returned. */
  unit: number | null;
}

const orderableRows: OrderableRow[] = [
  {
    desc: 'active, in stock, priced: orderable',
    product: product(),
    uom: 'each',
    orderable: true,
    reason: null,
    unit: 1000,
  },
  {
    desc: 'low_stock is still orderable',
    product: product({ stock: 'low_stock' }),
    uom: 'each',
    orderable: true,
    reason: null,
    unit: 1000,
  },
  {
    desc: 'inactive product: reason inactive, price still present',
    product: product({ active: false }),
    uom: 'each',
    orderable: false,
    reason: 'inactive',
    unit: 1000,
  },
  {
    desc: 'inactive product priced from a list: reason inactive, list price present',
    inputs: inputs({ group_list: groupList(entry(ID.a, 'each', [tier(1, 800)])) }),
    product: product({ active: false }),
    uom: 'each',
    orderable: false,
    reason: 'inactive',
    unit: 800,
  },
  {
    desc: 'inactive and out of stock: inactive is reported first',
    product: product({ active: false, stock: 'out_of_stock' }),
    uom: 'each',
    orderable: false,
    reason: 'inactive',
    unit: 1000,
  },
  {
    desc: 'inactive and unpriced: inactive is reported first, price null',
    product: product({ active: false, units: [unit('each', null)] }),
    uom: 'each',
    orderable: false,
    reason: 'inactive',
    unit: null,
  },
  {
    desc: 'inactive with a missing uom: inactive, price null',
    product: product({ active: false }),
    uom: 'pallet',
    orderable: false,
    reason: 'inactive',
    unit: null,
  },
  {
    desc: 'uom not among product.units: uom_unavailable, price null',
    product: product(),
    uom: 'pallet',
    orderable: false,
    reason: 'uom_unavailable',
    unit: null,
  },
  {
    desc: 'uom priced in a list but not among product.units: still uom_unavailable',
    inputs: inputs({ group_list: groupList(entry(ID.a, 'pallet', [tier(1, 50_000)])) }),
    product: product(),
    uom: 'pallet',
    orderable: false,
    reason: 'uom_unavailable',
    unit: null,
  },
  {
    desc: 'uom match is exact (case-sensitive)',
    product: product(),
    uom: 'EACH',
    orderable: false,
    reason: 'uom_unavailable',
    unit: null,
  },
  {
    desc: 'product with no units at all: uom_unavailable',
    product: product({ units: [] }),
    uom: 'each',
    orderable: false,
    reason: 'uom_unavailable',
    unit: null,
  },
  {
    desc: 'out_of_stock: price present, not orderable',
    product: product({ stock: 'out_of_stock' }),
    uom: 'each',
    orderable: false,
    reason: 'out_of_stock',
    unit: 1000,
  },
  {
    desc: 'out_of_stock with a promotion: discounted price present, not orderable',
    inputs: inputs({ promotions: [promotion({ discount: percent(1000) })] }),
    product: product({ stock: 'out_of_stock' }),
    uom: 'each',
    orderable: false,
    reason: 'out_of_stock',
    unit: 900,
  },
  {
    desc: 'no price anywhere: unpriced, price null',
    product: product({ units: [unit('each', null)] }),
    uom: 'each',
    orderable: false,
    reason: 'unpriced',
    unit: null,
  },
  {
    desc: 'no price anywhere (lists exist but lack it): unpriced',
    inputs: inputs({
      group_list: groupList(entry(ID.other, 'each', [tier(1, 800)])),
      default_list: defaultList(entry(ID.a, 'case12', [tier(1, 9000)])),
    }),
    product: product({ units: [unit('each', null), unit('case12', null, 12)] }),
    uom: 'each',
    orderable: false,
    reason: 'unpriced',
    unit: null,
  },
  {
    desc: 'quantity below every tier and no base price: unpriced',
    inputs: inputs({ default_list: defaultList(entry(ID.a, 'each', [tier(10, 900)])) }),
    product: product({ units: [unit('each', null)] }),
    uom: 'each',
    orderable: false,
    reason: 'unpriced',
    unit: null,
  },
  {
    desc: 'unpriced and out of stock: unpriced is reported first',
    product: product({ stock: 'out_of_stock', units: [unit('each', null)] }),
    uom: 'each',
    orderable: false,
    reason: 'unpriced',
    unit: null,
  },
];

describe('orderability and its reason', () => {
  for (const row of orderableRows) {
    const inp = row.inputs ?? inputs();
    allInputs.push(inp);
    allProducts.push(row.product);
    it(row.desc, () => {
      const r = new Pricer(inp).resolve(row.product, row.uom, 1, NOW);
      assert.equal(r.orderable, row.orderable);
      assert.equal(r.reason, row.reason);
      if (row.unit === null) assert.equal(r.price, null);
      else assert.equal(r.price?.unit_price_minor, row.unit);
    });
  }
});

// ---------------------------------------------------------------------------
// 6. Quantities
// ---------------------------------------------------------------------------

const HUGE = Math.floor(Number.MAX_SAFE_INTEGER / LIMITS.maxLineQuantity) + 1;

interface QuantityRow {
  desc: string;
  quantity: number;
  base?: number;
  /** null: the line is refused with `reason`, price null. */
  lineTotal: number | null;
  reason?: NotOrderableReason;
}

const quantityRows: QuantityRow[] = [
  { desc: 'quantity 0 is invalid', quantity: 0, lineTotal: null, reason: 'invalid_quantity' },
  { desc: 'negative quantity is invalid', quantity: -1, lineTotal: null, reason: 'invalid_quantity' },
  { desc: 'non-integer quantity (1.5) is invalid', quantity: 1.5, lineTotal: null, reason: 'invalid_quantity' },
  { desc: 'tiny fraction (0.5) is invalid', quantity: 0.5, lineTotal: null, reason: 'invalid_quantity' },
  { desc: 'NaN is invalid', quantity: Number.NaN, lineTotal: null, reason: 'invalid_quantity' },
  { desc: 'Infinity is invalid', quantity: Number.POSITIVE_INFINITY, lineTotal: null, reason: 'invalid_quantity' },
  {
    desc: 'one above LIMITS.maxLineQuantity is invalid',
    quantity: LIMITS.maxLineQuantity + 1,
    lineTotal: null,
    reason: 'invalid_quantity',
  },
  { desc: 'quantity 1 is valid', quantity: 1, lineTotal: 1000 },
  {
    desc: 'exactly LIMITS.maxLineQuantity is valid: line_total = unit × qty',
    quantity: LIMITS.maxLineQuantity,
    lineTotal: 1000 * LIMITS.maxLineQuantity,
  },
  {
    desc: 'unit price whose line total at the max quantity is not a safe integer: not priced',
    quantity: LIMITS.maxLineQuantity,
    base: HUGE,
    lineTotal: null,
    reason: 'unpriced',
  },
  {
    desc: 'the same huge unit price one step lower is still a safe line total',
    quantity: LIMITS.maxLineQuantity,
    base: HUGE - 1,
    lineTotal: (HUGE - 1) * LIMITS.maxLineQuantity,
  },
  {
    desc: 'MAX_SAFE_INTEGER unit price at quantity 1 is priced',
    quantity: 1,
    base: Number.MAX_SAFE_INTEGER,
    lineTotal: Number.MAX_SAFE_INTEGER,
  },
  {
    desc: 'MAX_SAFE_INTEGER unit price at quantity 2 is not priced',
    quantity: 2,
    base: Number.MAX_SAFE_INTEGER,
    lineTotal: null,
    reason: 'unpriced',
  },
];

describe('quantities', () => {
  for (const row of quantityRows) {
    const p = product({ units: [unit('each', row.base ?? 1000)] });
    allProducts.push(p);
    it(row.desc, () => {
      const r = new Pricer(inputs()).resolve(p, 'each', row.quantity, NOW);
      if (row.lineTotal === null) {
        assert.equal(r.orderable, false);
        assert.equal(r.reason, row.reason);
        assert.equal(r.price, null);
      } else {
        assert.equal(r.orderable, true);
        assert.equal(r.reason, null);
        assert.equal(r.price?.line_total_minor, row.lineTotal);
        assert.ok(Number.isSafeInteger(r.price?.line_total_minor));
      }
    });
  }

  it('invalid quantity is reported before inactive/uom problems', () => {
    const r = new Pricer(inputs()).resolve(product({ active: false }), 'pallet', 0, NOW);
    assert.deepEqual(r, { orderable: false, reason: 'invalid_quantity', price: null });
  });

  it('resolvePrice (one-off) gives the same answer as a Pricer', () => {
    const inp = inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(1, 950), tier(10, 900)])),
      promotions: [promotion({ discount: percent(1250) })],
    });
    allInputs.push(inp);
    assert.deepEqual(
      resolvePrice(inp, product(), 'each', 12, NOW),
      new Pricer(inp).resolve(product(), 'each', 12, NOW),
    );
  });
});

// ---------------------------------------------------------------------------
// 7. Orders and freight
// ---------------------------------------------------------------------------

const ORDER_PRODUCTS: ProductT[] = [
  product({ id: ID.a, sku: 'A' }), // each 1000, case12 11000
  product({ id: ID.b, sku: 'B', units: [unit('each', 1)] }),
  product({ id: ID.c, sku: 'C', active: false, units: [unit('box', 500)] }),
  product({ id: ID.other, sku: 'OOS', stock: 'out_of_stock', units: [unit('each', 700)] }),
];
allProducts.push(...ORDER_PRODUCTS);
const PRODUCTS = new Map(ORDER_PRODUCTS.map((p) => [p.id, p]));
const FREIGHT: FreightT = { flat_minor: 995, free_over_minor: 10_000 };
const NEVER_FREE: FreightT = { flat_minor: 995, free_over_minor: null };
const ALWAYS_FREE: FreightT = { flat_minor: 995, free_over_minor: 0 };
const NO_FREIGHT: FreightT = { flat_minor: 0, free_over_minor: null };
allFreights.push(FREIGHT, NEVER_FREE, ALWAYS_FREE, NO_FREIGHT);

interface OrderRow {
  desc: string;
  lines: OrderLineInput[];
  freight?: FreightT;
  inputs?: PricingInputsT;
  subtotal: number;
  freightMinor: number;
  problems?: { index: number; product_id: string; uom: string | null; reason: NotOrderableReason }[];
  /** Resolved uom per line, when checked. */
  uoms?: (string | undefined)[];
}

const orderRows: OrderRow[] = [
  {
    desc: 'one line: subtotal plus flat freight',
    lines: [{ product_id: ID.a, uom: 'each', quantity: 3 }],
    subtotal: 3000,
    freightMinor: 995,
  },
  {
    desc: 'several lines are summed',
    lines: [
      { product_id: ID.a, uom: 'each', quantity: 2 },
      { product_id: ID.a, uom: 'case12', quantity: 1 },
      { product_id: ID.b, quantity: 7 },
    ],
    subtotal: 2000 + 11000 + 7,
    freightMinor: 0,
  },
  {
    desc: 'subtotal one below the free-freight threshold pays freight',
    lines: [
      { product_id: ID.a, quantity: 9 },
      { product_id: ID.b, quantity: 999 },
    ],
    subtotal: 9999,
    freightMinor: 995,
  },
  {
    desc: 'subtotal exactly at the free-freight threshold: free',
    lines: [{ product_id: ID.a, quantity: 10 }],
    subtotal: 10_000,
    freightMinor: 0,
  },
  {
    desc: 'subtotal one above the free-freight threshold: free',
    lines: [
      { product_id: ID.a, quantity: 10 },
      { product_id: ID.b, quantity: 1 },
    ],
    subtotal: 10_001,
    freightMinor: 0,
  },
  {
    desc: 'free_over null: flat freight however large the subtotal',
    lines: [{ product_id: ID.a, quantity: 1000 }],
    freight: NEVER_FREE,
    subtotal: 1_000_000,
    freightMinor: 995,
  },
  {
    desc: 'free_over 0: any non-empty order ships free',
    lines: [{ product_id: ID.b, quantity: 1 }],
    freight: ALWAYS_FREE,
    subtotal: 1,
    freightMinor: 0,
  },
  {
    desc: 'no lines: zero subtotal, zero freight',
    lines: [],
    subtotal: 0,
    freightMinor: 0,
  },
  {
    desc: 'every line a problem: zero subtotal, zero freight',
    lines: [
      { product_id: ID.unknown, quantity: 1 },
      { product_id: ID.c, quantity: 1 },
    ],
    subtotal: 0,
    freightMinor: 0,
    problems: [
      { index: 0, product_id: ID.unknown, uom: null, reason: 'not_found' },
      { index: 1, product_id: ID.c, uom: 'box', reason: 'inactive' },
    ],
  },
  {
    desc: 'problems are listed with index and reason; only good lines count towards the subtotal',
    lines: [
      { product_id: ID.a, uom: 'each', quantity: 2 },
      { product_id: ID.unknown, uom: 'each', quantity: 1 },
      { product_id: ID.c, quantity: 1 },
      { product_id: ID.other, quantity: 1 },
      { product_id: ID.a, uom: 'each', quantity: 0 },
      { product_id: ID.a, uom: 'pallet', quantity: 1 },
      { product_id: ID.b, quantity: 5 },
      { product_id: ID.a, quantity: LIMITS.maxLineQuantity + 1 },
    ],
    subtotal: 2005,
    freightMinor: 995,
    problems: [
      { index: 1, product_id: ID.unknown, uom: 'each', reason: 'not_found' },
      { index: 2, product_id: ID.c, uom: 'box', reason: 'inactive' },
      { index: 3, product_id: ID.other, uom: 'each', reason: 'out_of_stock' },
      { index: 4, product_id: ID.a, uom: 'each', reason: 'invalid_quantity' },
      { index: 5, product_id: ID.a, uom: 'pallet', reason: 'uom_unavailable' },
      { index: 7, product_id: ID.a, uom: 'each', reason: 'invalid_quantity' },
    ],
  },
  {
    desc: "a line without uom uses the product's first unit",
    lines: [
      { product_id: ID.a, quantity: 2 },
      { product_id: ID.a, uom: 'case12', quantity: 1 },
    ],
    freight: NO_FREIGHT,
    subtotal: 2000 + 11000,
    freightMinor: 0,
    uoms: ['each', 'case12'],
  },
  {
    desc: 'list prices, tiers and promotions apply in an order as in resolve',
    inputs: inputs({
      group_list: groupList(entry(ID.a, 'each', [tier(1, 950), tier(10, 900)])),
      promotions: [promotion({ discount: percent(1250) })],
    }),
    lines: [
      { product_id: ID.a, quantity: 10 },
      { product_id: ID.b, quantity: 3 },
    ],
    // 12.5 % of the 10+ tier price 900 = 112.5 → 113 off → 787; B has no promotion.
    subtotal: 787 * 10 + 3,
    freightMinor: 995,
  },
];

describe('priceOrder', () => {
  for (const row of orderRows) {
    const inp = row.inputs ?? inputs();
    allInputs.push(inp);
    it(row.desc, () => {
      const order = new Pricer(inp).priceOrder(PRODUCTS, row.lines, row.freight ?? FREIGHT, NOW);
      assert.equal(order.subtotal_minor, row.subtotal);
      assert.equal(order.freight_minor, row.freightMinor);
      assert.equal(order.total_minor, row.subtotal + row.freightMinor);
      assert.deepEqual(order.problems, row.problems ?? []);
      assert.equal(order.lines.length, row.lines.length);
      order.lines.forEach((line, i) => {
        assert.equal(line.index, i);
        assert.equal(line.product_id, row.lines[i]!.product_id);
        assert.equal(line.quantity, row.lines[i]!.quantity);
        assert.equal(line.product, PRODUCTS.get(row.lines[i]!.product_id));
        if (row.uoms) assert.equal(line.uom, row.uoms[i]);
        // Each line's resolution matches a direct resolve.
        if (line.product) {
          assert.deepEqual(line.resolution, new Pricer(inp).resolve(line.product, line.uom ?? '', line.quantity, NOW));
        } else {
          assert.deepEqual(line.resolution, { orderable: false, reason: 'not_found', price: null });
        }
      });
      const sum = order.lines.reduce((s, l) => s + (l.resolution.reason ? 0 : l.resolution.price!.line_total_minor), 0);
      assert.equal(order.subtotal_minor, sum);
    });
  }

  it('a product without units and a line without uom: uom_unavailable with uom null', () => {
    const bare = product({ id: ID.b, units: [] });
    allProducts.push(bare);
    const order = new Pricer(inputs()).priceOrder(
      new Map([[bare.id, bare]]),
      [{ product_id: ID.b, quantity: 1 }],
      FREIGHT,
      NOW,
    );
    assert.deepEqual(order.problems, [{ index: 0, product_id: ID.b, uom: null, reason: 'uom_unavailable' }]);
    assert.equal(order.lines[0]!.uom, undefined);
    assert.equal(order.total_minor, 0);
  });
});

interface FreightRow {
  desc: string;
  subtotal: number;
  freight: FreightT;
  expected: number;
}

const freightRows: FreightRow[] = [
  { desc: 'zero subtotal: no freight', subtotal: 0, freight: FREIGHT, expected: 0 },
  { desc: 'zero subtotal with free_over null: no freight', subtotal: 0, freight: NEVER_FREE, expected: 0 },
  { desc: 'subtotal 1: flat freight', subtotal: 1, freight: FREIGHT, expected: 995 },
  { desc: 'one below the threshold: flat freight', subtotal: 9_999, freight: FREIGHT, expected: 995 },
  { desc: 'exactly at the threshold: free', subtotal: 10_000, freight: FREIGHT, expected: 0 },
  { desc: 'one above the threshold: free', subtotal: 10_001, freight: FREIGHT, expected: 0 },
  { desc: 'free_over null: always flat', subtotal: 1_000_000_000, freight: NEVER_FREE, expected: 995 },
  { desc: 'free_over 0: free for any positive subtotal', subtotal: 1, freight: ALWAYS_FREE, expected: 0 },
  { desc: 'flat 0: nothing charged', subtotal: 500, freight: NO_FREIGHT, expected: 0 },
];

describe('freightFor', () => {
  for (const row of freightRows) {
    it(row.desc, () => {
      assert.equal(freightFor(row.subtotal, row.freight), row.expected);
    });
  }
});

// ---------------------------------------------------------------------------
// 8. Fixtures honour the contract
// ---------------------------------------------------------------------------

describe('fixtures', () => {
  it("every fixture parses with the contract's PricingInputs, Product and Freight schemas", () => {
    assert.ok(allInputs.length > 30 && allProducts.length > 20);
    for (const [i, inp] of allInputs.entries()) {
      const result = PricingInputs.safeParse(inp);
      assert.ok(result.success, `inputs #${i}: ${result.error?.message}`);
      assert.deepEqual(result.data, inp, `inputs #${i} survive parsing unchanged`);
    }
    for (const [i, p] of [product(), ...allProducts].entries()) {
      const result = Product.safeParse(p);
      assert.ok(result.success, `product #${i} (${p.sku}): ${result.error?.message}`);
    }
    for (const f of allFreights) assert.ok(Freight.safeParse(f).success);
  });

  it('the malformed row is indeed rejected by the contract', () => {
    const malformed = promoRows.filter((r) => r.malformed);
    assert.equal(malformed.length, 1);
    assert.equal(PricingInputs.safeParse(malformed[0]!.inputs).success, false);
  });
});
