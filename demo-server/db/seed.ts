/**
 * Demo and load-test data for the reference database.
 *
 * `seedDemo` writes one believable wholesale workspace (catalogue, price lists, promotions,
 * five customers with ten months of orders, quotes, invoices, payments and deliveries), priced
 * with the shared pricing module so every seeded line carries the price that customer would
 * really have paid. Content is deterministic for a given `now` (a seeded PRNG drives every
 * choice; only the UUIDs are random). `seedScale` adds thousands of generated customers,
 * products and orders on top, in batches that stay under both databases' bind-variable limits.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  Discount,
  Freight,
  WorkspaceSettings,
  type OrderChannel,
  type OrderContent,
  type OrderStatus,
  type PriceList,
  type PriceListEntry,
  type PricingInputs,
  type Product,
  type Promotion,
  type QuoteState,
  type Role,
  type StockState,
  type ChargeRules,
} from '../../widget/contract/index.ts';
import { Pricer, type OrderLineInput, type PricedOrder } from '../../widget/pricing/index.ts';
import type { Database } from './schema.ts';
import { diffContent } from './order-changes.ts';
import { refreshProductStats } from './product-stats.ts';
import { keyOf } from './orders.ts';
import { spendingPeriod } from '../../widget/contract/rules/approvals.ts';
import { RELEASED_STATUSES } from '../../widget/contract/rules/order-status.ts';

// ---------------------------------------------------------------------------------------------
// Table order, chunked inserts, reset
// ---------------------------------------------------------------------------------------------

type TableName = keyof Database & string;
type Rows = { [K in TableName]: Database[K][] };

/** Parents before children: the order to insert in; reversed, the order to delete in. */
const TABLES: TableName[] = [
  'workspace',
  'categories',
  'products',
  'product_units',
  'price_groups',
  'price_lists',
  'price_list_entries',
  'promotions',
  'promotion_products',
  'customers',
  'customer_addresses',
  'people',
  'portal_tokens',
  'quotes',
  'orders',
  'order_lines',
  'quote_lines',
  'order_requests',
  'order_events',
  'order_supplier_charges',
  'invoices',
  'payments',
  'payment_allocations',
  'deliveries',
  'delivery_lines',
  'counters',
  'idempotency_keys',
  'customer_product_stats',
  'link_uses',
  'delivery_services',
  // Not admin_keys: they are credentials, not demo data, and a reset keeps them.
];

/** At most this many rows per INSERT statement. */
const MAX_ROWS_PER_INSERT = 500;
/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (PostgreSQL allows 65,535). */
const MAX_BIND_VARIABLES = 32_766;

function emptyRows(): Rows {
  return Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as Rows;
}

/** Inserts rows in multi-row statements of at most 500 rows (and never over the bind-variable limit). */
async function insertRows<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_BIND_VARIABLES / columns)));
  const anyDb = db as unknown as Kysely<any>;
  for (let i = 0; i < rows.length; i += size) {
    await anyDb
      .insertInto(table)
      .values(rows.slice(i, i + size) as any[])
      .execute();
  }
}

async function insertAll(db: Kysely<Database>, rows: Partial<Rows>): Promise<void> {
  for (const table of TABLES) {
    const list = rows[table];
    if (list?.length) await insertRows(db, table, list as Database[typeof table][]);
  }
}

/** True when the workspace row exists. */
export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('workspace').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes every row of every application table, children first, in one transaction. The schema
 * and Kysely's `kysely_migration*` bookkeeping stay.
 */
export async function resetData(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const table of [...TABLES].reverse()) {
      await (tx as unknown as Kysely<any>).deleteFrom(table).execute();
    }
  });
}

/** Row counts of every application table, for summaries and tests. */
export async function tableCounts(db: Kysely<Database>): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const table of TABLES) {
    const row = await (db as unknown as Kysely<any>)
      .selectFrom(table)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and time
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast, seedable PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)];
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weight(item);
    let r = this.#next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.#next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  digits(n: number): string {
    let s = String(this.int(1, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const iso = (ms: number): string => new Date(ms).toISOString();
const dateOnly = (ms: number): string => iso(ms).slice(0, 10);
const dateMs = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);
const addDays = (date: string, days: number): string => dateOnly(dateMs(date) + days * DAY);

/** Times relative to `now`, during business hours (UTC), never after `now`. */
class Clock {
  readonly nowMs: number;
  readonly todayMs: number;
  constructor(
    now: Date,
    private readonly rng: Rng,
  ) {
    this.nowMs = now.getTime();
    const d = new Date(this.nowMs);
    this.todayMs = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }
  /** A business-hours instant `days` days before today (ms), clamped to before now. */
  daysAgo(days: number): number {
    const ms = this.todayMs - days * DAY + this.rng.int(7 * 60, 17 * 60 + 59) * MINUTE + this.rng.int(0, 59_999);
    return this.clamp(ms);
  }
  /** `ms` plus a business-ish delay of `days` days, clamped to before now. */
  later(ms: number, days: number): number {
    const day = Math.floor(ms / DAY) * DAY + days * DAY;
    return this.clamp(Math.max(ms + HOUR, day + this.rng.int(7 * 60, 17 * 60 + 59) * MINUTE + this.rng.int(0, 59_999)));
  }
  /**
   * Before now: an instant not yet come moves to minutes before now, by its own value rather than
   * a draw (a draw made only sometimes, depending on the hour the seed runs, would change every
   * later draw, and the demo data with it).
   */
  clamp(ms: number): number {
    return ms < this.nowMs ? ms : this.nowMs - (2 + (Math.floor(ms / MINUTE) % 89)) * MINUTE - (ms % 60_000);
  }
  /** Midnight UTC, `days` days from today (negative: in the past). */
  midnight(days: number): string {
    return iso(this.todayMs + days * DAY);
  }
}

/**
 * Document numbers as `nextNumber` in numbers.ts makes them (SO-2026-0042: prefix, UTC year,
 * sequence of at least four digits), kept in memory; `rows()` are the matching `counters` rows.
 */
class Numbering {
  readonly counters = new Map<string, number>();
  constructor(initial: Iterable<[string, number]> = []) {
    for (const [name, value] of initial) this.counters.set(name, value);
  }
  next(prefix: string, atMs: number): string {
    const series = `${prefix}-${new Date(atMs).getUTCFullYear()}`;
    const value = (this.counters.get(series) ?? 0) + 1;
    this.counters.set(series, value);
    return `${series}-${String(value).padStart(4, '0')}`;
  }
  rows(): Database['counters'][] {
    return [...this.counters]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value }));
  }
}

// ---------------------------------------------------------------------------------------------
// The demo catalogue
// ---------------------------------------------------------------------------------------------

interface ProductSpec {
  name: string;
  description: string;
  /** Base price of one item in cents; null: unpriced (no base price, no list entries). */
  price: number | null;
  /** Also sold as a case of 12, cheaper per item. */
  case12?: boolean;
  stock?: StockState;
  inactive?: boolean;
  isNew?: boolean;
}

interface CategorySpec {
  prefix: string;
  name: string;
  /** Its catalogue tab against the workspace's default (seed 003); unset: 'auto'. */
  tab?: 'show' | 'hide';
  products: ProductSpec[];
}

