import { z } from 'zod';
import { DocumentKey, PageQuery, type Permission, type Section } from './common.ts';
import { Catalog, Category, Product, Promotion } from './catalog.ts';
import {
  CancelOrderRequest, CheckoutRequest, Dashboard, DeclineRequest, Delivery, DeliveryList, InvoiceDetail, InvoiceList,
  InvoiceQuery, OrderDetail, OrderHistory, OrderList, OrderUpdateRequest, PaymentList, Quote, QuoteList, QuoteQuery, Session,
} from './portal.ts';
import {
  AdminOrderRequest, AdminOrderRequestList, AdminPageQuery, CreateTokenRequest, CreatedToken, OrderRequestPath, OrderRequestQuery, RejectOrderRequest, CustomerList, TokenList, TokenPath, TokenQuery,
  WorkspaceSettings, WorkspaceSettingsPatch,
} from './admin.ts';
import { SendLinkPath, SendLinkRequest, SentLink } from './links.ts';
import {
  AdminPriceListList, AdminProductList, BulkProductsRequest, BulkProductsResult, CategoryList, CategoryPatch, CategoryPath,
  CreateCategory, CreatePriceGroup, CreatePromotion, DeletePriceEntries, DeletedEntries, MAX_BULK_BODY_BYTES, PriceEntriesResult, PriceGroup,
  PriceGroupList, PriceListDetail, PriceListEntriesQuery, PriceListPath, ProductPatch, ProductPath, ProductQuery, PromotionList, PromotionPatch,
  PromotionPath, PromotionQuery, PutPriceEntries,
} from './admin-catalog.ts';
import {
  AdminInvoiceDetail, AdminInvoiceList, AdminInvoiceQuery, AdminOrderDetail, AdminOrderList, AdminOrderQuery, AdminPayment, AdminPaymentList,
  AdminPaymentQuery, AdminQuote, AdminQuoteList, AdminQuoteQuery, CreateInvoiceRequest, CreateOrderRequest, CreatePaymentRequest,
  CreateQuoteRequest, InvoicePath, OrderPath, OrderStatusChange, QuotePath,
} from './admin-orders.ts';
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
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
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
  /** The body may be this many bytes (bulk imports); default LIMITS.maxBodyBytes. */
  maxBodyBytes?: number;
  /**
   * The answer carries a strong `ETag` and `Cache-Control: private, no-cache`; a request with
   * `If-None-Match` naming it gets 304 with no body (the catalogue: MBs a returning customer
   * already holds).
   */
  revalidated?: true;
  /** Requires an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Error statuses this operation can answer besides the common ones. */
  errors?: number[];
  /** An operation of the supplier's back office: a portal backend may leave it out; the conformance kit checks it where offered. */
  backOffice?: true;
}

