import type { Invoice, OrderDetail, Session } from '../contract/index.ts';
import { PortalPaymentRequiredEvent } from '../events/index.ts';
import { routeHref } from '../state/route.ts';

/**
 * The payment page as a URL the widget may send the customer to: http(s) only. It comes from the
 * supplier's API, and a `javascript:` URL handed to location.assign would run in the host page.
 */
export function safePaymentUrl(paymentUrl: string | null | undefined): URL | null {
  if (!paymentUrl) return null;
  try {
    const url = new URL(paymentUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Where the payment page sends the customer back: this page, at the document paid for
 * (`#portal/orders/SO-…`). The link kept in this browser signs them in again there.
 */
export function returnUrl(hash: string): string {
  const url = new URL(window.location.href);
  url.hash = hash;
  return url.toString();
}

/**
 * The supplier's payment page for one order: its number, total and currency in the query, and
 * `return_url` when given; null without a usable page.
 */
export function paymentLink(paymentUrl: string | null, order: OrderDetail, back?: string): string | null {
  const url = safePaymentUrl(paymentUrl);
  if (!url) return null;
  url.searchParams.set('order', order.number);
  url.searchParams.set('amount_minor', String(order.total_minor));
  url.searchParams.set('currency', order.currency);
  if (back) url.searchParams.set('return_url', back);
  return url.toString();
}

/** The supplier's payment page for an invoice's balance: its number, the balance and currency in the query; null without a usable page. */
export function invoicePaymentLink(paymentUrl: string | null, invoice: Invoice, back?: string): string | null {
  const url = safePaymentUrl(paymentUrl);
  if (!url) return null;
  url.searchParams.set('invoice', invoice.number);
  url.searchParams.set('amount_minor', String(invoice.balance_minor));
  url.searchParams.set('currency', invoice.currency);
  if (back) url.searchParams.set('return_url', back);
  return url.toString();
}

/**
 * Pay Now, after an order is placed: fires the cancelable `portal-payment-required` from `host`
 * and, unless the page cancels it, goes to the payment page. Call it from a
 * `portal-order-placed` listener; the payment event follows once that event has reached the page.
 */
export function requestPayment(host: EventTarget, session: Session | undefined, order: OrderDetail): void {
  if (!session || session.settings.checkout_mode !== 'pay_now') return;
  const paymentUrl = safePaymentUrl(session.settings.payment_url) ? session.settings.payment_url : null;
  queueMicrotask(() => {
    const payment = new PortalPaymentRequiredEvent(order, paymentUrl);
    host.dispatchEvent(payment);
    const link = paymentLink(paymentUrl, order, returnUrl(routeHref('orders', order.number)));
    if (!payment.defaultPrevented && link) window.location.assign(link);
  });
}

/**
 * Whether an invoice can be paid from the portal: it has a balance, and the supplier has a
 * payment page or takes payment in the host page (Pay Now).
 */
export function canPayInvoice(session: Session | undefined, invoice: Invoice): boolean {
  return !!session && invoice.balance_minor > 0 && takesPaymentOnline(session);
}

/** Whether the supplier takes payment from the portal: a payment page, or the host page's own (Pay Now). */
export function takesPaymentOnline(session: Session): boolean {
  return safePaymentUrl(session.settings.payment_url) !== null || session.settings.checkout_mode === 'pay_now';
}

/**
 * "Pay" on an invoice: the same cancelable `portal-payment-required` as Pay Now at checkout, with
 * the invoice; unless the page cancels it, goes to the payment page for the balance. Answers
 * whether the payment was handed over (false: no one took it, there is no payment page).
 */
export function requestInvoicePayment(host: EventTarget, session: Session, invoice: Invoice): boolean {
  const paymentUrl = safePaymentUrl(session.settings.payment_url) ? session.settings.payment_url : null;
  const payment = new PortalPaymentRequiredEvent(null, paymentUrl, invoice);
  host.dispatchEvent(payment);
  if (payment.defaultPrevented) return true;
  const link = invoicePaymentLink(paymentUrl, invoice, returnUrl(routeHref('invoices', invoice.number)));
  if (!link) return false;
  window.location.assign(link);
  return true;
}
