import type { Invoice, OrderDetail } from '../contract/index.ts';

/**
 * Payment is due: fired after an order is placed in Pay Now mode (`order` set), or when the
 * customer presses "Pay" on an invoice with a balance (`invoice` set, `order` null). Cancel it
 * (`preventDefault()`) to take payment in the host page; otherwise the element goes to
 * `paymentUrl` with the order or invoice number, the amount due and the currency.
 */
export class PortalPaymentRequiredEvent extends Event {
  /** The invoice to pay (its `balance_minor` is due); null for an order placed in Pay Now mode. */
  readonly invoice: Invoice | null;

  constructor(
    readonly order: OrderDetail | null,
    readonly paymentUrl: string | null,
    invoice: Invoice | null = null,
  ) {
    super('portal-payment-required', { bubbles: true, composed: true, cancelable: true });
    this.invoice = invoice;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-payment-required': PortalPaymentRequiredEvent;
  }
}