const TokenParam = z.object({ token: z.string().meta({ description: 'The customer portal token.' }) });
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
  listProducts: {
    method: 'get', path: `${API_PREFIX}/products`, auth: 'admin', backOffice: true,
    summary: 'List products', description: 'By SKU. Search with `q` (SKU or name), filter with `category_id` and `active`.',
    query: ProductQuery, response: AdminProductList, status: 200,
  },
  getProduct: {
    method: 'get', path: `${API_PREFIX}/products/{id}`, auth: 'admin', backOffice: true,
    summary: 'Read a product', params: ProductPath, response: Product, status: 200, errors: [404],
  },
  bulkUpsertProducts: {
    method: 'post', path: `${API_PREFIX}/products/bulk`, auth: 'admin', backOffice: true,
    summary: 'Create or update products in bulk',
    description:
      'Up to 10,000 rows a call (413 beyond; body up to 16 MB), keyed by `sku`: a new SKU is created (it needs `name` and `units`), ' +
      'a known one is updated (fields left out keep their value; `units` replaces the whole set). All or nothing: any refused row ' +
      '(a SKU twice, an unknown category, a unit code twice) refuses the call with 422 `rows_refused`, every problem in `details` ' +
      'as `{ row, field, path, message }`. Customers see the change at their next catalogue read.',
    body: BulkProductsRequest, response: BulkProductsResult, status: 200, errors: [422], maxBodyBytes: MAX_BULK_BODY_BYTES,
  },
  patchProduct: {
    method: 'patch', path: `${API_PREFIX}/products/{id}`, auth: 'admin', backOffice: true,
    summary: 'Change a product', description: 'Stock, active flag, name, units or base prices... Fields left out keep their value.',
    params: ProductPath, body: ProductPatch, response: Product, status: 200, errors: [404, 422],
  },
  listCategories: {
    method: 'get', path: `${API_PREFIX}/categories`, auth: 'admin', backOffice: true,
    summary: 'List categories', description: 'In display order (position, then id).',
    query: AdminPageQuery, response: CategoryList, status: 200,
  },
  createCategory: {
    method: 'post', path: `${API_PREFIX}/categories`, auth: 'admin', backOffice: true,
    summary: 'Create a category', body: CreateCategory, response: Category, status: 201, errors: [409],
  },
  patchCategory: {
    method: 'patch', path: `${API_PREFIX}/categories/{id}`, auth: 'admin', backOffice: true,
    summary: 'Rename or move a category', params: CategoryPath, body: CategoryPatch, response: Category, status: 200, errors: [404],
  },
  listPriceGroups: {
    method: 'get', path: `${API_PREFIX}/price-groups`, auth: 'admin', backOffice: true,
    summary: 'List price groups', description: 'By name, each with its price list.',
    query: AdminPageQuery, response: PriceGroupList, status: 200,
  },
  createPriceGroup: {
    method: 'post', path: `${API_PREFIX}/price-groups`, auth: 'admin', backOffice: true,
    summary: 'Create a price group',
    description: "Also makes the group's own price list (kind `group`, empty: the default list prices what it leaves out); fill it with `PUT /api/v1/price-lists/{id}/entries`.",
    body: CreatePriceGroup, response: PriceGroup, status: 201, errors: [409],
  },
  listPriceLists: {
    method: 'get', path: `${API_PREFIX}/price-lists`, auth: 'admin', backOffice: true,
    summary: 'List price lists', description: 'The default list and each group list, with the number of entries.',
    query: AdminPageQuery, response: AdminPriceListList, status: 200,
  },
  getPriceList: {
    method: 'get', path: `${API_PREFIX}/price-lists/{id}`, auth: 'admin', backOffice: true,
    summary: 'Read a price list', description: 'With its entries, a page at a time (500 by default, `limit` up to 1000).',
    params: PriceListPath, query: PriceListEntriesQuery, response: PriceListDetail, status: 200, errors: [404],
  },
  putPriceListEntries: {
    method: 'put', path: `${API_PREFIX}/price-lists/{id}/entries`, auth: 'admin', backOffice: true,
    summary: 'Set price list entries in bulk',
    description:
      'Up to 10,000 rows a call (413 beyond), each a product (`product_id` or `sku`), one of its units, a quantity break (`min_quantity`, ' +
      'default 1) and its unit price; an existing tier is overwritten. With `replace: true` the list holds exactly these rows afterwards. ' +
      'All or nothing: 422 `rows_refused` lists each refused row (unknown product or unit, a tier twice) in `details`.',
    params: PriceListPath, body: PutPriceEntries, response: PriceEntriesResult, status: 200, errors: [404, 422], maxBodyBytes: MAX_BULK_BODY_BYTES,
  },
  deletePriceListEntries: {
    method: 'post', path: `${API_PREFIX}/price-lists/{id}/entries/delete`, auth: 'admin', backOffice: true,
    summary: 'Delete price list entries',
    description: 'Each row names a product (`product_id` or `sku`), optionally a unit and a quantity break; every matching tier goes. Unknown products are 422.',
    params: PriceListPath, body: DeletePriceEntries, response: DeletedEntries, status: 200, errors: [404, 422], maxBodyBytes: MAX_BULK_BODY_BYTES,
  },
  listPromotions: {
    method: 'get', path: `${API_PREFIX}/promotions`, auth: 'admin', backOffice: true,
    summary: 'List promotions', description: 'Latest start first. Filter with `state`.',
    query: PromotionQuery, response: PromotionList, status: 200,
  },
  createPromotion: {
    method: 'post', path: `${API_PREFIX}/promotions`, auth: 'admin', backOffice: true,
    summary: 'Create a promotion', body: CreatePromotion, response: Promotion, status: 201, errors: [422], maxBodyBytes: MAX_BULK_BODY_BYTES,
  },
  patchPromotion: {
    method: 'patch', path: `${API_PREFIX}/promotions/{id}`, auth: 'admin', backOffice: true,
    summary: 'Change a promotion', description: 'Fields left out keep their value; `product_ids` replaces the set.',
    params: PromotionPath, body: PromotionPatch, response: Promotion, status: 200, errors: [404, 422], maxBodyBytes: MAX_BULK_BODY_BYTES,
  },
  endPromotion: {
    method: 'post', path: `${API_PREFIX}/promotions/{id}/end`, auth: 'admin', backOffice: true,
    summary: 'End a promotion now', description: 'It stops applying at once. Ending an ended promotion changes nothing.',
    params: PromotionPath, response: Promotion, status: 200, errors: [404],
  },

  // ---- back office: orders, quotes, invoices, payments (issue 15)
  adminListOrders: {
    method: 'get', path: `${API_PREFIX}/orders`, auth: 'admin', backOffice: true,
    summary: 'List orders',
    description: "Every customer's orders, newest first, with the customer and whether a change request waits. Filter by `status`, `channel` (portal orders carry \"portal\"), `customer_id` and the days `from`/`to` (UTC, inclusive).",
    query: AdminOrderQuery, response: AdminOrderList, status: 200,
  },
  adminGetOrder: {
    method: 'get', path: `${API_PREFIX}/orders/{id}`, auth: 'admin', backOffice: true,
    summary: 'Order detail', description: 'By id or number: lines, totals, customer, deliveries, invoices, change requests, the record, and the statuses it can move to.',
    params: OrderPath, response: AdminOrderDetail, status: 200, errors: [404],
  },
  adminSetOrderStatus: {
    method: 'post', path: `${API_PREFIX}/orders/{id}/status`, auth: 'admin', backOffice: true,
    summary: 'Move an order to another status',
    description:
      'Along the transition graph (see `allowed_transitions`; else 409 `invalid_transition` with `from`, `to`, `allowed`): ' +
      'draft → pending | cancelled; pending → confirmed (approving a portal order) | cancelled; confirmed → in_progress | shipped | cancelled; ' +
      'in_progress → shipped | cancelled; shipped → delivered; delivered → invoiced. Shipping needs `delivery` (carrier, tracking) and records a ' +
      'delivery of all the lines; delivered dates it; invoiced issues the invoice (due in 30 days) unless the order has one. ' +
      "Each move is recorded on the order's record with the reason. Cancelling an order with a pending request decides it: " +
      'a pending cancellation is approved, a pending change is rejected with the reason.',
    params: OrderPath, body: OrderStatusChange, response: AdminOrderDetail, status: 200, errors: [404, 409],
  },
  adminCreateOrder: {
    method: 'post', path: `${API_PREFIX}/orders`, auth: 'admin', backOffice: true,
    summary: 'Enter an order taken by phone, email or a sales rep',
    description:
      "Priced by the server with the customer's prices and freight, exactly as checkout prices a cart (422 `lines_not_orderable`); " +
      'the order is confirmed. The credit limit is not checked: the supplier decides. A reference already on a live order of the customer is ' +
      '422 `reference_taken` when the workspace requires unique references. An optional `Idempotency-Key` header replays the order it placed ' +
      '(same rules as checkout). An archived customer is 409 `conflict`.',
    body: CreateOrderRequest, response: AdminOrderDetail, status: 201, errors: [404, 409, 422],
  },
  adminListQuotes: {
    method: 'get', path: `${API_PREFIX}/quotes`, auth: 'admin', backOffice: true,
    summary: 'List quotes', description: 'Newest first, drafts included. Filter by `state` and `customer_id`.',
    query: AdminQuoteQuery, response: AdminQuoteList, status: 200,
  },
  adminGetQuote: {
    method: 'get', path: `${API_PREFIX}/quotes/{id}`, auth: 'admin', backOffice: true,
    summary: 'Quote detail', params: QuotePath, response: AdminQuote, status: 200, errors: [404],
  },
  adminCreateQuote: {
    method: 'post', path: `${API_PREFIX}/quotes`, auth: 'admin', backOffice: true,
    summary: 'Create a draft quote',
    description: "Priced by the server as checkout would price the lines today. A draft is invisible to the customer until it is sent.",
    body: CreateQuoteRequest, response: AdminQuote, status: 201, errors: [404, 409, 422],
  },
  adminSendQuote: {
    method: 'post', path: `${API_PREFIX}/quotes/{id}/send`, auth: 'admin', backOffice: true,
    summary: 'Send a draft quote', description: 'draft → sent: the customer sees it and may accept or decline it. Only a draft can be sent (else 409 `invalid_transition`).',
    params: QuotePath, response: AdminQuote, status: 200, errors: [404, 409],
  },
  adminConvertQuote: {
    method: 'post', path: `${API_PREFIX}/quotes/{id}/convert`, auth: 'admin', backOffice: true,
    summary: 'Turn an accepted quote into an order',
    description: 'For workspaces with "create order on acceptance" off: a confirmed order (channel "quote") with the quote\'s lines and prices. ' +
      'A quote that is not accepted or already has an order is 409 `quote_not_convertible`.',
    params: QuotePath, response: AdminQuote, status: 200, errors: [404, 409],
  },
  adminInvoiceOrder: {
    method: 'post', path: `${API_PREFIX}/orders/{id}/invoice`, auth: 'admin', backOffice: true,
    summary: 'Invoice an order',
    description:
      "One invoice per order for the order's total, issued today and due in `due_days` (30 by default). A confirmed, in-progress, shipped or " +
      'delivered order can be invoiced; a delivered one becomes invoiced. A second invoice is 409 `already_invoiced`; a draft, pending or ' +
      'cancelled order is 409 `not_invoiceable`. The body may be left out.',
    params: OrderPath, body: CreateInvoiceRequest.optional(), response: AdminInvoiceDetail, status: 201, errors: [404, 409],
  },
  adminListInvoices: {
    method: 'get', path: `${API_PREFIX}/invoices`, auth: 'admin', backOffice: true,
    summary: 'List invoices', description: 'Newest first. Filter by `customer_id` and `payment_state`.',
    query: AdminInvoiceQuery, response: AdminInvoiceList, status: 200,
  },
  adminGetInvoice: {
    method: 'get', path: `${API_PREFIX}/invoices/{id}`, auth: 'admin', backOffice: true,
    summary: 'Invoice detail', params: InvoicePath, response: AdminInvoiceDetail, status: 200, errors: [404],
  },
  adminCreatePayment: {
    method: 'post', path: `${API_PREFIX}/payments`, auth: 'admin', backOffice: true,
    summary: 'Record a payment',
    description:
      "Allocated to the customer's invoices: each allocation to one of this customer's invoices, at most its balance, all together at most " +
      'the amount (else 422 `allocation_invalid` listing each refused allocation). The invoices\' paid amounts move at once, so the customer sees them paid or partly paid.',
    body: CreatePaymentRequest, response: AdminPayment, status: 201, errors: [404, 409, 422],
  },
  adminListPayments: {
    method: 'get', path: `${API_PREFIX}/payments`, auth: 'admin', backOffice: true,
    summary: 'List payments', description: 'Newest first, with their allocations. Filter by `customer_id`.',
    query: AdminPaymentQuery, response: AdminPaymentList, status: 200,
  },


  // ---- links that reach the customer: portal URL, sending by email (issue 15)
  sendToken: {
    method: 'post', path: `${API_PREFIX}/customer-portal/tokens/{id}/send`, auth: 'admin',
    summary: "Email a portal link to its customer",
    description: "Sends the link to the customer's email address (or `to`), in the customer's language, and answers ready texts to share it "
      + 'through messaging apps. Refused: an unknown link (404); a revoked or expired link (422 `link_not_active`); an archived customer '
      + '(422 `customer_archived`); no address (422 `email_required`); a link made before links could be re-sent (409 `link_not_resendable`). '
      + 'The mail server failing or refusing: 502 `mail_failed`.',
    params: SendLinkPath, body: SendLinkRequest.optional(), response: SentLink, status: 200, errors: [404, 409, 422, 502], backOffice: true,
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
    params: TokenParam, response: Catalog, status: 200, revalidated: true,
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
    summary: 'Order detail', description: 'Lines, totals, source quote, deliveries with tracking, whether it can be changed, its change requests and its record. A draft is listed but cannot be opened (404), nor changed or cancelled.',
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
    params: ByKey, response: Quote, status: 200, section: 'quotes', permission: 'accept_quotes', errors: [404, 422],
  },
  declineQuote: {
    method: 'post', path: `${PORTAL_PREFIX}/quotes/{id}/decline`, auth: 'portal',
    summary: 'Decline a quote', description: 'The body, with an optional reason, may be left out.', params: ByKey, body: DeclineRequest.optional(), response: Quote, status: 200,
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
