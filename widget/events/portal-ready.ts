import type { Session } from '../contract/index.ts';

/** Fired once the session has loaded: the customer is known, the welcome screen is shown. */
export class PortalReadyEvent extends Event {
  constructor(readonly session: Session) {
    super('portal-ready', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-ready': PortalReadyEvent;
  }
}
