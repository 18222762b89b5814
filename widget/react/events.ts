/**
 * The React event props of each element: `onPortalCartChange` listens to `portal-cart-change`, and
 * so on for every event the element's class comment lists with `@fires` (a test compares them with
 * custom-elements.json). Kept apart from the wrappers so it carries no React or DOM import.
 */
import type {
  PortalCartChangeEvent,
  PortalErrorEvent,
  PortalOpenCartEvent,
  PortalOrderPlacedEvent,
  PortalPaymentRequiredEvent,
  PortalReadyEvent,
} from '../events/index.ts';

/**
 * An event name carrying its event class, as @lit/react's `EventName<T>` (same shape), declared
 * here so the package's types need nothing from @lit/react, which the wrappers bundle.
 */
export type EventName<T extends Event = Event> = string & { __eventType: T };

const name = <T extends Event>(event: string) => event as EventName<T>;

export const customerPortalEvents = {
  onPortalReady: name<PortalReadyEvent>('portal-ready'),
  onPortalCartChange: name<PortalCartChangeEvent>('portal-cart-change'),
  onPortalOrderPlaced: name<PortalOrderPlacedEvent>('portal-order-placed'),
  onPortalPaymentRequired: name<PortalPaymentRequiredEvent>('portal-payment-required'),
  onPortalError: name<PortalErrorEvent>('portal-error'),
};

export const pastOrdersEvents = {
  onPortalCartChange: name<PortalCartChangeEvent>('portal-cart-change'),
  onPortalOpenCart: name<PortalOpenCartEvent>('portal-open-cart'),
  onPortalError: name<PortalErrorEvent>('portal-error'),
};

export const reorderCartEvents = {
  onPortalReady: name<PortalReadyEvent>('portal-ready'),
  onPortalCartChange: name<PortalCartChangeEvent>('portal-cart-change'),
  onPortalOrderPlaced: name<PortalOrderPlacedEvent>('portal-order-placed'),
  onPortalPaymentRequired: name<PortalPaymentRequiredEvent>('portal-payment-required'),
  onPortalError: name<PortalErrorEvent>('portal-error'),
};

/** Event props by tag name, for tools and tests. */
export const eventsByTag = {
  'customer-portal': customerPortalEvents,
  'past-orders': pastOrdersEvents,
  'reorder-cart': reorderCartEvents,
} as const;
