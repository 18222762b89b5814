import { expect, waitUntil } from '@open-wc/testing';
import { addSupplierCharge } from '../../../widget/mock/handlers.ts';
import {
  fill,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { keepAddress, mountOrders, orderShown, withChanges } from './helpers.ts';

const ORDER = 'SO-2025-0013';

/** The order with a charge the supplier added for approval (its total, without it: €60.35). */
async function mount(api: ReturnType<typeof mockApi>, overrides = withChanges()) {
  const state = api.serve(overrides);
  const charge = addSupplierCharge(state, ORDER, {
    label: 'Pallet wrapping',
    amount_minor: 1_250,
    requires_approval: true,
  });
  const { view } = await mountOrders({ order: ORDER });
  await orderShown(view, ORDER);
  await findByRole(view, 'heading', { name: 'Charges added by Northwind Wholesale' });
  return { state, charge, view };
}

const item = (view: Element) =>
  view.shadowRoot!.querySelector('portal-supplier-charges')!.shadowRoot!.querySelector('li')!;

describe('<portal-supplier-charges> in the Orders section', () => {
  const api = mockApi();
  keepAddress();

  describe('rendering', () => {
    it('shows the charge labelled "To approve", outside the total', async () => {
      const { view } = await mount(api);
      expect(textOf(item(view))).to.include('Pallet wrapping To approve €12.50');
      expect(textOf(item(view))).to.include('Not in the total until you approve it.');
      expect(textOf(view)).to.include('Subtotal €50.40 Freight €9.95 Total €60.35');
      getByRole(item(view), 'button', { name: 'Approve' });
      getByRole(item(view), 'button', { name: 'Reject' });
    });

    it('a link that may not place orders sees it, without Approve and Reject', async () => {
      const { view } = await mount(api, withChanges({}, { permissions: { place_orders: false } }));
      expect(textOf(item(view))).to.include('To approve');
      expect(queryByRole(item(view), 'button', { name: 'Approve' })).to.equal(null);
      expect(textOf(item(view))).to.include('Someone of your account who may place orders can approve or reject it.');
    });
  });

  describe('interaction', () => {
    it('Approve: the charge counts, the total updates, the outcome is announced and focused', async () => {
      const { state, view } = await mount(api);
      getByRole(item(view), 'button', { name: 'Approve' }).click();
      await findText(view, "You approved Pallet wrapping. The order's total is now €72.85.");
      expect(requestsTo(state, 'approveOrderCharge')).to.have.length(1);
      expect(textOf(view)).to.include('Freight €9.95 Pallet wrapping €12.50 Total €72.85');
      expect(textOf(item(view))).to.include('Pallet wrapping Approved €12.50');
      await waitUntil(() => focused()?.textContent === 'Approved', 'the focus is on the outcome');
    });

    it('Reject asks a reason: refused empty, sent trimmed; the total stays', async () => {
      const { state, view } = await mount(api);
      getByRole(item(view), 'button', { name: 'Reject' }).click();
      const reason = (await findByRole(item(view), 'textbox', {
        name: 'Why do you reject it?',
      })) as HTMLTextAreaElement;
      await waitUntil(() => focused() === reason, 'the focus moves to the reason');
      getByRole(item(view), 'button', { name: 'Reject charge' }).click();
      await findText(item(view), 'Please give a reason.');
      expect(requestsTo(state, 'rejectOrderCharge')).to.have.length(0);
      expect(reason.getAttribute('aria-invalid')).to.equal('true');

      fill(reason, '  We collect on Mondays. ');
      getByRole(item(view), 'button', { name: 'Reject charge' }).click();
      await findText(view, 'You rejected Pallet wrapping. Northwind Wholesale sees your reason.');
      expect(requestsTo(state, 'rejectOrderCharge').map((r) => r.body)).to.deep.equal([
        { reason: 'We collect on Mondays.' },
      ]);
      expect(textOf(item(view))).to.include('Rejected €12.50 Not in the total. Your reason: We collect on Mondays.');
      expect(textOf(view)).to.include('Freight €9.95 Total €60.35');
    });

    it('Escape closes the reason form and gives the focus back to Reject', async () => {
      const { view } = await mount(api);
      getByRole(item(view), 'button', { name: 'Reject' }).click();
      const reason = await findByRole(item(view), 'textbox', { name: 'Why do you reject it?' });
      await waitUntil(() => focused() === reason);
      reason.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await waitUntil(
        () => (focused() as HTMLElement | null)?.textContent?.trim() === 'Reject',
        'focus back on Reject',
      );
      expect(queryByRole(item(view), 'textbox')).to.equal(null);
    });
  });

  describe('errors', () => {
    it('decided meanwhile (another tab): 409 shown beside the buttons, nothing counted', async () => {
      const { state, charge, view } = await mount(api);
      // Another tab rejected it after this page read the order.
      Object.assign(
        state.data.orders.find((o) => o.number === ORDER)!.supplier_charges!.find((c) => c.id === charge.id)!,
        {
          state: 'rejected',
          reason: 'other tab',
        },
      );
      getByRole(item(view), 'button', { name: 'Approve' }).click();
      const alert = await findByRole(item(view), 'alert');
      await findText(alert, 'This charge was already decided (in another tab, or by someone else).');
      expect(textOf(view)).to.include('Total €60.35');
    });
  });
});
