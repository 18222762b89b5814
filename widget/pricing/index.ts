/**
 * Price resolution shared by the widget (to show prices) and the server (to charge them).
 * Pure: no I/O, no clock; the caller passes the instant. Imports only the contract's types.
 *
 * Chain for one product, unit of measure and quantity:
 *   1. the customer's price-group list (the highest quantity tier not above the quantity),
 *   2. else the workspace default list (same tier rule),
 *   3. else the product's own base price for that unit;
 * then the promotion that lowers it most, among those active at the instant
 * (starts_at inclusive, ends_at exclusive), makes the product "on sale".
 */
import type {
  Discount,
  Freight,
  OrderCharge,
  PriceList,
  PriceListEntry,
  PriceTier,
  PricingInputs,
  ShopProduct,
  Promotion,
} from '../contract/index.ts';
import { LIMITS } from '../contract/limits.ts';

export type NotOrderableReason =
  'inactive' | 'uom_unavailable' | 'out_of_stock' | 'unpriced' | 'invalid_quantity' | 'not_found';

export type PriceSource =
  | {
      kind: 'group_list' | 'default_list';
      price_list_id: string;
      price_list_name: string | null;
      tier_min_quantity: number;
    }
  | { kind: 'base' };

export interface AppliedPromotion {
  id: string;
  name: string;
  discount: Discount;
  ends_at: string;
  /** The unit price before the promotion: what the UI strikes through. */
  original_unit_price_minor: number;
}

export interface ResolvedPrice {
  unit_price_minor: number;
  line_total_minor: number;
  source: PriceSource;
  promotion: AppliedPromotion | null;
  /** The quantity breaks of the source list, for hints like "12+ : 4,20"; empty for a base price. */
  tiers: PriceTier[];
}

export interface PriceResolution {
  orderable: boolean;
  /** The first reason the line cannot be ordered, or null. */
  reason: NotOrderableReason | null;
  /** Null when no price could be found (unpriced, unit gone, bad quantity). */
  price: ResolvedPrice | null;
}

type Instant = Date | string | number;

function toMillis(at: Instant): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/** What a price list gives one product and unit: its tiers in order, each with the source it gives. */
interface ListPrices {
  tiers: PriceTier[];
  sources: PriceSource[];
}

/** A price list as its sources name it. */
interface ListRef {
  readonly kind: 'group_list' | 'default_list';
  readonly id: string;
  readonly name: string | null;
}

/** A price-list entry and, once a price has needed it, what it gives. */
interface ListSlot {
  readonly entry: PriceListEntry;
  readonly list: ListRef;
  prices: ListPrices | undefined;
}

/** One product's entries in one list: one slot, or several (one per unit). */
type Slots = ListSlot | ListSlot[];

/**
 * What the customer's lists and promotions hold for one product, found with one lookup: most
 * products of a long catalogue have none of it (their base price applies), and a miss costs one.
 */
interface ProductInputs {
  group: Slots | undefined;
  default: Slots | undefined;
  promotions: TimedPromotion[] | undefined;
}

/** The slot of a unit: the last one, as the list reads. */
function slotFor(slots: Slots | undefined, uom: string): ListSlot | undefined {
  if (!slots) return undefined;
  if (!Array.isArray(slots)) return slots.entry.uom === uom ? slots : undefined;
  let slot: ListSlot | undefined;
  for (const candidate of slots) if (candidate.entry.uom === uom) slot = candidate;
  return slot;
}

/**
 * What an entry gives: tiers sorted, one source per tier, made once and shared by every answer,
 * when a price first needs it (a catalogue's first paint prices a screenful of its 10,000
 * products, not all of them).
 */
function pricesOf(slot: ListSlot): ListPrices {
  if (slot.prices) return slot.prices;
  const { entry, list } = slot;
  const tiers = ascending(entry.tiers) ? entry.tiers : [...entry.tiers].sort((a, b) => a.min_quantity - b.min_quantity);
  const sources = tiers.map((tier): PriceSource =>
    Object.freeze({
      kind: list.kind,
      price_list_id: list.id,
      price_list_name: list.name,
      tier_min_quantity: tier.min_quantity,
    }),
  );
  return (slot.prices = { tiers, sources });
}

/** Whether the tiers are already in order of quantity (as lists usually send them): then they need no sorted copy. */
function ascending(tiers: readonly PriceTier[]): boolean {
  for (let i = 1; i < tiers.length; i++) if (tiers[i - 1].min_quantity > tiers[i].min_quantity) return false;
  return true;
}

