import { expect, waitUntil } from '@open-wc/testing';
import {
  cartCount,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  requestsTo,
  startOrdering,
} from '../customer-portal/helpers.ts';
import { allOrders } from './helpers.ts';

/** What checkout says it made (issue 17): under the creation status `quote`, a quote request, not an order. */
describe('<customer-portal> checkout: the order creation status', () => {
  const api = mockApi();

  async function placeColdBrew(status: 'quote' | 'to_plan') {
    const state = api.serve({ orders: allOrders(), workspace: { order_creation_status: status } });
    const el = await mountPortal();
    const placed: Event[] = [];
    el.addEventListener('portal-order-placed', (e) => placed.push(e));
    await startOrdering(el);
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 1);
    const cart = await openCart(el);
    getByRole(cart, 'button', { name: 'Place order' }).click();
    return { state, el, cart, placed };
  }

  it('quote: the confirmation names the quote request, the focus goes to it, no order is placed', async () => {
    const { state, el, cart, placed } = await placeColdBrew('quote');
    await findText(cart, /Your quote request Q-/);
    const quote = state.data.quotes.find((q) => q.state === 'requested');
    expect(quote, 'the mock made a quote request').to.exist;
    const title = getByRole(cart, 'heading', { name: `Your quote request ${quote!.number} was sent.` });
    await findText(
      cart,
      'Northwind Wholesale will price it and send it to you. You will find it under Quotes, where you can accept it.',
    );
    await waitUntil(() => focused() === title, 'the focus did not go to the confirmation');
    expect(requestsTo(state, 'placeOrder')).to.have.length(1);
    expect(placed, 'a quote request is not an order placed').to.have.length(0);
    expect(cartCount(el)).to.equal(0);
  });

  it('to_plan: an order, as before', async () => {
    const { state, cart, placed } = await placeColdBrew('to_plan');
    await findText(cart, 'Thank you! Your order is placed.');
    expect(placed).to.have.length(1);
    expect(state.data.quotes.filter((q) => q.state === 'requested')).to.have.length(0);
  });
});