const CATALOGUE: CategorySpec[] = [
  {
    prefix: 'COF',
    name: 'Coffee & Tea',
    products: [
      {
        name: 'Harbour House Espresso Blend 1kg',
        description: 'Whole beans, medium-dark roast with notes of cocoa and toasted hazelnut. Roasted weekly in Cork.',
        price: 2450,
      },
      {
        name: 'Colombia Huila Single Origin 1kg',
        description:
          'Washed Caturra from Huila: red apple, panela and a clean, sweet finish. Great as espresso or filter.',
        price: 2890,
      },
      {
        name: 'Swiss Water Decaf Blend 1kg',
        description: 'Chemical-free decaffeinated beans with a smooth caramel body.',
        price: 2650,
      },
      {
        name: 'Ethiopia Yirgacheffe Filter Roast 1kg',
        description: 'Light roast with jasmine, bergamot and lemon notes. Limited seasonal lot.',
        price: 3150,
        isNew: true,
      },
      {
        name: 'Irish Breakfast Tea, 500 bags',
        description: 'Strong Assam and Kenyan blend, string-and-tag bags for the counter.',
        price: 1890,
      },
      {
        name: 'Earl Grey Pyramid Tea Bags, 100',
        description: 'Ceylon black tea with cold-pressed bergamot, in biodegradable pyramid bags.',
        price: 1250,
      },
      {
        name: 'Green Sencha Tea Bags, 100',
        description: 'Japanese-style steamed green tea with a fresh, grassy cup.',
        price: 990,
      },
      { name: 'Peppermint Infusion, 100 bags', description: 'Whole-leaf peppermint, caffeine free.', price: 890 },
      {
        name: 'Belgian Hot Chocolate Powder 1kg',
        description: '32 % cocoa drinking chocolate; mix with steamed milk.',
        price: 1190,
      },
      {
        name: 'Spiced Chai Latte Powder 1kg',
        description: 'Cinnamon, cardamom and ginger with black tea; just add milk.',
        price: 1450,
        stock: 'low_stock',
      },
      {
        name: 'Micro-lot Geisha Panama 1kg',
        description: 'Competition-grade micro-lot. Price on request, subject to harvest allocation.',
        price: null,
      },
      {
        name: 'Ground Coffee Sachets 60g, 50',
        description: 'Pre-portioned filter sachets. Discontinued: replaced by whole-bean blends.',
        price: 3290,
        inactive: true,
      },
    ],
  },
  {
    prefix: 'DAI',
    name: 'Dairy & Alternatives',
    products: [
      {
        name: 'Whole Milk 1L',
        description: 'Fresh Irish whole milk, 3.5 % fat. Delivered chilled.',
        price: 145,
        case12: true,
      },
      { name: 'Low Fat Milk 1L', description: 'Fresh semi-skimmed milk, 1.5 % fat.', price: 139, case12: true },
      {
        name: 'Barista Oat Drink 1L',
        description: 'Steams and stretches like dairy; no added sugar. Ambient, long life.',
        price: 265,
        case12: true,
      },
      {
        name: 'Barista Almond Drink 1L',
        description: 'Toasted almond drink formulated for latte art. Ambient, long life.',
        price: 289,
        case12: true,
      },
      {
        name: 'Organic Soya Drink 1L',
        description: 'EU organic soya, calcium enriched. Ambient, long life.',
        price: 219,
        case12: true,
      },
      { name: 'Salted Irish Butter 500g', description: 'Creamery butter from grass-fed herds.', price: 549 },
      { name: 'Fresh Double Cream 1L', description: '48 % fat cream for whipping and sauces.', price: 689 },
      {
        name: 'Natural Greek-Style Yoghurt 2kg',
        description: 'Thick, strained yoghurt for breakfast bowls.',
        price: 649,
      },
      {
        name: 'Mature Cheddar Block 2.5kg',
        description: 'Twelve-month aged white cheddar, easy to slice.',
        price: 2890,
      },
      {
        name: 'Buffalo Mozzarella 125g',
        description: 'Campanian buffalo mozzarella in brine.',
        price: 235,
        stock: 'low_stock',
      },
      {
        name: 'Lactose-Free Milk 1L',
        description: 'Whole milk with the lactose removed. Long life.',
        price: 179,
        stock: 'out_of_stock',
      },
    ],
  },
  {
    prefix: 'BAK',
    name: 'Bakery',
    products: [
      { name: 'Sourdough Loaf 800g', description: 'Long-fermented white sourdough, baked daily.', price: 495 },
      {
        name: 'All-Butter Croissants (frozen), 60',
        description: 'Bake-from-frozen croissants, 18 minutes at 180 °C.',
        price: 3290,
      },
      {
        name: 'Pain au Chocolat (frozen), 60',
        description: 'Bake-from-frozen, two batons of dark chocolate each.',
        price: 3690,
      },
      { name: 'Brown Soda Bread 600g', description: 'Traditional wholemeal soda bread with buttermilk.', price: 360 },
      {
        name: 'Brioche Burger Buns, 6',
        description: 'Soft, glazed 4-inch buns that hold up to a juicy burger.',
        price: 299,
        case12: true,
      },
      {
        name: 'Blueberry Muffins (frozen), 24',
        description: 'Thaw-and-serve muffins loaded with wild blueberries.',
        price: 2190,
      },
      {
        name: 'Fruit Scones (frozen), 40',
        description: 'Sultana scones, bake from frozen in 15 minutes.',
        price: 2490,
      },
      {
        name: 'Gluten-Free Seeded Loaf 500g',
        description: 'Made in a dedicated gluten-free bakery, packed with sunflower and pumpkin seeds.',
        price: 545,
        isNew: true,
      },
      {
        name: 'Ciabatta Rolls (part-baked), 30',
        description: 'Finish in the oven for 6 minutes for a crisp crust.',
        price: 1890,
      },
      {
        name: 'Cinnamon Swirls (frozen), 48',
        description: 'Laminated dough with cinnamon sugar and a vanilla glaze.',
        price: 3490,
        stock: 'low_stock',
      },
      {
        name: 'Hot Cross Buns, 72',
        description: 'Seasonal Easter line, currently unavailable.',
        price: 2790,
        inactive: true,
      },
    ],
  },
  {
    prefix: 'PAN',
    name: 'Pantry',
    products: [
      {
        name: 'Extra Virgin Olive Oil 5L',
        description: 'Cold-extracted Spanish Picual oil with a peppery finish.',
        price: 4290,
      },
      {
        name: 'Irish Rapeseed Oil 5L',
        description: 'Cold-pressed, high smoke point; ideal for roasting and frying.',
        price: 1390,
      },
      { name: 'Chopped Tomatoes 400g', description: 'Italian plum tomatoes in juice.', price: 115, case12: true },
      { name: 'Basmati Rice 5kg', description: 'Aged extra-long-grain basmati.', price: 1290 },
      { name: 'Penne Rigate 3kg', description: 'Bronze-die durum wheat pasta, holds sauce well.', price: 649 },
      { name: 'Sea Salt Flakes 1.4kg', description: 'Hand-harvested flaky sea salt.', price: 1190 },
      { name: 'Wildflower Honey 3kg', description: 'Raw Irish honey in a catering tub.', price: 2690, isNew: true },
      { name: 'Jumbo Rolled Oats 3kg', description: 'Whole-grain oats for porridge and overnight oats.', price: 690 },
      { name: 'Demerara Sugar Sticks, 1000', description: 'Individually wrapped 2.5 g sticks.', price: 1490 },
      { name: 'Pure Maple Syrup 1L', description: 'Grade A amber Canadian maple syrup.', price: 1890 },
      { name: 'Sriracha Hot Chilli Sauce 740ml', description: 'Garlic-chilli sauce in a squeeze bottle.', price: 649 },
      {
        name: 'White Truffle Oil 250ml',
        description: 'Small-batch truffle oil. Price on request, subject to availability.',
        price: null,
      },
    ],
  },
  {
    // No tab of its own, to show the per-category setting: its products are under All and in search.
    prefix: 'CLN',
    name: 'Cleaning & Paper',
    tab: 'hide',
    products: [
      { name: 'Blue Centrefeed Rolls, 6', description: '2-ply 150 m rolls for kitchens and prep areas.', price: 1890 },
      { name: 'White Napkins 33cm 2-ply, 2000', description: 'Quarter-fold dinner napkins.', price: 2290 },
      { name: 'Kraft Takeaway Cups 12oz, 1000', description: 'Double-wall compostable hot cups.', price: 6990 },
      { name: 'Compostable Sip Lids 12oz, 1000', description: 'Plant-based lids that fit our 12oz cups.', price: 3490 },
      { name: 'Washing-up Liquid 5L', description: 'Concentrated, grease-cutting, EU Ecolabel.', price: 890 },
      {
        name: 'Dishwasher Tablets, 200',
        description: 'All-in-one tablets for commercial and domestic machines.',
        price: 3290,
      },
      {
        name: 'Anti-bacterial Surface Spray 750ml',
        description: 'Food-safe sanitiser, kills 99.9 % of bacteria.',
        price: 349,
        case12: true,
      },
      { name: 'Hand Soap Refill 5L', description: 'Gentle foaming hand wash, unscented.', price: 1190 },
      { name: 'Heavy Duty Bin Liners, 200', description: '90 L black sacks, 30 micron.', price: 2390 },
      {
        name: 'Nitrile Gloves Medium, 100',
        description: 'Powder-free blue nitrile gloves, food-contact approved.',
        price: 790,
        stock: 'out_of_stock',
      },
      { name: 'Paper Straws, 250', description: 'Unwrapped 8 mm paper straws, plastic free.', price: 690, isNew: true },
    ],
  },
  {
    prefix: 'BEV',
    name: 'Beverages',
    products: [
      {
        name: 'Sparkling Spring Water 500ml',
        description: 'Naturally sourced in Tipperary, lightly carbonated.',
        price: 59,
        case12: true,
      },
      { name: 'Still Spring Water 500ml', description: 'Naturally sourced in Tipperary.', price: 49, case12: true },
      { name: 'Cloudy Apple Juice 1L', description: 'Pressed Irish apples, nothing added.', price: 299, case12: true },
      { name: 'Fresh Orange Juice 1L', description: 'Not-from-concentrate, with bits. Chilled.', price: 349 },
      {
        name: 'Craft Cola 330ml',
        description: 'Small-batch cola with cane sugar and real kola nut.',
        price: 129,
        case12: true,
      },
      {
        name: 'Elderflower Pressé 275ml',
        description: 'Sparkling elderflower with a squeeze of lemon.',
        price: 145,
        case12: true,
        isNew: true,
      },
      { name: 'Fiery Ginger Beer 275ml', description: 'Brewed ginger beer with a proper kick.', price: 139 },
      {
        name: 'Raspberry Kombucha 330ml',
        description: 'Live, unpasteurised kombucha, low sugar.',
        price: 249,
        isNew: true,
        stock: 'low_stock',
      },
      { name: 'Sparkling Lemonade 330ml', description: 'Cloudy lemonade made with Sicilian lemons.', price: 119 },
      { name: 'Vanilla Syrup 1L', description: 'Barista syrup with Madagascan vanilla.', price: 890 },
      { name: 'Salted Caramel Syrup 1L', description: 'Barista syrup, pump sold separately.', price: 890 },
      {
        name: 'Hazelnut Syrup 1L',
        description: 'Barista syrup with roasted hazelnut.',
        price: 890,
        stock: 'out_of_stock',
      },
    ],
  },
];

/** A case of 12 costs about 8 % less than twelve single items, rounded to 10 cents. */
const casePrice = (each: number): number => Math.round((each * 12 * 0.92) / 10) * 10;
const money = (x: number): number => Math.max(1, Math.round(x));

const WORKSPACE_SETTINGS: WorkspaceSettings = WorkspaceSettings.parse({
  sections: { orders: true, quotes: true, invoices: true, payments: true, deliveries: true },
  create_order_on_quote_acceptance: true,
  tabs: { all: 'auto', new_arrivals: 'auto', on_sale: 'auto', past_orders: 'auto', categories: 'auto' },
  checkout_mode: 'pay_later',
  order_template: 'standard',
  freight: { flat_minor: 1500, free_over_minor: 25000 },
  payment_url: 'https://pay.example.com/checkout',
  trial_expired: false,
  // Seed 002: customers may change and cancel portal orders until they are in progress; the supplier approves each.
  order_changes: {
    enabled: true,
    apply_updates_automatically: false,
    apply_cancellations_automatically: false,
    allowed_before: 'in_progress',
    edits_allowed_before: null,
    cancellations_allowed_before: null,
  },
  require_unique_reference: false,
  show_price_explanation: false,
  allow_orders_over_credit_limit: false,
  order_creation_status: 'to_plan',
});

type GroupName = 'Hospitality' | 'Retail Partners' | 'Key Accounts';
const GROUPS: GroupName[] = ['Hospitality', 'Retail Partners', 'Key Accounts'];

/** How each list prices the products it covers. */
interface ListRule {
  name: string;
  /** Which products it covers (after the unpriced ones are left out). */
  covers: (p: DemoProduct, rng: Rng) => boolean;
  /** Price factor of the single-quantity tier. */
  factor: number;
  /** Extra quantity tiers [min_quantity, factor] on the first unit, for products with tiers. */
  tiers: [number, number][];
  /** Share of covered products that get the extra tiers. */
  tierShare: number;
}

const LIST_RULES: Record<GroupName | 'default', ListRule> = {
  Hospitality: {
    name: 'Hospitality 2026',
    factor: 0.92,
    tiers: [
      [12, 0.88],
      [48, 0.84],
    ],
    tierShare: 0.5,
    covers: (p, rng) => ['COF', 'DAI', 'BAK'].includes(p.prefix) && rng.chance(0.8),
  },
  'Retail Partners': {
    name: 'Retail Partners 2026',
    factor: 0.9,
    tiers: [
      [12, 0.87],
      [48, 0.83],
    ],
    tierShare: 0.5,
    covers: (p, rng) => ['PAN', 'BEV', 'CLN'].includes(p.prefix) && rng.chance(0.8),
  },
  'Key Accounts': {
    name: 'Key Accounts 2026',
    factor: 0.86,
    tiers: [
      [12, 0.83],
      [48, 0.8],
    ],
    tierShare: 0.6,
    covers: (_p, rng) => rng.chance(0.65),
  },
  default: {
    name: 'Standard Trade Prices',
    factor: 0.97,
    tiers: [
      [12, 0.94],
      [48, 0.9],
    ],
    tierShare: 0.6,
    covers: (p, rng) => rng.chance(['CLN', 'BEV'].includes(p.prefix) ? 0.55 : 0.25),
  },
};

interface PromotionSpec {
  name: string;
  discount: Discount;
  startDays: number;
  endDays: number;
  skus: string[];
}

const PROMOTIONS: PromotionSpec[] = [
  {
    name: 'Coffee Week: 15 % off selected beans',
    discount: { type: 'percent', basis_points: 1500 },
    startDays: -4,
    endDays: 10,
    skus: ['COF-1001', 'COF-1002', 'COF-1004'],
  },
  {
    name: 'Barista Milk Deal',
    discount: { type: 'amount_off', amount_minor: 30 },
    startDays: -9,
    endDays: 21,
    skus: ['DAI-1003', 'DAI-1004'],
  },
  {
    name: 'Pantry Staples 10 % off',
    discount: { type: 'percent', basis_points: 1000 },
    startDays: -12,
    endDays: 18,
    skus: ['PAN-1001', 'PAN-1004', 'PAN-1005', 'PAN-1008'],
  },
  {
    name: 'Spring Clean 12.5 % off',
    discount: { type: 'percent', basis_points: 1250 },
    startDays: -2,
    endDays: 26,
    skus: ['CLN-1006', 'CLN-1007', 'CLN-1008'],
  },
  {
    name: 'Juice Bar: 50c off',
    discount: { type: 'amount_off', amount_minor: 50 },
    startDays: -20,
    endDays: 3,
    skus: ['BEV-1003', 'BEV-1004'],
  },
  {
    name: 'Christmas Baking Sale',
    discount: { type: 'percent', basis_points: 2000 },
    startDays: -110,
    endDays: -80,
    skus: ['BAK-1002', 'BAK-1003', 'BAK-1007'],
  },
  {
    name: 'January Tea Detox',
    discount: { type: 'percent', basis_points: 1000 },
    startDays: -75,
    endDays: -45,
    skus: ['COF-1007', 'COF-1008'],
  },
  {
    name: 'Summer Cold Drinks',
    discount: { type: 'percent', basis_points: 1000 },
    startDays: 14,
    endDays: 45,
    skus: ['BEV-1001', 'BEV-1005', 'BEV-1007', 'BEV-1009'],
  },
];

type PayStyle = 'prompt' | 'card' | 'slow' | 'stretched';

interface CustomerSpec {
  name: string;
  email: string;
  group: GroupName | null;
  order_template: 'standard' | 'quantity_grid' | null;
  checkout_mode: 'pay_now' | 'pay_later' | null;
  freight: Freight | null;
  creditLimit: number;
  orders: [number, number];
  /** Multiplies line quantities. */
  scale: number;
  /** Category prefix weights for what they buy. */
  buys: Record<string, number>;
  payStyle: PayStyle;
  salesRepShare: number;
  referencePrefix: string | null;
  sentQuotes: number;
  acceptedQuotes: number;
  /** The language of their messages; absent: the workspace's. */
  language?: 'en' | 'es';
  /** What their portal checkouts make (issue 17); absent: the workspace's (to_plan). */
  orderCreationStatus?: 'quote' | 'to_plan';
}

