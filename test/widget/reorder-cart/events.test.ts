import { expect, waitUntil } from '@open-wc/testing';
import { ApiError } from '../../../widget/api/errors.ts';
import type {
  PortalCartChangeEvent,
  PortalErrorEvent,
  PortalOrderPlacedEvent,
  PortalPaymentRequiredEvent,
  PortalReadyEvent,
} from '../../../widget/events/index.ts';
import { paymentLink } from '../../../widget/parts/payment.ts';
import { IDS } from '../../../widget/mock/data.ts';
import {
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountCart,
  openPanel,
  pricesShown,
  storeCart,
  recordPortalEvents,
} from './helpers.ts';

describe('<reorder-cart> events', () => {
  const api = mockApi();
  const events = recordPortalEvents();
  const { ofType } = events;

  it('portal-ready once the session has loaded, then portal-cart-change with the priced cart', async () => {
    const state = api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 2 }]);
    const el = await mountCart();
    await pricesShown(el);
    await waitUntil(() => ofType('portal-cart-change').length > 0, 'no portal-cart-change');
    const [ready] = ofType<PortalReadyEvent>('portal-ready');
    expect(ready.target).to.equal(el);
    expect(ready.session).to.deep.equal(state.data.session);
    expect(ofType<PortalCartChangeEvent>('portal-cart-change')[0]).to.include({
      itemCount: 2,
      totalMinor: 1895,
      currency: 'EUR',
    });
    expect(events.seen.map((e) => e.type)).to.deep.equal(['portal-ready', 'portal-cart-change']);
  });

  it('portal-cart-change when "Buy again" adds', async () => {
    api.serve();
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    const list = await findByRole(panel, 'list', { name: 'Buy again' });
    getByRole(list, 'button', { name: 'Add 12 × Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => ofType<PortalCartChangeEvent>('portal-cart-change').at(-1)?.itemCount === 12);
    const change = ofType<PortalCartChangeEvent>('portal-cart-change').at(-1)!;
    expect(change.target).to.equal(el);
    expect(change.lines).to.deep.equal([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 12 }]);
    expect(change.totalMinor).to.equal(5040 + 995);
  });

  it('portal-order-placed carries the order; Pay Later asks for no payment', async () => {
    const state = api.serve();
    storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
    const el = await mountCart();
    await pricesShown(el);
    const panel = await openPanel(el);
    (await findByRole(panel, 'button', { name: 'Place order' })).click();
    await waitUntil(() => ofType('portal-order-placed').length === 1, 'no portal-order-placed');
    const [placed] = ofType<PortalOrderPlacedEvent>('portal-order-placed');
    expect(placed.target).to.equal(el);
    expect(placed.order).to.deep.equal(state.data.orders[0]);
    await findText(panel, 'Thank you!');
    expect(ofType('portal-payment-required')).to.have.length(0);
  });

  describe('Pay Now', () => {
    const payNow = {
      session: { settings: { checkout_mode: 'pay_now' as const, payment_url: 'https://pay.supplier.test/checkout' } },
    };

    it('after portal-order-placed, a cancelable portal-payment-required; a host that cancels it keeps the page', async () => {
      const href = location.href;
      api.serve(payNow);
      storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
      const el = await mountCart();
      await pricesShown(el);
      const panel = await openPanel(el);
      (await findByRole(panel, 'button', { name: 'Place order and pay' })).click();

      await waitUntil(() => ofType('portal-payment-required').length === 1, 'no portal-payment-required');
      const [payment] = ofType<PortalPaymentRequiredEvent>('portal-payment-required');
      expect(payment.target).to.equal(el);
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
      await findText(panel, 'Thank you! Your order is placed. SO-2025-9001');
      expect(location.href).to.equal(href);
    });

    it('the payment page gets the order number, total and currency', () => {
      const order = { number: 'SO-2025-9001', total_minor: 1445, currency: 'EUR' } as Parameters<typeof paymentLink>[1];
      expect(paymentLink('https://pay.supplier.test/checkout?shop=7', order)).to.equal(
        'https://pay.supplier.test/checkout?shop=7&order=SO-2025-9001&amount_minor=1445&currency=EUR',
      );
      expect(
        paymentLink('https://pay.supplier.test/checkout', order, 'https://shop.test/order#portal/orders/SO-2025-9001'),
      ).to.equal(
        'https://pay.supplier.test/checkout?order=SO-2025-9001&amount_minor=1445&currency=EUR&return_url=https%3A%2F%2Fshop.test%2Forder%23portal%2Forders%2FSO-2025-9001',
      );
    });
  });

  it('portal-error carries the typed error', async () => {
    api.serve();
    const el = await mountCart({ token: 'cpt_revoked_token' });
    await waitUntil(() => ofType('portal-error').length === 1, 'no portal-error');
    const [failure] = ofType<PortalErrorEvent>('portal-error');
    expect(failure.target).to.equal(el);
    expect(failure.error).to.be.instanceOf(ApiError);
    expect(failure.error).to.include({ kind: 'unauthorized', status: 401 });
    expect(ofType('portal-ready')).to.have.length(0);
  });
});
