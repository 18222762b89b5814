/**
 * The script-tag entry: registers the public elements and exports the portal's class, the events
 * and the API client. <past-orders> and <reorder-cart> are defined when the page first uses them
 * (each is a chunk of its own, which pages with only the portal never load); import their classes
 * from the package's `./past-orders` and `./reorder-cart` entries.
 */
import { autoload, loadPastOrders, loadReorderCart } from './parts/lazy.ts';

export { CustomerPortal } from './elements/customer-portal/customer-portal.ts';
autoload('past-orders', loadPastOrders);
autoload('reorder-cart', loadReorderCart);
export * from './events/index.ts';
export { PortalClient } from './api/client.ts';
export { ApiError, type ApiErrorKind } from './api/errors.ts';
