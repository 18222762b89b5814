import type { CartLine } from '../state/store.ts';

/** Fired whenever the cart changes (here or in another tab): its lines, item count and total in minor units. */
export class PortalCartChangeEvent extends Event {
  constructor(
    readonly lines: readonly CartLine[],
    readonly itemCount: number,
    readonly totalMinor: number,
    readonly currency: string,
  ) {
    super('portal-cart-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-cart-change': PortalCartChangeEvent;
  }
}