type DemoAddress = Pick<
  Database['customer_addresses'],
  'kind' | 'label' | 'name' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country' | 'phone'
>;

/** The sites of the demo customers (issue 16): several delivery addresses and a billing one; the first of each kind the default. */
const ADDRESSES: Record<string, DemoAddress[]> = {
  'Blue Door Café': [
    {
      kind: 'delivery',
      label: 'Main café',
      name: 'Ana Ruiz',
      line1: '14 Camden Street Lower',
      line2: 'Deliveries via the lane door',
      city: 'Dublin',
      region: null,
      postal_code: 'D02 XE80',
      country: 'IE',
      phone: '+353 1 475 0101',
    },
    {
      kind: 'delivery',
      label: 'Central kitchen',
      name: 'Tomás Byrne',
      line1: 'Unit 7, Broomhill Business Park',
      line2: null,
      city: 'Tallaght',
      region: 'Co. Dublin',
      postal_code: 'D24 PX93',
      country: 'IE',
      phone: '+353 1 462 0202',
    },
    {
      kind: 'delivery',
      label: 'Pier kiosk',
      name: 'Blue Door Café',
      line1: 'East Pier',
      line2: null,
      city: 'Dún Laoghaire',
      region: 'Co. Dublin',
      postal_code: 'A96 K2X0',
      country: 'IE',
      phone: null,
    },
    {
      kind: 'billing',
      label: 'Accounts',
      name: 'Blue Door Café Ltd',
      line1: '14 Camden Street Lower',
      line2: null,
      city: 'Dublin',
      region: null,
      postal_code: 'D02 XE80',
      country: 'IE',
      phone: null,
    },
  ],
  'Corner Grocer Ltd': [
    {
      kind: 'delivery',
      label: 'Ranelagh shop',
      name: 'Goods in',
      line1: '38 Ranelagh Road',
      line2: null,
      city: 'Dublin',
      region: null,
      postal_code: 'D06 C2K4',
      country: 'IE',
      phone: '+353 1 497 0303',
    },
    {
      kind: 'delivery',
      label: 'Rathmines shop',
      name: 'Goods in',
      line1: '212 Rathmines Road Lower',
      line2: null,
      city: 'Dublin',
      region: null,
      postal_code: 'D06 H3T8',
      country: 'IE',
      phone: null,
    },
    {
      kind: 'billing',
      label: 'Head office',
      name: 'Corner Grocer Ltd',
      line1: '38 Ranelagh Road',
      line2: 'First floor',
      city: 'Dublin',
      region: null,
      postal_code: 'D06 C2K4',
      country: 'IE',
      phone: null,
    },
  ],
};

const CUSTOMERS: CustomerSpec[] = [
  {
    name: 'Blue Door Café',
    email: 'orders@bluedoorcafe.ie',
    group: 'Hospitality',
    order_template: 'standard',
    checkout_mode: 'pay_later',
    freight: null,
    creditLimit: 500_000,
    orders: [16, 20],
    scale: 1,
    buys: { COF: 5, DAI: 5, BAK: 4, PAN: 1, CLN: 2, BEV: 2 },
    payStyle: 'prompt',
    salesRepShare: 0.15,
    referencePrefix: null,
    sentQuotes: 1,
    acceptedQuotes: 1,
  },
  {
    name: 'Corner Grocer Ltd',
    email: 'buying@cornergrocer.ie',
    group: 'Retail Partners',
    order_template: 'quantity_grid',
    checkout_mode: 'pay_now',
    freight: { flat_minor: 995, free_over_minor: 15000 },
    creditLimit: 200_000,
    orders: [18, 23],
    scale: 1.5,
    buys: { COF: 1, DAI: 3, BAK: 2, PAN: 5, CLN: 3, BEV: 5 },
    payStyle: 'card',
    salesRepShare: 0.05,
    referencePrefix: 'CG-',
    sentQuotes: 1,
    acceptedQuotes: 1,
  },
  {
    name: "Mason's Kitchen",
    email: 'hello@masonskitchen.ie',
    group: null,
    order_template: null,
    checkout_mode: null,
    freight: null,
    creditLimit: 300_000,
    orders: [13, 17],
    scale: 1,
    buys: { COF: 1, DAI: 4, BAK: 3, PAN: 5, CLN: 2, BEV: 1 },
    payStyle: 'slow',
    salesRepShare: 0.3,
    referencePrefix: null,
    sentQuotes: 1,
    acceptedQuotes: 1,
  },
  {
    name: 'Seaside Hotel Group',
    email: 'procurement@seasidehotels.ie',
    group: 'Key Accounts',
    order_template: null,
    checkout_mode: null,
    freight: { flat_minor: 0, free_over_minor: null },
    creditLimit: 0,
    orders: [21, 25],
    scale: 3,
    buys: { COF: 3, DAI: 4, BAK: 4, PAN: 3, CLN: 4, BEV: 4 },
    payStyle: 'stretched',
    salesRepShare: 0.35,
    referencePrefix: 'SHG-PO-',
    sentQuotes: 2,
    acceptedQuotes: 2,
    // Their large orders are priced case by case: each portal checkout becomes a quote request.
    orderCreationStatus: 'quote',
  },
  {
    name: 'Greenleaf Deli',
    email: 'orders@greenleafdeli.ie',
    group: 'Hospitality',
    order_template: 'quantity_grid',
    checkout_mode: null,
    freight: { flat_minor: 1200, free_over_minor: 20000 },
    creditLimit: 250_000,
    orders: [12, 16],
    scale: 1,
    buys: { COF: 2, DAI: 3, BAK: 5, PAN: 4, CLN: 1, BEV: 3 },
    payStyle: 'prompt',
    salesRepShare: 0.1,
    referencePrefix: null,
    sentQuotes: 1,
    acceptedQuotes: 1,
    language: 'es',
  },
];

/**
 * A customer the supplier archived (issue 15): listed only with `archived=true`, no demo link.
 * Without documents, and made without the PRNG, so the other customers' data stays as it was.
 */
/**
 * The people of two company accounts, one of each role (issue 16); the first is the one whose
 * links `npm start` prints. Their portal orders are spread over the people who order (no random
 * draws: the rest of the demo data stays as it was).
 */
export const DEMO_PEOPLE: Record<string, { name: string; email: string; role: Role; language?: 'en' | 'es' }[]> = {
  'Blue Door Café': [
    { name: 'Ana Ruiz', email: 'ana@bluedoorcafe.ie', role: 'admin', language: 'es' },
    { name: 'Ben Walsh', email: 'ben@bluedoorcafe.ie', role: 'buyer' },
    { name: 'Vera Byrne', email: 'vera@bluedoorcafe.ie', role: 'viewer' },
    { name: 'Finn Doyle', email: 'accounts@bluedoorcafe.ie', role: 'finance' },
  ],
  'Seaside Hotel Group': [
    { name: 'Maeve Collins', email: 'maeve@seasidehotels.ie', role: 'admin' },
    { name: 'Tom Keane', email: 'kitchen@seasidehotels.ie', role: 'buyer' },
    { name: 'Sara Quinn', email: 'bar@seasidehotels.ie', role: 'buyer' },
    { name: 'Liam Hayes', email: 'frontdesk@seasidehotels.ie', role: 'viewer' },
    { name: 'Orla Nolan', email: 'finance@seasidehotels.ie', role: 'finance' },
  ],
};

/**
 * Approvals in the demo (issue 16), by customer: the account's rule, the people's spending limits,
 * and one order of a Buyer awaiting approval or rejected with a reason. Drawn from no random value
 * (the order copies the lines of the customer's newest open order), so the rest stays as it was.
 */
export const APPROVAL_DEMO: Record<
  string,
  {
    approval: { required_for: 'buyers' | 'over_amount'; amount_minor: number | null };
    limits?: Record<string, { amount_minor: number; period: 'week' | 'month' }>;
    /** The Buyer's order: awaiting approval, or rejected by the account's Admin with a reason. */
    order: { by: string; hoursAgo: number } & (
      { status: 'awaiting_approval' } | { status: 'rejected'; reason: string }
    );
  }
> = {
  'Blue Door Café': {
    approval: { required_for: 'over_amount', amount_minor: 40_000 },
    limits: { 'Ben Walsh': { amount_minor: 150_000, period: 'month' } },
    order: { by: 'Ben Walsh', hoursAgo: 1, status: 'awaiting_approval' },
  },
  'Seaside Hotel Group': {
    approval: { required_for: 'buyers', amount_minor: null },
    order: {
      by: 'Tom Keane',
      hoursAgo: 30,
      status: 'rejected',
      reason: 'We have enough stock until the end of the month; order again then.',
    },
  },
};

/**
 * Charges and minimum order values in the demo (issue 17), by customer: one account pays charges
 * besides freight and sees them on its orders, one has a minimum order value. Drawn from no random
 * value, so the rest of the demo data stays as it was; they apply to orders placed from now on.
 */
export const CHARGES_DEMO: Record<
  string,
  { charges?: ChargeRules; show_charges?: boolean; minimum_order_minor?: number }
> = {
  'Seaside Hotel Group': {
    charges: { small_order: { below_minor: 30_000, fee_minor: 1_500 }, percent_basis_points: 150, per_unit_minor: 5 },
    show_charges: true,
  },
  'Greenleaf Deli': { minimum_order_minor: 15_000 },
};

/**
 * A charge to approve in the demo (issue 17): the supplier added one to the customer's most recent
 * confirmed order after checkout; it waits for the customer ("To approve") and is not in the total.
 */
export const CHARGE_TO_APPROVE_DEMO: Record<string, { label: string; amount_minor: number; hoursAgo: number }> = {
  "Mason's Kitchen": { label: 'Pallet wrapping and tail-lift delivery', amount_minor: 1_850, hoursAgo: 3 },
};

const ARCHIVED_CUSTOMER = {
  name: 'Old Quay Bakery',
  email: 'accounts@oldquaybakery.ie',
  createdDaysAgo: 400,
  archivedDaysAgo: 30,
};

/**
 * Order changes in the demo (seed 002), by customer: channels of the newest orders (every
 * customer's pending order is a portal order, so it can be changed), an update waiting for the
 * supplier and a cancellation the supplier turned down.
 */
const ORDER_CHANGE_DEMO: Record<
  string,
  { channels?: Partial<Record<OrderStatus, OrderChannel>>; pendingUpdate?: OrderStatus; rejectedCancel?: OrderStatus }
> = {
  'Blue Door Café': {
    channels: { confirmed: 'portal', in_progress: 'portal' },
    pendingUpdate: 'confirmed',
    rejectedCancel: 'in_progress',
  },
  "Mason's Kitchen": { channels: { confirmed: 'phone' } },
  'Corner Grocer Ltd': { channels: { in_progress: 'email' } },
};

const DECLINE_REASONS = [
  'Found a better price locally for now.',
  'Menu change: we no longer need these items.',
  'Budget on hold until next quarter.',
  'Quantities are too high for our storage.',
  'Going with our existing supplier on this one.',
];

const ORDER_NOTES = [
  'Please deliver before 10am.',
  'Side entrance on Quay Street, ring the bell.',
  'Leave with reception if we are closed.',
  'Call 20 minutes before arrival.',
];

const CARRIERS = ['DHL Express', 'An Post', 'DPD'] as const;
type Carrier = (typeof CARRIERS)[number];

function tracking(rng: Rng, carrier: Carrier): { tracking_number: string; tracking_url: string | null } {
  if (carrier === 'DHL Express') {
    const n = rng.digits(10);
    return { tracking_number: n, tracking_url: `https://www.dhl.com/track?tracking-id=${n}` };
  }
  if (carrier === 'An Post') return { tracking_number: `CE${rng.digits(9)}IE`, tracking_url: null };
  const n = rng.digits(14);
  return { tracking_number: n, tracking_url: `https://tracking.dpd.de/status/en_IE/parcel/${n}` };
}

// ---------------------------------------------------------------------------------------------
// Products in the pricing module's shape
// ---------------------------------------------------------------------------------------------

interface DemoProduct {
  product: Product;
  prefix: string;
  createdMs: number;
}

/** Default quantities of one line, by category, for the single-item unit. */
const EACH_QUANTITIES: Record<string, number[]> = {
  COF: [1, 2, 2, 3, 4, 6],
  DAI: [6, 12, 12, 24, 48],
  BAK: [1, 2, 3, 4, 6, 10],
  PAN: [1, 2, 3, 4, 6, 12],
  CLN: [1, 2, 3, 4, 5],
  BEV: [12, 24, 24, 48],
  GEN: [1, 2, 3, 4, 6, 12],
};
const CASE_QUANTITIES = [1, 1, 2, 2, 3, 4, 6];

