/**
 * Asks the page's `<reorder-cart>` to open, e.g. after "Reorder with changes". `token` says whose
 * cart; an empty token opens every cart on the page (there is usually one). Dispatch it so that it
 * reaches the document: on the document itself, or from an element (it bubbles and is composed).
 */
export class PortalOpenCartEvent extends Event {
  constructor(readonly token = '') {
    super('portal-open-cart', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-open-cart': PortalOpenCartEvent;
  }
}
