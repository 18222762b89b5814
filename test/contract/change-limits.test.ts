/** Separate status limits for edits and for cancellations (issue 17); settings with one limit keep it for both. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeBlocks, changeLimit, orderChanges } from '../../widget/contract/order-changes.ts';
import type { OrderChangeSettings } from '../../widget/contract/index.ts';

type Limit = OrderChangeSettings['allowed_before'];
const settings = (allowed: Limit, edits: Limit | null, cancellations: Limit | null) => ({
  enabled: true,
  allowed_before: allowed,
  edits_allowed_before: edits,
  cancellations_allowed_before: cancellations,
});
const portalOrder = (status: string) => ({ status, channel: 'portal' });

describe('changeLimit', () => {
  it('each action its own limit, else the shared one; settings stored before the two limits read the shared one', () => {
    assert.equal(changeLimit(settings('in_progress', 'confirmed', null), 'edit'), 'confirmed');
    assert.equal(changeLimit(settings('in_progress', 'confirmed', null), 'cancel'), 'in_progress');
    assert.equal(changeLimit(settings('confirmed', null, 'shipped'), 'cancel'), 'shipped');
    assert.equal(changeLimit({ enabled: true, allowed_before: 'shipped' }, 'edit'), 'shipped');
    assert.equal(changeLimit({ enabled: true, allowed_before: 'shipped' }, 'cancel'), 'shipped');
  });
});

describe('changeBlocks and orderChanges', () => {
  // [status, allowed_before, edits, cancellations, can_edit, can_cancel, blocked_reason]
  const table: [string, Limit, Limit | null, Limit | null, boolean, boolean, string | null][] = [
    ['pending', 'confirmed', null, null, true, true, null],
    ['confirmed', 'confirmed', null, null, false, false, 'past_allowed_status'],
    ['confirmed', 'in_progress', 'confirmed', null, false, true, 'past_allowed_status'],
    ['confirmed', 'in_progress', null, 'confirmed', true, false, 'past_allowed_status'],
    ['in_progress', 'confirmed', 'in_progress', 'shipped', false, true, 'past_allowed_status'],
    ['in_progress', 'confirmed', 'shipped', 'in_progress', true, false, 'past_allowed_status'],
    ['shipped', 'shipped', 'shipped', 'shipped', false, false, 'past_allowed_status'],
  ];
  for (const [status, allowed, edits, cancellations, canEdit, canCancel, reason] of table) {
    it(`${status}, limits ${allowed}/${edits}/${cancellations}: edit ${canEdit}, cancel ${canCancel}`, () => {
      const changes = orderChanges(changeBlocks(portalOrder(status), settings(allowed, edits, cancellations), false));
      assert.deepEqual(changes, { can_edit: canEdit, can_cancel: canCancel, blocked_reason: reason });
    });
  }
});
