/** An order's contact (issue 17) in the customer's order detail, as checkout kept it. */
import { waitUntil } from '@open-wc/testing';
import { findByRole, mockApi, textOf } from '../customer-portal/helpers.ts';
import { openAt } from './helpers.ts';

describe('<customer-portal> order contact', () => {
  const api = mockApi();

  it('the order says who to contact about it', async () => {
    const state = api.serve();
    const order = state.data.orders.find((o) => !o.is_draft)!;
    order.contact = { name: 'Aoife Byrne', phone: null, email: 'goods-in@bluedoor.example' };
    const el = await openAt(`#portal/orders/${order.number}`, `Order ${order.number}`);
    const dialog = await findByRole(el, 'dialog', { name: `Order ${order.number}` });
    await waitUntil(
      () => textOf(dialog).includes('Contact Aoife Byrne, goods-in@bluedoor.example'),
      textOf(dialog).slice(0, 400),
    );
  });
});
