import { expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { CHANGE_IDS, IDS } from '../../../widget/mock/data.ts';
import { errorResponse, mockUrl, type MockState } from '../../../widget/mock/handlers.ts';
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
import {
  closed,
  describedBy,
  expectBlocked,
  keepAddress,
  mountOrders,
  openCancel,
  openEdit,
  orderShown,
  patches,
  withChanges,
} from './helpers.ts';

const quantity = (dialog: HTMLElement, name: string) =>
  getByRole(dialog, 'spinbutton', { name: `Quantity of ${name}` }) as HTMLInputElement;
const order = (state: MockState, id: string) => state.data.orders.find((o) => o.id === id)!;

describe('<portal-orders-view> errors', () => {
  const api = mockApi();
  keepAddress();

  async function editing(overrides: Parameters<typeof withChanges>[0] = {}, number = 'SO-2025-0013', session = {}) {
    const state = api.serve(withChanges(overrides, session));
    const { view } = await mountOrders({ order: number });
    await orderShown(view, number);
    const dialog = await openEdit(view, number);
    return { state, view, dialog };
  }

  describe('the edit form', () => {
    it("409 price_changed: shows the supplier's new prices and sends again with the new total once confirmed", async () => {
      const { state, view, dialog } = await editing({ apply_updates_automatically: true });
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      await findText(dialog, 'New total €93.95');
      // The supplier's price list changes while the customer edits.
      state.data.catalog.pricing.group_list!.entries[0].tiers[1].unit_price_minor = 430;
      getByRole(dialog, 'button', { name: 'Save changes' }).click();

      const notice = await findByRole(dialog, 'alert', { name: /Prices have changed/ });
      expect(textOf(notice)).to.include(
        'Prices have changed since this order was priced. New total: €95.95 (you saw €93.95). Cold Brew Coffee 1 L: 20 × €4.30',
      );
      await waitUntil(
        () => focused() === getByRole(dialog, 'button', { name: 'Confirm new total and save' }),
        'the focus did not go to Confirm',
      );
      expect(dialog.open, 'nothing changed yet').to.equal(true);
      getByRole(dialog, 'button', { name: 'Confirm new total and save' }).click();
      await closed(dialog);

      const lines = [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 20 }];
      expect(patches(state)).to.deep.equal([
        { lines, expected_total: 9395 },
        { lines, expected_total: 9595 },
      ]);
      await findText(view, 'Subtotal €86.00 Freight €9.95 Total €95.95');
    });

    it('409 price_changed, then "Review changes": the form shows today\'s prices', async () => {
      const { state, dialog } = await editing();
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      state.data.catalog.pricing.group_list!.entries[0].tiers[1].unit_price_minor = 430;
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findByRole(dialog, 'button', { name: 'Confirm new total and send' });
      getByRole(dialog, 'button', { name: 'Review changes' }).click();
      await findText(dialog, 'New total €95.95');
      expect(queryByRole(dialog, 'button', { name: 'Confirm new total and send' })).to.equal(null);
    });

    it('422 lines_not_orderable: the refused lines are marked with the reason, nothing changes', async () => {
      const { state, view, dialog } = await editing();
      fill(getByRole(dialog, 'searchbox', { name: 'Add a product' }) as HTMLInputElement, 'green tea');
      getByRole(await findByRole(dialog, 'list', { name: /^Products matching/ }), 'button', {
        name: 'Add Green Tea, 20 bags',
      }).click();
      const tea = await findByRole(dialog, 'spinbutton', { name: 'Quantity of Green Tea, 20 bags' });
      // Sold out at the supplier since the catalogue was loaded.
      state.data.catalog.products.find((p) => p.id === IDS.product.greenTea)!.stock = 'out_of_stock';
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();

      await findText(
        dialog,
        'Some products can no longer be ordered. Change or remove the marked lines, then save again.',
      );
      expect(tea.getAttribute('aria-invalid')).to.equal('true');
      expect(textOf(describedBy(tea)!)).to.equal('Out of stock: change or remove it to save');
      expect(quantity(dialog, 'Cold Brew Coffee 1 L').getAttribute('aria-invalid')).to.equal('false');
      await waitUntil(() => focused() === tea, 'the focus did not go to the refused line');
      expect(order(state, CHANGE_IDS.editable).requests).to.have.length(0);

      getByRole(dialog, 'button', { name: 'Remove Green Tea, 20 bags' }).click();
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '14');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      expect(patches(state)).to.have.length(2);
      await findText(view, 'was sent to Northwind Wholesale for approval');
    });

    it('422 reference_taken: the message is on the reference field, which has the focus; another reference goes through', async () => {
      const { state, view, dialog } = await editing({}, 'SO-2025-0013', {
        settings: { require_unique_reference: true },
      });
      const reference = getByRole(dialog, 'textbox', { name: 'Your reference' }) as HTMLInputElement;
      fill(reference, 'PO-2001');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();

      await waitUntil(() => reference.getAttribute('aria-invalid') === 'true', 'the field is not marked');
      expect(textOf(describedBy(reference)!)).to.equal(
        'You have already used “PO-2001” on another order. Enter a different reference.',
      );
      await waitUntil(() => focused() === reference, 'the focus did not go to the field');
      expect(dialog.open).to.equal(true);
      expect(patches(state)).to.deep.equal([{ customer_reference: 'PO-2001' }]);

      fill(reference, 'PO-2100');
      await waitUntil(
        () => reference.getAttribute('aria-invalid') === 'false' && !describedBy(reference),
        'typing did not clear the message',
      );
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      await findText(view, 'Your change to SO-2025-0013 was sent');
    });

    it('a required reference cannot be cleared: said on the field before anything is sent', async () => {
      const { state, dialog } = await editing({}, 'SO-2025-0012', { settings: { require_unique_reference: true } });
      const reference = getByRole(dialog, 'textbox', { name: 'Your reference' }) as HTMLInputElement;
      fill(reference, '  ');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await waitUntil(() => reference.getAttribute('aria-invalid') === 'true', 'the field is not marked');
      expect(textOf(describedBy(reference)!)).to.equal(
        'Enter your reference: Northwind Wholesale needs one on every order.',
      );
      await waitUntil(() => focused() === reference, 'the focus did not go to the field');
      expect(patches(state)).to.have.length(0);
    });

    it('422 reference_required from the supplier: said on the field', async () => {
      const { state, dialog } = await editing({}, 'SO-2025-0012');
      // The supplier started requiring references after the page loaded.
      state.data.session.settings.require_unique_reference = true;
      const reference = getByRole(dialog, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement;
      fill(reference, '');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await waitUntil(() => reference.getAttribute('aria-invalid') === 'true', 'the field is not marked');
      expect(textOf(describedBy(reference)!)).to.equal(
        'Enter your reference: Northwind Wholesale needs one on every order.',
      );
      expect(patches(state)).to.deep.equal([{ customer_reference: null }]);
    });

    it('409 request_pending: says so, and the order is read again (now waiting)', async () => {
      const { state, view, dialog } = await editing();
      // Meanwhile, the customer asked for a cancellation in another tab.
      Object.assign(order(state, CHANGE_IDS.editable), { pending_request: 'cancel' });
      order(state, CHANGE_IDS.editable).requests.unshift({
        id: CHANGE_IDS.phone,
        kind: 'cancel',
        state: 'pending',
        created_at: '2025-06-15T09:50:00.000Z',
        decided_at: null,
        reason: null,
        rejection_reason: null,
        proposed: null,
      });
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();

      await closed(dialog);
      const alert = await findByRole(view, 'alert');
      expect(textOf(alert)).to.equal(
        "Your change was not sent: a change to this order is already waiting for Northwind Wholesale's approval.",
      );
      await findText(view, 'Cancellation awaiting approval');
      // The order read again blocks Edit in the render that follows (under load, a frame later).
      await waitUntil(
        () => getByRole(view, 'button', { name: 'Edit order' }).getAttribute('aria-disabled') === 'true',
        'Edit order stayed usable',
      );
      expectBlocked(
        getByRole(view, 'button', { name: 'Edit order' }),
        "A change is already waiting for Northwind Wholesale's approval.",
      );
      expect(requestsTo(state, 'getOrder')).to.have.length(2);
    });

    it('422 order_not_editable: the reason, and the order as the supplier has it now', async () => {
      const { state, view, dialog } = await editing();
      order(state, CHANGE_IDS.editable).status = 'in_progress';
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();

      await closed(dialog);
      const alert = await findByRole(view, 'alert');
      expect(textOf(alert)).to.equal(
        'Your change was not sent. Northwind Wholesale has started preparing this order, so it can no longer be changed.',
      );
      await findText(view, 'Status In progress');
      expectBlocked(
        getByRole(view, 'button', { name: 'Cancel order' }),
        'Northwind Wholesale has started preparing this order, so it can no longer be changed.',
      );
    });

    it('a network failure: said in the form, which stays as it is for another try', async () => {
      const { state, view, dialog } = await editing();
      api.worker.use(http.patch(mockUrl(endpoints.updateOrder), () => HttpResponse.error(), { once: true }));
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findText(dialog, 'Your change could not be sent. Check your connection, then try again.');
      expect(quantity(dialog, 'Cold Brew Coffee 1 L').value).to.equal('20');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      expect(patches(state)).to.have.length(1);
      await findText(view, 'was sent to Northwind Wholesale for approval');
    });

    it('a 500: the supplier could not take it; a 429: wait', async () => {
      const { dialog } = await editing();
      api.worker.use(
        http.patch(mockUrl(endpoints.updateOrder), () => errorResponse(500, 'internal_error', 'boom'), { once: true }),
      );
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findText(dialog, 'Northwind Wholesale could not take your change just now. Please try again in a moment.');
      api.worker.use(
        http.patch(
          mockUrl(endpoints.updateOrder),
          () => errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '12' }),
          { once: true },
        ),
      );
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findText(dialog, 'Too many requests. Please wait 12 seconds, then try again.');
    });

    it('a quantity that is not a whole number from 1 is marked, and nothing is sent', async () => {
      const { state, dialog } = await editing();
      const input = quantity(dialog, 'Cold Brew Coffee 1 L');
      fill(input, '0');
      await waitUntil(() => input.getAttribute('aria-invalid') === 'true', 'the quantity is not marked');
      expect(textOf(describedBy(input)!)).to.equal('Enter a whole number from 1 to 100,000');
      expect(textOf(dialog)).to.include('New total —');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findText(dialog, 'Some lines need your attention: see the marked lines.');
      expect(patches(state)).to.have.length(0);
    });

    it('nothing changed: says so, sends nothing', async () => {
      const { state, dialog } = await editing();
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findText(dialog, 'Nothing has changed yet: change a quantity, a unit, a line or the reference first.');
      expect(patches(state)).to.have.length(0);
    });
  });

  describe('the cancel dialog', () => {
    it('422 order_not_editable: the dialog closes with the reason, and the order is read again', async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openCancel(view, 'SO-2025-0013');
      order(state, CHANGE_IDS.editable).status = 'shipped';
      getByRole(dialog, 'button', { name: 'Request cancellation' }).click();
      await closed(dialog);
      expect(textOf(await findByRole(view, 'alert'))).to.equal(
        'Your cancellation was not sent. Northwind Wholesale has started preparing this order, so it can no longer be changed.',
      );
      await findText(view, 'Status Shipped');
    });

    it('a network failure: said in the dialog; Retry by sending again', async () => {
      const state = api.serve(withChanges());
      api.worker.use(http.post(mockUrl(endpoints.cancelOrder), () => HttpResponse.error(), { once: true }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openCancel(view, 'SO-2025-0013');
      getByRole(dialog, 'button', { name: 'Request cancellation' }).click();
      await findText(dialog, 'Your cancellation could not be sent. Check your connection, then try again.');
      getByRole(dialog, 'button', { name: 'Request cancellation' }).click();
      await closed(dialog);
      expect(requestsTo(state, 'cancelOrder')).to.have.length(1);
      await findText(view, 'Cancellation awaiting approval');
    });
  });

  it('loading an order fails: Retry reads it again', async () => {
    const state = api.serve(withChanges());
    api.worker.use(
      http.get(mockUrl(endpoints.getOrder), () => errorResponse(500, 'internal_error', 'boom'), { once: true }),
    );
    const { view } = await mountOrders({ order: 'SO-2025-0013' });
    getByRole(await findByRole(view, 'alert'), 'button', { name: 'Retry' }).click();
    await orderShown(view, 'SO-2025-0013');
    expect(requestsTo(state, 'getOrder')).to.have.length(1);
  });
});
