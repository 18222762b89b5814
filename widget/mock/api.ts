/**
 * The mock API as a whole server: the portal handlers of `handlers.ts` for two customers, behind
 * the admin endpoints a backend offers (customers, tokens, workspace settings, order requests),
 * with tokens that are made, revoked and expire, and per-token `RateLimit` headers, as the
 * reference server has them. It is what the conformance kit checks the mock with
 * (test/conformance/mock.test.ts), so the mock cannot drift from the contract.
 */
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import type { z } from 'zod';
import {
  API_PREFIX,
  CreateTokenRequest,
  endpoints,
  OrderRequestQuery,
  RejectOrderRequest,
  AddOrderChargeRequest,
  WorkspaceSettingsPatch,
  type AdminOrderRequest,
  PERMISSIONS,
  SECTION_PERMISSION,
  SECTIONS,
  TokenQuery,
  WorkspaceSettings,
  CreateDeliveryService,
  DeliveryServicePatch,
  type DeliveryService,
  type Customer,
  type Endpoint,
  type EndpointName,
  type ErrorCode,
  type Permissions,
  type Sections,
} from '../contract/index.ts';
import {
  API_BASE,
  createHandlers,
  createState,
  createWaitingOrder,
  addSupplierCharge,
  decideOrderRequest,
  errorResponse,
  withdrawSupplierCharge,
  type MockState,
} from './handlers.ts';
import { testId, toSummary } from './data.ts';
import { effectivePermissions } from '../contract/rules/roles.ts';
import { ORDER_TRANSITIONS } from '../contract/rules/order-status.ts';
import { DEFAULT_TIME_ZONE } from '../contract/rules/delivery-dates.ts';
import {
  DEFAULT_CREATE_ORDERS_AUTOMATICALLY,
  DEFAULT_ORDER_CREATION_STATUS,
} from '../contract/rules/order-creation.ts';

interface MockToken {
  id: string;
  secret: string;
  customerId: string;
  /** The person the link belongs to; null: the account's own link. */
  personId: string | null;
  permissions: Permissions;
  expires_at: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  /** Requests counted in the current window, by limit. */
  window: { start: number; reads: number; writes: number };
}

export interface MockApiOptions {
  /** The admin key the admin endpoints take as `Authorization: Bearer <key>`. */
  adminKey: string;
  /** The clock of prices, expiries and limits; defaults to the real one. */
  now?: () => Date;
  /** Requests a token may make a minute, like the server's RATE_LIMIT_*_PER_MIN. */
  limits?: { reads: number; writes: number };
}

const WINDOW_MS = 60_000;

export interface MockApi {
  handlers: HttpHandler[];
  /** Each customer's state (the first has the full demo dataset, the second owns nothing). */
  states: MockState[];
}

