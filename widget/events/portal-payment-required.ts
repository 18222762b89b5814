import type { OrderDetail } from '../contract/index.ts';

/**
 * Pay Now: fired after the order is placed. Cancel it (`preventDefault()`) to take payment in the
 * host page; otherwise the element goes to `paymentUrl` with the order number and total.
 */
export class PortalPaymentRequiredEvent extends Event {
  constructor(readonly order: OrderDetail, readonly paymentUrl: string | null) {
    super('portal-payment-required', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-payment-required': PortalPaymentRequiredEvent;
  }
}