/** The index of the highest tier not above the quantity, or -1. */
function tierAt(tiers: PriceTier[], quantity: number): number {
  let chosen = -1;
  for (let i = 0; i < tiers.length && tiers[i].min_quantity <= quantity; i++) chosen = i;
  return chosen;
}

const BASE: PriceSource = Object.freeze({ kind: 'base' });
const NO_TIERS: PriceTier[] = [];

/** A promotion with its instants parsed once. */
interface TimedPromotion {
  promotion: Promotion;
  starts: number;
  ends: number;
}

/** The unit price after a discount. A percentage is rounded half up to the minor unit; never below zero. */
export function applyDiscount(unitPrice: number, discount: Discount): number {
  if (discount.type === 'percent') {
    const off = Math.floor((unitPrice * discount.basis_points + 5000) / 10_000);
    return Math.max(0, unitPrice - off);
  }
  return Math.max(0, unitPrice - discount.amount_minor);
}

export function isPromotionActive(promotion: Promotion, at: Instant): boolean {
  const t = toMillis(at);
  return Date.parse(promotion.starts_at) <= t && t < Date.parse(promotion.ends_at);
}

export function freightFor(subtotal: number, freight: Freight): number {
  if (subtotal === 0) return 0;
  if (freight.free_over_minor !== null && subtotal >= freight.free_over_minor) return 0;
  return freight.flat_minor;
}

export interface OrderLineInput {
  product_id: string;
  uom?: string;
  quantity: number;
}

export interface PricedLine extends OrderLineInput {
  index: number;
  uom: string | undefined;
  product: ShopProduct | undefined;
  resolution: PriceResolution;
}

export interface PricedOrder {
  lines: PricedLine[];
  /** Lines that cannot be ordered, with their reason. */
  problems: { index: number; product_id: string; uom: string | null; reason: NotOrderableReason }[];
  subtotal_minor: number;
  freight_minor: number;
  /** The charges besides freight, once `withCharges` (pricing/charges.ts) has added them to the total. */
  charges?: OrderCharge[];
  charges_minor?: number;
  total_minor: number;
}

/**
 * A pricer for one customer's inputs: indexes the lists once, then resolves any number of
 * products cheaply (10,000 products in a few milliseconds).
 */
export class Pricer {
  readonly #byProduct = new Map<string, ProductInputs>();

  constructor(inputs: PricingInputs) {
    this.#index('group_list', inputs.group_list);
    this.#index('default_list', inputs.default_list);
    for (const promotion of inputs.promotions) {
      const timed = { promotion, starts: Date.parse(promotion.starts_at), ends: Date.parse(promotion.ends_at) };
      for (const productId of promotion.product_ids) {
        const product = this.#inputsOf(productId);
        if (product.promotions) product.promotions.push(timed);
        else product.promotions = [timed];
      }
    }
  }

