import type { ApprovalSettings } from '../contract/approvals.ts';
import type { DeliveryService } from '../contract/delivery.ts';
/**
 * A small, deterministic demo dataset in the contract's shapes, for browser tests.
 * Every `make*` returns a fresh copy, so a test may change what it got; overrides merge deeply
 * into objects and replace arrays: `makeSession({ settings: { order_template: 'quantity_grid' } })`.
 */
import type { z } from 'zod';
import type {
  Address,
  Catalog,
  Category,
  Dashboard,
  Delivery,
  DocumentLine,
  Invoice,
  InvoiceDetail,
  OrderDetail,
  OrderHistory,
  OrderList,
  OrderSummary,
  Payment,
  PriceList,
  Product,
  Promotion,
  Quote,
  AccountPerson,
  Role,
  Sections,
  Session,
} from '../contract/index.ts';
import { effectivePermissions } from '../contract/rules/roles.ts';
import type { OrderCreationStatus } from '../contract/rules/order-creation.ts';
import { Pricer } from '../pricing/index.ts';

/** The instant the dataset is written for: the active promotion is on, the upcoming one is not. */
export const NOW = '2025-06-15T10:00:00.000Z';

/** A stable, valid v4 UUID: `kind` tells what it identifies, `n` which one. */
export function testId(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const TEST_ID = /^([0-9a-f]{8})-0000-4000-8000-([0-9a-f]{12})$/;

/**
 * The id a backend whose ids are not UUIDs gives what `testId` names: `C-006004` for even kinds
 * (orders, deliveries...), a plain integer (`1001`) for odd ones (customer, quotes...), and for
 * products one with a space (`P 3002`), which element ids built from it must survive.
 */
export function opaqueId(id: string): string {
  const match = TEST_ID.exec(id);
  if (!match) return id;
  const kind = parseInt(match[1], 16);
  const serial = kind * 1000 + parseInt(match[2], 16);
  if (kind === 3) return `P ${serial}`;
  return kind % 2 === 0 ? `C-${String(serial).padStart(6, '0')}` : String(serial);
}

/** A copy of `value` with every `testId` in it replaced by its `opaqueId`. */
export function withOpaqueIds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? opaqueId(v) : v)) as T;
}

export const IDS = {
  customer: testId(1, 1),
  category: { beverages: testId(2, 1), snacks: testId(2, 2), cleaning: testId(2, 3) },
  product: {
    /** Two units: each (base 120) and case12 (base 1300). */
    sparklingWater: testId(3, 1),
    /** Group list with quantity tiers 1/12/48 (450/420/390); also on the default list at 480. */
    coldBrew: testId(3, 2),
    /** Default list only: 299 (its base price of 350 is not used). */
    orangeJuice: testId(3, 3),
    /** Base price only: 275; low stock. */
    greenTea: testId(3, 4),
    /** Active promotion: 20 % off a base price of 250 → 200. */
    seaSaltCrisps: testId(3, 5),
    /** New arrival, base 199; a promotion that starts later (not active at NOW). */
    darkChocolate: testId(3, 6),
    /** New arrival on the default list at 425; low stock. */
    trailMix: testId(3, 7),
    /** Group list, one tier: 210. */
    dishSoap: testId(3, 8),
    /** Inactive. */
    discontinuedCola: testId(3, 9),
    /** Out of stock. */
    allPurposeCleaner: testId(3, 10),
    /** No price anywhere. */
    microfibreCloths: testId(3, 11),
    /** No category; base 540. */
    paperTowels: testId(3, 12),
  },
  priceList: { group: testId(4, 1), default: testId(4, 2) },
  promotion: { summerCrisps: testId(5, 1), winterChocolate: testId(5, 2) },
  order: { draft: testId(6, 4), shipped: testId(6, 3), delivered: testId(6, 2), invoiced: testId(6, 1) },
  delivery: { shipped: testId(7, 2), delivered: testId(7, 1) },
  quote: { open: testId(8, 2), accepted: testId(8, 1) },
  invoice: { delivered: testId(9, 2), invoiced: testId(9, 1) },
  payment: { first: testId(10, 1) },
  person: { ana: testId(11, 1), ben: testId(11, 2), carla: testId(11, 3), dev: testId(11, 4) },
} as const;

/** Deep partial: objects merge key by key, arrays and scalars replace. */
export type Overrides<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: Overrides<T[K]> }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function merge<T>(base: T, overrides: Overrides<NoInfer<T>> | undefined): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) out[key] = merge(out[key], value as Overrides<unknown>);
  }
  return out as T;
}

const clone = <T>(value: T): T => structuredClone(value);

// ---------------------------------------------------------------- session

const SESSION: Session = {
  customer: { id: IDS.customer, business_name: 'Harbour Café Ltd' },
  workspace: { name: 'Northwind Wholesale', branding: { logo_url: null, accent_color: '#0b5fff' } },
  currency: 'EUR',
  locale: 'en-IE',
  permissions: {
    view_quotes: true,
    accept_quotes: true,
    view_orders: true,
    view_invoices: true,
    view_payments: true,
    view_deliveries: true,
    submit_feedback: true,
    place_orders: true,
  },
  settings: {
    sections: { orders: true, quotes: true, invoices: true, payments: true, deliveries: true },
    tabs: { all: 'auto', new_arrivals: 'auto', on_sale: 'auto', past_orders: 'auto', categories: 'auto' },
    checkout_mode: 'pay_later',
    order_template: 'standard',
    freight: { flat_minor: 995, free_over_minor: 15_000 },
    payment_url: null,
    order_changes: {
      enabled: true,
      apply_updates_automatically: false,
      apply_cancellations_automatically: false,
      allowed_before: 'in_progress',
      edits_allowed_before: null,
      cancellations_allowed_before: null,
    },
    require_unique_reference: false,
    credit: null,
    show_price_explanation: false,
    supplier_available: true,
  },
  has_orders: true,
  token_expires_at: '2035-01-01T00:00:00.000Z',
};