export function createMockApi(options: MockApiOptions): MockApi {
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? { reads: 600, writes: 120 };
  const states = [
    createState({ token: 'cpt_mock_internal_a', now }),
    createState({
      token: 'cpt_mock_internal_b',
      now,
      session: {
        customer: { id: testId(1, 2), business_name: 'Corner Grocer Ltd' },
        has_orders: false,
        // Charges and a minimum order value (issue 17), so the conformance kit checks them on the mock.
        settings: {
          charges: {
            small_order: { below_minor: 10_000, fee_minor: 500 },
            percent_basis_points: 150,
            per_unit_minor: 5,
          },
          minimum_order_minor: 2_500,
        },
      },
      orders: [],
      quotes: [],
      invoices: [],
      payments: [],
      deliveries: [],
      orderHistory: { items: [], next_cursor: null },
      people: [],
    }),
  ];
  // One workspace: every customer's state reads the same delivery services.
  const deliveryServices: DeliveryService[] = [];
  for (const state of states) state.data.deliveryServices = deliveryServices;
  const portalHandlers = new Map(states.map((state) => [state, createHandlers(state)]));
  const tokens = new Map<string, MockToken>();
  let tokenCount = 0;
  let serviceCount = 0;

  const customers = (): Customer[] =>
    states.map(({ data }) => ({
      id: data.session.customer.id,
      business_name: data.session.customer.business_name,
      email: null,
      price_group: null,
      credit_limit_minor: data.session.settings.credit?.limit_minor ?? 0,
      language: null,
      archived_at: null,
      settings: {
        order_template: null,
        checkout_mode: null,
        freight: null,
        approval: structuredClone(data.workspace.approval),
        order_creation_status: data.workspace.customer_order_creation_status ?? null,
        create_orders_automatically: data.workspace.customer_create_orders_automatically ?? null,
      },
    }));

  const admin = (
    name: EndpointName,
    resolve: (ctx: { request: Request; params: Record<string, string>; url: URL; body: unknown }) => Response | unknown,
  ) => {
    const endpoint: Endpoint = endpoints[name];
    return http[endpoint.method](
      `${API_BASE}${endpoint.path.replace(/\{(\w+)\}/g, ':$1')}`,
      async ({ request, params }) => {
        if (request.headers.get('authorization') !== `Bearer ${options.adminKey}`) {
          return errorResponse(
            401,
            'unauthorized',
            'A valid admin key is required: Authorization: Bearer <ADMIN_TOKEN>.',
          );
        }
        const text = endpoint.method === 'get' ? '' : await request.text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          return errorResponse(400, 'malformed_json', 'The request body is not valid JSON.');
        }
        const answer = await resolve({
          request,
          params: params as Record<string, string>,
          url: new URL(request.url),
          body,
        });
        if (answer instanceof Response) return answer;
        if (endpoint.status === 204) return new HttpResponse(null, { status: 204 });
        return HttpResponse.json(endpoint.response!.parse(answer) as Record<string, unknown>, {
          status: endpoint.status,
        });
      },
    );
  };

  const invalid = (issues: z.core.$ZodIssue[], where: string) =>
    errorResponse(
      400,
      'validation_failed',
      'The request is not valid.',
      issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message })),
    );

  let overCredit = false;
  const workspaceSettings = () => {
    const { session, workspace } = states[0].data;
    const { credit: _credit, supplier_available, show_price_explanation = false, ...settings } = session.settings;
    return WorkspaceSettings.parse({
      ...settings,
      sections: workspace.sections ?? settings.sections,
      show_price_explanation,
      trial_expired: !supplier_available,
      create_order_on_quote_acceptance: workspace.create_order_on_quote_acceptance,
      allow_orders_over_credit_limit: overCredit,
      time_zone: workspace.time_zone ?? DEFAULT_TIME_ZONE,
      order_creation_status: workspace.order_creation_status ?? DEFAULT_ORDER_CREATION_STATUS,
      create_orders_automatically: workspace.create_orders_automatically ?? DEFAULT_CREATE_ORDERS_AUTOMATICALLY,
    });
  };

  /** Every customer's change requests as the supplier reviews them. */
  const orderRequests = (): AdminOrderRequest[] =>
    states.flatMap(({ data }) =>
      data.orders.flatMap((order) =>
        order.requests.map((request) => ({
          ...structuredClone(request),
          order: { id: order.id, number: order.number, status: order.status },
          customer: { ...data.session.customer },
          current: {
            customer_reference: order.customer_reference,
            lines: structuredClone(order.lines),
            subtotal_minor: order.subtotal_minor,
            freight_minor: order.freight_minor,
            total_minor: order.total_minor,
          },
        })),
      ),
    );

  const decide = (id: string, decision: 'approve' | 'reject', reason: string | null) => {
    const found = orderRequests().find((r) => r.id === id);
    if (!found) return errorResponse(404, 'not_found', 'No such order request.');
    if (found.state !== 'pending')
      return errorResponse(422, 'request_not_pending', `This request was already ${found.state}.`, {
        state: found.state,
      });
    decideOrderRequest(
      states.find((s) => s.data.session.customer.id === found.customer.id)!,
      found.order.id,
      decision,
      reason,
    );
    return orderRequests().find((r) => r.id === id);
  };

  /** The state holding an order, by id or number. */
  const stateOfOrder = (key: string) => states.find((s) => s.data.orders.some((o) => o.id === key || o.number === key));

  /** An order as the supplier reads it (AdminOrderDetail). */
  const adminOrder = (state: MockState, key: string) => {
    const order = state.data.orders.find((o) => o.id === key || o.number === key)!;
    return {
      ...structuredClone(order),
      customer: { ...state.data.session.customer },
      invoices: structuredClone(state.data.invoices.filter((i) => i.order?.id === order.id)),
      allowed_transitions: [...ORDER_TRANSITIONS[order.status]],
    };
  };

  /** A rule's refusal (thrown by the portal's shared functions) as the error answer. */
  const refused = (error: unknown) => {
    const e = error as { status?: number; code?: ErrorCode; message: string; details?: unknown };
    if (typeof e.status !== 'number' || !e.code) throw error;
    return errorResponse(e.status, e.code, e.message, e.details);
  };

  const adminHandlers = [
    admin('listCustomers', () => ({ items: customers(), next_cursor: null })),
    admin('createToken', ({ body }) => {
      const parsed = CreateTokenRequest.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues, 'body');
      const { client_id, permissions = {}, expires_at = null, person_id = null } = parsed.data;
      const state = states.find((s) => s.data.session.customer.id === client_id);
      if (!state) return errorResponse(404, 'not_found', 'No customer with that id.');
      if (person_id !== null && !state.data.people.some((p) => p.id === person_id))
        return errorResponse(422, 'unknown_person', 'This customer has no such person (or they were removed).', [
          { path: 'body.person_id', message: 'not a person of this customer' },
        ]);
      if (expires_at && Date.parse(expires_at) <= now().getTime()) {
        return errorResponse(400, 'validation_failed', 'expires_at must be in the future.', [
          { path: 'body.expires_at', message: 'must be in the future' },
        ]);
      }
      const n = ++tokenCount;
      const token: MockToken = {
        id: testId(0x70, n),
        secret: `cpt_mock_${n}_${Math.random().toString(36).slice(2, 12)}`,
        customerId: client_id,
        personId: person_id,
        permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, permissions[p] ?? true])) as Permissions,
        expires_at: expires_at && new Date(expires_at).toISOString(),
        created_at: now().toISOString(),
        revoked_at: null,
        last_used_at: null,
        window: { start: now().getTime(), reads: 0, writes: 0 },
      };
      tokens.set(token.secret, token);
      // The link to hand the customer, as the server makes it: the portal page with the token in its fragment.
      const url = `${workspaceSettings().portal_page_url ?? `${API_BASE}/examples/`}#portal_token=${token.secret}`;
      return {
        id: token.id,
        token: token.secret,
        url,
        client_id,
        person_id,
        permissions: token.permissions,
        expires_at: token.expires_at,
        created_at: token.created_at,
      };
    }),
    admin('listTokens', ({ url }) => {
      const query = TokenQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return invalid(query.error.issues, 'query');
      const items = [...tokens.values()]
        .filter((t) => !query.data.client_id || t.customerId === query.data.client_id)
        .reverse()
        .map(({ id, customerId, personId, secret, permissions, expires_at, created_at, revoked_at, last_used_at }) => ({
          id,
          client_id: customerId,
          hint: `${secret.slice(0, 8)}…${secret.slice(-4)}`,
          person_id: personId,
          permissions,
          expires_at,
          created_at,
          revoked_at,
          last_used_at,
        }));
      return { items, next_cursor: null };
    }),
    admin('revokeToken', ({ params }) => {
      const token = [...tokens.values()].find((t) => t.id === params.id);
      if (!token) return errorResponse(404, 'not_found', 'No token with that id.');
      token.revoked_at ??= now().toISOString();
      return undefined;
    }),
    admin('getWorkspaceSettings', () => workspaceSettings()),
    admin('patchWorkspaceSettings', ({ body }) => {
      const parsed = WorkspaceSettingsPatch.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues, 'body');
      const {
        sections,
        create_order_on_quote_acceptance,
        trial_expired,
        tabs,
        order_changes,
        allow_orders_over_credit_limit,
        time_zone,
        order_creation_status,
        create_orders_automatically,
        ...rest
      } = parsed.data;
      if (allow_orders_over_credit_limit !== undefined) overCredit = allow_orders_over_credit_limit;
      for (const { data } of states) {
        const settings = data.session.settings;
        data.workspace.sections = { ...(data.workspace.sections ?? settings.sections), ...sections };
        if (create_order_on_quote_acceptance !== undefined)
          data.workspace.create_order_on_quote_acceptance = create_order_on_quote_acceptance;
        if (trial_expired !== undefined) settings.supplier_available = !trial_expired;
        if (time_zone !== undefined) data.workspace.time_zone = time_zone;
        if (order_creation_status !== undefined) data.workspace.order_creation_status = order_creation_status;
        if (create_orders_automatically !== undefined)
          data.workspace.create_orders_automatically = create_orders_automatically;
        Object.assign(settings, rest, {
          tabs: { ...settings.tabs, ...tabs },
          order_changes: { ...settings.order_changes, ...order_changes },
        });
      }
      return workspaceSettings();
    }),
    admin('listOrderRequests', ({ url }) => {
      const query = OrderRequestQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return invalid(query.error.issues, 'query');
      const items = orderRequests().filter(
        (r) =>
          (!query.data.state || r.state === query.data.state) &&
          (!query.data.client_id || r.customer.id === query.data.client_id),
      );
      return { items: items.sort((a, b) => b.created_at.localeCompare(a.created_at)), next_cursor: null };
    }),
    // Charges the supplier adds to an order (issue 17), as the server's back office takes them.
    admin('adminAddOrderCharge', ({ params, body }) => {
      const parsed = AddOrderChargeRequest.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues, 'body');
      const state = stateOfOrder(params.id);
      if (!state) return errorResponse(404, 'not_found', 'No such order.');
      try {
        addSupplierCharge(state, params.id, parsed.data);
      } catch (error) {
        return refused(error);
      }
      return adminOrder(state, params.id);
    }),
    admin('adminWithdrawOrderCharge', ({ params }) => {
      const state = stateOfOrder(params.id);
      if (!state) return errorResponse(404, 'not_found', 'No such order.');
      try {
        withdrawSupplierCharge(state, params.id, params.charge_id);
      } catch (error) {
        return refused(error);
      }
      return adminOrder(state, params.id);
    }),
    admin('approveOrderRequest', ({ params }) => decide(params.id, 'approve', null)),
    admin('createWaitingOrder', ({ params }) => {
      const state = states.find(({ data }) => data.orders.some((o) => o.id === params.id || o.number === params.id));
      if (!state) return errorResponse(404, 'not_found', 'No such order.');
      const created = createWaitingOrder(state, params.id);
      if (!('id' in created)) return errorResponse(created.status, created.code, created.message, created.details);
      return { ...toSummary(created), customer: { ...state.data.session.customer } };
    }),
    // Delivery services (issue 17), as the server keeps them: removed ones leave the list.
    admin('listDeliveryServices', () => ({ data: deliveryServices })),
    admin('createDeliveryService', ({ body }) => {
      const parsed = CreateDeliveryService.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues, 'body');
      const { position, ...fields } = parsed.data;
      const service: DeliveryService = {
        ...fields,
        weekdays: [...fields.weekdays].sort(),
        closed_dates: [...fields.closed_dates].sort(),
        id: testId(0x71, ++serviceCount),
        position: position ?? deliveryServices.length,
        created_at: now().toISOString(),
      };
      deliveryServices.push(service);
      deliveryServices.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
      return service;
    }),
    admin('patchDeliveryService', ({ params, body }) => {
      const service = deliveryServices.find((s) => s.id === params.id);
      if (!service) return errorResponse(404, 'not_found', 'No delivery service with that id.');
      const parsed = DeliveryServicePatch.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues, 'body');
      const next = { ...service, ...parsed.data };
      if ((next.cutoff_rule === 'none') !== (next.cutoff_time === null))
        return errorResponse(400, 'validation_failed', 'The request is not valid.', [
          { path: 'body.cutoff_time', message: 'cutoff_time is required with a cut-off rule, and null with `none`' },
        ]);
      Object.assign(service, next);
      return service;
    }),
    admin('deleteDeliveryService', ({ params }) => {
      const at = deliveryServices.findIndex((s) => s.id === params.id);
      if (at < 0) return errorResponse(404, 'not_found', 'No delivery service with that id.');
      deliveryServices.splice(at, 1);
      return undefined;
    }),
    admin('rejectOrderRequest', ({ params, body }) => {
      const parsed = RejectOrderRequest.optional().safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues, 'body');
      return decide(params.id, 'reject', parsed.data?.reason || null);
    }),
  ];

  /** Every portal request: the token picks the customer (and its state), then that customer's handlers answer. */
  const portal = http.all(`${API_BASE}${API_PREFIX}/customer-portal/view/:token/*`, async ({ request, params }) => {
    const token = tokens.get(String(params.token));
    const at = now().getTime();
    if (!token || token.revoked_at || (token.expires_at && Date.parse(token.expires_at) <= at)) {
      return errorResponse(
        401,
        'invalid_token',
        'This portal link is not valid: it may have expired or been revoked. Please ask your supplier for a new link.',
      );
    }
    const state = states.find((s) => s.data.session.customer.id === token.customerId)!;
    // A person's link ends with the person, as on the server.
    const person = token.personId === null ? null : state.data.people.find((p) => p.id === token.personId);
    if (person === undefined) {
      return errorResponse(
        401,
        'invalid_token',
        'This portal link is not valid: it may have expired or been revoked. Please ask your supplier for a new link.',
      );
    }
    if (at - token.window.start >= WINDOW_MS) token.window = { start: at, reads: 0, writes: 0 };
    const kind = request.method === 'GET' ? 'reads' : 'writes';
    const hits = ++token.window[kind];
    const reset = Math.max(1, Math.ceil((token.window.start + WINDOW_MS - at) / 1000));
    const rateHeaders = {
      'RateLimit-Policy': `"${kind}"; q=${limits[kind]}; w=${WINDOW_MS / 1000}`,
      RateLimit: `"${kind}"; r=${Math.max(0, limits[kind] - hits)}; t=${reset}`,
    };
    if (hits > limits[kind]) {
      return errorResponse(
        429,
        'rate_limited',
        'Too many requests for this portal link. Please wait a moment and try again.',
        { retry_after_seconds: reset },
        { ...rateHeaders, 'Retry-After': String(reset) },
      );
    }
    token.last_used_at = now().toISOString();
    // The state answers as the token's customer and person, with the token's permissions (narrowed by the role) and expiry.
    const permissions = effectivePermissions(token.permissions, person?.role ?? null);
    state.data.session.permissions = permissions;
    if (person) state.data.session.person = { id: person.id, name: person.name, role: person.role };
    else delete state.data.session.person;
    state.data.workspace.sections ??= { ...state.data.session.settings.sections };
    const workspaceSections = state.data.workspace.sections;
    state.data.session.settings.sections = Object.fromEntries(
      SECTIONS.map((s) => [s, workspaceSections[s] && permissions[SECTION_PERMISSION[s]]]),
    ) as Sections;
    state.data.session.token_expires_at = token.expires_at;
    const url = request.url.replace(`/view/${String(params.token)}/`, `/view/${state.token}/`);
    const answer = await getResponse(
      portalHandlers.get(state)!,
      new Request(url, {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : await request.text(),
      }),
    );
    if (!answer) return errorResponse(404, 'not_found', 'No such endpoint.');
    for (const [name, value] of Object.entries(rateHeaders)) answer.headers.set(name, value);
    return answer;
  });

  // Anything else under the API (the supplier's back office, which this mock leaves out) answers
  // as the server answers a route it does not have.
  const noRoute = http.all(`${API_BASE}/api/v1/*`, ({ request }) =>
    errorResponse(404, 'not_found', `No route for ${request.method} ${new URL(request.url).pathname}`),
  );
  return { handlers: [...adminHandlers, portal, noRoute], states };
}
