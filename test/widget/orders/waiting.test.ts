import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  findText,
  focused,
  getByRole,
  mockApi,
  queryAllByRole,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import {
  allOrders,
  closed,
  describedBy,
  expectBlocked,
  keepAddress,
  mountOrders,
  openCancel,
  orderShown,
  ordersShown,
  rowCells,
} from './helpers.ts';

/** Orders waiting for the supplier (issue 17, "Automatically create orders" off), and the Orders section's tabs. */
describe('<portal-orders-view> orders waiting for the supplier', () => {
  const api = mockApi();
  keepAddress();

  /** Every kind of order, SO-2025-0013 waiting for the supplier and SO-2025-0005 for the account's Admins. */
  function waitingOrders() {
    const orders = allOrders();
    orders.find((o) => o.number === 'SO-2025-0013')!.status = 'awaiting_supplier';
    orders.find((o) => o.number === 'SO-2025-0005')!.status = 'awaiting_approval';
    return orders;
  }

  /** The order numbers listed, in order; none while the list (re)loads, so a waitUntil can poll it. */
  const listed = (root: Element) => {
    const table = queryByRole(root, 'table', { name: 'Orders' });
    if (!table) return [];
    return queryAllByRole(table, 'row')
      .filter((r) => queryAllByRole(r, 'cell').length > 0)
      .map((r) => textOf(queryAllByRole(r, 'cell')[0]));
  };

  describe('the tabs', () => {
    it('All orders, Waiting for approval and Cancelled: arrow keys move and select, each lists its own orders', async () => {
      const state = api.serve({ orders: waitingOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      const tabs = getByRole(view, 'tablist', { name: 'Orders by status' });
      expect(queryAllByRole(tabs, 'tab').map(textOf)).to.deep.equal([
        'All orders',
        'Waiting for approval',
        'Cancelled',
      ]);
      const all = getByRole(tabs, 'tab', { name: 'All orders' });
      expect(all.getAttribute('aria-selected')).to.equal('true');
      expect(listed(view)).to.include.members(['SO-2025-0013', 'SO-2025-0007', 'SO-2025-0005']);

      // One tab in the Tab order; the arrows move the selection with the focus.
      all.focus();
      await sendKeys({ press: 'ArrowRight' });
      const waiting = getByRole(tabs, 'tab', { name: 'Waiting for approval' });
      await waitUntil(() => focused() === waiting, 'the focus did not move to "Waiting for approval"');
      expect(waiting.getAttribute('aria-selected')).to.equal('true');
      expect(waiting.tabIndex).to.equal(0);
      expect(all.tabIndex).to.equal(-1);
      await waitUntil(() => listed(view).join() === 'SO-2025-0013,SO-2025-0005', 'the waiting orders did not show');
      expect(rowCells(view, 'SO-2025-0013')?.[2]).to.equal('Waiting for the supplier');
      expect(rowCells(view, 'SO-2025-0005')?.[2]).to.equal('Waiting for approval');
      const panel = getByRole(view, 'tabpanel', { name: 'Waiting for approval' });
      expect(panel.id).to.equal(waiting.getAttribute('aria-controls'));

      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => listed(view).join() === 'SO-2025-0007', 'the cancelled orders did not show');
      expect(focused()).to.equal(getByRole(tabs, 'tab', { name: 'Cancelled' }));

      await sendKeys({ press: 'Home' });
      await waitUntil(() => listed(view).length > 3, 'All orders did not come back');
      expect(focused()).to.equal(all);

      const groups = requestsTo(state, 'listOrders').map((r) => r.query.status_group ?? 'all');
      expect(groups).to.include.members(['waiting', 'cancelled', 'all']);
    });

    it('an empty tab says what it would hold', async () => {
      api.serve({ orders: allOrders() });
      const { view } = await mountOrders();
      await ordersShown(view);
      getByRole(view, 'tab', { name: 'Waiting for approval' }).click();
      await findText(view, 'Nothing waiting');
      await findText(view, 'Orders waiting for approval, or for Northwind Wholesale to create them, show here.');
    });
  });

  describe('cancelling while it waits', () => {
    it('allowed even with changes off: at once, with a reason typed; the focus goes to the outcome, the order moves to Cancelled', async () => {
      const state = api.serve({
        orders: waitingOrders(),
        session: {
          settings: {
            order_changes: {
              enabled: false,
              apply_cancellations_automatically: false,
              allowed_before: 'confirmed',
              cancellations_allowed_before: 'confirmed',
            },
          },
        },
      });
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      expect(textOf(view)).to.include('Status Waiting for the supplier');
      expectBlocked(
        getByRole(view, 'button', { name: 'Edit order' }),
        'Northwind Wholesale has not created this order yet: you can cancel it now, and change it once it is created.',
      );
      const cancel = getByRole(view, 'button', { name: 'Cancel order' });
      expect(cancel.getAttribute('aria-disabled')).to.equal('false');

      cancel.focus();
      const dialog = await openCancel(view, 'SO-2025-0013');
      const submit = getByRole(dialog, 'button', { name: 'Cancel order' });
      expect(textOf(describedBy(submit)!)).to.equal(
        'Northwind Wholesale has not created this order yet, so it is cancelled at once.',
      );
      getByRole(dialog, 'textbox', { name: 'Reason (optional)' }).focus();
      await sendKeys({ type: 'Ordered twice' });
      submit.click();
      await closed(dialog);

      expect(requestsTo(state, 'cancelOrder').map((r) => r.body)).to.deep.equal([{ reason: 'Ordered twice' }]);
      await findText(view, 'Order SO-2025-0013 is cancelled.');
      expect(textOf(view)).to.include('Status Cancelled');
      // Changes are off: no Edit or Cancel once it is cancelled, so the focus goes to what happened.
      expect(queryByRole(view, 'button', { name: 'Cancel order' })).to.equal(null);
      await waitUntil(
        () => textOf(focused()!) === 'Order SO-2025-0013 is cancelled.',
        'the focus did not go to the message',
      );

      // Back on the list, it is under Cancelled and no longer under Waiting for approval.
      getByRole(getByRole(view, 'dialog', { name: 'Order SO-2025-0013' }), 'button', { name: 'Close' }).click();
      await ordersShown(view);
      getByRole(view, 'tab', { name: 'Cancelled' }).click();
      await waitUntil(() => listed(view).includes('SO-2025-0013'), 'the order is not under Cancelled');
      getByRole(view, 'tab', { name: 'Waiting for approval' }).click();
      await waitUntil(() => listed(view).join() === 'SO-2025-0005', 'the order is still under Waiting for approval');
    });

    it('once created by the supplier, the limits apply again: with changes off, Cancel is unusable', async () => {
      const state = api.serve({
        orders: waitingOrders(),
        session: { settings: { order_changes: { enabled: false } } },
      });
      const { view } = await mountOrders();
      await ordersShown(view);
      const { createWaitingOrder } = await import('../../../widget/mock/handlers.ts');
      createWaitingOrder(state, 'SO-2025-0013');
      location.hash = '#portal/orders/SO-2025-0013';
      await orderShown(view, 'SO-2025-0013');
      expect(textOf(view)).to.include('Status Pending');
      expect(queryByRole(view, 'button', { name: 'Cancel order' })).to.equal(null);
    });
  });
});
