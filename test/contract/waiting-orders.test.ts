/** "Automatically create orders" (issue 17) as rules: the levels, the status placed, creating and cancelling while waiting. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createsOrdersAutomatically, placedOrderStatus } from '../../widget/contract/rules/order-creation.ts';
import { ORDER_TRANSITIONS, creationRefusal } from '../../widget/contract/rules/order-status.ts';
import { changeBlock } from '../../widget/contract/order-changes.ts';

describe('createsOrdersAutomatically: the customer, else the workspace', () => {
  // Every combination: 3 customer values × 2 workspace values.
  const table: [customer: boolean | null, workspace: boolean, automatic: boolean][] = [
    [null, true, true],
    [null, false, false],
    [true, true, true],
    [true, false, true],
    [false, true, false],
    [false, false, false],
  ];
  for (const [customer, workspace, automatic] of table)
    it(`customer ${customer}, workspace ${workspace}: ${automatic}`, () => {
      assert.equal(createsOrdersAutomatically({ customer, workspace }), automatic);
      assert.equal(placedOrderStatus(automatic), automatic ? 'pending' : 'awaiting_supplier');
    });
});

describe('an order waiting for the supplier', () => {
  const waiting = { status: 'awaiting_supplier', channel: 'portal' };
  const strict = {
    enabled: false,
    allowed_before: 'confirmed',
    cancellations_allowed_before: 'confirmed',
  } as const;

  it('may be cancelled whatever the settings, never edited', () => {
    assert.equal(changeBlock(waiting, strict, false, 'cancel'), null);
    assert.equal(changeBlock(waiting, strict, false, 'edit'), 'awaiting_supplier');
    // Once created it follows the settings again.
    assert.equal(changeBlock({ ...waiting, status: 'pending' }, strict, false, 'cancel'), 'changes_disabled');
  });

  it('is created only while it waits; the supplier may otherwise only cancel it', () => {
    assert.equal(creationRefusal('SO-1', 'awaiting_supplier'), null);
    for (const status of ['pending', 'cancelled', 'awaiting_approval'] as const)
      assert.deepEqual(creationRefusal('SO-1', status)?.code, 'not_awaiting_supplier');
    assert.deepEqual(creationRefusal('SO-1', 'pending')?.details, { status: 'pending' });
    assert.deepEqual(ORDER_TRANSITIONS.awaiting_supplier, ['cancelled']);
  });
});
