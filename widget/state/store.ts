import type {
  ChargeRules,
  Profile,
  ShopCatalog,
  CheckoutRequest,
  OrderDetail,
  OrderUpdateRequest,
  ShopProduct,
  Session,
} from '../contract/index.ts';
import type { CheckoutAnswer, PriceChangedDetails, Quote } from '../contract/portal.ts';
import { priceChangedDetails } from '../api/client.ts';
import { LIMITS } from '../contract/limits.ts';
import { Pricer, type NotOrderableReason, type OrderLineInput, type PricedOrder } from '../pricing/index.ts';
import type { PortalClient } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { TokenStorage } from './persist.ts';

export interface CartLine {
  product_id: string;
  uom: string;
  quantity: number;
}

export type CheckoutState =
  | { status: 'idle' }
  | { status: 'placing' }
  | { status: 'placed'; order: OrderDetail }
  /** The order's creation status was `quote`: checkout made a quote request, not an order. */
  | { status: 'quote_requested'; quote: Quote }
  | { status: 'price_changed'; details: PriceChangedDetails }
  | { status: 'failed'; error: ApiError };

/** One immutable snapshot of everything the portal shows; a new object on every change. */
export interface PortalState {
  session: Session | undefined;
  catalog: ShopCatalog | undefined;
  /** The customer confirmed "Yes, this is me" for this token, in this browser. */
  confirmed: boolean;
  cart: readonly CartLine[];
  checkout: CheckoutState;
  /** Goes up each time an order is placed or changed through this store: lists of orders refetch. */
  ordersRevision: number;
  /** Goes up each time an address is added, changed or archived here: the Addresses page and checkout refetch. */
  addressesRevision: number;
}

interface PendingCheckout {
  key: string;
  body: string;
}

/** A line of a past order, as `reorder` takes it (an order's DocumentLine fits). */
export interface ReorderLine {
  product_id: string;
  name: string;
  sku: string;
  uom: string;
  quantity: number;
}

/** Why a past line was left out; a past quantity is always a valid one. */
export type ReorderSkipReason = Exclude<NotOrderableReason, 'invalid_quantity'>;

export interface ReorderResult {
  /** What went into the cart (one entry per product and unit, with the quantity added). */
  added: CartLine[];
  /** Every line that cannot be ordered any more, with the reason. */
  skipped: { product_id: string; name: string; sku: string; uom: string; reason: ReorderSkipReason }[];
}

const isCart = (v: unknown): v is CartLine[] =>
  Array.isArray(v) &&
  v.every(
    (l) =>
      l &&
      typeof l.product_id === 'string' &&
      typeof l.uom === 'string' &&
      Number.isSafeInteger(l.quantity) &&
      l.quantity > 0,
  );
const isTrue = (v: unknown): v is true => v === true;
const isPending = (v: unknown): v is PendingCheckout =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as PendingCheckout).key === 'string' &&
  typeof (v as PendingCheckout).body === 'string';

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Adds the charges besides freight to a priced order; given by the parts that show totals (chargeWith). */
type AddCharges = (priced: PricedOrder, rules: ChargeRules) => PricedOrder;
let addCharges: AddCharges | undefined;

/**
 * Gives the stores the code of the charges (pricing/charges.ts `withCharges`). The parts that show
 * or check a total (the catalogue, the cart, the order pad, an order's edit) load it beside them,
 * so the first paint does not carry it: the catalogue, which every portal loads as it connects,
 * gives it before the first total shows.
 */
export function chargeWith(fn: AddCharges): void {
  addCharges = fn;
}

/**
 * The portal's single store: session, catalogue, cart and checkout for one token. Elements read
 * `state` (through context) and change things only through these methods, so the buttons and,
 * later, an assistant act the same way.
 */
export class PortalStore extends EventTarget {
  #state: PortalState;
  #pricer: Pricer | undefined;
  #session: Promise<Session> | undefined;
  #catalog: Promise<ShopCatalog> | undefined;
  /** The catalogue's products by id, made when first asked for (not between the catalogue's arrival and its first paint). */
  #productsById: Map<string, ShopProduct> | undefined;
  readonly #storage: TokenStorage;