export function makeSession(overrides?: Overrides<Session>): Session {
  return merge(clone(SESSION), overrides);
}

// ---------------------------------------------------------------- people

const PEOPLE: AccountPerson[] = [
  {
    id: IDS.person.ana,
    name: 'Ana Ruiz',
    email: 'ana@harbour.test',
    role: 'admin',
    last_active_at: '2025-06-15T09:12:00.000Z',
  },
  {
    id: IDS.person.ben,
    name: 'Ben Okafor',
    email: 'ben@harbour.test',
    role: 'buyer',
    last_active_at: '2025-06-14T16:40:00.000Z',
  },
  { id: IDS.person.carla, name: 'Carla Jensen', email: 'carla@harbour.test', role: 'finance', last_active_at: null },
  { id: IDS.person.dev, name: 'Dev Patel', email: 'dev@harbour.test', role: 'viewer', last_active_at: null },
].map((p) => ({
  ...p,
  role: p.role as Role,
  language: null,
  phone: null,
  created_at: '2025-01-10T09:00:00.000Z',
  spending_limit_minor: null,
  spending_period: 'month' as const,
  emails: { order_placed: true, approval_needed: true, approval_outcome: true, shipped: true },
  default_delivery_address_id: null,
  is_you: false,
}));

export function makePeople(): AccountPerson[] {
  return clone(PEOPLE);
}

/**
 * The session of a link that belongs to one of the people (Ana Ruiz unless named), as the server
 * answers it: its permissions narrowed by the role.
 */
export function personSession(
  role: Role,
  person: { id: string; name: string } = { id: IDS.person.ana, name: 'Ana Ruiz' },
): Overrides<Session> {
  return {
    person: { ...person, role },
    permissions: effectivePermissions({ ...SESSION.permissions, place_orders: true }, role),
  };
}

// ---------------------------------------------------------------- catalogue

const CATEGORIES: Category[] = [
  { id: IDS.category.beverages, name: 'Beverages', position: 1, tab_visibility: 'auto' },
  { id: IDS.category.snacks, name: 'Snacks', position: 2, tab_visibility: 'auto' },
  { id: IDS.category.cleaning, name: 'Cleaning supplies', position: 3, tab_visibility: 'auto' },
];

const each = (base: number | null) => ({ code: 'each', name: 'Each', contains: 1, base_price_minor: base });

const PRODUCTS: Product[] = [
  {
    id: IDS.product.sparklingWater,
    sku: 'BEV-SPW-500',
    name: 'Sparkling Water 500 ml',
    description: 'Lightly carbonated spring water.',
    image_url: null,
    category_id: IDS.category.beverages,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(120), { code: 'case12', name: 'Case of 12', contains: 12, base_price_minor: 1300 }],
  },
  {
    id: IDS.product.coldBrew,
    sku: 'BEV-CBC-1L',
    name: 'Cold Brew Coffee 1 L',
    description: 'Slow-steeped for 18 hours.',
    image_url: null,
    category_id: IDS.category.beverages,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(500)],
  },
  {
    id: IDS.product.orangeJuice,
    sku: 'BEV-OJ-1L',
    name: 'Orange Juice 1 L',
    description: 'Not from concentrate.',
    image_url: null,
    category_id: IDS.category.beverages,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(350)],
  },
  {
    id: IDS.product.greenTea,
    sku: 'BEV-GT-20',
    name: 'Green Tea, 20 bags',
    description: 'Sencha.',
    image_url: null,
    category_id: IDS.category.beverages,
    new_arrival: false,
    active: true,
    stock: 'low_stock',
    units: [each(275)],
  },
  {
    id: IDS.product.seaSaltCrisps,
    sku: 'SNK-SSC-150',
    name: 'Sea Salt Crisps 150 g',
    description: 'Kettle-cooked.',
    image_url: null,
    category_id: IDS.category.snacks,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(250)],
  },
  {
    id: IDS.product.darkChocolate,
    sku: 'SNK-DCH-100',
    name: 'Dark Chocolate 100 g',
    description: '70 % cocoa.',
    image_url: null,
    category_id: IDS.category.snacks,
    new_arrival: true,
    active: true,
    stock: 'in_stock',
    units: [each(199)],
  },
  {
    id: IDS.product.trailMix,
    sku: 'SNK-TMX-250',
    name: 'Trail Mix 250 g',
    description: 'Nuts, seeds and raisins.',
    image_url: null,
    category_id: IDS.category.snacks,
    new_arrival: true,
    active: true,
    stock: 'low_stock',
    units: [each(450)],
  },
  {
    id: IDS.product.dishSoap,
    sku: 'CLN-DSH-500',
    name: 'Dish Soap 500 ml',
    description: 'Unscented.',
    image_url: null,
    category_id: IDS.category.cleaning,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(260)],
  },
  {
    id: IDS.product.discontinuedCola,
    sku: 'BEV-COL-330',
    name: 'Classic Cola 330 ml',
    description: 'No longer sold.',
    image_url: null,
    category_id: IDS.category.beverages,
    new_arrival: false,
    active: false,
    stock: 'in_stock',
    units: [each(100)],
  },
  {
    id: IDS.product.allPurposeCleaner,
    sku: 'CLN-APC-750',
    name: 'All-Purpose Cleaner 750 ml',
    description: 'Citrus.',
    image_url: null,
    category_id: IDS.category.cleaning,
    new_arrival: false,
    active: true,
    stock: 'out_of_stock',
    units: [each(450)],
  },
  {
    id: IDS.product.microfibreCloths,
    sku: 'CLN-MFC-10',
    name: 'Microfibre Cloths, 10 pack',
    description: 'Price on request.',
    image_url: null,
    category_id: IDS.category.cleaning,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(null)],
  },
  {
    id: IDS.product.paperTowels,
    sku: 'GEN-PTW-6',
    name: 'Paper Towels, 6 rolls',
    description: 'Two-ply.',
    image_url: null,
    category_id: null,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(540)],
  },
];