interface LineTemplate {
  product_id: string;
  uom: string;
  quantity: number;
}

/**
 * Chooses `count` distinct orderable products (at `atMs`) weighted by category and a quantity for
 * each, checking every line with the customer's pricer.
 */
function chooseLines(
  rng: Rng,
  pool: readonly DemoProduct[],
  pricer: Pricer,
  atMs: number,
  count: number,
  scale: number,
  weight: (p: DemoProduct) => number,
): LineTemplate[] {
  const available = pool.filter((p) => p.createdMs <= atMs);
  const lines: LineTemplate[] = [];
  const used = new Set<string>();
  for (let attempt = 0; lines.length < count && attempt < count * 8; attempt++) {
    const candidate = rng.weighted(available, weight);
    if (used.has(candidate.product.id)) continue;
    const line = chooseQuantity(rng, candidate, scale);
    if (!pricer.resolve(candidate.product, line.uom, line.quantity, atMs).orderable) continue;
    used.add(candidate.product.id);
    lines.push(line);
  }
  return lines;
}

function chooseQuantity(rng: Rng, p: DemoProduct, scale: number): LineTemplate {
  const hasCase = p.product.units.some((u) => u.code === 'case12');
  if (hasCase && rng.chance(0.55)) {
    return {
      product_id: p.product.id,
      uom: 'case12',
      quantity: Math.max(1, Math.round(rng.pick(CASE_QUANTITIES) * scale)),
    };
  }
  const base = rng.pick(EACH_QUANTITIES[p.prefix] ?? EACH_QUANTITIES.GEN);
  return { product_id: p.product.id, uom: p.product.units[0].code, quantity: Math.max(1, Math.round(base * scale)) };
}

type LineRow = Omit<Database['order_lines'], 'order_id'>;

