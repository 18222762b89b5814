/**
 * The script-tag entry: registers the public elements and exports their classes, events and
 * the modules a host page or a backend may want (contract, pricing, API client).
 */
export { CustomerPortal } from './elements/customer-portal/customer-portal.ts';
export * from './events/index.ts';
export { PortalClient } from './api/client.ts';
export { ApiError, type ApiErrorKind } from './api/errors.ts';
