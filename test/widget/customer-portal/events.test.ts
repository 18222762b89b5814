import { expect, waitUntil } from '@open-wc/testing';
import { ApiError } from '../../../widget/api/errors.ts';
import type {
  PortalCartChangeEvent,
  PortalErrorEvent,
  PortalOrderPlacedEvent,
  PortalPaymentRequiredEvent,
  PortalReadyEvent,
} from '../../../widget/events/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import {
  TOKEN,
  cartCount,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  startOrdering,
  recordPortalEvents,
} from './helpers.ts';

describe('<customer-portal> events', () => {
  const api = mockApi();
  const events = recordPortalEvents();
  const { ofType } = events;

  async function addColdBrew(el: Element) {
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 1);
  }

  it('portal-ready carries the session, once it has loaded', async () => {
    const state = api.serve();
    const el = await mountPortal();
    await waitUntil(() => ofType('portal-ready').length === 1, 'no portal-ready');
    const [ready] = ofType<PortalReadyEvent>('portal-ready');
    expect(ready.target).to.equal(el);
    expect(ready.session).to.deep.equal(state.data.session);
    await startOrdering(el);
    expect(ofType('portal-ready'), 'not again when the catalogue loads').to.have.length(1);
  });

  it('portal-cart-change: the lines, item count and total when the cart changes', async () => {
    api.serve();
    const el = await mountPortal();
    await startOrdering(el);
    await addColdBrew(el);
    const change = ofType<PortalCartChangeEvent>('portal-cart-change').at(-1)!;
    expect(change.target).to.equal(el);
    expect(change).to.include({ itemCount: 1, totalMinor: 1445, currency: 'EUR' });
    expect(change.lines).to.deep.equal([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);

    const cart = await openCart(el);
    getByRole(cart, 'button', { name: 'Remove Cold Brew Coffee 1 L' }).click();
    await waitUntil(() => ofType<PortalCartChangeEvent>('portal-cart-change').at(-1)!.itemCount === 0);
    expect(ofType<PortalCartChangeEvent>('portal-cart-change').at(-1)).to.include({ totalMinor: 0 });
  });

  it('portal-cart-change tells the host about a kept cart when the catalogue loads', async () => {
    api.serve();
    const first = await mountPortal();
    await startOrdering(first);
    await addColdBrew(first);
    first.remove();
    events.clear();

    await mountPortal();
    await waitUntil(() => ofType('portal-cart-change').length > 0, 'no portal-cart-change for the kept cart');
    expect(ofType<PortalCartChangeEvent>('portal-cart-change')[0]).to.include({ itemCount: 1, totalMinor: 1445 });
  });

  it('portal-order-placed carries the order the supplier recorded', async () => {
    const state = api.serve();
    const el = await mountPortal();
    await startOrdering(el);
    await addColdBrew(el);
    const cart = await openCart(el);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await waitUntil(() => ofType('portal-order-placed').length === 1, 'no portal-order-placed');
    const [placed] = ofType<PortalOrderPlacedEvent>('portal-order-placed');
    expect(placed.order).to.deep.equal(state.data.orders[0]);
    expect(placed.order).to.include({ number: 'SO-2025-9001', total_minor: 1445 });
    expect(ofType('portal-payment-required'), 'Pay Later asks for no payment').to.have.length(0);
    expect(ofType<PortalCartChangeEvent>('portal-cart-change').at(-1)).to.include({ itemCount: 0 });
  });

  describe('Pay Now', () => {
    const payNow = {
      session: { settings: { checkout_mode: 'pay_now' as const, payment_url: 'https://pay.supplier.test/checkout' } },
    };

    it('after placing, fires a cancelable portal-payment-required with the order; a host that cancels it keeps the page', async () => {
      const href = location.href;
      api.serve(payNow);
      const el = await mountPortal();
      await startOrdering(el);
      await addColdBrew(el);
      const cart = await openCart(el);
      getByRole(cart, 'button', { name: 'Place order and pay' }).click();

      await waitUntil(() => ofType('portal-payment-required').length === 1, 'no portal-payment-required');
      const [payment] = ofType<PortalPaymentRequiredEvent>('portal-payment-required');
      expect(payment.cancelable).to.equal(true);
      expect(payment.defaultPrevented).to.equal(true);
      expect(payment.paymentUrl).to.equal('https://pay.supplier.test/checkout');
      expect(payment.order).to.include({ number: 'SO-2025-9001', total_minor: 1445, currency: 'EUR' });
      expect(
        events.seen
          .map((e) => e.type)
          .filter((t) => t !== 'portal-cart-change')
          .slice(-2),
      ).to.deep.equal(['portal-order-placed', 'portal-payment-required']);

      await findText(cart, 'Thank you! Your order is placed. SO-2025-9001');
      expect(location.href).to.equal(href);
    });
  });

  describe('portal-error', () => {
    it('carries the typed error after the customer was told', async () => {
      api.serve();
      const el = await mountPortal({ token: 'cpt_revoked_token' });
      await waitUntil(() => ofType('portal-error').length === 1, 'no portal-error');
      const [failure] = ofType<PortalErrorEvent>('portal-error');
      expect(failure.target).to.equal(el);
      expect(failure.error).to.be.instanceOf(ApiError);
      expect(failure.error).to.include({ kind: 'unauthorized', status: 401, code: 'invalid_token' });
      await findText(el, 'This link has expired or was revoked');
      expect(ofType('portal-ready')).to.have.length(0);
    });

    it('is not fired for a token that works', async () => {
      api.serve();
      const el = await mountPortal({ token: TOKEN });
      await startOrdering(el);
      expect(ofType('portal-error')).to.have.length(0);
    });
  });
});
