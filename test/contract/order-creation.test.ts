/** The creation status fallback (issue 17, seed 002): customer, then delivery service, then workspace. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ORDER_CREATION_STATUSES,
  orderCreationStatus,
  type CreationStatusLevel,
  type OrderCreationStatus,
} from '../../widget/contract/rules/order-creation.ts';

type Row = [
  customer: OrderCreationStatus | null,
  service: OrderCreationStatus | null,
  workspace: OrderCreationStatus,
  status: OrderCreationStatus,
  from: CreationStatusLevel,
];

// Every combination: 3 customer values × 3 service values × 2 workspace values.
const table: Row[] = [
  [null, null, 'to_plan', 'to_plan', 'workspace'],
  [null, null, 'quote', 'quote', 'workspace'],
  [null, 'quote', 'to_plan', 'quote', 'service'],
  [null, 'quote', 'quote', 'quote', 'service'],
  [null, 'to_plan', 'to_plan', 'to_plan', 'service'],
  [null, 'to_plan', 'quote', 'to_plan', 'service'],
  ['quote', null, 'to_plan', 'quote', 'customer'],
  ['quote', null, 'quote', 'quote', 'customer'],
  ['quote', 'quote', 'to_plan', 'quote', 'customer'],
  ['quote', 'quote', 'quote', 'quote', 'customer'],
  ['quote', 'to_plan', 'to_plan', 'quote', 'customer'],
  ['quote', 'to_plan', 'quote', 'quote', 'customer'],
  ['to_plan', null, 'to_plan', 'to_plan', 'customer'],
  ['to_plan', null, 'quote', 'to_plan', 'customer'],
  ['to_plan', 'quote', 'to_plan', 'to_plan', 'customer'],
  ['to_plan', 'quote', 'quote', 'to_plan', 'customer'],
  ['to_plan', 'to_plan', 'to_plan', 'to_plan', 'customer'],
  ['to_plan', 'to_plan', 'quote', 'to_plan', 'customer'],
];

describe('orderCreationStatus', () => {
  for (const [customer, service, workspace, status, from] of table) {
    it(`customer ${customer}, service ${service}, workspace ${workspace}: ${status} from the ${from}`, () => {
      assert.deepEqual(orderCreationStatus({ customer, service, workspace }), { status, from });
    });
  }

  it('the table holds every combination once', () => {
    const values = [null, ...ORDER_CREATION_STATUSES];
    const keys = new Set(table.map(([c, s, w]) => `${c}/${s}/${w}`));
    assert.equal(keys.size, table.length);
    assert.equal(table.length, values.length * values.length * ORDER_CREATION_STATUSES.length);
  });
});
