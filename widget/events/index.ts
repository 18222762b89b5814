export { PortalReadyEvent } from './portal-ready.ts';
export { PortalCartChangeEvent } from './portal-cart-change.ts';
export { PortalOrderPlacedEvent } from './portal-order-placed.ts';
export { PortalPaymentRequiredEvent } from './portal-payment-required.ts';
export { PortalErrorEvent } from './portal-error.ts';
export { PortalOpenCartEvent } from './portal-open-cart.ts';
