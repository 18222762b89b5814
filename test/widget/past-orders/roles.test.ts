/**
 * What a person's role shows in a standalone <past-orders> (issue 16): a Viewer's or Finance
 * person's link cannot place orders, so it offers no Reorder and no Add to cart, as the portal's
 * own Orders section; a Buyer's does.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { IDS, personSession } from '../../../widget/mock/data.ts';
import { findByRole, getByRole, mockApi, queryAllByRole, queryByRole, textOf } from '../customer-portal/helpers.ts';
import { historyRow, historyShown, mountPastOrders, orderRow, ordersShown } from './helpers.ts';

/** A real click in the middle of the element. */
async function clickOn(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Every button that would put something in the cart. */
const orderingButtons = (root: Element) =>
  queryAllByRole(root, 'button', { name: /^(Reorder|Add )/ }).map((b) => textOf(b));

/** Mounts it and waits until the session is known (the history's intro says what the link may do). */
async function mounted() {
  const el = await mountPastOrders();
  await ordersShown(el);
  await historyShown(el);
  return el;
}

describe('<past-orders> roles', () => {
  const api = mockApi();

  for (const [role, person] of [
    ['viewer', { id: IDS.person.dev, name: 'Dev Patel' }],
    ['finance', { id: IDS.person.carla, name: 'Carla Jensen' }],
  ] as const) {
    it(`a ${role === 'viewer' ? 'Viewer' : 'Finance person'} sees the orders and the history, with no Reorder nor Add to cart, in the list or an opened order`, async () => {
      const state = api.serve({ session: personSession(role, person) });
      const el = await mounted();
      await waitUntil(
        () => state.requests.some((r) => r.endpoint === 'getSession') && orderingButtons(el).length === 0,
        'Reorder is still offered',
      );
      expect(textOf(el.shadowRoot!.querySelector('.intro')!)).to.equal(
        'Your usual products, the most recent first, at the quantities you ordered last time.',
      );
      expect(queryAllByRole(el, 'spinbutton')).to.have.length(0);
      expect(queryAllByRole(el, 'button', { name: /^Download PDF/ }).length).to.be.greaterThan(0);

      const order = state.data.orders.find((o) => !o.is_draft)!;
      await clickOn(queryAllByRole(orderRow(el, order.number), 'cell')[1]);
      const dialog = await findByRole(el, 'dialog', { name: `Order ${order.number}` });
      await waitUntil(() => textOf(dialog).includes('Lines'), 'the order did not load');
      expect(orderingButtons(dialog)).to.deep.equal([]);
      getByRole(dialog, 'button', { name: `Download PDF ${order.number}` });
      await clickOn(getByRole(dialog, 'button', { name: 'Close' }));
      await waitUntil(() => !(dialog as HTMLDialogElement).open, 'the order did not close');
      expect(orderingButtons(el)).to.deep.equal([]);
    });
  }

  it('a Buyer reorders: Reorder, Reorder with changes and Add to cart are there, and a click fills the cart', async () => {
    const state = api.serve({ session: personSession('buyer', { id: IDS.person.ben, name: 'Ben Okafor' }) });
    const el = await mounted();
    await waitUntil(() => state.requests.some((r) => r.endpoint === 'getSession'), 'the session did not load');
    const order = state.data.orders.find((o) => !o.is_draft)!;
    getByRole(orderRow(el, order.number), 'button', { name: `Reorder with changes ${order.number}` });
    await clickOn(getByRole(orderRow(el, order.number), 'button', { name: `Reorder ${order.number}` }));
    await waitUntil(
      () => /Added|cart/.test(textOf(el.shadowRoot!.querySelector('.feedback[data-where="orders"]')!)),
      'the reorder said nothing',
    );
    expect(
      queryByRole(historyRow(el, state.data.orderHistory.items[0].name), 'button', { name: /^Add to cart/ }),
    ).to.not.equal(null);
  });
});
