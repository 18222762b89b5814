import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import type { PortalErrorEvent } from '../../../widget/events/index.ts';
import { makeOlderOrders, makeOrders } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl } from '../../../widget/mock/handlers.ts';
import {
  fakeIntervals,
  findByRole,
  findText,
  getByRole,
  mockApi,
  queryAllByRole,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { cartChanges, historyShown, mountPastOrders, orderRows, ordersShown } from './helpers.ts';

const ordersUrl = mockUrl(endpoints.listOrders);
const historyUrl = mockUrl(endpoints.getOrderHistory);
const orderUrl = mockUrl(endpoints.getOrder);
const catalogUrl = mockUrl(endpoints.getCatalog);

/** The error panel of a section, found by the section's heading. */
function sectionOf(el: Element, heading: string): HTMLElement {
  return getByRole(el, 'heading', { name: heading }).parentElement!;
}

describe('<past-orders> errors', () => {
  const api = mockApi();

  it('401: the link expired or was revoked; ask for a new one, no Retry', async () => {
    api.serve();
    const el = await mountPastOrders({ token: 'cpt_revoked_token' });
    await waitUntil(() => queryAllByRole(el, 'alert').length === 2, 'both sections say so');
    for (const alert of queryAllByRole(el, 'alert')) {
      expect(textOf(alert)).to.equal('This link has expired or was revoked Please ask your supplier for a new link.');
    }
    expect(queryByRole(el, 'button', { name: 'Retry' })).to.equal(null);
  });

  it('403: the orders section is off for this customer; no Retry', async () => {
    api.serve({ session: { settings: { sections: { orders: false } } } });
    const el = await mountPastOrders();
    const alert = await findByRole(sectionOf(el, 'Recent orders'), 'alert');
    expect(textOf(alert)).to.equal('This link does not allow that The orders section is not available in this portal.');
    expect(queryByRole(el, 'button', { name: 'Retry' })).to.equal(null);
  });

  it('network error: the supplier could not be reached; Retry loads the orders', async () => {
    api.serve();
    api.worker.use(http.get(ordersUrl, () => HttpResponse.error(), { once: true }));
    const el = await mountPastOrders();
    const alert = await findByRole(sectionOf(el, 'Recent orders'), 'alert');
    expect(textOf(alert)).to.equal(
      'The supplier could not be reached Check your connection, then try again. Your cart is kept. Retry',
    );
    await historyShown(el);
    getByRole(alert, 'button', { name: 'Retry' }).click();
    await ordersShown(el);
  });

  it('portal-error carries the failure', async () => {
    api.serve();
    api.worker.use(http.get(ordersUrl, () => errorResponse(500, 'internal_error', 'boom'), { once: true }));
    const errors: PortalErrorEvent[] = [];
    const record = (e: PortalErrorEvent) => errors.push(e);
    document.addEventListener('portal-error', record);
    try {
      const el = await mountPastOrders();
      await findText(el, 'Something went wrong at the supplier');
      expect(errors.map((e) => e.error.kind)).to.deep.equal(['server']);
      expect(errors[0].target).to.equal(el);
    } finally {
      document.removeEventListener('portal-error', record);
    }
  });

  it('429: counts down from Retry-After, then loads by itself', async () => {
    const clock = fakeIntervals();
    try {
      const state = api.serve();
      api.worker.use(
        http.get(
          ordersUrl,
          () => errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '2' }),
          { once: true },
        ),
      );
      const el = await mountPastOrders();
      await findText(el, 'Too many requests Trying again in 2 s…');
      expect(queryByRole(sectionOf(el, 'Recent orders'), 'button', { name: 'Retry' }), 'it retries by itself').to.equal(
        null,
      );
      clock.tick(1000);
      await findText(el, 'Trying again in 1 s…');
      expect(requestsTo(state, 'listOrders'), 'not before the countdown ends').to.have.length(0);
      clock.tick(1000);
      await ordersShown(el);
      expect(requestsTo(state, 'listOrders')).to.have.length(1);
    } finally {
      clock.restore();
    }
  });

  it('the order history fails on its own, with its own Retry', async () => {
    api.serve();
    api.worker.use(http.get(historyUrl, () => errorResponse(500, 'internal_error', 'boom'), { once: true }));
    const el = await mountPastOrders();
    await ordersShown(el);
    const alert = await findByRole(sectionOf(el, 'Order history'), 'alert');
    expect(textOf(alert)).to.include('Something went wrong at the supplier');
    getByRole(alert, 'button', { name: 'Retry' }).click();
    await historyShown(el);
  });

  it('"Load more" that fails keeps the orders on screen and offers Retry', async () => {
    api.serve({ orders: [...makeOrders(), ...makeOlderOrders(8)] });
    const el = await mountPastOrders();
    await ordersShown(el);
    api.worker.use(http.get(ordersUrl, () => HttpResponse.error(), { once: true }));
    getByRole(el, 'button', { name: 'Load more' }).click();
    const alert = await findByRole(sectionOf(el, 'Recent orders'), 'alert');
    expect(orderRows(el)).to.have.length(10);
    getByRole(alert, 'button', { name: 'Retry' }).click();
    await waitUntil(() => orderRows(el).length === 12, 'Retry did not load the next page');
    expect(queryByRole(el, 'alert')).to.equal(null);
  });

  it('details that cannot load say so in the dialog, with Retry', async () => {
    api.serve();
    api.worker.use(http.get(orderUrl, () => HttpResponse.error(), { once: true }));
    const el = await mountPastOrders();
    await ordersShown(el);
    getByRole(el, 'button', { name: 'Details of SO-2025-0003' }).click();
    const dialog = await findByRole(el, 'dialog', { name: 'Order SO-2025-0003' });
    const alert = await findByRole(dialog, 'alert');
    expect(textOf(alert)).to.include('The supplier could not be reached');
    getByRole(alert, 'button', { name: 'Retry' }).click();
    await findByRole(dialog, 'table', { name: 'Lines' });
  });

  it('a reorder that cannot load the catalogue says so and changes nothing', async () => {
    api.serve();
    api.worker.use(http.get(catalogUrl, () => HttpResponse.error()));
    const changes = cartChanges();
    try {
      const el = await mountPastOrders();
      await ordersShown(el);
      getByRole(el, 'button', { name: 'Reorder SO-2025-0002' }).click();
      await findText(el, 'SO-2025-0002 could not be added to your cart. The supplier could not be reached.');
      expect(changes.seen).to.have.length(0);
    } finally {
      changes.stop();
    }
  });

  it('a reorder of an order the supplier no longer has says so', async () => {
    api.serve();
    api.worker.use(http.get(orderUrl, () => errorResponse(404, 'not_found', 'No order.')));
    const el = await mountPastOrders();
    await ordersShown(el);
    getByRole(el, 'button', { name: 'Reorder SO-2025-0001' }).click();
    await findText(el, 'SO-2025-0001 could not be added to your cart. The supplier no longer has it.');
  });

  it("a draft's PDF is never asked for", async () => {
    const state = api.serve();
    const el = await mountPastOrders();
    await ordersShown(el);
    getByRole(el, 'button', { name: 'Download PDF SO-2025-0004' }).click();
    await el.updateComplete;
    expect(requestsTo(state, 'getOrderPdf')).to.have.length(0);
  });

  it('a PDF the supplier does not have says so', async () => {
    api.serve();
    api.worker.use(http.get(mockUrl(endpoints.getOrderPdf), () => errorResponse(404, 'not_found', 'No order.')));
    const el = await mountPastOrders();
    await ordersShown(el);
    getByRole(el, 'button', { name: 'Download PDF SO-2025-0001' }).click();
    await findText(el, 'The PDF of SO-2025-0001 could not be downloaded. The supplier no longer has it.');
  });
});
