import { z } from 'zod';
import { DocumentKey, Id, PageQuery, type Permission, type Section } from './common.ts';
import { Catalog } from './catalog.ts';
import {
  CancelOrderRequest, CheckoutRequest, Dashboard, DeclineRequest, Delivery, DeliveryList, InvoiceDetail, InvoiceList,
  InvoiceQuery, OrderDetail, OrderHistory, OrderList, OrderUpdateRequest, PaymentList, Quote, QuoteList, QuoteQuery, Session,
} from './portal.ts';
import {
  AdminOrderRequest, AdminOrderRequestList, AdminPageQuery, CreateTokenRequest, CreatedToken, OrderRequestPath, OrderRequestQuery, RejectOrderRequest, CustomerList, TokenList, TokenPath, TokenQuery,
  WorkspaceSettings, WorkspaceSettingsPatch,
} from './admin.ts';
import {
  ActivityList, ActivityQuery, AdminKeyList, AdminKeyPath, CreateAdminKeyRequest, CreateCustomerRequest, CreatedAdminKey,
  CustomerDetail, CustomerListQuery, CustomerPatch, CustomerPath,
} from './admin-customers.ts';

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
  /** A second permission a write needs besides reading (order changes: `place_orders`; else 403 permission_denied). */
  writePermission?: Permission;
  /** Requires an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Error statuses this operation can answer besides the common ones. */
  errors?: number[];
  /** An operation of the supplier's back office: a portal backend may leave it out; the conformance kit checks it where offered. */
  backOffice?: true;
}

const TokenParam = z.object({ token: z.string().meta({ description: 'The customer portal token.' }) });
const ById = TokenParam.extend({ id: Id });
const ByKey = TokenParam.extend({ id: DocumentKey });

export { readPermission, requiredPermissions } from './rules/access.ts';

function define<const T extends Record<string, Endpoint>>(endpoints: T): T {
  return endpoints;
}

