/**
 * Compile-time checks of the public typings (run by `tsc --noEmit` and `npm run test:types`; nothing
 * executes): a host page's listeners get each event's class from the `GlobalEventHandlersEventMap`
 * augmentations, and the React wrappers' props are typed likewise. Each `@ts-expect-error` is a
 * mistake that must not compile.
 */
import type { ComponentProps } from 'react';
import type { ApiError } from '../../widget/api/errors.ts';
import type { OrderDetail, Session } from '../../widget/contract/index.ts';
import type { CustomerPortal } from '../../widget/index.ts';
import type { PastOrders } from '../../widget/elements/past-orders/past-orders.ts';
import type { ReorderCart } from '../../widget/elements/reorder-cart/reorder-cart.ts';
import type * as Wrappers from '../../widget/react/index.ts';

declare const portal: CustomerPortal;
declare const cart: ReorderCart;
declare const pastOrders: PastOrders;

// Listeners on an element, on the document and through querySelector.
portal.addEventListener('portal-cart-change', (e) => {
  const count: number = e.itemCount;
  const total: number = e.totalMinor;
  const currency: string = e.currency;
  const productIds: string[] = e.lines.map((line) => line.product_id);
  void [count, total, currency, productIds];
});
portal.addEventListener('portal-ready', (e) => {
  const session: Session = e.session;
  void session;
});
portal.addEventListener('portal-order-placed', (e) => {
  const order: OrderDetail = e.order;
  void order;
});
portal.addEventListener('portal-payment-required', (e) => {
  e.preventDefault();
  const url: string | null = e.paymentUrl;
  const order: OrderDetail | null = e.order;
  void [url, order];
});
portal.addEventListener('portal-error', (e) => {
  const error: ApiError = e.error;
  void error.kind;
});
document.addEventListener('portal-open-cart', (e) => {
  const token: string = e.token;
  void token;
});
document.querySelector('reorder-cart')?.addEventListener('portal-cart-change', (e) => void e.itemCount);
cart.addEventListener('portal-order-placed', (e) => void e.order.number);
pastOrders.addEventListener('portal-open-cart', (e) => void e.token);

// @ts-expect-error a cart change has no `count` (it is `itemCount`)
portal.addEventListener('portal-cart-change', (e) => e.count);
portal.addEventListener('portal-cart-change', (e) => {
  // @ts-expect-error `itemCount` is a number
  const n: string = e.itemCount;
  void n;
});
// @ts-expect-error the ready event carries the session, not an order
portal.addEventListener('portal-ready', (e) => e.order);
// @ts-expect-error an order placed carries no cart lines
document.addEventListener('portal-order-placed', (e) => e.lines);
// @ts-expect-error a typo in the event name gives a plain Event, which has no `itemCount`
portal.addEventListener('portal-cart-changed', (e) => e.itemCount);

// The elements' properties.
portal.apiBase = 'https://api.supplier.example';
portal.token = 'cpt_…';
// @ts-expect-error `apiBase` is a string
portal.apiBase = 42;

// The React wrappers: properties and typed event props.
type PortalProps = ComponentProps<typeof Wrappers.CustomerPortal>;
type CartProps = ComponentProps<typeof Wrappers.ReorderCart>;
type PastOrdersProps = ComponentProps<typeof Wrappers.PastOrders>;

const portalProps: PortalProps = {
  apiBase: 'https://api.supplier.example',
  token: 'cpt_…',
  className: 'portal',
  onPortalCartChange: (e) => {
    const count: number = e.itemCount;
    void count;
  },
  onPortalOrderPlaced: (e) => void e.order.number,
  onPortalPaymentRequired: (e) => e.preventDefault(),
  onPortalReady: (e) => void e.session.customer,
  onPortalError: (e) => void e.error.kind,
};
const cartProps: CartProps = { onPortalCartChange: (e) => void e.totalMinor };
const pastOrdersProps: PastOrdersProps = { onPortalOpenCart: (e) => void e.token };
void [portalProps, cartProps, pastOrdersProps];

// @ts-expect-error a cart change has no `count`
const wrongProperty: PortalProps = { onPortalCartChange: (e) => e.count };
// @ts-expect-error the ready event carries no order
const wrongEvent: PortalProps = { onPortalReady: (e) => e.order };
// @ts-expect-error `apiBase` is a string
const wrongType: PortalProps = { apiBase: 1 };
// @ts-expect-error <past-orders> fires no portal-order-placed
const notFired: PastOrdersProps = { onPortalOrderPlaced: () => undefined };
void [wrongProperty, wrongEvent, wrongType, notFired];