  constructor(
    readonly client: PortalClient,
    token: string,
    storage?: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.#storage = new TokenStorage(token, storage);
    this.#state = {
      session: undefined,
      catalog: undefined,
      confirmed: this.#storage.read('confirmed', isTrue) ?? false,
      cart: this.#storage.read('cart', isCart) ?? [],
      checkout: { status: 'idle' },
      ordersRevision: 0,
      addressesRevision: 0,
    };
  }

  get state(): PortalState {
    return this.#state;
  }

  get pricer(): Pricer | undefined {
    return this.#pricer;
  }

  product(id: string): ShopProduct | undefined {
    return this.#products.get(id);
  }

  get #products(): ReadonlyMap<string, ShopProduct> {
    if (!this.#productsById) {
      this.#productsById = new Map();
      for (const product of this.#state.catalog?.products ?? []) this.#productsById.set(product.id, product);
    }
    return this.#productsById;
  }

  /** Products by id for pricing lines: the map of a long catalogue is made when a line first needs it, not for an empty cart. */
  readonly #productLookup = { get: (id: string) => this.#products.get(id) };

  /** The storage key of the cart, so another tab's change can be picked up. */
  get cartStorageKey(): string {
    return this.#storage.keyOf('cart');
  }

  #set(patch: Partial<PortalState>): void {
    this.#state = { ...this.#state, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  /**
   * The session, fetched once for every element sharing this store; `reload` fetches again.
   * A failed fetch is forgotten, so the next call retries.
   */
  loadSession(reload = false): Promise<Session> {
    if (reload || !this.#session) {
      const pending = this.client.session().then((session) => {
        this.setSession(session);
        return session;
      });
      pending.catch(() => {
        if (this.#session === pending) this.#session = undefined;
      });
      this.#session = pending;
    }
    return this.#session;
  }

  /** The catalogue, shared like the session; `reload` after prices changed. */
  loadCatalog(reload = false): Promise<ShopCatalog> {
    if (reload || !this.#catalog) {
      const pending = this.client.catalog().then((catalog) => {
        this.setCatalog(catalog);
        return catalog;
      });
      pending.catch(() => {
        if (this.#catalog === pending) this.#catalog = undefined;
      });
      this.#catalog = pending;
    }
    return this.#catalog;
  }

  setSession(session: Session): void {
    this.#set({ session });
  }

  /** The person saved their profile: the greeting, the portal's language and checkout's address follow at once. */
  profileSaved(profile: Pick<Profile, 'name' | 'language' | 'default_delivery_address_id'>): void {
    const session = this.#state.session;
    if (!session?.person) return;
    const { name, language, default_delivery_address_id } = profile;
    this.#set({ session: { ...session, person: { ...session.person, name, language, default_delivery_address_id } } });
  }

  setCatalog(catalog: ShopCatalog): void {
    this.#pricer = new Pricer(catalog.pricing);
    this.#productsById = undefined;
    this.#set({ catalog });
  }

  confirmIdentity(): void {
    this.#storage.write('confirmed', true);
    this.#set({ confirmed: true });
  }

  /** "Not you?": forget the confirmation (the cart stays with the token). */
  forgetIdentity(): void {
    this.#storage.remove('confirmed');
    this.#set({ confirmed: false });
  }

  // --- cart -----------------------------------------------------------------------------------

  /**
   * Whether the cart last changed in another tab (`reloadCart`) rather than through this page:
   * only such a change is said aloud by the elements' shell; this page's own changes say
   * themselves where they happen ("Added … to the cart").
   */
  cartChangedElsewhere = false;

  #saveCart(cart: CartLine[]): void {
    this.cartChangedElsewhere = false;
    this.#storage.write('cart', cart);
    const done = this.#state.checkout.status === 'placed' || this.#state.checkout.status === 'quote_requested';
    this.#set({ cart, checkout: done ? this.#state.checkout : { status: 'idle' } });
  }

  /** Re-reads the cart after another tab changed it. */
  reloadCart(): void {
    this.cartChangedElsewhere = true;
    this.#set({ cart: this.#storage.read('cart', isCart) ?? [] });
  }

  add(productId: string, uom: string, quantity = 1): void {
    if (!Number.isSafeInteger(quantity) || quantity < 1) return;
    const cart = [...this.#state.cart];
    const index = cart.findIndex((l) => l.product_id === productId && l.uom === uom);
    if (index >= 0)
      cart[index] = { ...cart[index], quantity: Math.min(LIMITS.maxLineQuantity, cart[index].quantity + quantity) };
    else cart.push({ product_id: productId, uom, quantity: Math.min(LIMITS.maxLineQuantity, quantity) });
    this.#saveCart(cart);
  }

  /**
   * Puts every still-orderable line of a past order into the cart, in the unit it was ordered in;
   * quantities add to lines already there. The cart keeps no prices, so the lines are priced today
   * (the shared pricer at `now`) like any other. Needs the catalogue: await `loadCatalog()` first.
   */
  reorder(lines: readonly ReorderLine[]): ReorderResult {
    const pricer = this.#pricer;
    if (!pricer) throw new Error('reorder() needs the catalogue: await loadCatalog() first');
    const at = this.now();
    const cart = [...this.#state.cart];
    const added: CartLine[] = [];
    const skipped: ReorderResult['skipped'] = [];
    for (const line of lines) {
      const quantity = Math.min(LIMITS.maxLineQuantity, line.quantity);
      const product = this.#products.get(line.product_id);
      const reason = product ? pricer.resolve(product, line.uom, quantity, at).reason : 'not_found';
      if (reason === 'invalid_quantity') continue; // not a quantity an order can hold
      if (reason) {
        skipped.push({ product_id: line.product_id, name: line.name, sku: line.sku, uom: line.uom, reason });
        continue;
      }
      const same = (l: CartLine) => l.product_id === line.product_id && l.uom === line.uom;
      const index = cart.findIndex(same);
      if (index >= 0)
        cart[index] = { ...cart[index], quantity: Math.min(LIMITS.maxLineQuantity, cart[index].quantity + quantity) };
      else cart.push({ product_id: line.product_id, uom: line.uom, quantity });
      const done = added.findIndex(same);
      if (done >= 0) added[done] = { ...added[done], quantity: added[done].quantity + quantity };
      else added.push({ product_id: line.product_id, uom: line.uom, quantity });
    }
    if (added.length) this.#saveCart(cart);
    return { added, skipped };
  }

  /** How many of a product, in a unit, the cart holds (0 when none). */
  quantityInCart(productId: string, uom: string): number {
    return this.#state.cart.find((l) => l.product_id === productId && l.uom === uom)?.quantity ?? 0;
  }

  /**
   * The order pad's write: the cart holds exactly `quantity` of a product in a unit (0 takes the
   * line out). A quantity that is not a whole number from 0 to the line limit changes nothing.
   */
  setProductQuantity(productId: string, uom: string, quantity: number): void {
    if (!Number.isSafeInteger(quantity) || quantity < 0 || quantity > LIMITS.maxLineQuantity) return;
    const index = this.#state.cart.findIndex((l) => l.product_id === productId && l.uom === uom);
    if (index < 0) {
      if (quantity > 0) this.#saveCart([...this.#state.cart, { product_id: productId, uom, quantity }]);
    } else if (quantity === 0) {
      this.remove(index);
    } else if (this.#state.cart[index].quantity !== quantity) {
      this.setQuantity(index, quantity);
    }
  }

  /** Puts a removed line back where it was ("Undo"); its quantity adds to a line added since. */
  restoreLine(index: number, line: CartLine): void {
    const cart = [...this.#state.cart];
    const same = cart.findIndex((l) => l.product_id === line.product_id && l.uom === line.uom);
    if (same >= 0)
      cart[same] = { ...cart[same], quantity: Math.min(LIMITS.maxLineQuantity, cart[same].quantity + line.quantity) };
    else cart.splice(Math.min(index, cart.length), 0, line);
    this.#saveCart(cart);
  }

  setQuantity(index: number, quantity: number): void {
    if (!this.#state.cart[index]) return;
    if (!Number.isSafeInteger(quantity) || quantity < 1) return this.remove(index);
    const cart = [...this.#state.cart];
    cart[index] = { ...cart[index], quantity: Math.min(LIMITS.maxLineQuantity, quantity) };
    this.#saveCart(cart);
  }

  setUom(index: number, uom: string): void {
    const line = this.#state.cart[index];
    if (!line || line.uom === uom) return;
    const cart = this.#state.cart.filter((_, i) => i !== index);
    const same = cart.findIndex((l) => l.product_id === line.product_id && l.uom === uom);
    if (same >= 0)
      cart[same] = { ...cart[same], quantity: Math.min(LIMITS.maxLineQuantity, cart[same].quantity + line.quantity) };
    else cart.splice(index, 0, { ...line, uom });
    this.#saveCart(cart);
  }

  remove(index: number): void {
    this.#saveCart(this.#state.cart.filter((_, i) => i !== index));
  }

  clearCart(): void {
    this.#saveCart([]);
  }

  /** The cart priced in the browser, as checkout will price it. */
  pricedCart(): PricedOrder | undefined {
    return this.priceLines([...this.#state.cart]);
  }

  /** Any lines (the cart, an order being changed) priced in the browser as the server will price them. */
  priceLines(lines: OrderLineInput[]): PricedOrder | undefined {
    const session = this.#state.session;
    if (!this.#pricer || !session) return undefined;
    const priced = this.#pricer.priceOrder(this.#productLookup, lines, session.settings.freight, this.now());
    const rules = session.settings.charges;
    return rules && addCharges ? addCharges(priced, rules) : priced;
  }

  get itemCount(): number {
    return this.#state.cart.reduce((sum, l) => sum + l.quantity, 0);
  }

  // --- checkout -------------------------------------------------------------------------------

  /**
   * Places the order. One Idempotency-Key per attempt, kept in storage until the attempt ends,
   * so a double click, a lost answer, a retry or a reload in between never makes two orders.
   * `expectedTotal` is what the customer saw; a different server total asks them to confirm.
   */
  async checkout(input: {
    customer_reference?: string;
    note?: string;
    expectedTotal: number;
    /** The delivery address chosen; none: the account's default (or none at all). */
    deliveryAddressId?: string;
    /** The delivery service and date chosen, when the supplier has services; the contact given, if any. */
    delivery?: Pick<CheckoutRequest, 'delivery_service_id' | 'delivery_date' | 'contact'>;
  }): Promise<CheckoutAnswer | undefined> {
    if (this.#state.checkout.status === 'placing') return undefined;
    const body: CheckoutRequest = {
      lines: this.#state.cart.map((l) => ({ product_id: l.product_id, uom: l.uom, quantity: l.quantity })),
      ...(input.customer_reference?.trim() ? { customer_reference: input.customer_reference.trim() } : {}),
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      expected_total: input.expectedTotal,
      ...(input.deliveryAddressId ? { delivery_address_id: input.deliveryAddressId } : {}),
      ...input.delivery,
    };
    const text = JSON.stringify(body);
    const pending = this.#storage.read('checkout', isPending);
    const key = pending?.body === text ? pending.key : newKey();
    this.#storage.write('checkout', { key, body: text } satisfies PendingCheckout);
    this.#set({ checkout: { status: 'placing' } });
    try {
      const answer = await this.client.placeOrder(body, key);
      this.#storage.remove('checkout');
      this.#storage.write('cart', []);
      if ('kind' in answer) {
        this.#set({ cart: [], checkout: { status: 'quote_requested', quote: answer.quote } });
      } else {
        this.#set({
          cart: [],
          checkout: { status: 'placed', order: answer },
          ordersRevision: this.#state.ordersRevision + 1,
        });
      }
      return answer;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError({ kind: 'network', message: String(error) });
      // Answers that changed nothing end the attempt; anything else may have placed the order,
      // so the key is kept for the retry.
      if (apiError.kind === 'price_changed' || apiError.kind === 'not_orderable' || apiError.kind === 'invalid') {
        this.#storage.remove('checkout');
      }
      const details = priceChangedDetails(apiError);
      this.#set({ checkout: details ? { status: 'price_changed', details } : { status: 'failed', error: apiError } });
      return undefined;
    }
  }

  // --- changing placed orders -----------------------------------------------------------------

  /**
   * Changes an order's lines (the whole new set) or reference. Answers the order as it is now:
   * changed, or unchanged with the change waiting for the supplier's approval. Failures throw
   * the ApiError (the form that asked knows where to show it).
   */
  async updateOrder(id: string, change: OrderUpdateRequest): Promise<OrderDetail> {
    const order = await this.client.updateOrder(id, change);
    this.ordersChanged();
    return order;
  }

  /** Cancels an order, or asks the supplier to; like `updateOrder`. */
  async cancelOrder(id: string, reason?: string): Promise<OrderDetail> {
    const order = await this.client.cancelOrder(id, reason?.trim() ? { reason: reason.trim() } : {});
    this.ordersChanged();
    return order;
  }

  /** Approves or rejects (with a reason) a charge the supplier added; lists of orders reload (the total moves). */
  async decideCharge(orderId: string, chargeId: string, reason: string | null): Promise<OrderDetail> {
    const order =
      reason === null
        ? await this.client.approveOrderCharge(orderId, chargeId)
        : await this.client.rejectOrderCharge(orderId, chargeId, { reason: reason.trim() });
    this.ordersChanged();
    return order;
  }

  /** An order was made outside checkout (a quote accepted into an order): lists of orders reload. */
  ordersChanged(): void {
    this.#set({ ordersRevision: this.#state.ordersRevision + 1 });
  }

  // --- addresses ------------------------------------------------------------------------------

  /**
   * The addresses changed (the Addresses page saved one, or checkout found one gone): whoever
   * shows them reloads. The page writes through the client itself, so <past-orders> and
   * <reorder-cart>, which share this store, do not carry that code.
   */
  addressesChanged(): void {
    this.#set({ addressesRevision: this.#state.addressesRevision + 1 });
  }

  /** Back from the success screen or an error to shopping. */
  resetCheckout(): void {
    this.#set({ checkout: { status: 'idle' } });
  }
}