  #inputsOf(productId: string): ProductInputs {
    let product = this.#byProduct.get(productId);
    if (!product) {
      product = { group: undefined, default: undefined, promotions: undefined };
      this.#byProduct.set(productId, product);
    }
    return product;
  }

  #index(kind: ListRef['kind'], list: PriceList | null): void {
    if (!list) return;
    const ref: ListRef = { kind, id: list.id, name: list.name };
    const which = kind === 'group_list' ? 'group' : 'default';
    for (const entry of list.entries) {
      const product = this.#inputsOf(entry.product_id);
      const slot: ListSlot = { entry, list: ref, prices: undefined };
      const had = product[which];
      if (!had) product[which] = slot;
      else if (Array.isArray(had)) had.push(slot);
      else product[which] = [had, slot];
    }
  }

  /** The promotions of a product active at the instant. */
  activePromotions(productId: string, at: Instant): Promotion[] {
    const t = toMillis(at);
    return (this.#byProduct.get(productId)?.promotions ?? [])
      .filter((p) => p.starts <= t && t < p.ends)
      .map((p) => p.promotion);
  }

  /** "On Sale": an active promotion lowers the price of one of its units (at quantity 1). */
  isOnSale(product: ShopProduct, at: Instant): boolean {
    // Asked of every product for the On Sale tab: most have no promotion, and pay one lookup.
    const promotions = this.#byProduct.get(product.id)?.promotions;
    if (!promotions) return false;
    const t = toMillis(at);
    if (!promotions.some((p) => p.starts <= t && t < p.ends)) return false;
    return product.units.some((u) => this.resolve(product, u.code, 1, at).price?.promotion != null);
  }

  resolve(product: ShopProduct, uom: string, quantity: number, at: Instant): PriceResolution {
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > LIMITS.maxLineQuantity) {
      return { orderable: false, reason: 'invalid_quantity', price: null };
    }
    let unit: ShopProduct['units'][number] | undefined;
    for (const candidate of product.units) {
      if (candidate.code === uom) {
        unit = candidate;
        break;
      }
    }
    if (!unit) {
      return { orderable: false, reason: product.active ? 'uom_unavailable' : 'inactive', price: null };
    }
    const price = this.#price(product, unit.code, unit.base_price_minor, quantity, at);
    const reason: NotOrderableReason | null = !product.active
      ? 'inactive'
      : !price
        ? 'unpriced'
        : product.stock === 'out_of_stock'
          ? 'out_of_stock'
          : null;
    return { orderable: reason === null, reason, price };
  }

  // The hot path (10,000 products per catalogue paint): no arrays, closures or date parsing per call.
  #price(product: ShopProduct, uom: string, base: number | null, quantity: number, at: Instant): ResolvedPrice | null {
    let unitPrice: number;
    let source: PriceSource;
    let tiers = NO_TIERS;
    const inputs = this.#byProduct.get(product.id);
    const groupSlot = slotFor(inputs?.group, uom);
    const group = groupSlot && pricesOf(groupSlot);
    let tier = group ? tierAt(group.tiers, quantity) : -1;
    let list = group;
    if (tier < 0) {
      const defaultSlot = slotFor(inputs?.default, uom);
      list = defaultSlot && pricesOf(defaultSlot);
      if (list) tier = tierAt(list.tiers, quantity);
    }
    if (list && tier >= 0) {
      unitPrice = list.tiers[tier].unit_price_minor;
      tiers = list.tiers;
      source = list.sources[tier];
    } else if (base !== null) {
      unitPrice = base;
      source = BASE;
    } else {
      return null;
    }

    let best: TimedPromotion | null = null;
    let finalPrice = unitPrice;
    const promotions = inputs?.promotions;
    if (promotions) {
      const t = toMillis(at);
      for (const candidate of promotions) {
        if (candidate.starts > t || t >= candidate.ends) continue;
        const discounted = applyDiscount(unitPrice, candidate.promotion.discount);
        if (discounted < finalPrice) {
          best = candidate;
          finalPrice = discounted;
        }
      }
    }
    const promotion: AppliedPromotion | null = best && {
      id: best.promotion.id,
      name: best.promotion.name,
      discount: best.promotion.discount,
      ends_at: best.promotion.ends_at,
      original_unit_price_minor: unitPrice,
    };
    const lineTotal = finalPrice * quantity;
    if (!Number.isSafeInteger(lineTotal)) return null;
    return { unit_price_minor: finalPrice, line_total_minor: lineTotal, source, promotion, tiers };
  }

  /**
   * Prices a whole order as checkout does: every line resolved, problems collected with their
   * line index, freight from the customer's rule (charges: `withCharges`). A line without `uom`
   * uses the product's first unit.
   */
  priceOrder(
    products: Pick<ReadonlyMap<string, ShopProduct>, 'get'>,
    lines: OrderLineInput[],
    freight: Freight,
    at: Instant,
  ): PricedOrder {
    const priced: PricedLine[] = [];
    const problems: PricedOrder['problems'] = [];
    let subtotal = 0;
    lines.forEach((line, index) => {
      const product = products.get(line.product_id);
      const uom = line.uom ?? product?.units[0]?.code;
      const resolution: PriceResolution = product
        ? this.resolve(product, uom ?? '', line.quantity, at)
        : { orderable: false, reason: 'not_found', price: null };
      priced.push({ ...line, index, uom, product, resolution });
      if (resolution.reason)
        problems.push({ index, product_id: line.product_id, uom: uom ?? null, reason: resolution.reason });
      else subtotal += resolution.price!.line_total_minor;
    });
    const freight_minor = freightFor(subtotal, freight);
    return { lines: priced, problems, subtotal_minor: subtotal, freight_minor, total_minor: subtotal + freight_minor };
  }
}

/** Resolves one price without keeping a pricer; prefer `new Pricer(inputs)` for many. */
export function resolvePrice(
  inputs: PricingInputs,
  product: ShopProduct,
  uom: string,
  quantity: number,
  at: Instant,
): PriceResolution {
  return new Pricer(inputs).resolve(product, uom, quantity, at);
}
