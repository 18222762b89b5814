import { expect, waitUntil } from '@open-wc/testing';
import { IDS, opaqueId } from '../../../widget/mock/data.ts';
import {
  cartCount,
  catalogueShown,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  requestsTo,
  textOf,
} from './helpers.ts';
import { keepAddress, openOrder, ordersShown, setHash } from '../orders/helpers.ts';

/**
 * A backend whose ids are not UUIDs (issue 20): orders `C-006002`, quotes `8001`, products `P 3002`.
 * Ids are opaque strings, so the portal works with them as with any other.
 */
describe('<customer-portal> with a backend whose ids are not UUIDs', () => {
  const api = mockApi();
  keepAddress();

  it('lists the orders, opens one, reorders it, downloads its PDF and places the order', async () => {
    const state = api.serve({ opaqueIds: true });
    expect(state.data.orders.map((o) => o.id)).to.include('C-006002');
    expect(state.data.catalog.products.map((p) => p.id)).to.include('P 3002');
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
    // The card is labelled by the product's name through an element id made from the product id.
    const before = cartCount(el);
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) > before, 'Cold Brew was not added');
    const cart = await openCart(el);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');

    const [placed] = requestsTo(state, 'placeOrder');
    const ids = (placed.body as { lines: { product_id: string }[] }).lines.map((l) => l.product_id);
    expect(ids).to.include.members([opaqueId(IDS.product.seaSaltCrisps), 'P 3002']);
    expect(
      ids.every((id) => /^P \d+$/.test(id)),
      ids.join(),
    ).to.equal(true);
    expect(textOf(el)).not.to.include('does not understand');
  });
});
