import { expect, waitUntil } from '@open-wc/testing';
import { IDS, opaqueId } from '../mocks/data.ts';
import {
  cartCount, catalogueShown, findByRole, findText, getByRole, mockApi, mountPortal, openCart, requestsTo, textOf,
} from './helpers.ts';
import { keepAddress, openOrder, ordersShown, setHash } from '../orders/helpers.ts';

/**
 * A backend whose ids are not UUIDs (issue 20): orders `C-006002`, products `3002`. Ids are opaque
 * strings, so the portal works with them as with any other.
 */
describe('<customer-portal> with a backend whose ids are not UUIDs', () => {
  const api = mockApi();
  keepAddress();

  it('lists the orders, opens one, reorders it, downloads its PDF and places the order', async () => {
    const state = api.serve({ opaqueIds: true });
    expect(state.data.orders.map((o) => o.id)).to.include('C-006002');
    expect(state.data.catalog.products.map((p) => p.id)).to.include('3002');
    setHash('#portal/orders');
    const el = await mountPortal();
    (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
    await ordersShown(el);

    await openOrder(el, 'SO-2025-0002');
    getByRole(el, 'button', { name: 'Download PDF' }).click();
    await waitUntil(() => requestsTo(state, 'getOrderPdf').length === 1, 'the PDF was not asked for');
    expect(requestsTo(state, 'getOrderPdf')[0].path).to.match(/\/orders\/C-006002\/pdf$/);
    getByRole(el, 'button', { name: 'Reorder' }).click();
    await waitUntil(() => cartCount(el) > 0, 'the reorder put nothing in the cart');

    location.hash = '#portal';
    await catalogueShown(el);
    const cart = await openCart(el);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');

    const [placed] = requestsTo(state, 'placeOrder');
    const ids = (placed.body as { lines: { product_id: string }[] }).lines.map((l) => l.product_id);
    expect(ids).to.include(opaqueId(IDS.product.seaSaltCrisps));
    expect(ids.every((id) => /^\d+$/.test(id)), ids.join()).to.equal(true);
    expect(textOf(el)).not.to.include('does not understand');
  });
});
