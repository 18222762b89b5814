/**
 * React components for the three elements, made with @lit/react: `apiBase` and `token` are set as
 * properties, each `portal-*` event the element fires is an `on…` prop typed with its event class
 * (`onPortalCartChange={(e) => e.itemCount}`), and a `ref` gives the element itself (`openCart()`).
 * Importing this module registers the elements. React is the host app's (a peer dependency).
 *
 * ```tsx
 * import { CustomerPortal } from 'customer-portal-widget/react';
 * <CustomerPortal apiBase="https://api.supplier.example" onPortalCartChange={(e) => setCount(e.itemCount)} />
 * ```
 */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { CustomerPortal as CustomerPortalElement } from '../elements/customer-portal/customer-portal.ts';
import { PastOrders as PastOrdersElement } from '../elements/past-orders/past-orders.ts';
import { ReorderCart as ReorderCartElement } from '../elements/reorder-cart/reorder-cart.ts';
import { customerPortalEvents, pastOrdersEvents, reorderCartEvents, type EventName } from './events.ts';

/** The element's public properties, as props (the attributes `api-base` and `token`). */
type ElementProps<I> = Partial<Pick<I, Extract<keyof I, 'apiBase' | 'token'>>>;
type EventProps<E> = { [K in keyof E]?: E[K] extends EventName<infer T> ? (event: T) => void : never };

/** A wrapped element: React's HTML props, the element's properties, its typed event props and a ref to the element. */
export type PortalComponent<I extends HTMLElement, E> = React.ForwardRefExoticComponent<
  Omit<React.HTMLAttributes<I>, keyof E | keyof ElementProps<I>> &
    ElementProps<I> &
    EventProps<E> &
    React.RefAttributes<I>
>;

export const CustomerPortal: PortalComponent<CustomerPortalElement, typeof customerPortalEvents> = createComponent({
  react: React,
  tagName: 'customer-portal',
  elementClass: CustomerPortalElement,
  events: customerPortalEvents,
  displayName: 'CustomerPortal',
});

export const PastOrders: PortalComponent<PastOrdersElement, typeof pastOrdersEvents> = createComponent({
  react: React,
  tagName: 'past-orders',
  elementClass: PastOrdersElement,
  events: pastOrdersEvents,
  displayName: 'PastOrders',
});

export const ReorderCart: PortalComponent<ReorderCartElement, typeof reorderCartEvents> = createComponent({
  react: React,
  tagName: 'reorder-cart',
  elementClass: ReorderCartElement,
  events: reorderCartEvents,
  displayName: 'ReorderCart',
});

export { CustomerPortalElement, PastOrdersElement, ReorderCartElement };
export type {
  PortalCartChangeEvent,
  PortalErrorEvent,
  PortalOpenCartEvent,
  PortalOrderPlacedEvent,
  PortalPaymentRequiredEvent,
  PortalReadyEvent,
} from '../events/index.ts';
export type { EventName } from './events.ts';
