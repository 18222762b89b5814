import type { ApiError } from '../api/errors.ts';

/** Fired when a request fails, after the element has shown the customer what happened. */
export class PortalErrorEvent extends Event {
  constructor(readonly error: ApiError) {
    super('portal-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-error': PortalErrorEvent;
  }
}
