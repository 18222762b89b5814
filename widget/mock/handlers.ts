/**
 * msw handlers for every portal endpoint, built from the contract's `endpoints` registry.
 * Requests are checked the way the reference server checks them (token, body size and JSON,
 * section, permission, params, query, body: the contract's `accessRefusal`); answers are checked against the endpoint's response schema before they
 * leave, so a fixture that drifts from the contract fails loudly instead of testing a fiction.
 */
import { toCompactCatalog } from '../contract/rules/compact-catalog.ts';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { z } from 'zod';
import {
  endpoints,
  LIMITS,
  type Address,
  type AddressPatch,
  type CheckoutRequest,
  type DeliveryOptions,
  type DeliveryService,
  type OrderDelivery,
  type CreateAddressRequest,
  type DocumentLine,
  type Endpoint,
  type EndpointName,
  type ErrorBody,
  type ErrorCode,
  type OrderDetail,
  type Quote,
  type QuoteRequested,
  type OrderChangeSet,
  type OrderContent,
  type OrderRequestKind,
  type OrderUpdateRequest,
  type AccountPerson,
  type AddOrderChargeRequest,
  type Profile,
  type SupplierCharge,
} from '../contract/index.ts';
import { accessRefusal } from '../contract/rules/access.ts';
import {
  APPROVAL_OUTCOMES,
  RELEASED_STATUSES,
  WAITING_ORDER_CREATED,
  approvalRefusal,
  creationRefusal,
} from '../contract/rules/order-status.ts';
import { approvalReasons, spendingPeriod, type ApprovalReason } from '../contract/rules/approvals.ts';
import { changeBlock, changeBlocks, diffContent, orderChanges, type ChangeAction } from '../contract/order-changes.ts';
import {
  DEFAULT_CREATE_ORDERS_AUTOMATICALLY,
  DEFAULT_ORDER_CREATION_STATUS,
  ORDER_LIST_GROUPS,
  createsOrdersAutomatically,
  orderCreationStatus,
  placedOrderStatus,
} from '../contract/rules/order-creation.ts';
import {
  belowMinimum,
  givenContact,
  minimumShortfall,
  priceChanged,
  referenceRequired,
  referenceTaken as referenceTakenRule,
} from '../contract/rules/checkout.ts';
import type { RuleRefusal } from '../contract/rules/refusal.ts';
import { chosenDeliveryAddress, noProfile, unknownDefaultAddress } from '../contract/rules/addresses.ts';
import { referenceKey } from '../contract/reference-key.ts';
import {
  DEFAULT_TIME_ZONE,
  deliveryDateRefusal,
  deliveryOptionsOf,
  impliedDelivery,
  mayUseService,
  nextAllowedDate,
} from '../contract/rules/delivery-dates.ts';
import { supplierUnavailableMessage, type OrderingAction } from '../contract/supplier.ts';
import { addChargeRefusal, chargeDecisionRefusal, initialChargeState } from '../contract/rules/supplier-charges.ts';
import { Pricer } from '../pricing/index.ts';
import { withCharges } from '../pricing/charges.ts';
import {
  makeDataset,
  makeInvoiceDetail,
  toSummary,
  testId,
  withOpaqueIds,
  NOW,
  type Dataset,
  type DatasetOverrides,
  type MockAddress,
} from './data.ts';

export const API_BASE = 'https://api.supplier.test';
export const TOKEN = 'cpt_test_token_1234567890';

/** Headers a cross-origin widget must be allowed to read, as the reference server exposes them. */
const EXPOSED_HEADERS = 'RateLimit, RateLimit-Policy, Retry-After, Idempotency-Replayed';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const PAGE_SIZE = 10;

export type PortalEndpointName = {
  [K in EndpointName]: (typeof endpoints)[K]['auth'] extends 'portal' ? K : never;
}[EndpointName];

export interface LoggedRequest {
  endpoint: PortalEndpointName;
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  url: string;
  query: Record<string, string>;
  /** Lower-case names, e.g. `headers['idempotency-key']`. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface ContractViolation {
  endpoint: PortalEndpointName;
  issues: z.core.$ZodIssue[];
}

export interface MockState {
  /** What the API answers; handlers read it on every request, so a test may change it any time. */
  data: Dataset;
  /** The portal token the mock accepts; any other answers 401 invalid_token. */
  token: string;
  /** Every request that reached a portal handler, oldest first. */
  requests: LoggedRequest[];
  /** Answers the mock refused to send because they broke the contract (each also answered 500). */
  violations: ContractViolation[];
  /** Finished checkouts by Idempotency-Key. */
  idempotency: Map<string, { bodyHash: string; status: number; body: unknown }>;
  /** Why each order placed here waits for the account's Admins, as decided at checkout. */
  approvalReasons: Map<string, ApprovalReason[]>;
  /** The instant prices are resolved at; defaults to the dataset's NOW. */
  now: () => Date;
}

export function createState(
  overrides: DatasetOverrides & { token?: string; now?: () => Date; opaqueIds?: boolean } = {},
): MockState {
  const { token = TOKEN, now = () => new Date(NOW), opaqueIds = false, ...data } = overrides;
  // opaqueIds: the answers of a backend whose ids are `C-000123` or `42`, not UUIDs.
  const dataset = makeDataset(data);
  return {
    data: opaqueIds ? withOpaqueIds(dataset) : dataset,
    token,
    requests: [],
    violations: [],
    idempotency: new Map(),
    approvalReasons: new Map(),
    now,
  };
}

/** An answer in the contract's error shape: `{ error: { code, message, details? } }`. */
export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers?: Record<string, string>,
): HttpResponse<ErrorBody> {
  const body: ErrorBody = { error: { code, message, ...(details !== undefined ? { details } : {}) } };
  return HttpResponse.json(body, { status, headers: { 'Access-Control-Expose-Headers': EXPOSED_HEADERS, ...headers } });
}

/** The msw URL pattern of an endpoint: `{token}` and `{id}` become `:token` and `:id`. */
export function mockUrl(endpoint: Endpoint): string {
  return `${API_BASE}${endpoint.path.replace(/\{(\w+)\}/g, ':$1')}`;
}

/** Thrown inside a resolver to answer an error in contract shape. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The refusal of a rule the contract shares with the reference server. */
const ruleRefusal = (refusal: RuleRefusal) =>
  new Refusal(refusal.status, refusal.code, refusal.message, refusal.details);

