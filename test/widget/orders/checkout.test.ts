import { expect, waitUntil } from '@open-wc/testing';
import {
  cartCount,
  fill,
  findText,
  focused,
  getByRole,
  mockApi,
  mountPortal,
  openCart,
  productCard,
  queryByRole,
  requestsTo,
  startOrdering,
  textOf,
} from '../customer-portal/helpers.ts';
import { allOrders, describedBy } from './helpers.ts';

/** Checkout with the workspace's "unique customer reference" rule (seed 002): the reference on the cart's field. */
describe('<customer-portal> checkout: the customer reference', () => {
  const api = mockApi();

  async function cartWithColdBrew(requireReference: boolean) {
    const state = api.serve({
      orders: allOrders(),
      session: { settings: { require_unique_reference: requireReference } },
    });
    const el = await mountPortal();
    await startOrdering(el);
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', { name: 'Add Cold Brew Coffee 1 L to cart' }).click();
    await waitUntil(() => cartCount(el) === 1);
    const cart = await openCart(el);
    return { state, el, cart };
  }

  it('optional when the workspace does not require one: the order is placed without it', async () => {
    const { state, cart } = await cartWithColdBrew(false);
    const field = getByRole(cart, 'textbox', { name: 'Your reference (optional)' });
    expect(field.getAttribute('aria-required')).to.equal('false');
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(requestsTo(state, 'placeOrder')[0].body).not.to.have.property('customer_reference');
  });

  it('required when the workspace requires it: no order without one, the message on the field, the cart kept', async () => {
    const { state, el, cart } = await cartWithColdBrew(true);
    expect(queryByRole(cart, 'textbox', { name: 'Your reference (optional)' })).to.equal(null);
    const field = getByRole(cart, 'textbox', { name: 'Your reference' }) as HTMLInputElement;
    expect(field.getAttribute('aria-required')).to.equal('true');
    fill(field, '   ');
    getByRole(cart, 'button', { name: 'Place order' }).click();

    await waitUntil(() => field.getAttribute('aria-invalid') === 'true', 'the field is not marked');
    expect(textOf(describedBy(field)!)).to.equal('Enter your reference: Northwind Wholesale needs one on every order.');
    await waitUntil(() => focused() === field, 'the focus did not go to the field');
    expect(requestsTo(state, 'placeOrder')).to.have.length(0);
    expect(cartCount(el)).to.equal(1);

    fill(field, 'PO-3001');
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(
      requestsTo(state, 'placeOrder').map((r) => (r.body as { customer_reference?: string }).customer_reference),
    ).to.deep.equal(['PO-3001']);
  });

  it('422 reference_taken: the message on the field, which has the focus; the cart kept; another reference places the order', async () => {
    const { state, el, cart } = await cartWithColdBrew(true);
    const field = getByRole(cart, 'textbox', { name: 'Your reference' }) as HTMLInputElement;
    fill(field, 'PO-2001');
    getByRole(cart, 'button', { name: 'Place order' }).click();

    await waitUntil(() => field.getAttribute('aria-invalid') === 'true', 'the field is not marked');
    expect(textOf(describedBy(field)!)).to.equal(
      'You have already used “PO-2001” on another order. Enter a different reference.',
    );
    await waitUntil(() => focused() === field, 'the focus did not go to the field');
    expect(queryByRole(cart, 'alert'), "no other error than the field's").to.equal(null);
    expect(cartCount(el)).to.equal(1);
    expect(state.data.orders.filter((o) => o.customer_reference === 'PO-2001')).to.have.length(1);

    fill(field, 'PO-7777');
    await waitUntil(() => field.getAttribute('aria-invalid') === 'false', 'typing did not clear the message');
    getByRole(cart, 'button', { name: 'Place order' }).click();
    await findText(cart, 'Thank you! Your order is placed.');
    expect(
      requestsTo(state, 'placeOrder').map((r) => (r.body as { customer_reference?: string }).customer_reference),
    ).to.deep.equal(['PO-2001', 'PO-7777']);
    expect(cartCount(el)).to.equal(0);
  });

  it('422 reference_required from the supplier (the rule changed after the page loaded): said on the field', async () => {
    const { state, cart } = await cartWithColdBrew(false);
    state.data.session.settings.require_unique_reference = true;
    getByRole(cart, 'button', { name: 'Place order' }).click();
    const field = getByRole(cart, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement;
    await waitUntil(() => field.getAttribute('aria-invalid') === 'true', 'the field is not marked');
    expect(textOf(describedBy(field)!)).to.equal('Enter your reference: Northwind Wholesale needs one on every order.');
    await waitUntil(() => focused() === field, 'the focus did not go to the field');
    expect(queryByRole(cart, 'alert')).to.equal(null);
  });
});