const GROUP_LIST: PriceList = {
  id: IDS.priceList.group,
  name: 'Hospitality Gold',
  kind: 'group',
  entries: [
    {
      product_id: IDS.product.coldBrew,
      uom: 'each',
      tiers: [
        { min_quantity: 1, unit_price_minor: 450 },
        { min_quantity: 12, unit_price_minor: 420 },
        { min_quantity: 48, unit_price_minor: 390 },
      ],
    },
    { product_id: IDS.product.dishSoap, uom: 'each', tiers: [{ min_quantity: 1, unit_price_minor: 210 }] },
  ],
};

const DEFAULT_LIST: PriceList = {
  id: IDS.priceList.default,
  name: 'Standard 2025',
  kind: 'default',
  entries: [
    { product_id: IDS.product.coldBrew, uom: 'each', tiers: [{ min_quantity: 1, unit_price_minor: 480 }] },
    { product_id: IDS.product.orangeJuice, uom: 'each', tiers: [{ min_quantity: 1, unit_price_minor: 299 }] },
    { product_id: IDS.product.trailMix, uom: 'each', tiers: [{ min_quantity: 1, unit_price_minor: 425 }] },
  ],
};

const PROMOTIONS: Promotion[] = [
  {
    id: IDS.promotion.summerCrisps,
    name: 'Summer crisps',
    product_ids: [IDS.product.seaSaltCrisps],
    discount: { type: 'percent', basis_points: 2000 },
    starts_at: '2025-01-01T00:00:00.000Z',
    ends_at: '2035-01-01T00:00:00.000Z',
  },
  {
    id: IDS.promotion.winterChocolate,
    name: 'Winter chocolate',
    product_ids: [IDS.product.darkChocolate],
    discount: { type: 'amount_off', amount_minor: 50 },
    starts_at: '2035-01-01T00:00:00.000Z',
    ends_at: '2035-03-01T00:00:00.000Z',
  },
];

export function makeProduct(overrides?: Overrides<Product>): Product {
  const template: Product = {
    id: testId(3, 0xff),
    sku: 'TST-0001',
    name: 'Test Product',
    description: '',
    image_url: null,
    category_id: IDS.category.beverages,
    new_arrival: false,
    active: true,
    stock: 'in_stock',
    units: [each(100)],
  };
  return merge(template, overrides);
}

export function makeCatalog(overrides?: Overrides<Catalog>): Catalog {
  const catalog: Catalog = {
    currency: 'EUR',
    categories: clone(CATEGORIES),
    products: clone(PRODUCTS),
    pricing: { group_list: clone(GROUP_LIST), default_list: clone(DEFAULT_LIST), promotions: clone(PROMOTIONS) },
    generated_at: NOW,
  };
  return merge(catalog, overrides);
}

// ---------------------------------------------------------------- orders

function product(id: string): Product {
  const found = PRODUCTS.find((p) => p.id === id);
  if (!found) throw new Error(`no demo product ${id}`);
  return found;
}

function line(productId: string, quantity: number, unitPrice: number, uom = 'each'): DocumentLine {
  const p = product(productId);
  return {
    product_id: p.id,
    sku: p.sku,
    name: p.name,
    quantity,
    uom,
    unit_price_minor: unitPrice,
    line_total_minor: quantity * unitPrice,
  };
}

type OrderInit = Omit<
  OrderDetail,
  | 'subtotal_minor'
  | 'total_minor'
  | 'item_count'
  | 'is_draft'
  | 'currency'
  | 'channel'
  | 'pending_request'
  | 'changes'
  | 'requests'
  | 'history'
> &
  Partial<Pick<OrderDetail, 'channel' | 'pending_request' | 'changes' | 'requests' | 'history'>>;

/**
 * An order whose figures add up: subtotal from its lines, total = subtotal + freight. Placed in
 * the portal unless said otherwise; its record starts with "placed"; Edit and Cancel are
 * blocked the way the server would block them for its status under the default settings.
 */
function order(init: OrderInit): OrderDetail {
  const subtotal = init.lines.reduce((sum, l) => sum + l.line_total_minor, 0);
  const channel = init.channel ?? 'portal';
  const open = init.status === 'pending' || init.status === 'confirmed';
  const blocked =
    init.status === 'draft'
      ? 'draft'
      : init.status === 'cancelled'
        ? 'cancelled'
        : channel === 'quote'
          ? 'from_quote'
          : channel !== 'portal'
            ? 'other_channel'
            : open
              ? null
              : 'past_allowed_status';
  return {
    ...init,
    is_draft: init.status === 'draft',
    currency: 'EUR',
    item_count: init.lines.length,
    subtotal_minor: subtotal,
    total_minor: subtotal + init.freight_minor,
    channel,
    pending_request: init.pending_request ?? null,
    changes: init.changes ?? { can_edit: blocked === null, can_cancel: blocked === null, blocked_reason: blocked },
    requests: init.requests ?? [],
    history: init.history ?? [
      {
        at: init.created_at,
        actor: 'customer',
        actor_name: 'Harbour Café Ltd',
        action: 'placed',
        changes: null,
        note: null,
      },
    ],
  };
}