export const endpoints = define({
  listCustomers: {
    method: 'get', path: `${API_PREFIX}/customers`, auth: 'admin',
    summary: 'List customers',
    description: 'Customers of the workspace with their price group and order settings, by business name. Search with `q` (business name or email, any case); archived customers only with `archived=true` or `any`.',
    query: CustomerListQuery, response: CustomerList, status: 200,
  },
  createToken: {
    method: 'post', path: `${API_PREFIX}/customer-portal/tokens`, auth: 'admin',
    summary: 'Create a portal token',
    description: 'Makes a personal portal link for a customer. The token is shown only in this answer; the server keeps a hash. An archived customer gets no link (422 `customer_archived`).',
    body: CreateTokenRequest, response: CreatedToken, status: 201, errors: [404, 422],
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
  listOrderRequests: {
    method: 'get', path: `${API_PREFIX}/order-requests`, auth: 'admin',
    summary: 'List order change requests',
    description: "Customers' changes and cancellations, newest first. Filter with `state` (e.g. pending) and `client_id`.",
    query: OrderRequestQuery, response: AdminOrderRequestList, status: 200,
  },
  approveOrderRequest: {
    method: 'post', path: `${API_PREFIX}/order-requests/{id}/approve`, auth: 'admin',
    summary: 'Approve an order change request', description: 'Applies the change or cancellation. Only a pending request can be decided (else 422 `request_not_pending`).',
    params: OrderRequestPath, response: AdminOrderRequest, status: 200, errors: [404, 422],
  },
  rejectOrderRequest: {
    method: 'post', path: `${API_PREFIX}/order-requests/{id}/reject`, auth: 'admin',
    summary: 'Reject an order change request', description: 'The order stays as it was; the customer sees the rejection and its reason. The body may be left out.',
    params: OrderRequestPath, body: RejectOrderRequest.optional(), response: AdminOrderRequest, status: 200, errors: [404, 422],
  },

  // ---- back office: customers, named admin keys, activity (issue 15)
  createCustomer: {
    method: 'post', path: `${API_PREFIX}/customers`, auth: 'admin', backOffice: true,
    summary: 'Create a customer',
    description: 'Only `business_name` is required; each setting left out or null follows the workspace default. An unknown price group is 422 `unknown_price_group`.',
    body: CreateCustomerRequest, response: CustomerDetail, status: 201, errors: [422],
  },
  getCustomer: {
    method: 'get', path: `${API_PREFIX}/customers/{id}`, auth: 'admin', backOffice: true,
    summary: 'Read a customer', description: 'With the number of live links and the instant of their latest activity.',
    params: CustomerPath, response: CustomerDetail, status: 200, errors: [404],
  },
  patchCustomer: {
    method: 'patch', path: `${API_PREFIX}/customers/{id}`, auth: 'admin', backOffice: true,
    summary: 'Change a customer',
    description: 'Fields left out keep their value; a setting set to null follows the workspace default again. The portal shows a change at its next request.',
    params: CustomerPath, body: CustomerPatch, response: CustomerDetail, status: 200, errors: [404, 422],
  },
  archiveCustomer: {
    method: 'post', path: `${API_PREFIX}/customers/{id}/archive`, auth: 'admin', backOffice: true,
    summary: 'Archive a customer',
    description: "Their links stop working at once (401 `invalid_token`, as a revoked link) and they leave the customer list; their documents stay. Archiving twice keeps the first instant.",
    params: CustomerPath, response: CustomerDetail, status: 200, errors: [404],
  },
  unarchiveCustomer: {
    method: 'post', path: `${API_PREFIX}/customers/{id}/unarchive`, auth: 'admin', backOffice: true,
    summary: 'Unarchive a customer', description: 'Their links that are neither revoked nor expired work again.',
    params: CustomerPath, response: CustomerDetail, status: 200, errors: [404],
  },
  listAdminKeys: {
    method: 'get', path: `${API_PREFIX}/admin-keys`, auth: 'admin', backOffice: true,
    summary: 'List admin keys', description: 'Without the secrets: the bootstrap key first, then named keys newest first, revoked ones included.',
    query: AdminPageQuery, response: AdminKeyList, status: 200,
  },
  createAdminKey: {
    method: 'post', path: `${API_PREFIX}/admin-keys`, auth: 'admin', backOffice: true,
    summary: 'Create a named admin key', description: 'The key is shown only in this answer; the server keeps a hash.',
    body: CreateAdminKeyRequest, response: CreatedAdminKey, status: 201,
  },
  revokeAdminKey: {
    method: 'delete', path: `${API_PREFIX}/admin-keys/{id}`, auth: 'admin', backOffice: true,
    summary: 'Revoke a named admin key',
    description: 'Takes effect at once; revoking twice is harmless. The bootstrap key cannot be revoked here (422 `key_not_revocable`).',
    params: AdminKeyPath, response: null, status: 204, errors: [404, 422],
  },
  listActivity: {
    method: 'get', path: `${API_PREFIX}/activity`, auth: 'admin', backOffice: true,
    summary: 'Customer activity',
    description: 'Newest first: links used (at most once per link and hour), created and revoked; orders placed in the portal; change and cancellation requests; quotes accepted and declined. Filter with `customer_id`.',
    query: ActivityQuery, response: ActivityList, status: 200,
  },

  // ---- back office: catalogue sync for an ERP (issue 15)

  // ---- back office: orders, quotes, invoices, payments (issue 15)

  // ---- links that reach the customer: portal URL, sending by email (issue 15)

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
    summary: 'Order detail', description: 'Lines, totals, source quote, deliveries with tracking, whether it can be changed, its change requests and its record.',
    params: ByKey, response: OrderDetail, status: 200, section: 'orders', permission: 'view_orders', errors: [404],
  },
  getOrderPdf: {
    method: 'get', path: `${PORTAL_PREFIX}/orders/{id}/pdf`, auth: 'portal',
    summary: 'Order as PDF',
    description: 'The order as an A4 PDF download, named after its number. Drafts cannot be opened (404).',
    params: ByKey, response: null, binary: 'application/pdf', status: 200, section: 'orders', permission: 'view_orders', errors: [404],
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
      'Requires an `Idempotency-Key` header: the same key and body replays the order placed (the first answer, or the order as it now ' +
      'stands if it changed since), for 24 hours by default; the same key with another body is 422, ' +
      'and a second request while the first is still running is 409. The server prices every line itself; with `expected_total` a ' +
      'different total answers 409 `price_changed` with the current prices.',
    params: TokenParam, body: CheckoutRequest, response: OrderDetail, status: 201, permission: 'place_orders', idempotent: true, errors: [409, 422],
  },
  updateOrder: {
    method: 'patch', path: `${PORTAL_PREFIX}/orders/{id}`, auth: 'portal',
    summary: 'Change an order',
    description:
      'New lines (the whole set) or customer reference, re-priced by the server. Allowed when the workspace enables order changes, ' +
      'the order was placed in the portal and its status is before the configured point (else 422 `order_not_editable` with the reason). ' +
      'With "apply updates automatically" off the change waits for the supplier: the answer shows it in `requests` and `pending_request`. ' +
      'A second change while one is pending is 409 `request_pending`.',
    params: ByKey, body: OrderUpdateRequest, response: OrderDetail, status: 200, section: 'orders', permission: 'view_orders',
    writePermission: 'place_orders', errors: [404, 409, 422],
  },
  cancelOrder: {
    method: 'post', path: `${PORTAL_PREFIX}/orders/{id}/cancel`, auth: 'portal',
    summary: 'Cancel an order',
    description: 'Same rules as changing it. With "apply cancellations automatically" off the cancellation waits for the supplier. The body, with an optional reason, may be left out.',
    params: ByKey, body: CancelOrderRequest.optional(), response: OrderDetail, status: 200, section: 'orders', permission: 'view_orders',
    writePermission: 'place_orders', errors: [404, 409, 422],
  },
  listQuotes: {
    method: 'get', path: `${PORTAL_PREFIX}/quotes`, auth: 'portal',
    summary: 'List quotes', params: TokenParam, query: QuoteQuery, response: QuoteList, status: 200,
    section: 'quotes', permission: 'view_quotes',
  },
  getQuote: {
    method: 'get', path: `${PORTAL_PREFIX}/quotes/{id}`, auth: 'portal',
    summary: 'Quote detail', params: ByKey, response: Quote, status: 200, section: 'quotes', permission: 'view_quotes', errors: [404],
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
  getInvoice: {
    method: 'get', path: `${PORTAL_PREFIX}/invoices/{id}`, auth: 'portal',
    summary: 'Invoice detail', description: 'Lines, totals, balance and the payments allocated to it.',
    params: ByKey, response: InvoiceDetail, status: 200, section: 'invoices', permission: 'view_invoices', errors: [404],
  },
  getInvoicePdf: {
    method: 'get', path: `${PORTAL_PREFIX}/invoices/{id}/pdf`, auth: 'portal',
    summary: 'Invoice as PDF', description: 'The invoice as an A4 PDF download, named after its number.',
    params: ByKey, response: null, binary: 'application/pdf', status: 200, section: 'invoices', permission: 'view_invoices', errors: [404],
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
  getDelivery: {
    method: 'get', path: `${PORTAL_PREFIX}/deliveries/{id}`, auth: 'portal',
    summary: 'Delivery detail', params: ByKey, response: Delivery, status: 200, section: 'deliveries', permission: 'view_deliveries', errors: [404],
  },
});

export type EndpointName = keyof typeof endpoints;
