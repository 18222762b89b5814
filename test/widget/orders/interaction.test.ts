import { expect, waitUntil } from '@open-wc/testing';
import { getResponse, http } from 'msw';
import { endpoints, type Endpoint } from '../../../widget/contract/index.ts';
import { formatDateTime } from '../../../widget/parts/format.ts';
import { CHANGE_IDS, IDS, NOW } from '../../../widget/mock/data.ts';
import { createHandlers, decideOrderRequest, mockUrl, type MockState } from '../../../widget/mock/handlers.ts';
import {
  TOKEN,
  fill,
  findByRole,
  findText,
  focused,
  getByRole,
  mockApi,
  queryAllByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { ordersShown as pastOrdersShown, rowCells as pastRowCells } from '../past-orders/helpers.ts';
import {
  banner,
  cells,
  closed,
  describedBy,
  expectBlocked,
  keepAddress,
  mountOrders,
  openCancel,
  openEdit,
  openOrder,
  orderShown,
  ordersShown,
  patches,
  record,
  rowCells,
  withChanges,
} from './helpers.ts';

const at = (iso: string) => formatDateTime(iso, 'en-IE');

/** Holds the answers of one endpoint until `release()`, counting the requests that reached it. */
function held(api: ReturnType<typeof mockApi>, state: MockState, endpoint: Endpoint) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handlers = createHandlers(state);
  const out = { sent: 0, release };
  api.worker.use(
    http[endpoint.method](mockUrl(endpoint), async ({ request }) => {
      out.sent += 1;
      await gate;
      return getResponse(handlers, request);
    }),
  );
  return out;
}
const quantity = (dialog: HTMLElement, name: string) =>
  getByRole(dialog, 'spinbutton', { name: `Quantity of ${name}` }) as HTMLInputElement;
const lineNames = (dialog: HTMLElement) =>
  queryAllByRole(getByRole(dialog, 'list', { name: 'Lines' }), 'listitem').map((li) =>
    textOf(li.querySelector('strong')!),
  );