const DELIVERY_SHIPPED = {
  id: IDS.delivery.shipped,
  number: 'DN-2025-0002',
  status: 'in_transit',
  carrier: 'DPD',
  tracking_number: '15501234567890',
  tracking_url: 'https://tracking.example/15501234567890',
  shipped_at: '2025-06-11T07:30:00.000Z',
  delivered_at: null,
} as const;
const DELIVERY_DELIVERED = {
  id: IDS.delivery.delivered,
  number: 'DN-2025-0001',
  status: 'delivered',
  carrier: 'An Post',
  tracking_number: null,
  tracking_url: null,
  shipped_at: '2025-05-21T08:00:00.000Z',
  delivered_at: '2025-05-22T12:15:00.000Z',
} as const;

/** Newest first, as the API lists them: a draft, then shipped, delivered and invoiced orders. */
const ORDERS: OrderDetail[] = [
  order({
    id: IDS.order.draft,
    number: 'SO-2025-0004',
    status: 'draft',
    created_at: '2025-06-14T16:20:00.000Z',
    customer_reference: null,
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.greenTea, 4, 275)],
  }),
  order({
    id: IDS.order.shipped,
    number: 'SO-2025-0003',
    status: 'shipped',
    created_at: '2025-06-10T09:05:00.000Z',
    customer_reference: 'PO-1183',
    source_quote: null,
    note: 'Deliver to the back door, please.',
    freight_minor: 995,
    deliveries: [{ ...DELIVERY_SHIPPED }],
    lines: [line(IDS.product.coldBrew, 12, 420), line(IDS.product.sparklingWater, 2, 1300, 'case12')],
  }),
  order({
    id: IDS.order.delivered,
    number: 'SO-2025-0002',
    status: 'delivered',
    created_at: '2025-05-20T14:45:00.000Z',
    customer_reference: 'PO-1150',
    source_quote: { id: IDS.quote.accepted, number: 'QT-2025-0001' },
    channel: 'quote',
    note: 'From quote QT-2025-0001',
    freight_minor: 0,
    deliveries: [{ ...DELIVERY_DELIVERED }],
    lines: [
      line(IDS.product.seaSaltCrisps, 60, 200),
      line(IDS.product.dishSoap, 24, 210),
      line(IDS.product.discontinuedCola, 48, 100),
    ],
  }),
  order({
    id: IDS.order.invoiced,
    number: 'SO-2025-0001',
    status: 'invoiced',
    created_at: '2025-04-02T11:00:00.000Z',
    customer_reference: null,
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.allPurposeCleaner, 6, 450), line(IDS.product.orangeJuice, 10, 299)],
  }),
];

/** The orders in full (OrderDetail), newest first. */
export function makeOrders(): OrderDetail[] {
  return clone(ORDERS);
}

/**
 * `count` invoiced orders older than every order of `makeOrders()`, newest first (SO-2024-0100,
 * SO-2024-0099, ...), for pagination: `orders: [...makeOrders(), ...makeOlderOrders(9)]`.
 */
export function makeOlderOrders(count: number): OrderDetail[] {
  return Array.from({ length: count }, (_, i) =>
    order({
      id: testId(6, 0x100 + i),
      number: `SO-2024-${String(100 - i).padStart(4, '0')}`,
      status: 'invoiced',
      created_at: new Date(Date.UTC(2025, 2, 28 - i, 9)).toISOString(),
      customer_reference: null,
      source_quote: null,
      note: null,
      freight_minor: 995,
      deliveries: [],
      lines: [line(IDS.product.orangeJuice, 1 + i, 299)],
    }),
  );
}

// ---------------------------------------------------------------- orders a customer may change (seed 002)

export const CHANGE_IDS = {
  /** Pending, placed in the portal, nothing asked yet: Cold Brew × 12. */
  editable: testId(6, 0x13),
  /** Confirmed, reference PO-2001; an approved change in its record. */
  approved: testId(6, 0x12),
  /** Pending, with a change waiting for approval (Cold Brew 12 → 20, Green Tea added). */
  pendingUpdate: testId(6, 0x11),
  /** Confirmed, with a cancellation waiting for approval. */
  pendingCancel: testId(6, 0x10),
  /** Confirmed, its last change rejected by the supplier with a reason; editable again. */
  rejected: testId(6, 0x09),
  /** In progress: past the point where changes are allowed. */
  inProgress: testId(6, 0x08),
  /** Cancelled after the supplier approved the cancellation. */
  cancelled: testId(6, 0x07),
  /** Taken by phone. */
  phone: testId(6, 0x06),
  /** Taken by a sales rep. */
  salesRep: testId(6, 0x05),
} as const;

const CUSTOMER = { actor: 'customer', actor_name: 'Harbour Café Ltd' } as const;
const SUPPLIER = { actor: 'supplier', actor_name: 'Northwind Wholesale' } as const;
const placed = (at: string, by: typeof CUSTOMER | typeof SUPPLIER = CUSTOMER) =>
  ({ at, ...by, action: 'placed', changes: null, note: null }) as const;
const BLOCKED_BY_REQUEST = { can_edit: false, can_cancel: false, blocked_reason: 'request_pending' } as const;
/** Lines and totals as an order would hold them, freight 9.95 below 150.00. */
function content(reference: string | null, lines: DocumentLine[]) {
  const subtotal = lines.reduce((sum, l) => sum + l.line_total_minor, 0);
  const freight = subtotal >= 15_000 ? 0 : 995;
  return {
    customer_reference: reference,
    lines,
    subtotal_minor: subtotal,
    freight_minor: freight,
    total_minor: subtotal + freight,
  };
}

