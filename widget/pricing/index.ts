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
  Discount, Freight, PriceList, PriceTier, PricingInputs, Product, Promotion,
} from '../contract/index.ts';
import { LIMITS } from '../contract/limits.ts';

export type NotOrderableReason = 'inactive' | 'uom_unavailable' | 'out_of_stock' | 'unpriced' | 'invalid_quantity' | 'not_found';

export type PriceSource =
  | { kind: 'group_list' | 'default_list'; price_list_id: string; price_list_name: string | null; tier_min_quantity: number }
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

function key(productId: string, uom: string): string {
  return `${productId}\u0000${uom}`;
}

function indexList(list: PriceList | null): Map<string, PriceTier[]> {
  const index = new Map<string, PriceTier[]>();
  for (const entry of list?.entries ?? []) {
    index.set(key(entry.product_id, entry.uom), [...entry.tiers].sort((a, b) => a.min_quantity - b.min_quantity));
  }
  return index;
}

function pickTier(tiers: PriceTier[] | undefined, quantity: number): PriceTier | undefined {
  let chosen: PriceTier | undefined;
  for (const tier of tiers ?? []) {
    if (tier.min_quantity <= quantity) chosen = tier;
    else break;
  }
  return chosen;
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
  product: Product | undefined;
  resolution: PriceResolution;
}

export interface PricedOrder {
  lines: PricedLine[];
  /** Lines that cannot be ordered, with their reason. */
  problems: { index: number; product_id: string; uom: string | null; reason: NotOrderableReason }[];
  subtotal_minor: number;
  freight_minor: number;
  total_minor: number;
}

/**
 * A pricer for one customer's inputs: indexes the lists once, then resolves any number of
 * products cheaply (10,000 products in a few milliseconds).
 */
export class Pricer {
  readonly #group: Map<string, PriceTier[]>;
  readonly #default: Map<string, PriceTier[]>;
  readonly #promotions = new Map<string, Promotion[]>();
  readonly #inputs: PricingInputs;

  constructor(inputs: PricingInputs) {
    this.#inputs = inputs;
    this.#group = indexList(inputs.group_list);
    this.#default = indexList(inputs.default_list);
    for (const promotion of inputs.promotions) {
      for (const productId of promotion.product_ids) {
        const list = this.#promotions.get(productId) ?? [];
        list.push(promotion);
        this.#promotions.set(productId, list);
      }
    }
  }

  /** The promotions of a product active at the instant. */
  activePromotions(productId: string, at: Instant): Promotion[] {
    return (this.#promotions.get(productId) ?? []).filter((p) => isPromotionActive(p, at));
  }

  /** "On Sale": an active promotion lowers the price of one of its units (at quantity 1). */
  isOnSale(product: Product, at: Instant): boolean {
    if (this.activePromotions(product.id, at).length === 0) return false;
    return product.units.some((u) => this.resolve(product, u.code, 1, at).price?.promotion != null);
  }

  resolve(product: Product, uom: string, quantity: number, at: Instant): PriceResolution {
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > LIMITS.maxLineQuantity) {
      return { orderable: false, reason: 'invalid_quantity', price: null };
    }
    const unit = product.units.find((u) => u.code === uom);
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

  #price(product: Product, uom: string, base: number | null, quantity: number, at: Instant): ResolvedPrice | null {
    const k = key(product.id, uom);
    let unitPrice: number;
    let source: PriceSource;
    let tiers: PriceTier[] = [];
    const lists = [
      ['group_list', this.#inputs.group_list, this.#group],
      ['default_list', this.#inputs.default_list, this.#default],
    ] as const;
    const found = lists
      .map(([kind, list, index]) => ({ kind, list, tiers: index.get(k) }))
      .map((c) => ({ ...c, tier: pickTier(c.tiers, quantity) }))
      .find((c) => c.tier !== undefined);
    if (found?.tier && found.list) {
      unitPrice = found.tier.unit_price_minor;
      tiers = found.tiers ?? [];
      source = { kind: found.kind, price_list_id: found.list.id, price_list_name: found.list.name, tier_min_quantity: found.tier.min_quantity };
    } else if (base !== null) {
      unitPrice = base;
      source = { kind: 'base' };
    } else {
      return null;
    }

    let promotion: AppliedPromotion | null = null;
    for (const candidate of this.activePromotions(product.id, at)) {
      const discounted = applyDiscount(unitPrice, candidate.discount);
      const best = promotion ? applyDiscount(unitPrice, promotion.discount) : unitPrice;
      if (discounted < best) {
        promotion = {
          id: candidate.id, name: candidate.name, discount: candidate.discount,
          ends_at: candidate.ends_at, original_unit_price_minor: unitPrice,
        };
      }
    }
    const finalPrice = promotion ? applyDiscount(unitPrice, promotion.discount) : unitPrice;
    const lineTotal = finalPrice * quantity;
    if (!Number.isSafeInteger(lineTotal)) return null;
    return { unit_price_minor: finalPrice, line_total_minor: lineTotal, source, promotion, tiers };
  }

  /**
   * Prices a whole order as checkout does: every line resolved, problems collected with their
   * line index, freight from the customer's rule. A line without `uom` uses the product's first unit.
   */
  priceOrder(products: ReadonlyMap<string, Product>, lines: OrderLineInput[], freight: Freight, at: Instant): PricedOrder {
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
      if (resolution.reason) problems.push({ index, product_id: line.product_id, uom: uom ?? null, reason: resolution.reason });
      else subtotal += resolution.price!.line_total_minor;
    });
    const freight_minor = freightFor(subtotal, freight);
    return { lines: priced, problems, subtotal_minor: subtotal, freight_minor, total_minor: subtotal + freight_minor };
  }
}

/** Resolves one price without keeping a pricer; prefer `new Pricer(inputs)` for many. */
export function resolvePrice(inputs: PricingInputs, product: Product, uom: string, quantity: number, at: Instant): PriceResolution {
  return new Pricer(inputs).resolve(product, uom, quantity, at);
}
