/**
 * The script-tag entry: registers the public elements and exports their classes, events and
 * the modules a host page or a backend may want (contract, pricing, API client).
 */
export { CustomerPortal } from './elements/customer-portal/customer-portal.ts';
export { ReorderCart } from './elements/reorder-cart/reorder-cart.ts';
export { PastOrders } from './elements/past-orders/past-orders.ts';
export * from './events/index.ts';
export { PortalClient } from './api/client.ts';
export { ApiError, type ApiErrorKind } from './api/errors.ts';