/** Newest first, every line at today's price (so an unchanged line re-prices the same). */
const CHANGE_ORDERS: OrderDetail[] = [
  order({
    id: CHANGE_IDS.editable,
    number: 'SO-2025-0013',
    status: 'pending',
    created_at: '2025-06-15T09:05:00.000Z',
    customer_reference: null,
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.coldBrew, 12, 420)],
  }),
  order({
    id: CHANGE_IDS.approved,
    number: 'SO-2025-0012',
    status: 'confirmed',
    created_at: '2025-06-15T08:30:00.000Z',
    customer_reference: 'PO-2001',
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.orangeJuice, 10, 299), line(IDS.product.dishSoap, 6, 210)],
    requests: [
      {
        id: testId(11, 1),
        kind: 'update',
        state: 'approved',
        created_at: '2025-06-15T08:40:00.000Z',
        decided_at: '2025-06-15T09:00:00.000Z',
        reason: null,
        rejection_reason: null,
        proposed: content('PO-2001', [line(IDS.product.orangeJuice, 10, 299), line(IDS.product.dishSoap, 6, 210)]),
      },
    ],
    history: [
      placed('2025-06-15T08:30:00.000Z'),
      {
        at: '2025-06-15T08:40:00.000Z',
        ...CUSTOMER,
        action: 'update_requested',
        note: null,
        changes: {
          lines: [
            {
              product_id: IDS.product.dishSoap,
              sku: 'CLN-DSH-500',
              name: 'Dish Soap 500 ml',
              uom: 'each',
              from_quantity: 4,
              to_quantity: 6,
            },
          ],
          total_minor: { from: 4825, to: 5245 },
        },
      },
      {
        at: '2025-06-15T09:00:00.000Z',
        ...SUPPLIER,
        action: 'request_approved',
        note: null,
        changes: {
          lines: [
            {
              product_id: IDS.product.dishSoap,
              sku: 'CLN-DSH-500',
              name: 'Dish Soap 500 ml',
              uom: 'each',
              from_quantity: 4,
              to_quantity: 6,
            },
          ],
          total_minor: { from: 4825, to: 5245 },
        },
      },
    ],
  }),
  order({
    id: CHANGE_IDS.pendingUpdate,
    number: 'SO-2025-0011',
    status: 'pending',
    created_at: '2025-06-15T08:00:00.000Z',
    customer_reference: 'PO-2002',
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.coldBrew, 12, 420)],
    pending_request: 'update',
    changes: BLOCKED_BY_REQUEST,
    requests: [
      {
        id: testId(11, 2),
        kind: 'update',
        state: 'pending',
        created_at: '2025-06-15T08:20:00.000Z',
        decided_at: null,
        reason: null,
        rejection_reason: null,
        proposed: content('PO-2002', [line(IDS.product.coldBrew, 20, 420), line(IDS.product.greenTea, 4, 275)]),
      },
    ],
    history: [
      placed('2025-06-15T08:00:00.000Z'),
      {
        at: '2025-06-15T08:20:00.000Z',
        ...CUSTOMER,
        action: 'update_requested',
        note: null,
        changes: {
          lines: [
            {
              product_id: IDS.product.coldBrew,
              sku: 'BEV-CBC-1L',
              name: 'Cold Brew Coffee 1 L',
              uom: 'each',
              from_quantity: 12,
              to_quantity: 20,
            },
            {
              product_id: IDS.product.greenTea,
              sku: 'BEV-GT-20',
              name: 'Green Tea, 20 bags',
              uom: 'each',
              from_quantity: 0,
              to_quantity: 4,
            },
          ],
          total_minor: { from: 6035, to: 10_495 },
        },
      },
    ],
  }),
  order({
    id: CHANGE_IDS.pendingCancel,
    number: 'SO-2025-0010',
    status: 'confirmed',
    created_at: '2025-06-15T07:30:00.000Z',
    customer_reference: null,
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.sparklingWater, 2, 1300, 'case12')],
    pending_request: 'cancel',
    changes: BLOCKED_BY_REQUEST,
    requests: [
      {
        id: testId(11, 3),
        kind: 'cancel',
        state: 'pending',
        created_at: '2025-06-15T07:45:00.000Z',
        decided_at: null,
        reason: 'Ordered twice by mistake.',
        rejection_reason: null,
        proposed: null,
      },
    ],
    history: [
      placed('2025-06-15T07:30:00.000Z'),
      {
        at: '2025-06-15T07:45:00.000Z',
        ...CUSTOMER,
        action: 'cancel_requested',
        note: 'Ordered twice by mistake.',
        changes: { status: { from: 'confirmed', to: 'cancelled' } },
      },
    ],
  }),
  order({
    id: CHANGE_IDS.rejected,
    number: 'SO-2025-0009',
    status: 'confirmed',
    created_at: '2025-06-15T07:00:00.000Z',
    customer_reference: 'PO-1990',
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.greenTea, 10, 275)],
    requests: [
      {
        id: testId(11, 4),
        kind: 'update',
        state: 'rejected',
        created_at: '2025-06-15T07:10:00.000Z',
        decided_at: '2025-06-15T07:50:00.000Z',
        reason: null,
        rejection_reason: 'Green tea is limited to 10 boxes an order this month.',
        proposed: content('PO-1990', [line(IDS.product.greenTea, 30, 275)]),
      },
    ],
    history: [
      placed('2025-06-15T07:00:00.000Z'),
      {
        at: '2025-06-15T07:10:00.000Z',
        ...CUSTOMER,
        action: 'update_requested',
        note: null,
        changes: {
          lines: [
            {
              product_id: IDS.product.greenTea,
              sku: 'BEV-GT-20',
              name: 'Green Tea, 20 bags',
              uom: 'each',
              from_quantity: 10,
              to_quantity: 30,
            },
          ],
          total_minor: { from: 3745, to: 9245 },
        },
      },
      {
        at: '2025-06-15T07:50:00.000Z',
        ...SUPPLIER,
        action: 'request_rejected',
        changes: null,
        note: 'Green tea is limited to 10 boxes an order this month.',
      },
    ],
  }),
  order({
    id: CHANGE_IDS.inProgress,
    number: 'SO-2025-0008',
    status: 'in_progress',
    created_at: '2025-06-14T20:00:00.000Z',
    customer_reference: 'PO-1985',
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.paperTowels, 5, 540)],
  }),
  order({
    id: CHANGE_IDS.cancelled,
    number: 'SO-2025-0007',
    status: 'cancelled',
    created_at: '2025-06-14T19:00:00.000Z',
    customer_reference: null,
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.seaSaltCrisps, 10, 200)],
    requests: [
      {
        id: testId(11, 5),
        kind: 'cancel',
        state: 'approved',
        created_at: '2025-06-14T19:30:00.000Z',
        decided_at: '2025-06-14T20:15:00.000Z',
        reason: 'Not needed any more.',
        rejection_reason: null,
        proposed: null,
      },
    ],
    history: [
      placed('2025-06-14T19:00:00.000Z'),
      {
        at: '2025-06-14T19:30:00.000Z',
        ...CUSTOMER,
        action: 'cancel_requested',
        note: 'Not needed any more.',
        changes: { status: { from: 'confirmed', to: 'cancelled' } },
      },
      {
        at: '2025-06-14T20:15:00.000Z',
        ...SUPPLIER,
        action: 'request_approved',
        note: null,
        changes: { status: { from: 'confirmed', to: 'cancelled' } },
      },
    ],
  }),
  order({
    id: CHANGE_IDS.phone,
    number: 'SO-2025-0006',
    status: 'confirmed',
    created_at: '2025-06-14T18:00:00.000Z',
    channel: 'phone',
    customer_reference: null,
    source_quote: null,
    note: 'Phoned in by Maeve.',
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.orangeJuice, 24, 299)],
    history: [placed('2025-06-14T18:00:00.000Z', SUPPLIER)],
  }),
  order({
    id: CHANGE_IDS.salesRep,
    number: 'SO-2025-0005',
    status: 'pending',
    created_at: '2025-06-14T17:00:00.000Z',
    channel: 'sales_rep',
    customer_reference: null,
    source_quote: null,
    note: null,
    freight_minor: 995,
    deliveries: [],
    lines: [line(IDS.product.dishSoap, 12, 210)],
    history: [placed('2025-06-14T17:00:00.000Z', SUPPLIER)],
  }),
];

