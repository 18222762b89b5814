import { expect } from '@open-wc/testing';
import { getByRole, mockApi } from '../customer-portal/helpers.ts';
import { expectBlocked, keepAddress, mountOrders, orderShown, withChanges } from './helpers.ts';

/** Separate status limits for edits and for cancellations (issue 17), as the order's page shows them. */
describe('<portal-orders-view> edit and cancellation limits', () => {
  const api = mockApi();
  keepAddress();

  it('cancellations only before "in progress": an order in progress can be edited but not cancelled, and says why', async () => {
    api.serve(withChanges({ allowed_before: 'shipped', cancellations_allowed_before: 'in_progress' }));
    const { view } = await mountOrders({ order: 'SO-2025-0008' });
    await orderShown(view, 'SO-2025-0008');
    expect(getByRole(view, 'button', { name: 'Edit order' }).getAttribute('aria-disabled')).to.equal('false');
    expectBlocked(
      getByRole(view, 'button', { name: 'Cancel order' }),
      'Northwind Wholesale has started preparing this order, so it can no longer be cancelled.',
    );
  });

  it('edits only before "in progress": an order in progress can be cancelled but not edited, and says why', async () => {
    api.serve(withChanges({ allowed_before: 'shipped', edits_allowed_before: 'in_progress' }));
    const { view } = await mountOrders({ order: 'SO-2025-0008' });
    await orderShown(view, 'SO-2025-0008');
    expect(getByRole(view, 'button', { name: 'Cancel order' }).getAttribute('aria-disabled')).to.equal('false');
    expectBlocked(
      getByRole(view, 'button', { name: 'Edit order' }),
      'Northwind Wholesale has started preparing this order, so it can no longer be changed.',
    );
  });
});
