import type { OrderDetail } from '../contract/index.ts';

/** Fired when an order has been placed, with the order as the supplier recorded it. */
export class PortalOrderPlacedEvent extends Event {
  constructor(readonly order: OrderDetail) {
    super('portal-order-placed', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-order-placed': PortalOrderPlacedEvent;
  }
}
