import { expect, waitUntil } from '@open-wc/testing';
import {
  cartCount,
  fill,
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
import { describedBy, expectBlocked, keepAddress, mountOrders, orderShown, withChanges } from './helpers.ts';

const BROWSE_ONLY =
  'This link can browse and build a cart but not place orders. Ask Northwind Wholesale for a link that can.';

/** What a link without `place_orders`, and a supplier whose trial has ended, may do with orders. */
describe('ordering rules in the widget', () => {
  const api = mockApi();
  keepAddress();

  describe('a link without place_orders', () => {
    it('builds a cart but has no Place order: the message stands where checkout would be', async () => {
      const state = api.serve({ session: { permissions: { place_orders: false } } });
      const el = await mountPortal();
      await startOrdering(el);
      getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add Cold Brew Coffee 1 L to cart',
      }).click();
      await waitUntil(() => cartCount(el) === 1);
      const cart = await openCart(el);
      expect(queryByRole(cart, 'button', { name: 'Place order' }) === null, 'no Place order').to.equal(true);
      expect(
        queryByRole(cart, 'textbox', { name: 'Your reference (optional)' }) === null,
        'no reference field',
      ).to.equal(true);
      expect(textOf(getByRole(cart, 'status', { name: /browse and build a cart/ }))).to.equal(BROWSE_ONLY);
      // The cart itself still works.
      const quantity = getByRole(cart, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' }) as HTMLInputElement;
      quantity.value = '3';
      quantity.dispatchEvent(new Event('change'));
      await waitUntil(() => cartCount(el) === 3, 'the quantity did not change');
      expect(requestsTo(state, 'placeOrder')).to.have.length(0);
    });

    it('shows no Edit or Cancel on an order it could otherwise change; Reorder (to the cart) stays', async () => {
      api.serve(withChanges({}, { permissions: { place_orders: false } }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      expect(queryByRole(view, 'button', { name: 'Edit order' }) === null, 'no Edit order').to.equal(true);
      expect(queryByRole(view, 'button', { name: 'Cancel order' }) === null, 'no Cancel order').to.equal(true);
      expect(queryByRole(view, 'button', { name: 'Reorder' }) !== null, 'Reorder shown').to.equal(true);
    });
  });

  describe('the customer reference', () => {
    it('a pasted tab is refused on the field, before anything is sent', async () => {
      const state = api.serve();
      const el = await mountPortal();
      await startOrdering(el);
      getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Add Cold Brew Coffee 1 L to cart',
      }).click();
      await waitUntil(() => cartCount(el) === 1);
      const cart = await openCart(el);
      const field = getByRole(cart, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement;
      fill(field, 'PO-1\t2');
      getByRole(cart, 'button', { name: 'Place order' }).click();
      await waitUntil(() => field.getAttribute('aria-invalid') === 'true', 'the field is not marked');
      expect(textOf(describedBy(field)!)).to.equal('Your reference cannot contain tabs or line breaks.');
      expect(requestsTo(state, 'placeOrder')).to.have.length(0);
    });
  });

  describe('while the supplier is not taking orders', () => {
    it('Edit and Cancel are shown unusable, with the reason next to them, and send nothing', async () => {
      const state = api.serve(withChanges({}, { settings: { supplier_available: false } }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const reason =
        "Northwind Wholesale is not taking orders right now, so orders can't be changed or cancelled. Please try again later.";
      const edit = getByRole(view, 'button', { name: 'Edit order' });
      const cancel = getByRole(view, 'button', { name: 'Cancel order' });
      expectBlocked(edit, reason);
      expectBlocked(cancel, reason);
      edit.click();
      cancel.click();
      await view.updateComplete;
      // The order itself stays open in its document dialog; neither the edit nor the cancel dialog opens.
      expect(queryByRole(view, 'dialog', { name: 'Edit order SO-2025-0013' }) === null, 'no edit dialog').to.equal(
        true,
      );
      expect(queryByRole(view, 'dialog', { name: 'Cancel order SO-2025-0013?' }) === null, 'no cancel dialog').to.equal(
        true,
      );
      expect(view.shadowRoot!.querySelector('#edit-dialog[open], #cancel-dialog[open]')).to.equal(null);
      expect(requestsTo(state, 'updateOrder')).to.have.length(0);
      expect(requestsTo(state, 'cancelOrder')).to.have.length(0);
    });
  });
});
