import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { makeOlderOrders } from '../../../widget/mock/data.ts';
import { fill, findByRole, findText, focused, getByRole, mockApi } from '../customer-portal/helpers.ts';
import {
  allOrders,
  closed,
  keepAddress,
  mountOrders,
  openCancel,
  openEdit,
  orderShown,
  ordersShown,
  withChanges,
} from './helpers.ts';

/** Whether `inner` is `outer` or inside it, shadow roots included. */
function within(outer: Node, inner: Node | null): boolean {
  for (let n: Node | null = inner; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (n === outer) return true;
  }
  return false;
}

describe('<portal-orders-view> accessibility', () => {
  const api = mockApi();
  keepAddress();

  for (const width of [360, 1200]) {
    const layout = width < 600 ? 'cards, drawers' : 'table, modals';

    it(`the list, with labels and Load more (${layout})`, async () => {
      api.serve({ orders: [...allOrders(), ...makeOlderOrders(3)] });
      const { view } = await mountOrders({ width });
      await ordersShown(view);
      getByRole(view, 'button', { name: 'Load more' });
      await expect(view).to.be.accessible();
    });

    it(`an editable order's page (${layout})`, async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0012', width });
      await orderShown(view, 'SO-2025-0012');
      await expect(view).to.be.accessible();
    });

    it(`an order with a change waiting (${layout})`, async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0011', width });
      await orderShown(view, 'SO-2025-0011');
      await findText(view, 'Update awaiting approval');
      await expect(view).to.be.accessible();
    });

    it(`the edit dialog, with a product search and a refused reference (${layout})`, async () => {
      api.serve(withChanges({}, { settings: { require_unique_reference: true } }));
      const { view } = await mountOrders({ order: 'SO-2025-0013', width });
      await orderShown(view, 'SO-2025-0013');
      const dialog = await openEdit(view, 'SO-2025-0013');
      fill(getByRole(dialog, 'searchbox', { name: 'Add a product' }) as HTMLInputElement, 'water');
      await findByRole(dialog, 'list', { name: /^Products matching/ });
      fill(getByRole(dialog, 'textbox', { name: 'Your reference' }) as HTMLInputElement, 'PO-2001');
      getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
      await findText(dialog, 'You have already used “PO-2001” on another order.');
      await expect(view).to.be.accessible();
    });

    it(`the cancel dialog (${layout})`, async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013', width });
      await orderShown(view, 'SO-2025-0013');
      await openCancel(view, 'SO-2025-0013');
      await expect(view).to.be.accessible();
    });
  }

  const states: [string, string][] = [
    ['a cancellation waiting', 'SO-2025-0010'],
    ['a change rejected', 'SO-2025-0009'],
    ['taken by phone', 'SO-2025-0006'],
    ['cancelled', 'SO-2025-0007'],
    ['made from a quote, delivered with tracking', 'SO-2025-0002'],
  ];
  for (const [what, number] of states) {
    it(`an order ${what}`, async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: number });
      await orderShown(view, number);
      await expect(view).to.be.accessible();
    });
  }

  it('the edit dialog with a line out of stock, an invalid quantity and new prices to confirm', async () => {
    const state = api.serve(withChanges());
    const { view } = await mountOrders({ order: 'SO-2025-0012' });
    await orderShown(view, 'SO-2025-0012');
    const dialog = await openEdit(view, 'SO-2025-0012');
    fill(getByRole(dialog, 'spinbutton', { name: 'Quantity of Dish Soap 500 ml' }) as HTMLInputElement, '8');
    state.data.catalog.pricing.group_list!.entries[1].tiers[0].unit_price_minor = 220;
    getByRole(dialog, 'button', { name: 'Send change for approval' }).click();
    await findByRole(dialog, 'button', { name: 'Confirm new total and send' });
    getByRole(dialog, 'button', { name: 'Review changes' }).click();
    fill(getByRole(dialog, 'spinbutton', { name: 'Quantity of Orange Juice 1 L' }) as HTMLInputElement, '0');
    await findText(dialog, 'Enter a whole number from 1 to 100,000');
    await expect(view).to.be.accessible();
  });

  it('after a change: the outcome is announced', async () => {
    api.serve(withChanges());
    const { view } = await mountOrders({ order: 'SO-2025-0013' });
    await orderShown(view, 'SO-2025-0013');
    const dialog = await openCancel(view, 'SO-2025-0013');
    getByRole(dialog, 'button', { name: 'Request cancellation' }).click();
    await closed(dialog);
    const status = await findByRole(view, 'status', { name: /was sent to Northwind Wholesale for approval/ });
    expect(status).to.exist;
    await expect(view).to.be.accessible();
  });

  it('loading', async () => {
    api.serve(withChanges());
    const { view } = await mountOrders();
    await expect(view).to.be.accessible();
  });

  describe('keyboard', () => {
    it('Edit opens with Enter; Tab stays in the dialog; Escape closes it and the focus goes back to Edit', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0012' });
      await orderShown(view, 'SO-2025-0012');
      const edit = getByRole(view, 'button', { name: 'Edit order' });
      edit.focus();
      await sendKeys({ press: 'Enter' });
      const dialog = (await findByRole(view, 'dialog', { name: 'Edit order SO-2025-0012' })) as HTMLDialogElement;
      await findByRole(dialog, 'list', { name: 'Lines' });
      await waitUntil(() => within(dialog, focused()), 'the focus did not go into the dialog');
      const seen = new Set<Element>();
      for (let i = 0; i < 24; i += 1) {
        await sendKeys({ press: 'Tab' });
        const now = focused();
        if (now && now !== document.body) {
          expect(within(dialog, now), `Tab ${i + 1} left the dialog for <${now.localName}>`).to.equal(true);
          seen.add(now);
        }
      }
      expect(seen.size, "Tab went round the dialog's controls").to.be.at.least(8);
      await sendKeys({ press: 'Escape' });
      await closed(dialog);
      expect(focused() === edit, 'the focus is back on Edit').to.equal(true);
    });

    it('Cancel opens with Space; Escape closes it; the focus goes back to Cancel', async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      const cancel = getByRole(view, 'button', { name: 'Cancel order' });
      cancel.focus();
      await sendKeys({ press: 'Space' });
      const dialog = (await findByRole(view, 'dialog', { name: 'Cancel order SO-2025-0013?' })) as HTMLDialogElement;
      await waitUntil(() => within(dialog, focused()), 'the focus did not go into the dialog');
      await sendKeys({ press: 'Escape' });
      await closed(dialog);
      expect(focused() === cancel, 'the focus is back on Cancel').to.equal(true);
      expect(state.requests.filter((r) => r.endpoint === 'cancelOrder')).to.have.length(0);
    });

    it('the whole change by keyboard: quantity typed, Enter sends it', async () => {
      const state = api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0013' });
      await orderShown(view, 'SO-2025-0013');
      getByRole(view, 'button', { name: 'Edit order' }).focus();
      await sendKeys({ press: 'Enter' });
      const dialog = (await findByRole(view, 'dialog', { name: 'Edit order SO-2025-0013' })) as HTMLDialogElement;
      const input = await findByRole(dialog, 'spinbutton', { name: 'Quantity of Cold Brew Coffee 1 L' });
      input.focus();
      await sendKeys({ press: 'Control+a' });
      await sendKeys({ type: '24' });
      await sendKeys({ press: 'Enter' });
      await closed(dialog);
      expect(
        state.requests
          .filter((r) => r.endpoint === 'updateOrder')
          .map((r) => (r.body as { lines: { quantity: number }[] }).lines[0].quantity),
      ).to.deep.equal([24]);
    });

    it('an unusable Edit is still reachable by Tab, and says why', async () => {
      api.serve(withChanges());
      const { view } = await mountOrders({ order: 'SO-2025-0006' });
      await orderShown(view, 'SO-2025-0006');
      const edit = getByRole(view, 'button', { name: 'Edit order' });
      edit.focus();
      expect(focused() === edit).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await view.updateComplete;
      expect(view.shadowRoot!.querySelector('dialog[open]:not(#document)') === null, 'no edit dialog opens').to.equal(
        true,
      );
    });
  });
});
