import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { makeOrders, personSession } from '../../../widget/mock/data.ts';
import {
  TOKEN,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  queryByRole,
  requestsTo,
  textOf,
} from '../customer-portal/helpers.ts';
import { confirmWelcome, keepAddress, openAt, setHash } from './helpers.ts';

/** Two of the demo orders, waiting for the account's Admins, placed by Ben. */
function awaiting() {
  const orders = makeOrders();
  for (const o of orders.slice(0, 2)) {
    o.status = 'awaiting_approval';
    o.placed_by = { id: 'ben', name: 'Ben Okafor' };
  }
  return orders;
}

describe('Approvals page', () => {
  const api = mockApi();
  keepAddress();

  it('an Admin sees the waiting orders with their lines and who asked; approves one, rejects the other with a reason typed in', async () => {
    const orders = awaiting();
    const [first, second] = orders;
    const state = api.serve({ orders, session: personSession('admin') });
    const el = await openAt('#portal/approvals', 'Approvals');
    const firstItem = await findByRole(el, 'listitem', { name: new RegExp(first.number) });
    expect(textOf(firstItem)).to.include('Placed by Ben Okafor');
    expect(textOf(firstItem)).to.include(first.lines[0].name);

    getByRole(firstItem, 'button', { name: 'Approve' }).click();
    await waitUntil(() => requestsTo(state, 'approveOrder').length === 1);
    await findByRole(el, 'status');
    expect(textOf(getByRole(el, 'status'))).to.equal(`Order ${first.number} approved.`);
    const secondItem = await findByRole(el, 'listitem', { name: new RegExp(second.number) });
    expect(queryByRole(el, 'listitem', { name: new RegExp(first.number) })).to.equal(null);
    getByRole(secondItem, 'button', { name: 'Reject…' }).click();
    const reason = await findByRole(secondItem, 'textbox', { name: 'Reason for rejecting' });
    await waitUntil(() => el.shadowRoot!.activeElement !== null);
    // An empty reason: told beside the field, nothing sent.
    getByRole(secondItem, 'button', { name: 'Reject order' }).click();
    await waitUntil(() => reason.getAttribute('aria-invalid') === 'true');
    expect(textOf(secondItem)).to.include('Say why, so the buyer knows.');
    expect(requestsTo(state, 'rejectOrder')).to.have.length(0);

    reason.focus();
    await sendKeys({ type: 'Over budget this month' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requestsTo(state, 'rejectOrder').length === 1);
    expect(requestsTo(state, 'rejectOrder')[0].body).to.deep.equal({ reason: 'Over budget this month' });
    await waitUntil(() => textOf(getByRole(el, 'status')) === `Order ${second.number} rejected.`);
    expect(state.data.orders.find((o) => o.id === second.id)!.status).to.equal('rejected');
    await findText(el, 'Nothing waits for approval');
  });

  it("the approval mail's link (#portal_token=…&portal=approvals) lands on Approvals, the token out of the address bar", async () => {
    const orders = awaiting();
    const state = api.serve({ orders, session: personSession('admin') });
    setHash(`#portal_token=${TOKEN}&portal=approvals`);
    const el = await mountPortal({ token: null });
    await confirmWelcome(el);
    await findByRole(el, 'heading', { name: 'Approvals' });
    await findByRole(el, 'listitem', { name: new RegExp(orders[0].number) });
    expect(requestsTo(state, 'getSession')[0].path).to.include(TOKEN);
    expect(location.hash).to.equal('#portal/approvals');
    expect(location.href).not.to.include(TOKEN);
  });

  it("the outcome mail's link opens the buyer's order", async () => {
    const orders = makeOrders();
    api.serve({ orders, session: personSession('buyer', { id: 'ben', name: 'Ben Okafor' }) });
    setHash(`#portal_token=${TOKEN}&portal=orders/${orders[0].number}`);
    const el = await mountPortal({ token: null });
    await confirmWelcome(el);
    await findByRole(el, 'heading', { name: new RegExp(orders[0].number) });
    expect(location.hash).to.equal(`#portal/orders/${orders[0].number}`);
    expect(location.href).not.to.include(TOKEN);
  });

  it('a Buyer cannot open it', async () => {
    api.serve({ orders: awaiting(), session: personSession('buyer', { id: 'ben', name: 'Ben Okafor' }) });
    await openAt('#portal/approvals', 'Approvals are not available here');
  });
});
