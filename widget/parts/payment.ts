import type { OrderDetail, Session } from '../contract/index.ts';
import { PortalPaymentRequiredEvent } from '../events/index.ts';

/** The supplier's payment page for one order: its number, total and currency in the query. */
export function paymentLink(paymentUrl: string, order: OrderDetail): string {
  const url = new URL(paymentUrl);
  url.searchParams.set('order', order.number);
  url.searchParams.set('amount_minor', String(order.total_minor));
  url.searchParams.set('currency', order.currency);
  return url.toString();
}

/**
 * Pay Now, after an order is placed: fires the cancelable `portal-payment-required` from `host`
 * and, unless the page cancels it, goes to the payment page. Call it from a
 * `portal-order-placed` listener; the payment event follows once that event has reached the page.
 */
export function requestPayment(host: EventTarget, session: Session | undefined, order: OrderDetail): void {
  if (!session || session.settings.checkout_mode !== 'pay_now') return;
  const paymentUrl = session.settings.payment_url;
  queueMicrotask(() => {
    const payment = new PortalPaymentRequiredEvent(order, paymentUrl);
    host.dispatchEvent(payment);
    if (!payment.defaultPrevented && paymentUrl) window.location.assign(paymentLink(paymentUrl, order));
  });
}
