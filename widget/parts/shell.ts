import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { ApiError } from '../api/errors.ts';
import { PortalCartChangeEvent, PortalErrorEvent } from '../events/index.ts';
import type { OrderDetail, Session } from '../contract/index.ts';
import type { PortalStore } from '../state/store.ts';
import { errorCopy } from './error-copy.ts';
import { RetryCountdown } from './retry-countdown.ts';

type ShellHost = ReactiveControllerHost & HTMLElement;

/** The cart each store last announced aloud: elements sharing a store on one page speak it once. */
const spoken = new WeakMap<PortalStore, unknown>();

/**
 * What the three public elements share around their content: a failed load shown where it
 * happened with its Retry, the countdown after a 429 that retries by itself, and the cart's
 * changes told to the page (`portal-cart-change`) and to screen readers (a polite live region).
 */
export class PortalShell {
  /** The element's countdown; an element with loads that fail apart makes one per load with `countdown()`. */
  readonly retry: RetryCountdown;
  #announcement = '';

  constructor(
    private readonly host: ShellHost,
    private readonly store: () => PortalStore | undefined,
  ) {
    this.retry = new RetryCountdown(host);
  }

  countdown(): RetryCountdown {
    return new RetryCountdown(this.host);
  }

  /** The supplier's name once the session is in, for the words of a message. */
  get supplier(): string {
    return (
      this.store()?.state.session?.workspace.name ??
      msg('your supplier', { desc: "Instead of the supplier's name, when it is not known yet" })
    );
  }

  /**
   * Pay Now, after an order is placed (call it from a `portal-order-placed` listener): the hand-over
   * to the payment page (`parts/payment.ts`) loads only then, not before the first paint. A load
   * that fails is tried once more; the order is placed either way.
   */
  payNow(session: Session | undefined, order: OrderDetail): void {
    if (session?.settings.checkout_mode !== 'pay_now') return;
    const load = () => import('./payment.ts');
    load()
      .catch(load)
      .then(
        ({ requestPayment }) => requestPayment(this.host, session, order),
        () => undefined,
      );
  }

  /** A load failed: tells the page (portal-error) and, after a 429, counts down from Retry-After, then runs `retry`. */
  failed(error: unknown, retry: () => void, countdown = this.retry): void {
    if (!(error instanceof ApiError)) return;
    this.host.dispatchEvent(new PortalErrorEvent(error));
    if (error.kind === 'rate_limited') {
      countdown.start(error.retryAfterSeconds ?? 30, retry);
    } else {
      countdown.stop();
      countdown.seconds = undefined;
    }
  }

  /** The failed load's message, where it happened, with Retry unless retrying cannot help or happens by itself. */
  errorNotice(error: unknown, retry: () => void, countdown = this.retry) {
    const { title, body, canRetry } = errorCopy(error, this.supplier, countdown.seconds);
    return html`<div class="notice error" part="notice" role="alert">
      <h2>${title}</h2>
      <p>${body}</p>
      ${canRetry ? html`<button type="button" class="primary" part="button" @click=${retry}>${msg('Retry')}</button>` : nothing}
    </div>`;
  }

  /**
   * Tells the page what the cart holds (`portal-cart-change`). `aloud`: it changed while the
   * customer was here (not a first load); screen readers hear it when the change came from
   * another tab (a change made on this page is said where it was made).
   */
  announceCart(aloud: boolean): void {
    const store = this.store();
    if (!store) return;
    const priced = store.pricedCart();
    const currency = store.state.session?.currency ?? '';
    this.host.dispatchEvent(
      new PortalCartChangeEvent(store.state.cart, store.itemCount, priced?.total_minor ?? 0, currency),
    );
    if (!aloud || !store.cartChangedElsewhere || spoken.get(store) === store.state.cart) return;
    spoken.set(store, store.state.cart);
    const count = store.itemCount;
    this.#announcement = count === 1 ? msg('Cart updated: 1 item') : msg(str`Cart updated: ${count} items`);
    this.host.requestUpdate();
  }

  /** Always in the element (a live region added with its message is not read), filled when the cart changes. */
  liveRegion() {
    return html`<div class="visually-hidden" aria-live="polite">${this.#announcement}</div>`;
  }
}