describe('<portal-orders-view> interaction', () => {
  const api = mockApi();
  keepAddress();

  describe('editing an order', () => {
    it('applies at once when the workspace says so: the PATCH sent, the order updated in place and in its record', async () => {
      const state = api.serve(withChanges({ apply_updates_automatically: true }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      expect(textOf(dialog)).to.include("Your change applies at once, at today's prices.");

      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      await findText(dialog, 'Total now €60.35 New subtotal €84.00 Freight €9.95 New total €93.95');
      getByRole(dialog, 'button', { name: 'Save changes' }).click();
      await closed(dialog);

      expect(patches(state)).to.deep.equal([
        {
          lines: [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 20 }],
          expected_total: 9395,
        },
      ]);
      expect(requestsTo(state, 'updateOrder')[0].path).to.equal(
        `/api/v1/customer-portal/view/${TOKEN}/orders/${CHANGE_IDS.editable}`,
      );
      await findText(view, 'Your changes to SO-2025-0013 are saved.');
      expect(textOf(view)).to.include('Subtotal €84.00 Freight €9.95 Total €93.95');
      expect(cells(queryAllByRole(getByRole(view, 'table', { name: 'Lines' }), 'row')[1])[1]).to.equal('20');
      expect(record(view).at(-1)).to.equal(
        `Changed by Harbour Café Ltd, ${at(NOW)} Changed: Cold Brew Coffee 1 L: 12 → 20 Each; total €60.35 → €93.95`,
      );
      expect(
        getByRole(view, 'button', { name: 'Edit order' }).getAttribute('aria-disabled'),
        'still editable',
      ).to.equal('false');
    });

    it('becomes a request when approval is needed: the order stays, the change waits, Edit and Cancel wait too', async () => {
      const state = api.serve(withChanges({ apply_updates_automatically: false }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      const submit = getByRole(dialog, 'button', { name: 'Send change for approval' });
      expect(textOf(describedBy(submit)!)).to.equal(
        'Northwind Wholesale will review your change before it applies. Until then the order stays as it is.',
      );

      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      submit.click();
      await closed(dialog);

      expect(patches(state)).to.deep.equal([
        {
          lines: [{ product_id: IDS.product.coldBrew, uom: 'each', quantity: 20 }],
          expected_total: 9395,
        },
      ]);
      await findText(view, 'Your change to SO-2025-0013 was sent to Northwind Wholesale for approval.');
      const box = banner(view, 'Update awaiting approval');
      expect(textOf(box)).to.include('Cold Brew Coffee 1 L 12 Each 20 Each');
      expect(textOf(box)).to.include('Total: €60.35 now → €93.95 proposed');
      expect(textOf(view), 'the order is as it was').to.include('Subtotal €50.40 Freight €9.95 Total €60.35');
      expectBlocked(
        getByRole(view, 'button', { name: 'Edit order' }),
        "A change is already waiting for Northwind Wholesale's approval.",
      );
      expect(record(view).at(-1)).to.equal(
        `Change requested by Harbour Café Ltd, ${at(NOW)} Changed: Cold Brew Coffee 1 L: 12 → 20 Each; total €60.35 → €93.95`,
      );
    });

    it('both sides then see the same state: approved by the supplier, the change is on the order; rejected, the reason shows', async () => {
      const state = api.serve(withChanges());
      const { view, host } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      let dialog = await openEdit(view, 'SO-2025-0013');
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      await findText(view, 'Update awaiting approval');

      decideOrderRequest(state, 'SO-2025-0013', 'approve');
      host.remove();
      const again = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(again.view, 'SO-2025-0013');
      expect(textOf(again.view)).to.include('Subtotal €84.00 Freight €9.95 Total €93.95');
      expect(again.view.shadowRoot!.querySelector('section'), 'no banner').to.equal(null);
      expect(record(again.view).at(-1)).to.equal(
        `Approved by Northwind Wholesale, ${at(NOW)} Changed: Cold Brew Coffee 1 L: 12 → 20 Each; total €60.35 → €93.95`,
      );

      dialog = await openEdit(again.view, 'SO-2025-0013');
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '48');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      decideOrderRequest(state, 'SO-2025-0013', 'reject', 'No more than 20 this week.');
      again.host.remove();
      const third = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(third.view, 'SO-2025-0013');
      expect(textOf(banner(third.view, 'Change not accepted'))).to.include(
        'Northwind Wholesale did not accept your change: No more than 20 this week.',
      );
      expect(textOf(third.view)).to.include('Total €93.95');
      expect(getByRole(third.view, 'button', { name: 'Edit order' }).getAttribute('aria-disabled')).to.equal('false');
    });

    it('adds a product found by name or SKU, removes a line, changes the reference: the whole new set is sent', async () => {
      const state = api.serve(withChanges({ apply_updates_automatically: true }));
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      const dialog = await openEdit(view, 'SO-2025-0012');
      const search = getByRole(dialog, 'searchbox', { name: 'Add a product' }) as HTMLInputElement;

      fill(search, 'bev-gt');
      const results = await findByRole(dialog, 'list', { name: 'Products matching “bev-gt”' });
      expect(queryAllByRole(results, 'listitem').map(textOf)).to.deep.equal([
        'Green Tea, 20 bags SKU BEV-GT-20 €2.75 / Each Add',
      ]);
      getByRole(results, 'button', { name: 'Add Green Tea, 20 bags' }).click();
      const added = await findByRole(dialog, 'spinbutton', { name: 'Quantity of Green Tea, 20 bags' });
      await waitUntil(() => focused() === added, "the new line's quantity did not get the focus");
      expect(search.value, 'the search is cleared').to.equal('');
      fill(quantity(dialog, 'Green Tea, 20 bags'), '4');

      getByRole(dialog, 'button', { name: 'Remove Orange Juice 1 L' }).click();
      await waitUntil(() => lineNames(dialog).length === 2);
      expect(lineNames(dialog)).to.deep.equal(['Dish Soap 500 ml', 'Green Tea, 20 bags']);
      fill(getByRole(dialog, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement, ' PO-2001-B ');
      await findText(dialog, 'New total €33.55');
      getByRole(dialog, 'button', { name: 'Save changes' }).click();
      await closed(dialog);

      expect(patches(state)).to.deep.equal([
        {
          lines: [
            { product_id: IDS.product.dishSoap, uom: 'each', quantity: 6 },
            { product_id: IDS.product.greenTea, uom: 'each', quantity: 4 },
          ],
          expected_total: 3355,
          customer_reference: 'PO-2001-B',
        },
      ]);
      await findText(view, 'Your reference PO-2001-B');
    });

    it('searching finds active products only, and says when nothing matches', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      const search = getByRole(dialog, 'searchbox', { name: 'Add a product' }) as HTMLInputElement;
      fill(search, 'classic cola');
      await findText(dialog, 'No products match “classic cola”.');
      fill(search, 'clean');
      const results = await findByRole(dialog, 'list', { name: 'Products matching “clean”' });
      const cleaner = queryAllByRole(results, 'listitem').find((li) => textOf(li).startsWith('All-Purpose Cleaner'))!;
      expect(textOf(cleaner)).to.include('Out of stock');
      expect(getByRole(cleaner, 'button', { name: 'Add All-Purpose Cleaner 750 ml' })).to.have.property(
        'disabled',
        true,
      );
    });

    it("a line's unit can change; a product added twice adds one to its line", async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      const search = getByRole(dialog, 'searchbox', { name: 'Add a product' }) as HTMLInputElement;
      fill(search, 'sparkling');
      getByRole(await findByRole(dialog, 'list', { name: /^Products matching/ }), 'button', {
        name: 'Add Sparkling Water 500 ml',
      }).click();
      await waitUntil(() => lineNames(dialog).length === 2);
      fill(getByRole(dialog, 'combobox', { name: 'Unit of Sparkling Water 500 ml' }) as HTMLSelectElement, 'case12');
      fill(search, 'cold brew');
      getByRole(await findByRole(dialog, 'list', { name: /^Products matching/ }), 'button', {
        name: 'Add Cold Brew Coffee 1 L',
      }).click();
      await waitUntil(() => quantity(dialog, 'Cold Brew Coffee 1 L').value === '13');
      expect(lineNames(dialog)).to.deep.equal(['Cold Brew Coffee 1 L', 'Sparkling Water 500 ml']);
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      expect(patches(state)).to.deep.equal([
        {
          lines: [
            { product_id: IDS.product.coldBrew, uom: 'each', quantity: 13 },
            { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 1 },
          ],
          expected_total: 13 * 420 + 1300 + 995,
        },
      ]);
    });

    it('the last line cannot be removed: to remove everything, cancel the order', async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      const remove = getByRole(dialog, 'button', { name: 'Remove Cold Brew Coffee 1 L' });
      expect(remove.getAttribute('aria-disabled')).to.equal('true');
      expect(textOf(describedBy(remove)!)).to.equal(
        'An order keeps at least one line. To remove everything, cancel the order instead.',
      );
      remove.click();
      await view.updateComplete;
      expect(lineNames(dialog)).to.deep.equal(['Cold Brew Coffee 1 L']);
      expect(patches(state)).to.have.length(0);
    });

    it('only the reference changed: only the reference is sent, not re-priced', async () => {
      const state = api.serve(withChanges({ apply_updates_automatically: true }));
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      const dialog = await openEdit(view, 'SO-2025-0012');
      fill(getByRole(dialog, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement, 'PO-2009');
      expect(textOf(dialog)).to.include('Total now €52.45 New subtotal €42.50 Freight €9.95 New total €52.45');
      getByRole(dialog, 'button', { name: 'Save changes' }).click();
      await closed(dialog);
      expect(patches(state)).to.deep.equal([{ customer_reference: 'PO-2009' }]);
      expect(record(view).at(-1)).to.equal(
        `Changed by Harbour Café Ltd, ${at(NOW)} Changed: reference PO-2001 → PO-2009`,
      );
    });

    it('a reference cleared (not required) is sent as none', async () => {
      const state = api.serve(withChanges({ apply_updates_automatically: true }));
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      const dialog = await openEdit(view, 'SO-2025-0012');
      fill(getByRole(dialog, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement, '   ');
      getByRole(dialog, 'button', { name: 'Save changes' }).click();
      await closed(dialog);
      expect(patches(state)).to.deep.equal([{ customer_reference: null }]);
    });

    it('two fast clicks on Save send one change; Save waits, disabled, for the answer', async () => {
      const state = api.serve(withChanges({ apply_updates_automatically: true }));
      const answer = held(api, state, endpoints.updateOrder);
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '20');
      const save = getByRole(dialog, 'button', { name: 'Save changes' });
      save.click();
      save.click();
      const saving = await findByRole(dialog, 'button', { name: 'Saving…' });
      expect(saving).to.have.property('disabled', true);
      saving.click();
      answer.release();
      await closed(dialog);
      await findText(view, 'are saved');
      expect(answer.sent).to.equal(1);
      expect(patches(state)).to.have.length(1);
    });

    it('"Discard changes" and Close leave the order as it is', async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      let dialog = await openEdit(view, 'SO-2025-0013');
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '30');
      getByRole(dialog, 'button', { name: 'Discard changes' }).click();
      await closed(dialog);
      dialog = await openEdit(view, 'SO-2025-0013');
      expect(quantity(dialog, 'Cold Brew Coffee 1 L').value, 'the form starts again from the order').to.equal('12');
      getByRole(dialog, 'button', { name: 'Close' }).click();
      await closed(dialog);
      expect(patches(state)).to.have.length(0);
    });
  });

  describe('cancelling an order', () => {
    it('at once, with a reason: the order shows cancelled, Edit and Cancel say why they are unusable', async () => {
      const state = api.serve(withChanges({ apply_cancellations_automatically: true }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openCancel(view, 'SO-2025-0013');
      expect(textOf(dialog)).to.include('The order is cancelled at once, and Northwind Wholesale is told.');
      fill(getByRole(dialog, 'textbox', { name: 'Reason (optional)' }) as HTMLTextAreaElement, 'Wrong delivery week');
      getByRole(dialog, 'button', { name: 'Cancel order' }).click();
      await closed(dialog);

      const [request] = requestsTo(state, 'cancelOrder');
      expect(request.body).to.deep.equal({ reason: 'Wrong delivery week' });
      expect(request.path).to.equal(`/api/v1/customer-portal/view/${TOKEN}/orders/${CHANGE_IDS.editable}/cancel`);
      await findText(view, 'Order SO-2025-0013 is cancelled.');
      expect(textOf(view)).to.include('Status Cancelled');
      expectBlocked(getByRole(view, 'button', { name: 'Cancel order' }), 'This order is cancelled.');
      expect(record(view).at(-1)).to.equal(`Cancelled by Harbour Café Ltd, ${at(NOW)} Reason: Wrong delivery week`);
    });

    it('as a request when approval is needed, without a reason: "Cancellation awaiting approval"', async () => {
      const state = api.serve(withChanges({ apply_cancellations_automatically: false }));
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openCancel(view, 'SO-2025-0013');
      const submit = getByRole(dialog, 'button', { name: 'Request cancellation' });
      expect(textOf(describedBy(submit)!)).to.equal(
        'Northwind Wholesale will review your cancellation before it applies. Until then the order stays as it is.',
      );
      submit.click();
      await closed(dialog);
      expect(requestsTo(state, 'cancelOrder').map((r) => r.body)).to.deep.equal([{}]);
      await findText(view, 'Your cancellation of SO-2025-0013 was sent to Northwind Wholesale for approval.');
      expect(textOf(banner(view, 'Cancellation awaiting approval'))).to.include('to cancel this order');
      expect(textOf(view)).to.include('Status Pending Cancellation awaiting approval');
      expect(record(view).at(-1)).to.equal(`Cancellation requested by Harbour Café Ltd, ${at(NOW)}`);
    });

    it('two fast clicks send one cancellation; "Keep order" closes without sending', async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      let dialog = await openCancel(view, 'SO-2025-0013');
      getByRole(dialog, 'button', { name: 'Keep order' }).click();
      await closed(dialog);
      expect(requestsTo(state, 'cancelOrder')).to.have.length(0);

      const answer = held(api, state, endpoints.cancelOrder);
      dialog = await openCancel(view, 'SO-2025-0013');
      const submit = getByRole(dialog, 'button', { name: 'Request cancellation' });
      submit.click();
      submit.click();
      expect(await findByRole(dialog, 'button', { name: 'Sending…' })).to.have.property('disabled', true);
      answer.release();
      await closed(dialog);
      expect(answer.sent).to.equal(1);
      await findText(view, 'was sent to Northwind Wholesale for approval');
      expect(requestsTo(state, 'cancelOrder')).to.have.length(1);
    });
  });

  describe("the list after a change, and the portal's other order lists", () => {
    it('going back to the list shows the change; <past-orders> on the same store reloads too', async () => {
      const state = api.serve(withChanges({ apply_cancellations_automatically: true }));
      const { view, host } = await mountOrders({ pastOrders: true });
      const past = host.querySelector('past-orders')!;
      await ordersShown(view);
      await pastOrdersShown(past);
      const listed = requestsTo(state, 'listOrders').length;

      await openOrder(view, 'SO-2025-0013');
      const dialog = await openCancel(view, 'SO-2025-0013');
      getByRole(dialog, 'button', { name: 'Cancel order' }).click();
      await closed(dialog);
      await findText(view, 'Order SO-2025-0013 is cancelled.');

      await waitUntil(() => pastRowCells(past, 'SO-2025-0013')?.[2] === 'Cancelled', '<past-orders> did not reload');
      getByRole(getByRole(view, 'dialog', { name: 'Order SO-2025-0013' }), 'button', { name: 'Close' }).click();
      await waitUntil(() => location.hash === '#portal/orders', 'Close did not go back to the list');
      await ordersShown(view);
      await waitUntil(
        () => rowCells(view, 'SO-2025-0013')?.[2] === 'Cancelled',
        'the list does not show the cancellation',
      );
      expect(requestsTo(state, 'listOrders').length).to.be.above(listed);
    });

    it('a change waiting shows in the list as "Update awaiting approval"', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders();
      await ordersShown(view);
      await openOrder(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      fill(quantity(dialog, 'Cold Brew Coffee 1 L'), '24');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await closed(dialog);
      history.back();
      await ordersShown(view);
      await waitUntil(
        () => rowCells(view, 'SO-2025-0013')?.[2] === 'Pending Update awaiting approval',
        'the list does not show the request',
      );
    });
  });

  describe('reorder and PDF', () => {
    it("Reorder puts the order's lines in the cart; Download PDF saves the order's PDF", async () => {
      const state = api.serve(withChanges());
      const { view, store } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      getByRole(view, 'button', { name: 'Reorder' }).click();
      await findText(
        view,
        "Added 2 lines of SO-2025-0012 to your cart, at today's prices. 10 × Orange Juice 1 L 6 × Dish Soap 500 ml",
      );
      expect(store.state.cart).to.deep.equal([
        { product_id: IDS.product.orangeJuice, uom: 'each', quantity: 10 },
        { product_id: IDS.product.dishSoap, uom: 'each', quantity: 6 },
      ]);

      const saved: string[] = [];
      view.shadowRoot!.addEventListener('click', (event) => {
        const target = event.composedPath()[0];
        if (target instanceof HTMLAnchorElement && target.download) {
          event.preventDefault();
          saved.push(target.download);
        }
      });
      getByRole(view, 'button', { name: 'Download PDF' }).click();
      await waitUntil(() => saved.length === 1, 'no download');
      expect(saved).to.deep.equal(['SO-2025-0012.pdf']);
      expect(requestsTo(state, 'getOrderPdf')[0].path).to.equal(
        `/api/v1/customer-portal/view/${TOKEN}/orders/${CHANGE_IDS.approved}/pdf`,
      );
    });
  });
});