/**
 * Orders in every state of order changes (seed 002), newest first and newer than every order of
 * `makeOrders()`: `orders: [...makeChangeOrders(), ...makeOrders()]` (13 orders: Load more shows the last 3).
 */
export function makeChangeOrders(): OrderDetail[] {
  return clone(CHANGE_ORDERS);
}

export function toSummary(detail: OrderDetail): OrderSummary {
  const {
    lines: _l,
    subtotal_minor: _s,
    freight_minor: _f,
    note: _n,
    deliveries: _d,
    changes: _c,
    requests: _r,
    history: _h,
    ...summary
  } = detail;
  return summary;
}

export function makeOrderList(orders: OrderDetail[] = makeOrders()): z.output<typeof OrderList> {
  return { items: orders.map(toSummary), next_cursor: null };
}

/** What the customer ordered before, availability resolved against `catalog` at `at`. */
export function makeOrderHistory(
  catalog: Catalog = makeCatalog(),
  at: string | Date = NOW,
): z.output<typeof OrderHistory> {
  const pricer = new Pricer(catalog.pricing);
  const entries = [
    {
      product_id: IDS.product.greenTea,
      last_ordered_at: '2025-06-14T16:20:00.000Z',
      times_ordered: 1,
      last_quantity: 4,
      last_uom: 'each',
    },
    {
      product_id: IDS.product.coldBrew,
      last_ordered_at: '2025-06-10T09:05:00.000Z',
      times_ordered: 3,
      last_quantity: 12,
      last_uom: 'each',
    },
    {
      product_id: IDS.product.sparklingWater,
      last_ordered_at: '2025-06-10T09:05:00.000Z',
      times_ordered: 2,
      last_quantity: 2,
      last_uom: 'case12',
    },
    {
      product_id: IDS.product.seaSaltCrisps,
      last_ordered_at: '2025-05-20T14:45:00.000Z',
      times_ordered: 1,
      last_quantity: 60,
      last_uom: 'each',
    },
    {
      product_id: IDS.product.discontinuedCola,
      last_ordered_at: '2025-05-20T14:45:00.000Z',
      times_ordered: 1,
      last_quantity: 48,
      last_uom: 'each',
    },
    {
      product_id: IDS.product.allPurposeCleaner,
      last_ordered_at: '2025-04-02T11:00:00.000Z',
      times_ordered: 1,
      last_quantity: 6,
      last_uom: 'each',
    },
  ];
  return {
    items: entries.map((entry) => {
      const p = catalog.products.find((candidate) => candidate.id === entry.product_id) ?? product(entry.product_id);
      const resolution = catalog.products.includes(p)
        ? pricer.resolve(p, entry.last_uom, 1, at)
        : { orderable: false, reason: 'not_found' as const };
      const reason = resolution.reason === 'invalid_quantity' ? 'not_found' : resolution.reason;
      return {
        ...entry,
        sku: p.sku,
        name: p.name,
        availability:
          resolution.orderable || reason === null
            ? { orderable: true as const }
            : { orderable: false as const, reason },
      };
    }),
    next_cursor: null,
  };
}