function refuseIf(refusal: RuleRefusal | null): void {
  if (refusal) throw ruleRefusal(refusal);
}

/** A success answer other than the endpoint's usual status, or with headers. */
class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

interface Ctx<E extends Endpoint> {
  params: E['params'] extends z.ZodType ? z.output<E['params']> : Record<string, never>;
  query: E['query'] extends z.ZodType ? z.output<E['query']> : Record<string, never>;
  body: E['body'] extends z.ZodType ? z.output<E['body']> : undefined;
  request: Request;
  state: MockState;
}

type Resolver<E extends Endpoint> = (ctx: Ctx<E>) => unknown;

function issuesOf(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function route(state: MockState, name: PortalEndpointName, resolve: Resolver<Endpoint>): HttpHandler {
  const endpoint: Endpoint = endpoints[name];
  return http[endpoint.method](mockUrl(endpoint), async ({ request, params: rawParams }) => {
    const url = new URL(request.url);
    const text = endpoint.method === 'get' ? '' : await request.text();
    const json = parseJson(text);
    const query = Object.fromEntries(url.searchParams);
    state.requests.push({
      endpoint: name,
      method: request.method,
      path: url.pathname,
      url: request.url,
      query,
      headers: Object.fromEntries(request.headers),
      body: json.ok ? json.value : text,
    });

    try {
      if (rawParams.token !== state.token) {
        throw new Refusal(
          401,
          'invalid_token',
          'This portal link is not valid: it may have expired or been revoked. Please ask your supplier for a new link.',
        );
      }
      if (new TextEncoder().encode(text).length > LIMITS.maxBodyBytes)
        throw new Refusal(413, 'payload_too_large', 'The request body is larger than 100 KB.');
      if (endpoint.body && !json.ok) throw new Refusal(400, 'malformed_json', 'The request body is not valid JSON.');
      const { settings, permissions, person } = state.data.session;
      // A session from before `place_orders` existed lacks it: it reads as allowed, as on the server.
      refuseIf(
        accessRefusal(
          endpoint,
          state.data.workspace.sections ?? settings.sections,
          { place_orders: true, ...permissions },
          person?.role ?? null,
        ),
      );

      const problems: { path: string; message: string }[] = [];
      const parse = (schema: z.ZodType | undefined, value: unknown, where: string) => {
        if (!schema) return where === 'body' ? undefined : {};
        const result = schema.safeParse(value);
        if (!result.success) problems.push(...issuesOf(result.error, where));
        return result.data;
      };
      const params = parse(endpoint.params, rawParams, 'path');
      const parsedQuery = parse(endpoint.query, query, 'query');
      const body = parse(endpoint.body, json.ok ? json.value : undefined, 'body');
      if (problems.length) throw new Refusal(400, 'validation_failed', 'The request is not valid.', problems);

      const result = await resolve({ params, query: parsedQuery, body, request, state } as Ctx<Endpoint>);
      const reply = result instanceof Reply ? result : new Reply(endpoint.status, result);
      return answer(state, name, endpoint, reply);
    } catch (error) {
      if (error instanceof Refusal) return errorResponse(error.status, error.code, error.message, error.details);
      throw error;
    }
  });
}

/** Sends a success answer only if it matches the endpoint's response schema. */
function answer(state: MockState, name: PortalEndpointName, endpoint: Endpoint, reply: Reply): Response {
  const headers = { 'Access-Control-Expose-Headers': EXPOSED_HEADERS, ...reply.headers };
  if (endpoint.binary)
    return new HttpResponse(reply.body as string, {
      status: reply.status,
      headers: { 'Content-Type': endpoint.binary, ...headers },
    });
  if (endpoint.response === null) return new HttpResponse(null, { status: reply.status, headers });
  const checked = endpoint.response.safeParse(reply.body);
  if (!checked.success) {
    state.violations.push({ endpoint: name, issues: checked.error.issues });
    const where = closestIssues(checked.error.issues)
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const message = `Mock answer for ${name} does not match the contract: ${where}`;
    console.error(message);
    return errorResponse(500, 'internal_error', message, checked.error.issues);
  }
  return HttpResponse.json(reply.body as Record<string, unknown>, { status: reply.status, headers });
}

function page<T>(items: T[], query: { cursor?: string; limit?: number }): { items: T[]; next_cursor: string | null } {
  const start = query.cursor ? Number(query.cursor) : 0;
  if (!Number.isSafeInteger(start) || start < 0)
    throw new Refusal(400, 'validation_failed', 'The cursor is not valid.');
  const limit = query.limit ?? PAGE_SIZE;
  const end = start + limit;
  return { items: items.slice(start, end), next_cursor: end < items.length ? String(end) : null };
}

/** The item with this id, or (for endpoints read by key) this document number; else 404. */
function findOrFail<T extends { id: string; number?: string }>(items: T[], id: string, what: string): T {
  const found = items.find((item) => item.id === id || item.number === id);
  if (!found) throw new Refusal(404, 'not_found', `No ${what} ${id}.`);
  return found;
}

type PricedLines = Omit<OrderContent, 'customer_reference'>;

/** Lines priced now, as checkout and order changes price them; 422 `lines_not_orderable` when some cannot be ordered. */
function priceLines(state: MockState, input: CheckoutRequest['lines']): PricedLines {
  const { session, catalog } = state.data;
  const products = new Map(catalog.products.map((p) => [p.id, p]));
  const priced = withCharges(
    new Pricer(catalog.pricing).priceOrder(products, input, session.settings.freight, state.now()),
    session.settings.charges,
  );
  if (priced.problems.length) {
    throw new Refusal(422, 'lines_not_orderable', 'Some lines cannot be ordered.', { lines: priced.problems });
  }
  const lines: DocumentLine[] = priced.lines.map((l) => ({
    product_id: l.product_id,
    sku: l.product!.sku,
    name: l.product!.name,
    quantity: l.quantity,
    uom: l.uom!,
    unit_price_minor: l.resolution.price!.unit_price_minor,
    line_total_minor: l.resolution.price!.line_total_minor,
  }));
  return {
    lines,
    subtotal_minor: priced.subtotal_minor,
    freight_minor: priced.freight_minor,
    ...(priced.charges.length ? { charges: priced.charges } : {}),
    total_minor: priced.total_minor,
  };
}

/** The charges besides freight in a priced content's total. */
const chargesTotal = (content: PricedLines): number =>
  (content.charges ?? []).reduce((sum, c) => sum + c.amount_minor, 0);

/** 409 `price_changed` with the prices of now when the customer saw another total. */
/** 403 `supplier_unavailable` while the supplier cannot take orders, as the server's rule of the same name. */
function assertSupplierAvailable(state: MockState, action: OrderingAction): void {
  if (!state.data.session.settings.supplier_available)
    throw new Refusal(403, 'supplier_unavailable', supplierUnavailableMessage(action));
}

/** Whether another live (not cancelled) order of the customer carries this reference, or one that looks the same. */
function referenceTaken(state: MockState, reference: string, exceptOrderId?: string): boolean {
  const key = referenceKey(reference);
  return state.data.orders.some(
    (o) =>
      o.id !== exceptOrderId &&
      !(RELEASED_STATUSES as readonly string[]).includes(o.status) &&
      o.customer_reference !== null &&
      referenceKey(o.customer_reference) === key,
  );
}

const timeZoneOf = (state: MockState) => state.data.workspace.time_zone ?? DEFAULT_TIME_ZONE;
const offeredServices = (state: MockState) =>
  state.data.deliveryServices.filter((s) => mayUseService(s, state.data.session.customer.id));

function deliveryOptions(state: MockState): DeliveryOptions {
  const zone = timeZoneOf(state);
  const now = state.now();
  const offered = offeredServices(state);
  return deliveryOptionsOf(offered, state.data.defaultDeliveryServiceId, now, zone);
}

/** The service and date a checkout asks for, checked by the rule the server uses; null: the workspace has none. */
/** As on the server: the service and date asked for (or implied), with the service whose creation status and minimum apply. */
function chosenDelivery(
  state: MockState,
  body: CheckoutRequest,
): { delivery: OrderDelivery; service: DeliveryService } | null {
  const offered = offeredServices(state);
  const unknown = () =>
    new Refusal(422, 'unknown_delivery_service', 'Choose one of the delivery services offered to you.', [
      { path: 'body.delivery_service_id', message: 'not a delivery service offered to this customer' },
    ]);
  if (offered.length === 0) {
    if (body.delivery_service_id !== undefined) throw unknown();
    return null;
  }
  const zone = timeZoneOf(state);
  const service =
    body.delivery_service_id === undefined
      ? impliedDelivery(offered, state.data.defaultDeliveryServiceId, state.now(), zone)?.service
      : offered.find((s) => s.id === body.delivery_service_id);
  if (!service) throw unknown();
  const date = body.delivery_date ?? nextAllowedDate(service, state.now(), zone);
  if (date === null) {
    throw new Refusal(422, 'cutoff_passed', 'Not allowed to create or update the order after the cutoff time', {
      field: 'delivery_date',
      next_allowed_date: null,
    });
  }
  refuseIf(deliveryDateRefusal(service, date, state.now(), zone));
  return { delivery: { service_id: service.id, service_name: service.name, kind: service.kind, date }, service };
}

/** The server's rule for changing an order with a date: nothing after its cut-off; a new date must be allowed now. */
function deliveryDateChange(state: MockState, order: OrderDetail, requested: string | undefined): string | null {
  const delivery = order.delivery;
  if (!delivery) {
    if (requested === undefined) return null;
    throw new Refusal(400, 'validation_failed', 'This order has no delivery service, so no delivery date.', [
      { path: 'body.delivery_date', message: 'the order has no delivery service' },
    ]);
  }
  const service = state.data.deliveryServices.find((s) => s.id === delivery.service_id);
  if (!service) {
    if (requested === undefined || requested === delivery.date) return null;
    throw new Refusal(422, 'unknown_delivery_service', 'Choose one of the delivery services offered to you.', [
      { path: 'body.delivery_service_id', message: 'not a delivery service offered to this customer' },
    ]);
  }
  const zone = timeZoneOf(state);
  refuseIf(deliveryDateRefusal(service, delivery.date, state.now(), zone));
  if (requested === undefined || requested === delivery.date) return null;
  refuseIf(deliveryDateRefusal(service, requested, state.now(), zone));
  return requested;
}

function placeOrder(state: MockState, body: CheckoutRequest, request: Request): Reply {
  const key = request.headers.get('idempotency-key');
  if (!key || !KEY_PATTERN.test(key)) {
    throw new Refusal(
      400,
      'idempotency_key_required',
      'An Idempotency-Key header (1 to 255 visible ASCII characters) is required to place an order.',
    );
  }
  const { session, catalog } = state.data;
  const person = session.person ?? null;
  assertSupplierAvailable(state, 'checkout');
  const bodyHash = JSON.stringify(body);
  const done = state.idempotency.get(key);
  if (done && done.bodyHash !== bodyHash) {
    throw new Refusal(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different order.');
  }
  if (done) return new Reply(done.status, structuredClone(done.body), { 'Idempotency-Replayed': 'true' });

  // Refusals below change nothing and keep the key free, as on the server: the customer may fix the cart and retry.
  const now = state.now();
  const unique = session.settings.require_unique_reference;
  const reference = body.customer_reference ?? null;
  if (unique && reference === null) throw ruleRefusal(referenceRequired());
  const chosen = chosenDelivery(state, body);
  const delivery = chosen?.delivery ?? null;
  const priced = priceLines(state, body.lines);
  const shortfall = minimumShortfall(
    priced.subtotal_minor,
    session.settings.minimum_order_minor,
    chosen?.service.minimum_order_minor,
  );
  if (shortfall) throw ruleRefusal(belowMinimum(shortfall));
  refuseIf(
    priceChanged(
      body.expected_total,
      { ...priced, charges_minor: chargesTotal(priced) },
      'Prices have changed since the cart was priced. Please review the new total.',
    ),
  );
  if (unique && reference !== null && referenceTaken(state, reference))
    throw ruleRefusal(referenceTakenRule(reference));
  const creation = orderCreationStatus({
    customer: state.data.workspace.customer_order_creation_status ?? null,
    service: chosen?.service.order_creation_status ?? null,
    workspace: state.data.workspace.order_creation_status ?? DEFAULT_ORDER_CREATION_STATUS,
  });
  if (creation.status === 'quote') return requestQuote(state, priced, { key, bodyHash, now });
  const credit = session.settings.credit;
  if (credit && priced.total_minor > credit.available_minor) {
    throw new Refusal(
      422,
      'credit_limit_exceeded',
      'This order is over your available credit. Pay some invoices, make the order smaller, or contact the supplier.',
      {
        credit_limit_minor: credit.limit_minor,
        available_credit_minor: credit.available_minor,
        total_minor: priced.total_minor,
      },
    );
  }
  const { lines } = priced;
  const own = state.data.people.find((p) => p.id === state.data.session.person?.id);
  const address = chosenDeliveryAddress(
    liveAddresses(state),
    body.delivery_address_id,
    own?.default_delivery_address_id ?? null,
  );
  if (address && !('id' in address)) throw ruleRefusal(address);

  const reasons = reasonsToWait(state, priced.total_minor);

  const sequence = state.idempotency.size + 1;
  const order: OrderDetail = {
    id: testId(0x60, sequence),
    number: `SO-${now.getUTCFullYear()}-${String(9000 + sequence)}`,
    status: reasons.length ? 'awaiting_approval' : placedOrderStatus(createsAutomatically(state)),
    is_draft: false,
    created_at: now.toISOString(),
    currency: catalog.currency,
    total_minor: priced.total_minor,
    item_count: lines.length,
    customer_reference: body.customer_reference ?? null,
    source_quote: null,
    lines,
    subtotal_minor: priced.subtotal_minor,
    freight_minor: priced.freight_minor,
    charges: session.settings.show_charges === false ? null : (priced.charges ?? []),
    note: body.note?.trim() || null,
    deliveries: [],
    channel: 'portal',
    pending_request: null,
    changes: { can_edit: true, can_cancel: true, blocked_reason: null },
    requests: [],
    delivery_address: address && snapshotOf(address),
    delivery,
    contact: givenContact(body.contact),
    placed_by: person && { id: person.id, name: person.name },
    history: [
      {
        at: now.toISOString(),
        actor: 'customer',
        actor_name: person?.name ?? state.data.session.customer.business_name,
        action: 'placed',
        changes: null,
        note: null,
      },
    ],
  };
  state.data.orders.unshift(order);
  state.data.session.has_orders = true;
  if (reasons.length) state.approvalReasons.set(order.id, reasons);
  const answer = orderAsOf(state, order);
  state.idempotency.set(key, { bodyHash, status: 201, body: answer });
  return new Reply(201, structuredClone(answer));
}

/** Checkout under the `quote` creation status: a quote request for the supplier to price and send, as the server makes. */
function requestQuote(
  state: MockState,
  priced: ReturnType<typeof priceLines>,
  attempt: { key: string; bodyHash: string; now: Date },
): Reply {
  const { now } = attempt;
  const sequence = state.idempotency.size + 1;
  const quote: Quote = {
    id: testId(0x62, sequence),
    number: `Q-${now.getUTCFullYear()}-${String(9000 + sequence)}`,
    state: 'requested',
    created_at: now.toISOString(),
    valid_until: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    currency: state.data.catalog.currency,
    lines: priced.lines,
    subtotal_minor: priced.subtotal_minor,
    freight_minor: priced.freight_minor,
    // As on the server: the charges the cart showed, in the total; hidden (null) where the customer sees totals only.
    charges: state.data.session.settings.show_charges === false ? null : (priced.charges ?? []),
    total_minor: priced.total_minor,
    answered_at: null,
    decline_reason: null,
    order: null,
  };
  state.data.quotes.unshift(quote);
  const answer: QuoteRequested = { kind: 'quote_requested', quote };
  state.idempotency.set(attempt.key, { bodyHash: attempt.bodyHash, status: 201, body: answer });
  return new Reply(201, structuredClone(answer));
}

/**
 * Why this checkout must wait for the account's Admins (empty: it goes ahead), by the rules
 * module the server uses: the person's spending in the period counts every order they placed
 * in it but rejected, cancelled and draft ones, as the server sums it.
 */
function reasonsToWait(state: MockState, total: number): ApprovalReason[] {
  const person = state.data.session.person;
  if (!person || person.role === 'admin') return [];
  const limits = state.data.people.find((p) => p.id === person.id);
  const limit = limits?.spending_limit_minor ?? null;
  let spent = 0;
  if (limit !== null) {
    const { from, to } = spendingPeriod(limits!.spending_period, state.now());
    const released: readonly string[] = [...RELEASED_STATUSES, 'draft'];
    spent = state.data.orders
      .filter(
        (o) =>
          o.placed_by?.id === person.id && o.created_at >= from && o.created_at < to && !released.includes(o.status),
      )
      .reduce((sum, o) => sum + o.total_minor, 0);
  }
  return approvalReasons({
    role: person.role,
    settings: state.data.workspace.approval,
    total_minor: total,
    spending_limit_minor: limit,
    spent_minor: spent,
  });
}

/** The orders a customer may open: a draft is listed, but it is not a document yet (404, as on the server). */
const placedOrders = (state: MockState) => state.data.orders.filter((o) => !o.is_draft);

/** A stand-in PDF, as the server answers it: a draft's is not found. */
function orderPdf(state: MockState, id: string): Reply {
  const order = findOrFail(placedOrders(state), id, 'order');
  return new Reply(200, `%PDF-1.4\n% ${order.number}\n%%EOF\n`, {
    'Content-Disposition': `attachment; filename="${order.number}.pdf"`,
  });
}

/** A quote as the server shows it: a sent quote past its validity reads as expired. */
function quoteAsOf(quote: Quote, now: Date): Quote {
  const expired = quote.state === 'sent' && quote.valid_until < now.toISOString().slice(0, 10);
  return expired ? { ...quote, state: 'expired' } : quote;
}

/** Creates the sales order of an accepted quote, as the server does with "create order on acceptance" on. */
function orderFromQuote(state: MockState, quote: Quote, now: Date): OrderDetail {
  const sequence = state.data.orders.filter((o) => o.id.startsWith('00000061-')).length + 1;
  const order: OrderDetail = {
    id: testId(0x61, sequence),
    number: `SO-${now.getUTCFullYear()}-${String(8000 + sequence)}`,
    status: 'confirmed',
    is_draft: false,
    created_at: now.toISOString(),
    currency: quote.currency,
    total_minor: quote.total_minor,
    item_count: quote.lines.length,
    customer_reference: null,
    source_quote: { id: quote.id, number: quote.number },
    lines: structuredClone(quote.lines),
    subtotal_minor: quote.subtotal_minor,
    freight_minor: quote.freight_minor,
    ...(quote.charges === undefined ? {} : { charges: structuredClone(quote.charges) }),
    note: `From quote ${quote.number}`,
    deliveries: [],
    channel: 'quote',
    pending_request: null,
    changes: { can_edit: false, can_cancel: false, blocked_reason: 'from_quote' },
    requests: [],
    history: [
      {
        at: now.toISOString(),
        actor: 'customer',
        actor_name: state.data.session.customer.business_name,
        action: 'placed',
        changes: null,
        note: null,
      },
    ],
  };
  state.data.orders.unshift(order);
  state.data.session.has_orders = true;
  return order;
}

function answerQuote(state: MockState, id: string, accept: boolean, reason: string | undefined) {
  if (accept && state.data.workspace.create_order_on_quote_acceptance)
    assertSupplierAvailable(state, 'quote_acceptance');
  const quote = findOrFail(state.data.quotes, id, 'quote');
  const now = state.now();
  const shown = quoteAsOf(quote, now);
  if (shown.state !== 'sent') {
    const why =
      shown.state === 'expired'
        ? 'has expired'
        : shown.state === 'requested'
          ? 'is waiting for the supplier to price and send it'
          : `was already ${shown.state}`;
    throw new Refusal(422, 'quote_not_open', `Quote ${quote.number} ${why} and can no longer be answered.`, {
      state: shown.state,
    });
  }
  quote.state = accept ? 'accepted' : 'declined';
  quote.answered_at = now.toISOString();
  quote.decline_reason = accept ? null : reason?.trim() || null;
  if (accept && state.data.workspace.create_order_on_quote_acceptance) {
    const order = orderFromQuote(state, quote, now);
    quote.order = { id: order.id, number: order.number };
  }
  return quote;
}

/** A stand-in PDF of an invoice, named after its number. */
function invoicePdf(state: MockState, id: string): Reply {
  const invoice = findOrFail(state.data.invoices, id, 'invoice');
  return new Reply(200, `%PDF-1.4\n% ${invoice.number}\n%%EOF\n`, {
    'Content-Disposition': `attachment; filename="${invoice.number}.pdf"`,
  });
}

// ------------------------------------------------------------------ order changes (seed 002), as the server rules them

/** The order as the server answers it: whether it can be changed is decided at each read. */
function orderAsOf(state: MockState, order: OrderDetail): OrderDetail {
  order.changes = orderChanges(
    changeBlocks(order, state.data.session.settings.order_changes, order.pending_request !== null),
  );
  return structuredClone(order);
}

function assertChangeable(state: MockState, order: OrderDetail, action: ChangeAction): void {
  const reason = changeBlock(order, state.data.session.settings.order_changes, order.pending_request !== null, action);
  if (reason === 'request_pending') {
    throw new Refusal(
      409,
      'request_pending',
      `A change to order ${order.number} is already waiting for the supplier's approval.`,
    );
  }
  if (reason)
    throw new Refusal(422, 'order_not_editable', `Order ${order.number} cannot be changed or cancelled here.`, {
      reason,
    });
}

function contentOf(order: OrderDetail): OrderContent {
  const { customer_reference, lines, subtotal_minor, freight_minor, charges, total_minor } = structuredClone(order);
  return {
    customer_reference,
    lines,
    subtotal_minor,
    freight_minor,
    ...(charges?.length ? { charges } : {}),
    total_minor,
  };
}

function applyContent(order: OrderDetail, content: OrderContent): void {
  const { charges, ...rest } = structuredClone(content);
  // Charges follow the new content, unless the customer sees totals only (then none are shown).
  Object.assign(
    order,
    rest,
    { item_count: content.lines.length },
    order.charges === null ? {} : { charges: charges ?? [] },
  );
}

function newRequest(
  state: MockState,
  order: OrderDetail,
  kind: OrderRequestKind,
  automatic: boolean,
  reason: string | null,
  proposed: OrderContent | null,
) {
  const at = state.now().toISOString();
  const sequence = state.data.orders.reduce((n, o) => n + o.requests.length, 0) + 1;
  order.requests.unshift({
    id: testId(0x62, sequence),
    kind,
    state: automatic ? 'approved' : 'pending',
    created_at: at,
    decided_at: automatic ? at : null,
    reason,
    rejection_reason: null,
    proposed,
  });
  if (!automatic) order.pending_request = kind;
}

function updateOrder(state: MockState, id: string, body: OrderUpdateRequest): OrderDetail {
  assertSupplierAvailable(state, 'order_change');
  const order = findOrFail(placedOrders(state), id, 'order');
  assertChangeable(state, order, 'edit');
  const newDate = deliveryDateChange(state, order, body.delivery_date);
  const settings = state.data.session.settings;
  if (settings.require_unique_reference && body.customer_reference === null) throw ruleRefusal(referenceRequired());
  const current = contentOf(order);
  const priced = body.lines ? priceLines(state, body.lines) : current;
  const proposed: OrderContent = {
    ...structuredClone(priced),
    customer_reference: body.customer_reference !== undefined ? body.customer_reference : current.customer_reference,
  };
  refuseIf(
    priceChanged(
      body.expected_total,
      proposed,
      'Prices have changed since the order was priced. Please review the new total.',
    ),
  );
  const reference = proposed.customer_reference;
  if (
    settings.require_unique_reference &&
    reference !== null &&
    reference !== current.customer_reference &&
    referenceTaken(state, reference, order.id)
  ) {
    throw ruleRefusal(referenceTakenRule(reference));
  }
  // A date the service allows now is the customer's to choose: it applies at once, as on the server.
  if (newDate && order.delivery) order.delivery = { ...order.delivery, date: newDate };
  const changes = diffContent(current, proposed);
  if (Object.keys(changes).length === 0) return orderAsOf(state, order);
  const automatic = settings.order_changes.apply_updates_automatically;
  if (automatic) applyContent(order, proposed);
  newRequest(state, order, 'update', automatic, null, proposed);
  order.history.push({
    at: state.now().toISOString(),
    actor: 'customer',
    actor_name: state.data.session.customer.business_name,
    action: automatic ? 'updated' : 'update_requested',
    changes,
    note: null,
  });
  return orderAsOf(state, order);
}

/** "Automatically create orders" for this customer, as the server reads it: theirs, else the workspace's. */
function createsAutomatically(state: MockState): boolean {
  const { workspace } = state.data;
  return createsOrdersAutomatically({
    customer: workspace.customer_create_orders_automatically ?? null,
    workspace: workspace.create_orders_automatically ?? DEFAULT_CREATE_ORDERS_AUTOMATICALLY,
  });
}

/**
 * The supplier's "Create order" (the admin endpoint, served by the mock's admin handlers): an
 * order waiting for the supplier becomes pending, keeping its number; the refusal otherwise.
 */
export function createWaitingOrder(state: MockState, key: string): OrderDetail | RuleRefusal {
  const order = findOrFail(state.data.orders, key, 'order');
  const refusal = creationRefusal(order.number, order.status);
  if (refusal) return refusal;
  order.history.push({
    at: state.now().toISOString(),
    actor: 'supplier',
    actor_name: state.data.session.workspace.name,
    action: 'status_changed',
    changes: { status: { from: order.status, to: WAITING_ORDER_CREATED } },
    note: null,
  });
  order.status = WAITING_ORDER_CREATED;
  return order;
}

function cancelOrder(state: MockState, id: string, reason: string | null): OrderDetail {
  assertSupplierAvailable(state, 'order_change');
  const order = findOrFail(placedOrders(state), id, 'order');
  assertChangeable(state, order, 'cancel');
  // Not created yet: the customer takes it back at once, as on the server.
  const automatic =
    order.status === 'awaiting_supplier' || state.data.session.settings.order_changes.apply_cancellations_automatically;
  const changes: OrderChangeSet = { status: { from: order.status, to: 'cancelled' } };
  if (automatic) order.status = 'cancelled';
  newRequest(state, order, 'cancel', automatic, reason, null);
  order.history.push({
    at: state.now().toISOString(),
    actor: 'customer',
    actor_name: state.data.session.customer.business_name,
    action: automatic ? 'cancelled' : 'cancel_requested',
    changes,
    note: reason,
  });
  return orderAsOf(state, order);
}

/**
 * The supplier approves or rejects an order's pending request, as the admin endpoints do on the
 * server, so a test can show what the customer sees afterwards. `key`: the order's id or number.
 */
export function decideOrderRequest(
  state: MockState,
  key: string,
  decision: 'approve' | 'reject',
  rejectionReason: string | null = null,
): void {
  const order = findOrFail(state.data.orders, key, 'order');
  const request = order.requests.find((r) => r.state === 'pending');
  if (!request) throw new Error(`order ${order.number} has no pending request`);
  const at = state.now().toISOString();
  let changes: OrderChangeSet | null = null;
  if (decision === 'approve' && request.kind === 'update') {
    changes = diffContent(contentOf(order), request.proposed!);
    applyContent(order, request.proposed!);
  } else if (decision === 'approve') {
    changes = { status: { from: order.status, to: 'cancelled' } };
    order.status = 'cancelled';
  }
  Object.assign(request, {
    state: decision === 'approve' ? 'approved' : 'rejected',
    decided_at: at,
    rejection_reason: decision === 'reject' ? rejectionReason : null,
  });
  order.pending_request = null;
  order.history.push({
    at,
    actor: 'supplier',
    actor_name: state.data.session.workspace.name,
    action: decision === 'approve' ? 'request_approved' : 'request_rejected',
    changes,
    note: decision === 'reject' ? rejectionReason : null,
  });
}

// ---- charges the supplier adds to an order (issue 17): the rules of demo-server/routes/supplier-charges.ts

/**
 * The supplier adds a charge to an order, as the admin endpoint does on the server (the mock API
 * offers that endpoint; a widget test calls this to set the scene). Returns the charge, or the
 * refusal's error for a closed order.
 */
export function addSupplierCharge(state: MockState, key: string, body: AddOrderChargeRequest): SupplierCharge {
  const order = findOrFail(state.data.orders, key, 'order');
  refuseIf(addChargeRefusal(order.number, order.status));
  const charges = (order.supplier_charges ??= []);
  const charge: SupplierCharge = {
    id: crypto.randomUUID(),
    label: body.label.trim(),
    amount_minor: body.amount_minor,
    requires_approval: body.requires_approval,
    state: initialChargeState(body.requires_approval),
    created_at: state.now().toISOString(),
    decided_at: null,
    decided_by: null,
    reason: null,
  };
  charges.push(charge);
  if (charge.state === 'approved') order.total_minor += charge.amount_minor;
  return structuredClone(charge);
}

/** The supplier withdraws a charge waiting for approval (409 once decided). */
export function withdrawSupplierCharge(state: MockState, key: string, chargeId: string): OrderDetail {
  const order = findOrFail(state.data.orders, key, 'order');
  const charge = findOrFail(order.supplier_charges ?? [], chargeId, 'charge');
  refuseIf(chargeDecisionRefusal(charge.state));
  order.supplier_charges = order.supplier_charges!.filter((c) => c !== charge);
  return orderAsOf(state, order);
}

/** The customer approves or rejects a charge: only a pending one; an approved one joins the total. */
function decideCharge(
  state: MockState,
  key: string,
  chargeId: string,
  outcome: 'approved' | 'rejected',
  reason: string | null,
): OrderDetail {
  const order = findOrFail(placedOrders(state), key, 'order');
  const charge = findOrFail(order.supplier_charges ?? [], chargeId, 'charge');
  refuseIf(chargeDecisionRefusal(charge.state));
  refuseIf(addChargeRefusal(order.number, order.status));
  Object.assign(charge, {
    state: outcome,
    decided_at: state.now().toISOString(),
    decided_by: state.data.session.person?.name ?? state.data.session.customer.business_name,
    reason,
  });
  if (outcome === 'approved') order.total_minor += charge.amount_minor;
  return orderAsOf(state, order);
}

// ---- addresses: the rules of demo-server/db/addresses.ts, over the dataset's array

/** Live addresses as the server lists them: delivery first, each kind's default first, then oldest first. */
function liveAddresses(state: MockState): Address[] {
  const rank = (a: Address) => (a.kind === 'delivery' ? 0 : 2) + (a.is_default ? 0 : 1);
  return state.data.addresses
    .filter((a) => !a.archived_at)
    .map(({ archived_at: _, ...a }) => a)
    .sort((a, b) => rank(a) - rank(b) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

function liveAddress(state: MockState, id: string): MockAddress {
  const found = state.data.addresses.find((a) => a.id === id && !a.archived_at);
  if (!found) throw new Refusal(404, 'not_found', 'No address with that id.');
  return found;
}

/** Makes `address` the one default of its kind. */
function makeDefault(state: MockState, address: MockAddress): void {
  for (const a of state.data.addresses) if (a.kind === address.kind && !a.archived_at) a.is_default = false;
  address.is_default = true;
}

const blankToNull = <T extends Record<string, unknown>>(fields: T): T =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      ['line2', 'region', 'postal_code', 'phone'].includes(k) && !v ? null : v,
    ]),
  ) as T;

function createAddress(state: MockState, body: CreateAddressRequest): Address {
  const at = state.now().toISOString();
  const { is_default, ...fields } = body;
  const address: MockAddress = {
    line2: null,
    region: null,
    postal_code: null,
    phone: null,
    ...blankToNull(fields),
    id: testId(0x71, state.data.addresses.length + 1),
    is_default: false,
    created_at: at,
    updated_at: at,
  };
  const hasDefault = state.data.addresses.some((a) => a.kind === body.kind && a.is_default && !a.archived_at);
  state.data.addresses.push(address);
  if (is_default || !hasDefault) makeDefault(state, address);
  return liveAddresses(state).find((a) => a.id === address.id)!;
}

function patchAddress(state: MockState, id: string, body: AddressPatch): Address {
  const address = liveAddress(state, id);
  const { is_default, ...fields } = body;
  Object.assign(address, blankToNull(fields), { updated_at: state.now().toISOString() });
  if (is_default) makeDefault(state, address);
  return liveAddresses(state).find((a) => a.id === id)!;
}

function archiveAddress(state: MockState, id: string): null {
  const address = liveAddress(state, id);
  address.archived_at = state.now().toISOString();
  if (address.is_default) {
    address.is_default = false;
    const heir = liveAddresses(state).find((a) => a.kind === address.kind);
    if (heir)
      makeDefault(
        state,
        state.data.addresses.find((a) => a.id === heir.id)!,
      );
  }
  return null;
}

function snapshotOf(a: Address): NonNullable<OrderDetail['delivery_address']> {
  const { label, name, line1, line2, city, region, postal_code, country, phone } = a;
  return { address_id: a.id, label, name, line1, line2, city, region, postal_code, country, phone };
}

type Resolvers = { [N in PortalEndpointName]: Resolver<(typeof endpoints)[N]> };

const RESOLVERS: Resolvers = {
  getSession: ({ state }) => state.data.session,
  getCatalog: ({ state, query }) => {
    const { session } = state.data;
    // As the server: a category whose tab is hidden is not served (its products are, under All and in search).
    let catalog = {
      ...state.data.catalog,
      categories: state.data.catalog.categories.filter((c) => c.tab_visibility !== 'hide'),
    };
    if (!session.settings.show_price_explanation) {
      // As the server: no price list is named unless the workspace explains prices.
      const unnamed = (list: typeof catalog.pricing.group_list) => list && { ...list, name: null };
      catalog = {
        ...catalog,
        pricing: {
          ...catalog.pricing,
          group_list: unnamed(catalog.pricing.group_list),
          default_list: unnamed(catalog.pricing.default_list),
        },
      };
    }
    return query.format === 'compact' ? toCompactCatalog(catalog) : catalog;
  },
  getDashboard: ({ state }) => state.data.dashboard,
  listAddresses: ({ state }) => ({ items: liveAddresses(state) }),
  getDeliveryOptions: ({ state }) => deliveryOptions(state),
  createAddress: ({ state, body }) => createAddress(state, body),
  patchAddress: ({ state, params, body }) => patchAddress(state, params.id, body),
  archiveAddress: ({ state, params }) => archiveAddress(state, params.id),
  listOrders: ({ state, query }) => {
    const group: readonly string[] | undefined = query.status_group && ORDER_LIST_GROUPS[query.status_group];
    const orders = ordersPlacedBy(state, query.placed_by).filter((o) => !group || group.includes(o.status));
    return page(orders.map(toSummary), query);
  },
  getOrder: ({ state, params }) => orderAsOf(state, findOrFail(placedOrders(state), params.id, 'order')),
  getOrderPdf: ({ state, params }) => orderPdf(state, params.id),
  getOrderHistory: ({ state }) => state.data.orderHistory,
  placeOrder: ({ state, body, request }) => placeOrder(state, body, request),
  updateOrder: ({ state, params, body }) => updateOrder(state, params.id, body),
  cancelOrder: ({ state, params, body }) => cancelOrder(state, params.id, body?.reason || null),
  approveOrderCharge: ({ state, params }) => decideCharge(state, params.id, params.charge_id, 'approved', null),
  rejectOrderCharge: ({ state, params, body }) =>
    decideCharge(state, params.id, params.charge_id, 'rejected', body.reason),
  listQuotes: ({ state, query }) =>
    page(
      state.data.quotes.map((q) => quoteAsOf(q, state.now())).filter((q) => !query.state || q.state === query.state),
      query,
    ),
  getQuote: ({ state, params }) => quoteAsOf(findOrFail(state.data.quotes, params.id, 'quote'), state.now()),
  acceptQuote: ({ state, params }) => answerQuote(state, params.id, true, undefined),
  declineQuote: ({ state, params, body }) => answerQuote(state, params.id, false, body?.reason),
  listInvoices: ({ state, query }) =>
    page(
      state.data.invoices.filter(
        (i) =>
          !query.payment_state ||
          (query.payment_state === 'unpaid' ? i.payment_state !== 'paid' : i.payment_state === query.payment_state),
      ),
      query,
    ),
  getInvoice: ({ state, params }) =>
    makeInvoiceDetail(findOrFail(state.data.invoices, params.id, 'invoice'), state.data.orders, state.data.payments),
  getInvoicePdf: ({ state, params }) => invoicePdf(state, params.id),
  listPayments: ({ state, query }) => page(state.data.payments, query),
  listDeliveries: ({ state, query }) => page(state.data.deliveries, query),
  getDelivery: ({ state, params }) => findOrFail(state.data.deliveries, params.id, 'delivery'),
  listAccountPeople: ({ state }) => ({ items: state.data.people.map((p) => asSeenBy(state, p)), next_cursor: null }),
  invitePerson: ({ state, body }) => {
    const person = {
      id: crypto.randomUUID(),
      name: body.name,
      email: body.email,
      role: body.role,
      language: body.language ?? null,
      phone: null,
      created_at: state.now().toISOString(),
      last_active_at: null,
      spending_limit_minor: null,
      spending_period: 'month' as const,
      emails: { order_placed: true, approval_needed: true, approval_outcome: true, shipped: true },
      default_delivery_address_id: null,
      is_you: false,
    };
    state.data.people.push(person);
    return { ...person, emailed: true };
  },
  changePersonRole: ({ state, params, body }) => {
    const person =
      body.role === undefined
        ? findOrFail(state.data.people, params.id, 'person')
        : otherPerson(state, params.id, 'change the role of');
    Object.assign(person, body);
    return asSeenBy(state, person);
  },
  getProfile: ({ state }) => asProfile(state, ownPerson(state)),
  patchProfile: ({ state, body }) => {
    const person = ownPerson(state);
    const addressId = body.default_delivery_address_id;
    if (addressId && !liveAddresses(state).some((a) => a.id === addressId && a.kind === 'delivery'))
      throw ruleRefusal(unknownDefaultAddress());
    const { emails, ...rest } = body;
    Object.assign(person, rest, { emails: { ...person.emails, ...emails } });
    // As the server: the next session names them as they are now.
    const own = state.data.session.person!;
    state.data.session.person = {
      ...own,
      name: person.name,
      language: person.language,
      default_delivery_address_id: person.default_delivery_address_id,
    };
    return asProfile(state, person);
  },
  getAccountSettings: ({ state }) => ({ approval: state.data.workspace.approval }),
  patchAccountSettings: ({ state, body }) => {
    if (body.approval) state.data.workspace.approval = body.approval;
    return { approval: state.data.workspace.approval };
  },
  listApprovals: ({ state }) => ({
    items: state.data.orders
      .filter((o) => o.status === 'awaiting_approval')
      .map((o) => ({
        ...toSummary(o),
        lines: o.lines,
        placed_by: o.placed_by ?? null,
        reasons: state.approvalReasons.get(o.id) ?? [],
      })),
    next_cursor: null,
  }),
  approveOrder: ({ state, params }) => decideApproval(state, params.id, 'approve', null),
  rejectOrder: ({ state, params, body }) => decideApproval(state, params.id, 'reject', body.reason),
  removePerson: ({ state, params }) => {
    const person = otherPerson(state, params.id, 'remove');
    state.data.people.splice(state.data.people.indexOf(person), 1);
    return null;
  },
};

/** What an Admin's approval or rejection does, as the server does it. */
function decideApproval(state: MockState, key: string, outcome: 'approve' | 'reject', reason: string | null) {
  const order = findOrFail(state.data.orders, key, 'order');
  refuseIf(approvalRefusal(order.number, order.status));
  // Approved, it goes on as any portal order: to the supplier to create, when they create orders by hand.
  const to = outcome === 'approve' ? placedOrderStatus(createsAutomatically(state)) : APPROVAL_OUTCOMES[outcome];
  order.history.push({
    at: state.now().toISOString(),
    actor: 'customer',
    actor_name: state.data.session.person?.name ?? state.data.session.customer.business_name,
    action: 'status_changed',
    changes: { status: { from: order.status, to } },
    note: reason,
  });
  order.status = to;
  return order;
}

/** "My orders" as the server filters them; 422 for a link that belongs to no person. */
function ordersPlacedBy(state: MockState, placedBy: 'me' | undefined): OrderDetail[] {
  if (placedBy === undefined) return state.data.orders;
  const me = state.data.session.person;
  if (!me) throw new Refusal(422, 'unknown_person', 'This link belongs to no person: it has no orders of its own.');
  return state.data.orders.filter((o) => o.placed_by?.id === me.id);
}

const asSeenBy = (state: MockState, person: AccountPerson): AccountPerson => ({
  ...person,
  is_you: person.id === state.data.session.person?.id,
});

/** The link's own person: 404 `no_profile` for the account's own link. */
function ownPerson(state: MockState): AccountPerson {
  const id = state.data.session.person?.id;
  const person = id === undefined ? undefined : state.data.people.find((p) => p.id === id);
  if (!person) throw ruleRefusal(noProfile());
  return person;
}

/** As the server: a default address archived since reads as none. */
const asProfile = (state: MockState, p: AccountPerson): Profile => ({
  id: p.id,
  name: p.name,
  email: p.email,
  language: p.language,
  role: p.role,
  phone: p.phone,
  emails: p.emails,
  default_delivery_address_id: liveAddresses(state).some(
    (a) => a.id === p.default_delivery_address_id && a.kind === 'delivery',
  )
    ? p.default_delivery_address_id
    : null,
});

/** A person of the account other than the link's own (409 for oneself, 404 when there is none). */
function otherPerson(state: MockState, id: string, what: string): AccountPerson {
  if (id === state.data.session.person?.id)
    throw new Refusal(409, 'conflict', `You cannot ${what} yourself: ask another Admin.`);
  return findOrFail(state.data.people, id, 'person');
}

/**
 * One handler per portal endpoint of the contract, answering from `state.data`. Pass the same
 * state to the test so it can change the data and assert on `state.requests` and `state.violations`.
 */
export function createHandlers(state: MockState = createState()): HttpHandler[] {
  return PORTAL_ENDPOINTS.map((name) => route(state, name, RESOLVERS[name] as Resolver<Endpoint>));
}

/** Every portal endpoint name, to check that `createHandlers` covers the contract. */
export const PORTAL_ENDPOINTS = (Object.keys(endpoints) as EndpointName[]).filter(
  (name): name is PortalEndpointName => endpoints[name].auth === 'portal',
);

/**
 * The issues to show: for an answer that fits no branch of a union (the catalogue's two forms),
 * those of the branch it came closest to (whose first issue lies deepest), not zod's bare
 * "Invalid input".
 */
function closestIssues(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((i) => i.path.length));
    const closest = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    return closestIssues(closest).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
  });
}
