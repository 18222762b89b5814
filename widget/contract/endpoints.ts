import { z } from 'zod';
import { Id, PageQuery, type Permission, type Section } from './common.ts';
import { Catalog } from './catalog.ts';
import {
  CheckoutRequest, Dashboard, DeclineRequest, DeliveryList, InvoiceList, InvoiceQuery, OrderDetail,
  OrderHistory, OrderList, PaymentList, Quote, QuoteList, QuoteQuery, Session,
} from './portal.ts';
import {
  CreateTokenRequest, CreatedToken, CustomerList, CustomerQuery, TokenList, TokenPath, TokenQuery,
  WorkspaceSettings, WorkspaceSettingsPatch,
} from './admin.ts';

export const API_PREFIX = '/api/v1';
export const PORTAL_PREFIX = `${API_PREFIX}/customer-portal/view/{token}`;

/**
 * One API operation: the single description that the server validates against, the OpenAPI
 * document is generated from, and the widget's client checks answers with.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI-style path with `{param}` placeholders. */
  path: string;
  auth: 'admin' | 'portal';
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Body of the success answer; null for 204 and for a binary answer. */
  response: z.ZodType | null;
  /** The success answer is a file of this type rather than JSON (with `response: null`). */
  binary?: 'application/pdf';
  status: 200 | 201 | 204;
  /** Section that must be switched on in the workspace (else 403 section_disabled). */
  section?: Section;
  /** Token permission required (else 403 permission_denied). */
  permission?: Permission;
  /** Requires an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Error statuses this operation can answer besides the common ones. */
  errors?: number[];
}

const TokenParam = z.object({ token: z.string().meta({ description: 'The customer portal token.' }) });
const ById = TokenParam.extend({ id: Id });

function define<const T extends Record<string, Endpoint>>(endpoints: T): T {
  return endpoints;
}