// ---------------------------------------------------------------- quotes, invoices, payments, deliveries

function quote(init: Omit<Quote, 'subtotal_minor' | 'total_minor' | 'currency'>): Quote {
  const subtotal = init.lines.reduce((sum, l) => sum + l.line_total_minor, 0);
  return { ...init, currency: 'EUR', subtotal_minor: subtotal, total_minor: subtotal + init.freight_minor };
}

const QUOTES: Quote[] = [
  quote({
    id: IDS.quote.open,
    number: 'QT-2025-0002',
    state: 'sent',
    created_at: '2025-06-12T10:00:00.000Z',
    valid_until: '2035-01-01',
    lines: [line(IDS.product.trailMix, 24, 400)],
    freight_minor: 0,
    answered_at: null,
    decline_reason: null,
    order: null,
  }),
  quote({
    id: IDS.quote.accepted,
    number: 'QT-2025-0001',
    state: 'accepted',
    created_at: '2025-05-15T10:00:00.000Z',
    valid_until: '2025-06-15',
    lines: [
      line(IDS.product.seaSaltCrisps, 60, 200),
      line(IDS.product.dishSoap, 24, 210),
      line(IDS.product.discontinuedCola, 48, 100),
    ],
    freight_minor: 0,
    answered_at: '2025-05-20T14:45:00.000Z',
    decline_reason: null,
    order: { id: IDS.order.delivered, number: 'SO-2025-0002' },
  }),
];

export function makeQuotes(): Quote[] {
  return clone(QUOTES);
}

const totalOf = (id: string) => ORDERS.find((o) => o.id === id)!.total_minor;

const INVOICES: Invoice[] = [
  {
    id: IDS.invoice.delivered,
    number: 'INV-2025-0002',
    order: { id: IDS.order.delivered, number: 'SO-2025-0002' },
    issued_at: '2025-05-23',
    due_at: '2025-06-22',
    currency: 'EUR',
    total_minor: totalOf(IDS.order.delivered),
    paid_minor: 5000,
    balance_minor: totalOf(IDS.order.delivered) - 5000,
    payment_state: 'partial',
  },
  {
    id: IDS.invoice.invoiced,
    number: 'INV-2025-0001',
    order: { id: IDS.order.invoiced, number: 'SO-2025-0001' },
    issued_at: '2025-04-05',
    due_at: '2025-05-05',
    currency: 'EUR',
    total_minor: totalOf(IDS.order.invoiced),
    paid_minor: totalOf(IDS.order.invoiced),
    balance_minor: 0,
    payment_state: 'paid',
  },
];

export function makeInvoices(): Invoice[] {
  return clone(INVOICES);
}

/**
 * An invoice in full, as `getInvoice` answers it: the lines and figures of the order it bills
 * (none when it bills no order) and each payment allocated to it, with the amount allocated.
 */
export function makeInvoiceDetail(
  invoice: Invoice,
  orders: OrderDetail[],
  payments: z.output<typeof Payment>[],
): InvoiceDetail {
  const billed = invoice.order ? orders.find((o) => o.id === invoice.order!.id) : undefined;
  return {
    ...invoice,
    lines: billed ? billed.lines : [],
    subtotal_minor: billed ? billed.subtotal_minor : invoice.total_minor,
    freight_minor: billed ? billed.freight_minor : 0,
    payments: payments.flatMap((p) =>
      p.allocations
        .filter((a) => a.invoice_id === invoice.id)
        .map((a) => ({
          id: p.id,
          number: p.number,
          received_at: p.received_at,
          method: p.method,
          amount_minor: a.amount_minor,
        })),
    ),
  };
}

export function makePayments(): z.output<typeof Payment>[] {
  return [
    {
      id: IDS.payment.first,
      number: 'PAY-2025-0001',
      received_at: '2025-05-30',
      method: 'bank_transfer',
      reference: 'HARBOUR-APR',
      currency: 'EUR',
      amount_minor: totalOf(IDS.order.invoiced) + 5000,
      allocations: [
        {
          invoice_id: IDS.invoice.invoiced,
          invoice_number: 'INV-2025-0001',
          amount_minor: totalOf(IDS.order.invoiced),
        },
        { invoice_id: IDS.invoice.delivered, invoice_number: 'INV-2025-0002', amount_minor: 5000 },
      ],
    },
  ];
}

export function makeDeliveries(orders: OrderDetail[] = makeOrders()): z.output<typeof Delivery>[] {
  return orders.flatMap((o) =>
    o.deliveries.map((d) => ({
      ...d,
      order: { id: o.id, number: o.number },
      lines: o.lines.map(({ product_id, sku, name, quantity, uom }) => ({ product_id, sku, name, quantity, uom })),
    })),
  );
}

// ---------------------------------------------------------------- everything together

/** An address as the mock keeps it: archived ones stay, out of the answers. */
export type MockAddress = Address & { archived_at?: string | null };

