/**
 * The script-tag entry: registers the public elements and exports their classes, events and
 * the API client. <past-orders> is defined when the page first uses it (its code is a chunk of
 * its own, which pages with only the portal never load); import its class from the package's
 * `./past-orders` entry.
 */
import { autoload, loadPastOrders } from './parts/lazy.ts';

export { CustomerPortal } from './elements/customer-portal/customer-portal.ts';
export { ReorderCart } from './elements/reorder-cart/reorder-cart.ts';
autoload('past-orders', loadPastOrders);
export * from './events/index.ts';
export { PortalClient } from './api/client.ts';
export { ApiError, type ApiErrorKind } from './api/errors.ts';