export const endpoints = define({
  listCustomers: {
    method: 'get', path: `${API_PREFIX}/customers`, auth: 'admin',
    summary: 'List customers', description: 'Customers of the workspace with their price group and order settings.',
    query: CustomerQuery, response: CustomerList, status: 200,
  },
  createToken: {
    method: 'post', path: `${API_PREFIX}/customer-portal/tokens`, auth: 'admin',
    summary: 'Create a portal token',
    description: 'Makes a personal portal link for a customer. The token is shown only in this answer; the server keeps a hash.',
    body: CreateTokenRequest, response: CreatedToken, status: 201, errors: [404],
  },
  listTokens: {
    method: 'get', path: `${API_PREFIX}/customer-portal/tokens`, auth: 'admin',
    summary: 'List portal tokens', description: 'Without the secrets. Filter with `client_id`.',
    query: TokenQuery, response: TokenList, status: 200,
  },
  revokeToken: {
    method: 'delete', path: `${API_PREFIX}/customer-portal/tokens/{id}`, auth: 'admin',
    summary: 'Revoke a portal token', description: 'Takes effect at once. Revoking twice is harmless.',
    params: TokenPath, response: null, status: 204, errors: [404],
  },
  getWorkspaceSettings: {
    method: 'get', path: `${API_PREFIX}/workspace/settings`, auth: 'admin',
    summary: 'Read workspace portal settings', response: WorkspaceSettings, status: 200,
  },
  patchWorkspaceSettings: {
    method: 'patch', path: `${API_PREFIX}/workspace/settings`, auth: 'admin',
    summary: 'Change workspace portal settings',
    description: 'Sections on/off, quote acceptance behaviour, tab visibility, checkout mode, trial state. Fields left out keep their value.',
    body: WorkspaceSettingsPatch, response: WorkspaceSettings, status: 200,
  },

  getSession: {
    method: 'get', path: `${PORTAL_PREFIX}/session`, auth: 'portal',
    summary: 'Portal session', description: 'Who the link belongs to, branding, currency, locale and the settings the widget needs.',
    params: TokenParam, response: Session, status: 200,
  },
  getCatalog: {
    method: 'get', path: `${PORTAL_PREFIX}/catalog`, auth: 'portal',
    summary: 'Catalogue and pricing inputs',
    description: "Categories, products and this customer's pricing inputs (price lists, promotions). Prices are resolved by the client with the shared pricing module.",
    params: TokenParam, response: Catalog, status: 200,
  },
  getDashboard: {
    method: 'get', path: `${PORTAL_PREFIX}/dashboard`, auth: 'portal',
    summary: 'Account dashboard', description: 'Credit, lifetime figures, outstanding balance and the latest documents of each readable section.',
    params: TokenParam, response: Dashboard, status: 200,
  },
  listOrders: {
    method: 'get', path: `${PORTAL_PREFIX}/orders`, auth: 'portal',
    summary: 'List orders', description: 'Newest first, 10 a page by default; drafts included and marked.',
    params: TokenParam, query: PageQuery, response: OrderList, status: 200, section: 'orders', permission: 'view_orders',
  },
  getOrder: {
    method: 'get', path: `${PORTAL_PREFIX}/orders/{id}`, auth: 'portal',
    summary: 'Order detail', description: 'Lines, totals, source quote, deliveries with tracking.',
    params: ById, response: OrderDetail, status: 200, section: 'orders', permission: 'view_orders', errors: [404],
  },
  getOrderPdf: {
    method: 'get', path: `${PORTAL_PREFIX}/orders/{id}/pdf`, auth: 'portal',
    summary: 'Order as PDF',
    description: 'The order as an A4 PDF download, named after its number. Drafts cannot be opened (404).',
    params: ById, response: null, binary: 'application/pdf', status: 200, section: 'orders', permission: 'view_orders', errors: [404],
  },
  getOrderHistory: {
    method: 'get', path: `${PORTAL_PREFIX}/order-history`, auth: 'portal',
    summary: 'Products ordered before', description: 'Up to 50 products, most recently ordered first, with their current availability.',
    params: TokenParam, response: OrderHistory, status: 200, section: 'orders', permission: 'view_orders',
  },
  placeOrder: {
    method: 'post', path: `${PORTAL_PREFIX}/orders`, auth: 'portal',
    summary: 'Place an order (checkout)',
    description:
      'Requires an `Idempotency-Key` header: the same key and body replays the first answer, the same key with another body is 422, ' +
      'and a second request while the first is still running is 409. The server prices every line itself; with `expected_total` a ' +
      'different total answers 409 `price_changed` with the current prices.',
    params: TokenParam, body: CheckoutRequest, response: OrderDetail, status: 201, idempotent: true, errors: [409, 422],
  },
  listQuotes: {
    method: 'get', path: `${PORTAL_PREFIX}/quotes`, auth: 'portal',
    summary: 'List quotes', params: TokenParam, query: QuoteQuery, response: QuoteList, status: 200,
    section: 'quotes', permission: 'view_quotes',
  },
  acceptQuote: {
    method: 'post', path: `${PORTAL_PREFIX}/quotes/{id}/accept`, auth: 'portal',
    summary: 'Accept a quote',
    description: 'Creates the sales order when the workspace has "create order on acceptance" on. Only a sent quote within its validity can be accepted (else 422).',
    params: ById, response: Quote, status: 200, section: 'quotes', permission: 'accept_quotes', errors: [404, 422],
  },
  declineQuote: {
    method: 'post', path: `${PORTAL_PREFIX}/quotes/{id}/decline`, auth: 'portal',
    summary: 'Decline a quote', description: 'The body, with an optional reason, may be left out.', params: ById, body: DeclineRequest.optional(), response: Quote, status: 200,
    section: 'quotes', permission: 'accept_quotes', errors: [404, 422],
  },
  listInvoices: {
    method: 'get', path: `${PORTAL_PREFIX}/invoices`, auth: 'portal',
    summary: 'List invoices', params: TokenParam, query: InvoiceQuery, response: InvoiceList, status: 200,
    section: 'invoices', permission: 'view_invoices',
  },
  listPayments: {
    method: 'get', path: `${PORTAL_PREFIX}/payments`, auth: 'portal',
    summary: 'List payments', description: 'With the invoices each payment was allocated to.',
    params: TokenParam, query: PageQuery, response: PaymentList, status: 200, section: 'payments', permission: 'view_payments',
  },
  listDeliveries: {
    method: 'get', path: `${PORTAL_PREFIX}/deliveries`, auth: 'portal',
    summary: 'List deliveries', description: 'Carrier, tracking number, dates and lines.',
    params: TokenParam, query: PageQuery, response: DeliveryList, status: 200, section: 'deliveries', permission: 'view_deliveries',
  },
});

export type EndpointName = keyof typeof endpoints;