/** An account's addresses for tests and demos: two delivery sites (the first the default) and a billing address. */
export function makeAddresses(): MockAddress[] {
  const at = '2026-01-10T09:00:00.000Z';
  const base = { line2: null, region: null, phone: null, created_at: at, updated_at: at };
  return [
    {
      ...base,
      id: testId(0x70, 1),
      kind: 'delivery',
      is_default: true,
      label: 'Main kitchen',
      name: 'Ana Ruiz',
      line1: 'Calle Mayor 12',
      city: 'Madrid',
      postal_code: '28013',
      country: 'ES',
      phone: '+34 600 000 001',
    },
    {
      ...base,
      id: testId(0x70, 2),
      kind: 'delivery',
      is_default: false,
      label: 'Terrace bar',
      name: 'Luis Gómez',
      line1: 'Paseo del Prado 3',
      city: 'Madrid',
      postal_code: '28014',
      country: 'ES',
    },
    {
      ...base,
      id: testId(0x70, 3),
      kind: 'billing',
      is_default: true,
      label: 'Head office',
      name: 'Blue Door Café S.L.',
      line1: 'Gran Vía 1',
      city: 'Madrid',
      postal_code: '28001',
      country: 'ES',
    },
  ];
}

export interface Dataset {
  session: Session;
  catalog: Catalog;
  /** Newest first; the order list is derived from these. */
  orders: OrderDetail[];
  orderHistory: z.output<typeof OrderHistory>;
  quotes: Quote[];
  invoices: Invoice[];
  payments: z.output<typeof Payment>[];
  deliveries: z.output<typeof Delivery>[];
  dashboard: Dashboard;
  /** The account's addresses, archived ones included (with `archived_at`); none by default, as an account before issue 16. */
  addresses: MockAddress[];
  /** The account's people, as its Admins see them (is_you is worked out per request from the session). */
  people: AccountPerson[];
  /** Workspace settings the portal's answers depend on but the session does not carry. */
  workspace: {
    create_order_on_quote_acceptance: boolean;
    /**
     * The workspace's own section switches, which decide 403 section_disabled; the session's
     * `settings.sections` also folds in the token's permissions. Absent: the session's are used.
     */
    sections?: Sections;
    /** The account's approval settings (issue 16). */
    approval: ApprovalSettings;
    /** Where delivery dates and cut-offs are read (issue 17); absent: Europe/Dublin. */
    time_zone?: string;
    /** What a portal checkout makes (issue 17); absent: to_plan. */
    order_creation_status?: OrderCreationStatus;
    /** The customer's own creation status, which wins over the workspace's; absent: not set. */
    customer_order_creation_status?: OrderCreationStatus | null;
    /** "Automatically create orders" (issue 17); absent: on. */
    create_orders_automatically?: boolean;
    /** The customer's own, which wins over the workspace's; absent: not set. */
    customer_create_orders_automatically?: boolean | null;
  };
  /** The workspace's delivery services (issue 17); none by default, as a workspace before it. */
  deliveryServices: DeliveryService[];
  /** The customer's default delivery service; null: none. */
  defaultDeliveryServiceId: string | null;
}

export interface DatasetOverrides {
  session?: Overrides<Session>;
  catalog?: Overrides<Catalog>;
  orders?: OrderDetail[];
  orderHistory?: z.output<typeof OrderHistory>;
  quotes?: Quote[];
  invoices?: Invoice[];
  payments?: z.output<typeof Payment>[];
  deliveries?: z.output<typeof Delivery>[];
  dashboard?: Overrides<Dashboard>;
  addresses?: MockAddress[];
  people?: AccountPerson[];
  workspace?: Overrides<Dataset['workspace']>;
  deliveryServices?: DeliveryService[];
  defaultDeliveryServiceId?: string | null;
}

export function makeDashboard(
  orders: OrderDetail[] = makeOrders(),
  invoices: Invoice[] = makeInvoices(),
  quotes: Quote[] = makeQuotes(),
): Dashboard {
  // Drafts, and the orders that count for nothing (cancelled, rejected), as the server counts.
  const placed = orders.filter((o) => !['draft', 'cancelled', 'rejected'].includes(o.status));
  const outstanding = invoices.reduce((sum, i) => sum + i.balance_minor, 0);
  return {
    currency: 'EUR',
    credit_limit_minor: 500_000,
    available_credit_minor: 500_000 - outstanding,
    outstanding_balance_minor: outstanding,
    lifetime_orders: placed.length,
    lifetime_sales_minor: placed.reduce((sum, o) => sum + o.total_minor, 0),
    recent: {
      orders: orders.slice(0, 3).map(toSummary),
      invoices: invoices.slice(0, 3),
      quotes: quotes.slice(0, 3),
      deliveries: makeDeliveries(orders).slice(0, 3),
    },
  };
}

/** The whole dataset; arrays in `overrides` replace, objects merge. */
export function makeDataset(overrides: DatasetOverrides = {}): Dataset {
  const catalog = makeCatalog(overrides.catalog);
  const orders = overrides.orders ?? makeOrders();
  const quotes = overrides.quotes ?? makeQuotes();
  const invoices = overrides.invoices ?? makeInvoices();
  return {
    session: makeSession(overrides.session),
    catalog,
    orders,
    orderHistory: overrides.orderHistory ?? makeOrderHistory(catalog),
    quotes,
    invoices,
    payments: overrides.payments ?? makePayments(),
    deliveries: overrides.deliveries ?? makeDeliveries(orders),
    dashboard: merge(makeDashboard(orders, invoices, quotes), overrides.dashboard),
    addresses: overrides.addresses ?? [],
    people: overrides.people ?? makePeople(),
    workspace: merge<Dataset['workspace']>(
      { create_order_on_quote_acceptance: true, approval: { required_for: 'none', amount_minor: null } },
      overrides.workspace,
    ),
    deliveryServices: overrides.deliveryServices ?? [],
    defaultDeliveryServiceId: overrides.defaultDeliveryServiceId ?? null,
  };
}
