/**
 * The shell the three public elements share: a failed load shown where it happened with Retry,
 * the countdown after a 429, the cart's changes in a live region. The same scenarios run against
 * each element, so one that drifts from the others fails here.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import '../../../widget/elements/past-orders/past-orders.ts';
import { endpoints } from '../../../widget/contract/index.ts';
import type { PortalErrorEvent } from '../../../widget/events/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  API_BASE,
  TOKEN,
  fakeIntervals,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  queryByRole,
  requestsTo,
  startOrdering,
  textOf,
  cartCount,
} from '../customer-portal/helpers.ts';
import { mountPastOrders, ordersShown } from '../past-orders/helpers.ts';
import { buttonCount, mountCart, openPanel, pricesShown, storeCart } from '../reorder-cart/helpers.ts';

type Endpoint = Parameters<typeof requestsTo>[1];

interface Subject {
  tag: string;
  /** The first request the element needs: the one made to fail. */
  first: { url: string; endpoint: Endpoint };
  mount(): Promise<HTMLElement>;
  /** Where the element shows a failed first load (the cart's panel, opened). */
  errorArea(el: HTMLElement): Promise<Element>;
  /** Waits until the element shows what it loaded. */
  loaded(el: HTMLElement, area: Element): Promise<void>;
}

const SUBJECTS: Subject[] = [
  {
    tag: 'customer-portal',
    first: { url: mockUrl(endpoints.getSession), endpoint: 'getSession' },
    mount: () => mountPortal(),
    errorArea: async (el) => el,
    loaded: async (el) => {
      await startOrdering(el);
    },
  },
  {
    tag: 'past-orders',
    first: { url: mockUrl(endpoints.listOrders), endpoint: 'listOrders' },
    mount: () => mountPastOrders(),
    errorArea: async (el) => getByRole(el, 'heading', { name: 'Recent orders' }).parentElement!,
    loaded: (el) => ordersShown(el),
  },
  {
    tag: 'reorder-cart',
    first: { url: mockUrl(endpoints.getSession), endpoint: 'getSession' },
    mount: () => mountCart(),
    errorArea: (el) => openPanel(el),
    loaded: (el) => pricesShown(el),
  },
];

/** The element's own live region for the cart (not the live regions of its parts). */
function cartLiveRegion(el: HTMLElement): Element {
  const regions = Array.from(el.shadowRoot!.children).filter((child) => child.getAttribute('aria-live') === 'polite');
  expect(regions, `<${el.localName}> has one live region of its own`).to.have.length(1);
  return regions[0]!;
}

describe('the shell of the public elements', () => {
  const api = mockApi();

  for (const subject of SUBJECTS)
    describe(`<${subject.tag}>`, () => {
      it('a failed load says so where it happened, fires portal-error, and Retry loads', async () => {
        const state = api.serve();
        api.worker.use(http.get(subject.first.url, () => HttpResponse.error(), { once: true }));
        const errors: PortalErrorEvent[] = [];
        const record = (event: PortalErrorEvent) => errors.push(event);
        document.addEventListener('portal-error', record);
        try {
          const el = await subject.mount();
          const area = await subject.errorArea(el);
          const alert = await findByRole(area, 'alert');
          expect(textOf(alert)).to.equal(
            'The supplier could not be reached Check your connection, then try again. Your cart is kept. Retry',
          );
          expect(errors.map((e) => e.error.kind)).to.deep.equal(['network']);
          getByRole(alert, 'button', { name: 'Retry' }).click();
          await subject.loaded(el, area);
          expect(queryByRole(area, 'alert')).to.equal(null);
          expect(requestsTo(state, subject.first.endpoint)).to.have.length(1);
        } finally {
          document.removeEventListener('portal-error', record);
        }
      });

      it('a 429 counts down from Retry-After, then loads by itself', async () => {
        const clock = fakeIntervals();
        try {
          const state = api.serve();
          api.worker.use(
            http.get(
              subject.first.url,
              () => errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '2' }),
              { once: true },
            ),
          );
          const el = await subject.mount();
          const area = await subject.errorArea(el);
          await findText(area, 'Too many requests Trying again in 2 s…');
          expect(queryByRole(area, 'button', { name: 'Retry' }), 'it retries by itself').to.equal(null);
          clock.tick(1000);
          await findText(area, 'Too many requests Trying again in 1 s…');
          expect(requestsTo(state, subject.first.endpoint), 'not before the countdown ends').to.have.length(0);
          clock.tick(1000);
          await subject.loaded(el, area);
          expect(queryByRole(area, 'alert')).to.equal(null);
          expect(requestsTo(state, subject.first.endpoint)).to.have.length(1);
        } finally {
          clock.restore();
        }
      });

      it('a cart changed in another tab is announced in its live region, not the first load', async () => {
        api.serve();
        storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 }]);
        const el = await subject.mount();
        await subject.loaded(el, await subject.errorArea(el));
        const region = cartLiveRegion(el);
        expect(textOf(region), 'nothing said about the cart as it was').to.equal('');
        const key = storeCart([
          { product_id: IDS.product.coldBrew, uom: 'each', quantity: 1 },
          { product_id: IDS.product.greenTea, uom: 'each', quantity: 2 },
        ]);
        window.dispatchEvent(new StorageEvent('storage', { key }));
        await waitUntil(() => textOf(region) !== '', 'the cart change was not announced');
        expect(textOf(cartLiveRegion(el))).to.equal('Cart updated: 3 items');
      });
    });

  it('a change made on the page is said where it was made, not again by the shell', async () => {
    api.serve();
    const el = await mountPortal();
    await startOrdering(el);
    await findByRole(el.shadowRoot!, 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).then((add) => add.click());
    await waitUntil(() => cartCount(el) === 1, 'the product did not reach the cart');
    await el.updateComplete;
    await findText(el.shadowRoot!, /Added 1 × Cold Brew Coffee 1 L to the cart/);
    expect(textOf(cartLiveRegion(el)), 'the shell says nothing more').to.equal('');
  });

  it('elements sharing a cart on one page say its change once', async () => {
    api.serve();
    const page = await fixture<HTMLDivElement>(html`<div>
      <reorder-cart api-base=${API_BASE} token=${TOKEN}></reorder-cart>
      <past-orders api-base=${API_BASE} token=${TOKEN}></past-orders>
    </div>`);
    const cart = page.querySelector('reorder-cart')!;
    const orders = page.querySelector('past-orders')!;
    await pricesShown(cart);
    await ordersShown(orders);
    const key = storeCart([{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 2 }]);
    window.dispatchEvent(new StorageEvent('storage', { key }));
    await waitUntil(() => buttonCount(cart) === 2, 'the cart did not follow the other tab');
    await Promise.all([cart.updateComplete, orders.updateComplete]);
    const said = [cart, orders].map((el) => textOf(cartLiveRegion(el))).filter((text) => text !== '');
    expect(said).to.deep.equal(['Cart updated: 2 items']);
  });
});