function priceLines(
  pricer: Pricer,
  products: ReadonlyMap<string, Product>,
  lines: LineTemplate[],
  freight: Freight,
  atMs: number,
): { lines: LineRow[]; priced: PricedOrder } {
  const priced = pricer.priceOrder(products, lines as OrderLineInput[], freight, atMs);
  if (priced.problems.length) {
    throw new Error(`seed bug: unorderable line ${JSON.stringify(priced.problems[0])}`);
  }
  return {
    priced,
    lines: priced.lines.map((l, position) => ({
      position,
      product_id: l.product_id,
      sku: l.product!.sku,
      name: l.product!.name,
      quantity: l.quantity,
      uom: l.uom!,
      unit_price_minor: l.resolution.price!.unit_price_minor,
      line_total_minor: l.resolution.price!.line_total_minor,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// seedDemo
// ---------------------------------------------------------------------------------------------

export interface SeedDemoResult {
  workspaceId: string;
  /** The customers with documents (the archived one is left out: it gets no link). */
  customers: { id: string; business_name: string }[];
}

/** The PRNG seed of the demo content. */
const DEMO_SEED = 0x5eed_2026;

/**
 * Seeds the demo workspace in one transaction. Refuses to run when a workspace already exists
 * (call `resetData` first). Content depends only on `now`.
 */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<SeedDemoResult> {
  const now = options.now ?? new Date();
  const { rows, result } = buildDemo(now);
  await db.transaction().execute(async (tx) => {
    if (await isSeeded(tx)) throw new Error('the database is already seeded; reset it first (npm run seed -- --reset)');
    await insertAll(tx, rows);
    await refreshProductStats(tx);
    if (options.deliveryServices) await seedDeliveryServices(tx, now);
    if (options.waitingOrders) await seedWaitingOrders(tx);
  });
  return result;
}

export interface DemoOptions {
  now?: Date;
  /**
   * The three demo delivery services (issue 17). Off for the test suites, whose checkouts send no
   * date (a workspace without services asks for none); `npm start` and `npm run seed` add them.
   */
  deliveryServices?: boolean;
  /**
   * "Automatically create orders" off for WAITING_ORDERS_CUSTOMER (issue 17), whose newest portal
   * order waits for the supplier. Off for the test suites, whose checkouts for that customer expect
   * orders created at once; `npm start` and `npm run seed` add it.
   */
  waitingOrders?: boolean;
}

/** The demo customer whose portal orders wait for the supplier to create them. */
export const WAITING_ORDERS_CUSTOMER = "Mason's Kitchen";

/** WAITING_ORDERS_CUSTOMER's orders wait for the supplier; its newest pending portal order is one of them. */
export async function seedWaitingOrders(db: Kysely<Database>): Promise<void> {
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('business_name', '=', WAITING_ORDERS_CUSTOMER)
    .executeTakeFirstOrThrow();
  await db.updateTable('customers').set({ create_orders_automatically: 0 }).where('id', '=', customer.id).execute();
  const newest = await db
    .selectFrom('orders')
    .select('id')
    .where('customer_id', '=', customer.id)
    .where('channel', '=', 'portal')
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (newest) await db.updateTable('orders').set({ status: 'awaiting_supplier' }).where('id', '=', newest.id).execute();
}

/** Standard, next-day and collection: three cut-off rules a supplier's customers meet. */
export const DEMO_DELIVERY_SERVICES = [
  {
    id: 'e2a6c3f0-17d1-4c1a-9d01-000000000001',
    name: 'Standard delivery',
    kind: 'delivery',
    lead_days: 2,
    weekdays: [1, 2, 3, 4, 5],
    cutoff_rule: 'day_before',
    cutoff_time: '16:00',
  },
  {
    id: 'e2a6c3f0-17d1-4c1a-9d01-000000000002',
    name: 'Next-day',
    kind: 'delivery',
    lead_days: 1,
    weekdays: [1, 2, 3, 4, 5],
    cutoff_rule: 'same_day_before',
    cutoff_time: '14:00',
  },
  {
    id: 'e2a6c3f0-17d1-4c1a-9d01-000000000003',
    name: 'Collection from depot',
    kind: 'collection',
    lead_days: 0,
    weekdays: [1, 2, 3, 4, 5, 6],
    cutoff_rule: 'none',
    cutoff_time: null,
  },
] as const;

export async function seedDeliveryServices(db: Kysely<Database>, now: Date): Promise<void> {
  const year = now.getUTCFullYear();
  await db
    .insertInto('delivery_services')
    .values(
      DEMO_DELIVERY_SERVICES.map((s, position) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        customers_json: JSON.stringify('all'),
        lead_days: s.lead_days,
        weekdays_json: JSON.stringify(s.weekdays),
        closed_dates_json: JSON.stringify([`${year}-12-25`, `${year}-12-26`, `${year + 1}-01-01`]),
        cutoff_rule: s.cutoff_rule,
        cutoff_time: s.cutoff_time,
        order_creation_status: null,
        minimum_order_minor: null,
        position,
        created_at: now.toISOString(),
        removed_at: null,
      })),
    )
    .execute();
}

/** Any fixed number: the PostgreSQL advisory lock that start-up seeding holds. */
const SEED_LOCK = 0x5eed;

/**
 * Seeds the demo workspace unless the database already has one; answers whether it did. Safe when
 * several server processes start at once on one empty PostgreSQL database: they take turns under
 * an advisory lock, and all but the first find the data there.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  kind: 'sqlite' | 'postgres',
  options: DemoOptions = {},
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(tx);
    if (await isSeeded(tx)) return false;
    const now = options.now ?? new Date();
    await insertAll(tx, buildDemo(now).rows);
    await refreshProductStats(tx);
    if (options.deliveryServices) await seedDeliveryServices(tx, now);
    if (options.waitingOrders) await seedWaitingOrders(tx);
    return true;
  });
}

interface PendingOrder {
  row: Database['orders'];
  lines: LineRow[];
  createdMs: number;
  seq: number;
}

interface PendingInvoice {
  row: Database['invoices'];
  issuedMs: number;
  seq: number;
}

function buildDemo(now: Date): { rows: Rows; result: SeedDemoResult } {
  const rng = new Rng(DEMO_SEED);
  const clock = new Clock(now, rng);
  const rows = emptyRows();
  /** The customers whose order of CHARGE_TO_APPROVE_DEMO has its charge. */
  const chargedOrder = new Set<string>();

  // Workspace ----------------------------------------------------------------------------------
  const workspaceId = randomUUID();
  rows.workspace.push({
    id: workspaceId,
    name: 'Harbour & Vine Wholesale',
    currency: 'EUR',
    locale: 'en-IE',
    logo_url: null,
    accent_color: '#0f766e',
    settings_json: JSON.stringify(WORKSPACE_SETTINGS),
    admin_token_hash: null,
    created_at: iso(clock.daysAgo(420)),
  });
  const currency = 'EUR';

  // Catalogue ----------------------------------------------------------------------------------
  const demoProducts: DemoProduct[] = [];
  const bySku = new Map<string, DemoProduct>();
  CATALOGUE.forEach((category, position) => {
    const categoryId = randomUUID();
    rows.categories.push({ id: categoryId, name: category.name, position, tab_visibility: category.tab ?? 'auto' });
    category.products.forEach((spec, index) => {
      const id = randomUUID();
      const sku = `${category.prefix}-${1001 + index}`;
      const createdMs = spec.isNew ? clock.daysAgo(rng.int(3, 25)) : clock.daysAgo(rng.int(365, 410));
      const units: Product['units'] = [{ code: 'each', name: 'Each', contains: 1, base_price_minor: spec.price }];
      if (spec.case12 && spec.price !== null) {
        units.push({ code: 'case12', name: 'Case of 12', contains: 12, base_price_minor: casePrice(spec.price) });
      }
      const product: Product = {
        id,
        sku,
        name: spec.name,
        description: spec.description,
        image_url: null,
        category_id: categoryId,
        new_arrival: spec.isNew === true,
        active: spec.inactive !== true,
        stock: spec.stock ?? 'in_stock',
        units,
      };
      rows.products.push({
        id,
        sku,
        name: spec.name,
        description: spec.description,
        image_url: null,
        category_id: categoryId,
        new_arrival: product.new_arrival ? 1 : 0,
        active: product.active ? 1 : 0,
        stock: product.stock,
        created_at: iso(createdMs),
      });
      units.forEach((u, unitPosition) => rows.product_units.push({ product_id: id, ...u, position: unitPosition }));
      const demo: DemoProduct = { product, prefix: category.prefix, createdMs };
      demoProducts.push(demo);
      bySku.set(sku, demo);
    });
  });
  const productMap = new Map(demoProducts.map((p) => [p.product.id, p.product]));
  const priced = demoProducts.filter((p) => p.product.units[0].base_price_minor !== null);

  // Price groups and lists ---------------------------------------------------------------------
  const groupIds = new Map<GroupName, string>();
  const lists = new Map<GroupName | 'default', PriceList>();
  for (const group of [...GROUPS, 'default'] as const) {
    const rule = LIST_RULES[group];
    let priceGroupId: string | null = null;
    if (group !== 'default') {
      priceGroupId = randomUUID();
      groupIds.set(group, priceGroupId);
      rows.price_groups.push({ id: priceGroupId, name: group });
    }
    const list: PriceList & { name: string } = {
      id: randomUUID(),
      name: rule.name,
      kind: group === 'default' ? 'default' : 'group',
      entries: [],
    };
    rows.price_lists.push({ id: list.id, name: list.name, kind: list.kind, price_group_id: priceGroupId });
    for (const p of priced) {
      if (!rule.covers(p, rng)) continue;
      const withTiers = list.entries.length === 0 || rng.chance(rule.tierShare);
      p.product.units.forEach((unit, unitIndex) => {
        const base = unit.base_price_minor!;
        const entry: PriceListEntry = {
          product_id: p.product.id,
          uom: unit.code,
          tiers: [{ min_quantity: 1, unit_price_minor: money(base * rule.factor) }],
        };
        if (withTiers && unitIndex === 0) {
          for (const [minQuantity, factor] of rule.tiers)
            entry.tiers.push({ min_quantity: minQuantity, unit_price_minor: money(base * factor) });
        }
        list.entries.push(entry);
        for (const tier of entry.tiers) {
          rows.price_list_entries.push({
            price_list_id: list.id,
            product_id: entry.product_id,
            uom: entry.uom,
            min_quantity: tier.min_quantity,
            unit_price_minor: tier.unit_price_minor,
          });
        }
      });
    }
    lists.set(group, list);
  }

  // Promotions ---------------------------------------------------------------------------------
  const promotions: Promotion[] = PROMOTIONS.map((spec) => ({
    id: randomUUID(),
    name: spec.name,
    discount: Discount.parse(spec.discount),
    starts_at: clock.midnight(spec.startDays),
    ends_at: clock.midnight(spec.endDays),
    product_ids: spec.skus.map((sku) => {
      const p = bySku.get(sku);
      if (!p) throw new Error(`seed bug: promotion on unknown SKU ${sku}`);
      return p.product.id;
    }),
  }));
  for (const p of promotions) {
    rows.promotions.push({
      id: p.id,
      name: p.name,
      discount_json: JSON.stringify(p.discount),
      starts_at: p.starts_at,
      ends_at: p.ends_at,
    });
    for (const productId of p.product_ids) rows.promotion_products.push({ promotion_id: p.id, product_id: productId });
  }

  const orderable = demoProducts.filter(
    (p) => p.product.active && p.product.stock !== 'out_of_stock' && p.product.units[0].base_price_minor !== null,
  );

  // Customers and their documents --------------------------------------------------------------
  const orders: PendingOrder[] = [];
  const quotes: { row: Database['quotes']; lines: LineRow[]; createdMs: number; seq: number }[] = [];
  const invoices: PendingInvoice[] = [];
  const payments: {
    row: Database['payments'];
    allocations: Database['payment_allocations'][];
    receivedMs: number;
    seq: number;
  }[] = [];
  const deliveries: {
    row: Database['deliveries'];
    lines: Database['delivery_lines'][];
    createdMs: number;
    seq: number;
  }[] = [];
  const result: SeedDemoResult = { workspaceId, customers: [] };
  let seq = 0;

  for (const [index, spec] of CUSTOMERS.entries()) {
    const customerId = randomUUID();
    const groupId = spec.group ? groupIds.get(spec.group)! : null;
    const pricer = new Pricer({
      group_list: spec.group ? lists.get(spec.group)! : null,
      default_list: lists.get('default')!,
      promotions,
    } satisfies PricingInputs);
    const freight: Freight = spec.freight ?? WORKSPACE_SETTINGS.freight;
    const weight = (p: DemoProduct) => spec.buys[p.prefix] ?? 1;
    const customerRow: Database['customers'] = {
      id: customerId,
      business_name: spec.name,
      email: spec.email,
      price_group_id: groupId,
      credit_limit_minor: spec.creditLimit,
      order_template: spec.order_template,
      checkout_mode: spec.checkout_mode,
      freight_json: spec.freight ? JSON.stringify(Freight.parse(spec.freight)) : null,
      // In the list's order (demo links are listed by it: Blue Door Café first), ten days apart.
      created_at: iso(clock.daysAgo(390 - index * 10 - rng.int(0, 9))),
      language: spec.language ?? null,
      archived_at: null,
      order_creation_status: spec.orderCreationStatus ?? null,
    };
    rows.customers.push(customerRow);
    result.customers.push({ id: customerId, business_name: spec.name });
    const addresses = (ADDRESSES[spec.name] ?? []).map((a, i, all): Database['customer_addresses'] => ({
      ...a,
      id: randomUUID(),
      customer_id: customerId,
      is_default: all.findIndex((b) => b.kind === a.kind) === i ? 1 : 0,
      archived_at: null,
      // A minute apart, in the order above: "the oldest" (the default's heir) is the next one listed.
      created_at: iso(Date.parse(customerRow.created_at) + i * 60_000),
      updated_at: iso(Date.parse(customerRow.created_at) + i * 60_000),
    }));
    rows.customer_addresses.push(...addresses);
    // Their orders went to their default delivery address (a copy, as checkout keeps one).
    const homeAddress = addresses.find((a) => a.kind === 'delivery' && a.is_default === 1);
    const deliveryAddressJson = homeAddress
      ? JSON.stringify({
          address_id: homeAddress.id,
          label: homeAddress.label,
          name: homeAddress.name,
          line1: homeAddress.line1,
          line2: homeAddress.line2,
          city: homeAddress.city,
          region: homeAddress.region,
          postal_code: homeAddress.postal_code,
          country: homeAddress.country,
          phone: homeAddress.phone,
        })
      : null;
    const approvalDemo = APPROVAL_DEMO[spec.name];
    // Every row names the columns (a batch insert of rows with different keys writes null, not the default).
    customerRow.approval_required_for = approvalDemo?.approval.required_for ?? 'none';
    customerRow.approval_amount_minor = approvalDemo?.approval.amount_minor ?? null;
    const chargesDemo = CHARGES_DEMO[spec.name];
    customerRow.charges_json = chargesDemo?.charges ? JSON.stringify(chargesDemo.charges) : null;
    customerRow.show_charges = chargesDemo?.show_charges === false ? 0 : 1;
    customerRow.minimum_order_minor = chargesDemo?.minimum_order_minor ?? null;
    customerRow.order_defaults_json = null;
    const people = (DEMO_PEOPLE[spec.name] ?? []).map((p) => ({
      id: randomUUID(),
      customer_id: customerId,
      name: p.name,
      email: p.email,
      language: p.language ?? null,
      role: p.role,
      phone: null,
      created_at: customerRow.created_at,
      removed_at: null,
      spending_limit_minor: approvalDemo?.limits?.[p.name]?.amount_minor ?? null,
      spending_period: approvalDemo?.limits?.[p.name]?.period ?? 'month',
    }));
    rows.people.push(...people);
    const orderers = people.filter((p) => p.role === 'admin' || p.role === 'buyer');

    // Orders: the five newest walk the open statuses; older ones are delivered, invoiced or cancelled.
    const count = rng.int(spec.orders[0], spec.orders[1]);
    const recent: [OrderStatus, number, number][] = [
      ['shipped', 3, 5],
      ['in_progress', 2, 3],
      ['confirmed', 1, 2],
      ['pending', 1, 1],
      ['draft', 0, 0],
    ];
    // Older orders spread evenly (with jitter) over days 300..14 ago, oldest first.
    const older = count - recent.length;
    const olderDays = Array.from({ length: older }, (_, j) => 300 - Math.floor((286 / older) * (j + rng.float())));
    const plan: { status: OrderStatus; daysAgo: number }[] = olderDays.map((daysAgo) => ({
      status: daysAgo <= 35 ? 'delivered' : rng.chance(0.1) ? 'cancelled' : 'invoiced',
      daysAgo,
    }));
    // Make sure every status shows up: the newest older order delivered, one older one cancelled, the oldest invoiced.
    plan[plan.length - 1].status = 'delivered';
    plan[0].status = 'invoiced';
    if (!plan.some((p) => p.status === 'cancelled')) plan[rng.int(1, plan.length - 2)].status = 'cancelled';
    for (const [status, from, to] of recent) plan.push({ status, daysAgo: rng.int(from, to) });

    // Which older, fulfilled orders came from accepted quotes.
    const fulfilled = plan
      .map((p, i) => ({ ...p, i }))
      .filter((p) => p.status === 'invoiced' || p.status === 'delivered');
    const fromQuote = new Set(
      rng
        .shuffle(fulfilled.slice(1))
        .slice(0, spec.acceptedQuotes)
        .map((p) => p.i),
    );

    for (const [i, step] of plan.entries()) {
      const createdMs = clock.daysAgo(step.daysAgo);
      const orderId = randomUUID();
      let quoteId: string | null = null;
      let pricedAt = createdMs;
      if (fromQuote.has(i)) {
        quoteId = randomUUID();
        pricedAt = createdMs - rng.int(2, 8) * DAY - rng.int(0, 6) * HOUR;
      }
      const templates = chooseLines(rng, orderable, pricer, pricedAt, rng.int(1, 6), spec.scale, weight);
      const { lines, priced: totals } = priceLines(pricer, productMap, templates, freight, pricedAt);
      const salesRep = !quoteId && step.status !== 'draft' && rng.chance(spec.salesRepShare);
      const demo = ORDER_CHANGE_DEMO[spec.name];
      const isRecent = i >= plan.length - recent.length;
      const channel: OrderChannel = quoteId
        ? 'quote'
        : isRecent && step.status === 'pending'
          ? 'portal'
          : (isRecent && demo?.channels?.[step.status]) || (salesRep ? 'sales_rep' : 'portal');
      const reference = spec.referencePrefix && rng.chance(0.8) ? `${spec.referencePrefix}${rng.digits(5)}` : null;
      const row: Database['orders'] = {
        id: orderId,
        number: '',
        customer_id: customerId,
        status: step.status,
        channel,
        customer_reference: reference,
        customer_reference_key: keyOf(reference),
        note: rng.chance(0.15) ? rng.pick(ORDER_NOTES) : null,
        currency,
        subtotal_minor: totals.subtotal_minor,
        freight_minor: totals.freight_minor,
        total_minor: totals.total_minor,
        item_count: lines.length,
        source_quote_id: quoteId,
        created_at: iso(createdMs),
        delivery_address_json: deliveryAddressJson,
        placed_by_person_id: channel === 'portal' && orderers.length ? orderers[i % orderers.length].id : null,
      };
      orders.push({ row, lines, createdMs, seq: seq++ });
      const chargeDemo = CHARGE_TO_APPROVE_DEMO[spec.name];
      if (chargeDemo && isRecent && step.status === 'confirmed' && !chargedOrder.has(spec.name)) {
        chargedOrder.add(spec.name);
        rows.order_supplier_charges.push({
          id: randomUUID(),
          order_id: orderId,
          customer_id: customerId,
          position: 1,
          label: chargeDemo.label,
          amount_minor: chargeDemo.amount_minor,
          requires_approval: 1,
          state: 'pending',
          created_at: iso(Math.min(clock.nowMs, Math.max(createdMs + HOUR, clock.nowMs - chargeDemo.hoursAgo * HOUR))),
          decided_at: null,
          decided_by: null,
          reason: null,
        });
      }
      if (isRecent && demo?.pendingUpdate === step.status) {
        addPendingUpdate(rows, {
          row,
          lines,
          createdMs,
          customerName: spec.name,
          pricer,
          productMap,
          freight,
          nowMs: clock.nowMs,
        });
      }
      if (isRecent && demo?.rejectedCancel === step.status) {
        addRejectedCancel(rows, {
          row,
          lines,
          createdMs,
          customerName: spec.name,
          supplierName: rows.workspace[0].name,
          nowMs: clock.nowMs,
        });
      }

      if (quoteId) {
        quotes.push({
          row: {
            id: quoteId,
            number: '',
            customer_id: customerId,
            state: 'accepted' satisfies QuoteState,
            created_at: iso(pricedAt),
            valid_until: addDays(dateOnly(pricedAt), 30),
            currency,
            subtotal_minor: totals.subtotal_minor,
            freight_minor: totals.freight_minor,
            total_minor: totals.total_minor,
            answered_at: iso(createdMs),
            decline_reason: null,
            order_id: orderId,
          },
          lines,
          createdMs: pricedAt,
          seq: seq++,
        });
      }

      // Deliveries and invoices for everything that has left the warehouse.
      if (step.status === 'shipped' || step.status === 'delivered' || step.status === 'invoiced') {
        const shippedMs =
          step.status === 'shipped'
            ? clock.clamp(
                Math.max(
                  createdMs + 2 * HOUR,
                  clock.nowMs - rng.int(6, 40) * HOUR - rng.int(0, 59) * MINUTE - rng.int(0, 59_999),
                ),
              )
            : clock.later(createdMs, rng.int(1, 2));
        const deliveredMs = step.status === 'shipped' ? null : clock.later(shippedMs, rng.int(1, 3));
        const carrier = rng.pick(CARRIERS);
        const deliveryId = randomUUID();
        deliveries.push({
          row: {
            id: deliveryId,
            number: '',
            customer_id: customerId,
            order_id: orderId,
            status: deliveredMs === null ? 'in_transit' : 'delivered',
            carrier,
            ...tracking(rng, carrier),
            shipped_at: iso(shippedMs),
            delivered_at: deliveredMs === null ? null : iso(deliveredMs),
            created_at: iso(shippedMs),
          },
          lines: lines.map((l) => ({
            delivery_id: deliveryId,
            position: l.position,
            product_id: l.product_id,
            sku: l.sku,
            name: l.name,
            quantity: l.quantity,
            uom: l.uom,
          })),
          createdMs: shippedMs,
          seq: seq++,
        });
        const issued = dateOnly(shippedMs);
        invoices.push({
          row: {
            id: randomUUID(),
            number: '',
            customer_id: customerId,
            order_id: orderId,
            issued_at: issued,
            due_at: addDays(issued, 30),
            currency,
            total_minor: totals.total_minor,
            paid_minor: 0,
          },
          issuedMs: dateMs(issued),
          seq: seq++,
        });
      }
    }

    // Open and closed quotes that did not become orders.
    const quoteSteps: { state: QuoteState; daysAgo: number }[] = [
      ...Array.from({ length: spec.sentQuotes }, () => ({ state: 'sent' as const, daysAgo: rng.int(1, 10) })),
      { state: 'declined', daysAgo: rng.int(20, 150) },
      { state: 'expired', daysAgo: rng.int(60, 200) },
    ];
    for (const step of quoteSteps) {
      const createdMs = clock.daysAgo(step.daysAgo);
      const templates = chooseLines(rng, orderable, pricer, createdMs, rng.int(2, 6), spec.scale * 2, weight);
      const { lines, priced: totals } = priceLines(pricer, productMap, templates, freight, createdMs);
      quotes.push({
        row: {
          id: randomUUID(),
          number: '',
          customer_id: customerId,
          state: step.state,
          created_at: iso(createdMs),
          valid_until: addDays(dateOnly(createdMs), 30),
          currency,
          subtotal_minor: totals.subtotal_minor,
          freight_minor: totals.freight_minor,
          total_minor: totals.total_minor,
          answered_at: step.state === 'declined' ? iso(clock.later(createdMs, rng.int(1, 6))) : null,
          decline_reason: step.state === 'declined' ? rng.pick(DECLINE_REASONS) : null,
          order_id: null,
        },
        lines,
        createdMs,
        seq: seq++,
      });
    }
    // A quote the supplier is still preparing (issue 15): the console shows it, the portal never does.
    // Drawn from no random value, so the rest of the demo stays as it was.
    const open = quotes.find((q) => q.row.customer_id === customerId && q.row.state === 'sent');
    if (spec.name === 'Blue Door Café' && open) {
      const createdMs = clock.nowMs - HOUR;
      quotes.push({
        row: {
          ...open.row,
          id: randomUUID(),
          state: 'draft',
          created_at: iso(createdMs),
          valid_until: addDays(dateOnly(createdMs), 30),
        },
        lines: open.lines,
        createdMs,
        seq: seq++,
      });
    }

    // A Buyer's order waiting for the account's Admins, or rejected by one (issue 16).
    if (approvalDemo) {
      const { order: demoOrder } = approvalDemo;
      const buyer = people.find((p) => p.name === demoOrder.by)!;
      const admin = people.find((p) => p.role === 'admin')!;
      const model = orders.filter((o) => o.row.customer_id === customerId && o.row.status === 'pending').at(-1)!;
      const createdMs = clock.nowMs - demoOrder.hoursAgo * HOUR;
      // The newest open order's lines, in larger quantities until the order is over the amount that needs approval.
      const over = approvalDemo.approval.amount_minor ?? 0;
      let priced = priceLines(pricer, productMap, model.lines, freight, createdMs);
      for (let times = 2; priced.priced.total_minor <= over; times++) {
        const templates = model.lines.map((l) => ({
          product_id: l.product_id,
          uom: l.uom,
          quantity: l.quantity * times,
        }));
        priced = priceLines(pricer, productMap, templates, freight, createdMs);
      }
      const { lines, priced: totals } = priced;
      const reasons = approvalDemo.approval.required_for === 'buyers' ? ['buyer'] : ['over_amount'];
      const limit = approvalDemo.limits?.[buyer.name];
      if (limit) {
        const { from, to } = spendingPeriod(limit.period, new Date(createdMs));
        const spent = orders
          .filter(
            (o) =>
              o.row.placed_by_person_id === buyer.id &&
              o.row.created_at >= from &&
              o.row.created_at < to &&
              !['draft', ...RELEASED_STATUSES].includes(o.row.status),
          )
          .reduce((sum, o) => sum + o.row.total_minor, 0);
        if (spent + totals.total_minor > limit.amount_minor) reasons.push('over_spending_limit');
      }
      const row: Database['orders'] = {
        id: randomUUID(),
        number: '',
        customer_id: customerId,
        status: demoOrder.status,
        channel: 'portal',
        customer_reference: null,
        customer_reference_key: null,
        note: null,
        currency,
        subtotal_minor: totals.subtotal_minor,
        freight_minor: totals.freight_minor,
        total_minor: totals.total_minor,
        item_count: lines.length,
        source_quote_id: null,
        created_at: iso(createdMs),
        delivery_address_json: model.row.delivery_address_json,
        placed_by_person_id: buyer.id,
        approval_reasons_json: JSON.stringify(reasons),
      };
      orders.push({ row, lines, createdMs, seq: seq++ });
      if (demoOrder.status === 'rejected') {
        rows.order_events.push({
          order_id: row.id,
          position: 1,
          at: iso(createdMs + 2 * HOUR),
          actor: 'customer',
          actor_name: admin.name,
          action: 'status_changed',
          changes_json: JSON.stringify({ status: { from: 'awaiting_approval', to: 'rejected' } }),
          note: demoOrder.reason,
        });
      }
    }

    // Payments: how and when this customer pays its invoices.
    const own = invoices
      .filter((inv) => inv.row.customer_id === customerId)
      .sort((a, b) => a.issuedMs - b.issuedMs || a.seq - b.seq);
    const plans = planPayments(rng, clock, spec.payStyle, own, orders);
    for (const p of plans) {
      const paymentId = randomUUID();
      const method =
        spec.payStyle === 'card'
          ? 'card'
          : spec.payStyle === 'slow' && rng.chance(0.5)
            ? 'cheque'
            : rng.chance(0.85)
              ? 'bank_transfer'
              : 'card';
      const reference =
        method === 'card'
          ? `Card •••• ${spec.payStyle === 'card' ? '4417' : rng.digits(4)}`
          : method === 'cheque'
            ? `Cheque ${String(rng.int(1200, 1999)).padStart(6, '0')}`
            : `SEPA ${rng.digits(8)}`;
      let amount = 0;
      const allocations = p.parts.map(([invoice, part]) => {
        invoice.row.paid_minor += part;
        amount += part;
        return { payment_id: paymentId, invoice_id: invoice.row.id, amount_minor: part };
      });
      payments.push({
        row: {
          id: paymentId,
          number: '',
          customer_id: customerId,
          received_at: dateOnly(p.receivedMs),
          method,
          reference,
          currency,
          amount_minor: amount,
        },
        allocations,
        receivedMs: p.receivedMs,
        seq: seq++,
      });
    }

    // Credit limit: Seaside sits just under its limit; everyone else has comfortable headroom.
    const outstanding = own.reduce((sum, inv) => sum + inv.row.total_minor - inv.row.paid_minor, 0);
    customerRow.credit_limit_minor =
      spec.payStyle === 'stretched'
        ? Math.ceil((outstanding + 10_000) / 50_000) * 50_000
        : Math.max(spec.creditLimit, Math.ceil((outstanding * 1.5) / 100_000) * 100_000);
  }

  // Numbers in chronological order, per prefix and year ----------------------------------------
  const numbering = new Numbering();
  const chrono = <T extends { seq: number }>(items: T[], at: (item: T) => number) =>
    [...items].sort((a, b) => at(a) - at(b) || a.seq - b.seq);
  for (const q of chrono(quotes, (q) => q.createdMs)) q.row.number = numbering.next('Q', q.createdMs);
  for (const o of chrono(orders, (o) => o.createdMs)) o.row.number = numbering.next('SO', o.createdMs);
  for (const i of chrono(invoices, (i) => i.issuedMs)) i.row.number = numbering.next('INV', i.issuedMs);
  for (const p of chrono(payments, (p) => p.receivedMs)) p.row.number = numbering.next('PAY', p.receivedMs);
  for (const d of chrono(deliveries, (d) => d.createdMs)) d.row.number = numbering.next('DEL', d.createdMs);

  for (const q of chrono(quotes, (q) => q.createdMs)) {
    rows.quotes.push(q.row);
    for (const l of q.lines) rows.quote_lines.push({ quote_id: q.row.id, ...l });
  }
  for (const o of chrono(orders, (o) => o.createdMs)) {
    rows.orders.push(o.row);
    for (const l of o.lines) rows.order_lines.push({ order_id: o.row.id, ...l });
  }
  for (const i of chrono(invoices, (i) => i.issuedMs)) rows.invoices.push(i.row);
  for (const p of chrono(payments, (p) => p.receivedMs)) {
    rows.payments.push(p.row);
    rows.payment_allocations.push(...p.allocations);
  }
  for (const d of chrono(deliveries, (d) => d.createdMs)) {
    rows.deliveries.push(d.row);
    rows.delivery_lines.push(...d.lines);
  }
  rows.counters.push(...numbering.rows());

  rows.customers.push({
    id: randomUUID(),
    business_name: ARCHIVED_CUSTOMER.name,
    email: ARCHIVED_CUSTOMER.email,
    price_group_id: null,
    credit_limit_minor: 0,
    order_template: null,
    checkout_mode: null,
    freight_json: null,
    language: null,
    created_at: iso(now.getTime() - ARCHIVED_CUSTOMER.createdDaysAgo * DAY),
    archived_at: iso(now.getTime() - ARCHIVED_CUSTOMER.archivedDaysAgo * DAY),
    approval_required_for: 'none',
    approval_amount_minor: null,
    charges_json: null,
    show_charges: 1,
    minimum_order_minor: null,
    order_defaults_json: null,
  });

  return { rows, result };
}

const contentOf = (row: Database['orders'], lines: LineRow[]): OrderContent => ({
  customer_reference: row.customer_reference,
  lines: lines.map(({ position: _, ...l }) => l),
  subtotal_minor: row.subtotal_minor,
  freight_minor: row.freight_minor,
  total_minor: row.total_minor,
});

interface DemoRequest {
  row: Database['orders'];
  lines: LineRow[];
  createdMs: number;
  customerName: string;
  nowMs: number;
}

/** The customer asked to double the first line a few hours after ordering; it waits for the supplier. */
function addPendingUpdate(
  rows: Rows,
  r: DemoRequest & { pricer: Pricer; productMap: ReadonlyMap<string, Product>; freight: Freight },
): void {
  const atMs = Math.min(r.createdMs + 3 * HOUR, r.nowMs - 30 * MINUTE);
  const templates = r.lines.map((l, i) => ({
    product_id: l.product_id,
    uom: l.uom,
    quantity: i === 0 ? l.quantity * 2 : l.quantity,
  }));
  const { lines, priced } = priceLines(r.pricer, r.productMap, templates, r.freight, atMs);
  const before = contentOf(r.row, r.lines);
  const proposed: OrderContent = {
    ...before,
    lines: lines.map(({ position: _, ...l }) => l),
    subtotal_minor: priced.subtotal_minor,
    freight_minor: priced.freight_minor,
    total_minor: priced.total_minor,
  };
  rows.order_requests.push({
    id: randomUUID(),
    order_id: r.row.id,
    customer_id: r.row.customer_id,
    position: 1,
    kind: 'update',
    state: 'pending',
    created_at: iso(atMs),
    decided_at: null,
    reason: null,
    rejection_reason: null,
    proposed_json: JSON.stringify(proposed),
    previous_json: JSON.stringify(before),
  });
  rows.order_events.push({
    order_id: r.row.id,
    position: 1,
    at: iso(atMs),
    actor: 'customer',
    actor_name: r.customerName,
    action: 'update_requested',
    changes_json: JSON.stringify(diffContent(before, proposed)),
    note: null,
  });
}

/** The customer asked to cancel while the order was confirmed; the supplier had already started on it. */
function addRejectedCancel(rows: Rows, r: DemoRequest & { supplierName: string }): void {
  const askedMs = Math.min(r.createdMs + 2 * HOUR, r.nowMs - 2 * HOUR);
  const decidedMs = Math.min(askedMs + 20 * HOUR, r.nowMs - HOUR);
  const reason = 'Ordered twice by mistake.';
  const rejection = 'Already picked and packed; we can take it back on delivery instead.';
  rows.order_requests.push({
    id: randomUUID(),
    order_id: r.row.id,
    customer_id: r.row.customer_id,
    position: 1,
    kind: 'cancel',
    state: 'rejected',
    created_at: iso(askedMs),
    decided_at: iso(decidedMs),
    reason,
    rejection_reason: rejection,
    proposed_json: null,
    previous_json: JSON.stringify(contentOf(r.row, r.lines)),
  });
  rows.order_events.push(
    {
      order_id: r.row.id,
      position: 1,
      at: iso(askedMs),
      actor: 'customer',
      actor_name: r.customerName,
      action: 'cancel_requested',
      changes_json: JSON.stringify({ status: { from: 'confirmed', to: 'cancelled' } }),
      note: reason,
    },
    {
      order_id: r.row.id,
      position: 2,
      at: iso(decidedMs),
      actor: 'supplier',
      actor_name: r.supplierName,
      action: 'request_rejected',
      changes_json: null,
      note: rejection,
    },
  );
}

interface PaymentPlan {
  receivedMs: number;
  parts: [PendingInvoice, number][];
}

/**
 * Decides, per invoice (oldest first), whether it is paid, partly paid or open, and groups full
 * payments: prompt payers sometimes settle two invoices with one transfer.
 */
function planPayments(
  rng: Rng,
  clock: Clock,
  style: PayStyle,
  invoices: PendingInvoice[],
  orders: PendingOrder[],
): PaymentPlan[] {
  const plans: PaymentPlan[] = [];
  const ageDays = (inv: PendingInvoice) => Math.floor((clock.todayMs - inv.issuedMs) / DAY);
  const pay = (inv: PendingInvoice, afterDays: number) =>
    clock.clamp(inv.issuedMs + afterDays * DAY + rng.int(9 * 60, 16 * 60) * MINUTE);
  const part = (inv: PendingInvoice) => Math.max(1, Math.round((inv.row.total_minor * rng.int(25, 60)) / 100));
  let pairedOnce = false;
  let partialGiven = false;

  for (let i = 0; i < invoices.length; i++) {
    const inv = invoices[i];
    const age = ageDays(inv);
    if (inv.row.total_minor === 0) continue;
    switch (style) {
      case 'card': {
        // Paid by card at checkout: the payment is dated the order day.
        const order = orders.find((o) => o.row.id === inv.row.order_id)!;
        plans.push({ receivedMs: order.createdMs, parts: [[inv, inv.row.total_minor]] });
        break;
      }
      case 'prompt': {
        if (age >= 25) {
          const next = invoices[i + 1];
          if (next && ageDays(next) >= 25 && next.row.total_minor > 0 && (!pairedOnce || rng.chance(0.3))) {
            pairedOnce = true;
            plans.push({
              receivedMs: Math.max(pay(inv, rng.int(14, 24)), pay(next, rng.int(5, 12))),
              parts: [
                [inv, inv.row.total_minor],
                [next, next.row.total_minor],
              ],
            });
            i++;
          } else {
            plans.push({ receivedMs: pay(inv, rng.int(10, 28)), parts: [[inv, inv.row.total_minor]] });
          }
        } else if (age >= 8 && !partialGiven) {
          partialGiven = true;
          plans.push({ receivedMs: pay(inv, rng.int(3, Math.max(3, age - 1))), parts: [[inv, part(inv)]] });
        } else if (age >= 8 && rng.chance(0.4)) {
          plans.push({ receivedMs: pay(inv, rng.int(3, Math.max(3, age - 1))), parts: [[inv, inv.row.total_minor]] });
        }
        break;
      }
      case 'slow': {
        if (age >= 75) plans.push({ receivedMs: pay(inv, rng.int(35, 60)), parts: [[inv, inv.row.total_minor]] });
        else if (age >= 40 && !partialGiven) {
          partialGiven = true;
          plans.push({ receivedMs: pay(inv, rng.int(30, 38)), parts: [[inv, part(inv)]] });
        } else if (age >= 40 && rng.chance(0.4)) {
          plans.push({ receivedMs: pay(inv, rng.int(30, 38)), parts: [[inv, inv.row.total_minor]] });
        }
        // Younger invoices (and some overdue ones) stay open.
        break;
      }
      case 'stretched': {
        // Pays the old ones, lets the last ~2½ months pile up against the credit limit.
        if (age >= 80) plans.push({ receivedMs: pay(inv, rng.int(28, 45)), parts: [[inv, inv.row.total_minor]] });
        else if (age <= 30 && !partialGiven) {
          // One payment on account against a recent invoice; everything else since stays open.
          partialGiven = true;
          plans.push({ receivedMs: pay(inv, rng.int(Math.min(3, age), age)), parts: [[inv, part(inv)]] });
        }
        break;
      }
    }
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// seedScale
// ---------------------------------------------------------------------------------------------

export interface SeedScaleOptions {
  customers: number;
  products: number;
  orders: number;
  /** Every generated order for this customer (one long history); by default they spread over all customers. */
  customerId?: string;
  now?: Date;
  log?: (msg: string) => void;
}

export interface SeedScaleResult {
  customers: number;
  products: number;
  orders: number;
  orderLines: number;
}

/** Orders generated and inserted per transaction. */
const ORDERS_PER_TRANSACTION = 10_000;

const SCALE_CUSTOMER_FIRST = [
  'Atlantic',
  'Blackrock',
  'Copper',
  'Driftwood',
  'Emerald',
  'Foxglove',
  'Granite',
  'Heather',
  'Ivy',
  'Juniper',
  'Kestrel',
  'Lighthouse',
  'Marigold',
  'Northside',
  'Oakwood',
  'Pier',
  'Quayside',
  'Riverbank',
  'Saltwater',
  'Thistle',
  'Upland',
  'Valley',
  'Willow',
  'Yarrow',
  'Anchor',
  'Bramble',
  'Clover',
  'Dockside',
  'Elm',
  'Fern',
];
const SCALE_CUSTOMER_KIND = [
  'Café',
  'Bistro',
  'Deli',
  'Bakery',
  'Kitchen',
  'Hotel',
  'Grocer',
  'Coffee House',
  'Tea Rooms',
  'Brasserie',
  'Food Hall',
  'Guesthouse',
  'Pantry',
  'Eatery',
  'Market',
  'Canteen',
  'Inn',
  'Tavern',
  'Roastery',
  'Larder',
];
const SCALE_TOWNS = [
  'Dublin',
  'Cork',
  'Galway',
  'Limerick',
  'Waterford',
  'Kilkenny',
  'Sligo',
  'Wexford',
  'Athlone',
  'Dundalk',
  'Tralee',
  'Ennis',
  'Kinsale',
  'Westport',
  'Dingle',
  'Bray',
  'Howth',
  'Cobh',
  'Clifden',
  'Carlow',
];
const SCALE_PRODUCT_WORDS: Record<string, { brands: string[]; items: string[]; sizes: string[] }> = {
  COF: {
    brands: ['Harbour', 'Roastworks', 'Origin', 'Cuppa', 'Barista Select'],
    items: [
      'Espresso Blend',
      'Filter Roast',
      'Decaf',
      'Breakfast Tea',
      'Green Tea',
      'Herbal Infusion',
      'Cold Brew',
      'Chai',
      'Cocoa',
      'Matcha',
    ],
    sizes: ['250g', '500g', '1kg', '100 bags', '500 bags'],
  },
  DAI: {
    brands: ['Glenbrook', 'Meadow', 'Oatly Farm', 'Creamery', 'Hillside'],
    items: [
      'Milk',
      'Cream',
      'Butter',
      'Yoghurt',
      'Cheddar',
      'Feta',
      'Oat Drink',
      'Coconut Drink',
      'Crème Fraîche',
      'Ricotta',
    ],
    sizes: ['250g', '500g', '1L', '2L', '2kg'],
  },
  BAK: {
    brands: ['Stonemill', 'Morning Rise', 'Crumb & Co', 'Oven Door', 'Tuath'],
    items: [
      'Sourdough',
      'Baguette',
      'Croissant',
      'Muffin',
      'Scone',
      'Bagel',
      'Focaccia',
      'Rye Loaf',
      'Brownie',
      'Flapjack',
    ],
    sizes: ['single', 'pack of 6', 'pack of 12', 'tray of 24', 'case of 40'],
  },
  PAN: {
    brands: ['Larder', 'Cupboard', 'Bellavista', 'Spice Route', 'Harvest'],
    items: [
      'Olive Oil',
      'Pasta',
      'Rice',
      'Lentils',
      'Chickpeas',
      'Tomato Passata',
      'Stock Cubes',
      'Mustard',
      'Vinegar',
      'Spice Mix',
    ],
    sizes: ['400g', '1kg', '2.5kg', '5kg', '5L'],
  },
  CLN: {
    brands: ['Sparkle', 'GreenClean', 'ProHyg', 'Kitchen Pro', 'EcoPak'],
    items: [
      'Surface Cleaner',
      'Floor Cleaner',
      'Degreaser',
      'Hand Towels',
      'Toilet Rolls',
      'Food Boxes',
      'Foil',
      'Cling Film',
      'Bin Bags',
      'Cloths',
    ],
    sizes: ['750ml', '5L', 'pack of 50', 'pack of 200', 'case of 1000'],
  },
  BEV: {
    brands: ['Wellspring', 'Orchard', 'Fizz & Co', 'Tonic Lab', 'Barista Syrups'],
    items: [
      'Sparkling Water',
      'Still Water',
      'Apple Juice',
      'Orange Juice',
      'Lemonade',
      'Tonic Water',
      'Iced Tea',
      'Syrup',
      'Smoothie',
      'Energy Drink',
    ],
    sizes: ['250ml', '330ml', '500ml', '1L', '1.5L'],
  },
};
/** Status weights by the order's age: open statuses only for the last week. */
const SCALE_STATUSES: Record<'recent' | 'month' | 'older', [OrderStatus, number][]> = {
  recent: [
    ['draft', 10],
    ['pending', 20],
    ['confirmed', 20],
    ['in_progress', 20],
    ['shipped', 20],
    ['delivered', 10],
  ],
  month: [
    ['delivered', 60],
    ['invoiced', 30],
    ['shipped', 5],
    ['cancelled', 5],
  ],
  older: [
    ['invoiced', 65],
    ['delivered', 28],
    ['cancelled', 7],
  ],
};

/** The i-th combination of the given lists, walking a stride so neighbours differ. */
function combination<T>(lists: T[][], index: number): T[] {
  const out: T[] = [];
  let rest = index;
  for (const list of lists) {
    out.push(list[rest % list.length]);
    rest = Math.floor(rest / list.length);
  }
  return out;
}

/**
 * Adds generated customers, products and orders for load tests. Seeds the demo first when the
 * database is empty. Orders are numbered from the counters, so later numbering continues.
 */
export async function seedScale(db: Kysely<Database>, options: SeedScaleOptions): Promise<SeedScaleResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  for (const key of ['customers', 'products', 'orders'] as const) {
    if (!Number.isSafeInteger(options[key]) || options[key] < 0)
      throw new Error(`seedScale: ${key} must be a non-negative integer`);
  }
  if (!(await isSeeded(db))) {
    log('empty database: seeding the demo workspace first');
    await seedDemo(db, { now });
  }
  const started = Date.now();
  const rng = new Rng((DEMO_SEED ^ Math.floor(now.getTime() / 1000)) >>> 0);
  const clock = new Clock(now, rng);
  const workspace = await db.selectFrom('workspace').select(['currency', 'settings_json']).executeTakeFirstOrThrow();
  const settings = WorkspaceSettings.parse(JSON.parse(workspace.settings_json));
  const currency = workspace.currency;

  const categories = await db.selectFrom('categories').select(['id', 'name', 'position']).orderBy('position').execute();
  if (categories.length === 0) throw new Error('seedScale: the workspace has no categories');
  const prefixOf = new Map(categories.map((c) => [c.id, CATALOGUE.find((s) => s.name === c.name)?.prefix ?? 'GEN']));
  const existingSkus = await db.selectFrom('products').select('sku').execute();
  let nextSku = 20_001;
  for (const { sku } of existingSkus) {
    const n = Number(sku.split('-').pop());
    if (Number.isSafeInteger(n) && n >= nextSku) nextSku = n + 1;
  }
  const defaultList = await db.selectFrom('price_lists').select('id').where('kind', '=', 'default').executeTakeFirst();

  // Customers and products -------------------------------------------------------------------
  await db.transaction().execute(async (tx) => {
    const groups = await tx.selectFrom('price_groups').select('id').orderBy('name').execute();
    const existingCustomers = await tx
      .selectFrom('customers')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const offset = Number(existingCustomers.n);
    const customers: Database['customers'][] = [];
    for (let i = 0; i < options.customers; i++) {
      const n = offset + i;
      const [first, kind, town] = combination([SCALE_CUSTOMER_FIRST, SCALE_CUSTOMER_KIND, SCALE_TOWNS], n);
      const round = Math.floor(n / (SCALE_CUSTOMER_FIRST.length * SCALE_CUSTOMER_KIND.length * SCALE_TOWNS.length));
      const name = `${first} ${kind} ${town}${round ? ` ${round + 1}` : ''}`;
      const group = rng.chance(0.75) && groups.length ? rng.pick(groups).id : null;
      customers.push({
        id: randomUUID(),
        business_name: name,
        email: `orders+${n}@${`${first}${kind}`.toLowerCase().replace(/[^a-z]/g, '')}.example.ie`,
        price_group_id: group,
        credit_limit_minor: rng.int(10, 200) * 10_000,
        order_template: rng.chance(0.1) ? 'quantity_grid' : null,
        checkout_mode: rng.chance(0.1) ? 'pay_now' : null,
        freight_json: rng.chance(0.1)
          ? JSON.stringify({
              flat_minor: rng.pick([0, 995, 1200, 2000]),
              free_over_minor: rng.pick([null, 15000, 30000]),
            })
          : null,
        created_at: iso(clock.daysAgo(rng.int(300, 420))),
        language: null,
        archived_at: null,
      });
    }
    await insertRows(tx, 'customers', customers);

    const products: Database['products'][] = [];
    const units: Database['product_units'][] = [];
    const entries: Database['price_list_entries'][] = [];
    for (let i = 0; i < options.products; i++) {
      const category = categories[i % categories.length];
      const prefix = prefixOf.get(category.id)!;
      const words = SCALE_PRODUCT_WORDS[prefix] ?? SCALE_PRODUCT_WORDS.PAN;
      const [brand, item, size] = combination(
        [words.brands, words.items, words.sizes],
        Math.floor(i / categories.length),
      );
      const id = randomUUID();
      const sku = `${prefix}-${nextSku++}`;
      const price = rng.int(49, 6000);
      const isNew = rng.chance(0.03);
      products.push({
        id,
        sku,
        name: `${brand} ${item} ${size} (${sku})`,
        description: `${item} from ${brand}, ${size}. Generated load-test product.`,
        image_url: null,
        category_id: category.id,
        new_arrival: isNew ? 1 : 0,
        active: rng.chance(0.97) ? 1 : 0,
        stock: rng.weighted(['in_stock', 'low_stock', 'out_of_stock'] as const, (s) =>
          s === 'in_stock' ? 85 : s === 'low_stock' ? 10 : 5,
        ),
        created_at: iso(isNew ? clock.daysAgo(rng.int(1, 30)) : clock.daysAgo(rng.int(300, 420))),
      });
      units.push({ product_id: id, code: 'each', name: 'Each', contains: 1, base_price_minor: price, position: 0 });
      if (defaultList && rng.chance(0.2)) {
        entries.push({
          price_list_id: defaultList.id,
          product_id: id,
          uom: 'each',
          min_quantity: 1,
          unit_price_minor: money(price * 0.96),
        });
        if (rng.chance(0.4))
          entries.push({
            price_list_id: defaultList.id,
            product_id: id,
            uom: 'each',
            min_quantity: 12,
            unit_price_minor: money(price * 0.92),
          });
      }
    }
    await insertRows(tx, 'products', products);
    await insertRows(tx, 'product_units', units);
    await insertRows(tx, 'price_list_entries', entries);
  });
  if (options.customers || options.products) {
    log(
      `inserted ${options.customers} customers and ${options.products} products in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  if (options.orders === 0)
    return { customers: options.customers, products: options.products, orders: 0, orderLines: 0 };

  // Everything orders need, loaded once --------------------------------------------------------
  const pool = await loadProductPool(db);
  const productMap = new Map(pool.map((p) => [p.product.id, p.product]));
  const orderable = pool
    .filter((p) => p.product.active && p.product.stock !== 'out_of_stock')
    .sort((a, b) => a.createdMs - b.createdMs);
  const createdTimes = orderable.map((p) => p.createdMs);
  const pricers = await loadPricers(db);
  // Archived customers order nothing.
  let customerQuery = db
    .selectFrom('customers')
    .select(['id', 'price_group_id', 'freight_json'])
    .where('archived_at', 'is', null);
  if (options.customerId) customerQuery = customerQuery.where('id', '=', options.customerId);
  const customers = (await customerQuery.orderBy('created_at').orderBy('id').execute()).map((c) => ({
    id: c.id,
    pricer: pricers.get(c.price_group_id ?? '') ?? pricers.get('')!,
    freight: c.freight_json ? Freight.parse(JSON.parse(c.freight_json)) : settings.freight,
  }));
  const counters = await db.selectFrom('counters').select(['name', 'value']).execute();
  const numbering = new Numbering(counters.map((c) => [c.name, Number(c.value)]));

  // Dates first (sorted, so numbers follow time), then lines in batches -----------------------
  const dates = new Float64Array(options.orders);
  for (let i = 0; i < dates.length; i++) {
    const daysAgo = Math.floor(rng.float() ** 1.2 * 300); // a little busier lately
    dates[i] = clock.daysAgo(daysAgo);
  }
  dates.sort();

  let lineCount = 0;
  for (let start = 0; start < options.orders; start += ORDERS_PER_TRANSACTION) {
    const end = Math.min(options.orders, start + ORDERS_PER_TRANSACTION);
    const orderRows: Database['orders'][] = [];
    const lineRows: Database['order_lines'][] = [];
    for (let i = start; i < end; i++) {
      const createdMs = dates[i];
      const customer = rng.pick(customers);
      const ageDays = (clock.nowMs - createdMs) / DAY;
      const status: OrderStatus = rng.weighted(
        ageDays < 7 ? SCALE_STATUSES.recent : ageDays < 30 ? SCALE_STATUSES.month : SCALE_STATUSES.older,
        ([, w]) => w,
      )[0];
      // Products that existed on the order date: a prefix of the list sorted by creation.
      let available = upperBound(createdTimes, createdMs);
      if (available === 0) available = orderable.length;
      const count = rng.int(1, 5);
      const templates: LineTemplate[] = [];
      const used = new Set<string>();
      for (let attempt = 0; templates.length < count && attempt < count * 4; attempt++) {
        const candidate = orderable[Math.floor(rng.float() * available)];
        if (used.has(candidate.product.id)) continue;
        const line = chooseQuantity(rng, candidate, 1);
        if (!customer.pricer.resolve(candidate.product, line.uom, line.quantity, createdMs).orderable) continue;
        used.add(candidate.product.id);
        templates.push(line);
      }
      if (templates.length === 0) throw new Error('seedScale: no orderable products');
      const { lines, priced } = priceLines(customer.pricer, productMap, templates, customer.freight, createdMs);
      const id = randomUUID();
      const channel = rng.chance(0.15) ? 'sales_rep' : 'portal';
      const reference = rng.chance(0.2) ? `PO-${rng.digits(6)}` : null;
      orderRows.push({
        id,
        number: numbering.next('SO', createdMs),
        customer_id: customer.id,
        status,
        channel,
        customer_reference: reference,
        customer_reference_key: keyOf(reference),
        note: null,
        currency,
        subtotal_minor: priced.subtotal_minor,
        freight_minor: priced.freight_minor,
        total_minor: priced.total_minor,
        item_count: lines.length,
        source_quote_id: null,
        created_at: iso(createdMs),
      });
      for (const l of lines) lineRows.push({ order_id: id, ...l });
    }
    await db.transaction().execute(async (tx) => {
      await insertRows(tx, 'orders', orderRows);
      await insertRows(tx, 'order_lines', lineRows);
      await upsertCounters(
        tx,
        numbering.rows().filter((c) => c.name.startsWith('SO-')),
      );
    });
    lineCount += lineRows.length;
    log(
      `orders ${end.toLocaleString('en')}/${options.orders.toLocaleString('en')} (${lineCount.toLocaleString('en')} lines) after ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await db.transaction().execute(async (tx) => {
    for (const customerId of new Set(customers.map((c) => c.id))) await refreshProductStats(tx, { customerId });
  });
  log(`order history figures after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { customers: options.customers, products: options.products, orders: options.orders, orderLines: lineCount };
}

function upperBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function upsertCounters(db: Kysely<Database>, counters: Database['counters'][]): Promise<void> {
  for (const c of counters) {
    await db
      .insertInto('counters')
      .values(c)
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: c.value }))
      .execute();
  }
}

async function loadProductPool(db: Kysely<Database>): Promise<DemoProduct[]> {
  const [products, units, categories] = await Promise.all([
    db.selectFrom('products').selectAll().orderBy('sku').execute(),
    db.selectFrom('product_units').selectAll().orderBy('product_id').orderBy('position').execute(),
    db.selectFrom('categories').select(['id', 'name']).execute(),
  ]);
  const prefixOf = new Map(categories.map((c) => [c.id, CATALOGUE.find((s) => s.name === c.name)?.prefix ?? 'GEN']));
  const unitsByProduct = new Map<string, Product['units']>();
  for (const u of units) {
    const list = unitsByProduct.get(u.product_id) ?? [];
    list.push({
      code: u.code,
      name: u.name,
      contains: u.contains,
      base_price_minor: u.base_price_minor === null ? null : Number(u.base_price_minor),
    });
    unitsByProduct.set(u.product_id, list);
  }
  return products.map((p) => ({
    prefix: (p.category_id && prefixOf.get(p.category_id)) || 'GEN',
    createdMs: Date.parse(p.created_at),
    product: {
      id: p.id,
      sku: p.sku,
      name: p.name,
      description: p.description,
      image_url: p.image_url,
      category_id: p.category_id,
      new_arrival: p.new_arrival === 1,
      active: p.active === 1,
      stock: p.stock as StockState,
      units: unitsByProduct.get(p.id) ?? [],
    },
  }));
}

/** One pricer per price group ('' for customers without a group), with every promotion. */
async function loadPricers(db: Kysely<Database>): Promise<Map<string, Pricer>> {
  const [lists, entries, promotionRows, promotionProducts] = await Promise.all([
    db.selectFrom('price_lists').selectAll().execute(),
    db.selectFrom('price_list_entries').selectAll().execute(),
    db.selectFrom('promotions').selectAll().orderBy('starts_at').orderBy('id').execute(),
    db.selectFrom('promotion_products').selectAll().execute(),
  ]);
  const byList = new Map<string, Map<string, PriceListEntry>>();
  for (const e of entries) {
    const listEntries = byList.get(e.price_list_id) ?? new Map<string, PriceListEntry>();
    const key = `${e.product_id}\u0000${e.uom}`;
    const entry = listEntries.get(key) ?? { product_id: e.product_id, uom: e.uom, tiers: [] };
    entry.tiers.push({ min_quantity: e.min_quantity, unit_price_minor: Number(e.unit_price_minor) });
    listEntries.set(key, entry);
    byList.set(e.price_list_id, listEntries);
  }
  const toList = (row: (typeof lists)[number]): PriceList => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    entries: [...(byList.get(row.id)?.values() ?? [])],
  });
  const productsOf = new Map<string, string[]>();
  for (const pp of promotionProducts)
    productsOf.set(pp.promotion_id, [...(productsOf.get(pp.promotion_id) ?? []), pp.product_id]);
  const promotions: Promotion[] = promotionRows.map((p) => ({
    id: p.id,
    name: p.name,
    discount: Discount.parse(JSON.parse(p.discount_json)),
    starts_at: p.starts_at,
    ends_at: p.ends_at,
    product_ids: productsOf.get(p.id) ?? [],
  }));
  const defaultRow = lists.find((l) => l.kind === 'default');
  const defaultList = defaultRow ? toList(defaultRow) : null;
  const pricers = new Map<string, Pricer>([
    ['', new Pricer({ group_list: null, default_list: defaultList, promotions })],
  ]);
  for (const row of lists) {
    if (row.kind === 'group' && row.price_group_id) {
      pricers.set(row.price_group_id, new Pricer({ group_list: toList(row), default_list: defaultList, promotions }));
    }
  }
  return pricers;
}
