/**
 * The domain rules the reference server, the mock API and the widget share (zod-free modules of
 * the contract): each decides here once, so the three cannot answer differently.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  CancelOrderRequest,
  DeclineRequest,
  PERMISSIONS,
  RejectOrderRequest,
  SECTIONS,
  endpoints,
  type Permission,
  type Section,
} from '../../widget/contract/index.ts';
import { LIMITS } from '../../widget/contract/limits.ts';
import { changeBlock, orderChanges } from '../../widget/contract/order-changes.ts';
import {
  SECTION_PERMISSION,
  accessRefusal,
  readPermission,
  requiredPermissions,
} from '../../widget/contract/rules/access.ts';
import { priceChanged, referenceRequired, referenceTaken } from '../../widget/contract/rules/checkout.ts';

const allSections = Object.fromEntries(SECTIONS.map((s) => [s, true])) as Record<Section, boolean>;
const allPermissions = Object.fromEntries(PERMISSIONS.map((p) => [p, true])) as Record<Permission, boolean>;

describe('SECTION_PERMISSION, readPermission and requiredPermissions', () => {
  it('names a view permission for every section', () => {
    assert.deepEqual(Object.keys(SECTION_PERMISSION).sort(), [...SECTIONS].sort());
    for (const section of SECTIONS) assert.equal(SECTION_PERMISSION[section], `view_${section}`);
  });

  it('asks for the read permission (the endpoint’s own, else its section’s), then the write permission', () => {
    assert.deepEqual(requiredPermissions({ section: 'orders', writePermission: 'place_orders' }), [
      'view_orders',
      'place_orders',
    ]);
    assert.deepEqual(requiredPermissions({ section: 'orders', permission: 'submit_feedback' }), ['submit_feedback']);
    assert.deepEqual(requiredPermissions({}), []);
    assert.deepEqual(requiredPermissions(endpoints.cancelOrder), ['view_orders', 'place_orders']);
    assert.equal(readPermission(endpoints.cancelOrder), 'view_orders');
    assert.equal(readPermission(endpoints.placeOrder), 'place_orders');
    assert.equal(readPermission({ writePermission: 'place_orders' }), undefined);
  });
});

describe('accessRefusal', () => {
  it('lets a request through when the section is on and the token has every permission', () => {
    assert.equal(accessRefusal(endpoints.cancelOrder, allSections, allPermissions), null);
  });

  it('refuses a switched-off section before a missing permission', () => {
    const refusal = accessRefusal(
      endpoints.cancelOrder,
      { ...allSections, orders: false },
      { ...allPermissions, view_orders: false },
    );
    assert.deepEqual(refusal, {
      status: 403,
      code: 'section_disabled',
      message: 'The orders section is not available in this portal.',
    });
  });

  it('refuses the first permission missing, read before write', () => {
    const none = { ...allPermissions, view_orders: false, place_orders: false };
    assert.equal(
      accessRefusal(endpoints.cancelOrder, allSections, none)?.message,
      'This portal link does not allow that (view_orders).',
    );
    assert.deepEqual(accessRefusal(endpoints.cancelOrder, allSections, { ...allPermissions, place_orders: false }), {
      status: 403,
      code: 'permission_denied',
      message: 'This portal link does not allow that (place_orders).',
    });
  });

  it('refuses a permission the token does not mention', () => {
    const { place_orders: _, ...older } = allPermissions;
    assert.equal(accessRefusal(endpoints.cancelOrder, allSections, older)?.code, 'permission_denied');
  });
});

describe('changeBlock and orderChanges', () => {
  const settings = { enabled: true, allowed_before: 'confirmed' } as const;
  const live = { status: 'pending', channel: 'portal' };

  it('allows a live portal order before the configured status with nothing pending', () => {
    assert.equal(changeBlock(live, settings, false), null);
    assert.deepEqual(orderChanges(null), { can_edit: true, can_cancel: true, blocked_reason: null });
  });

  it('names the first reason that blocks, in a fixed order', () => {
    assert.equal(
      changeBlock({ status: 'cancelled', channel: 'quote' }, { ...settings, enabled: false }, true),
      'changes_disabled',
    );
    assert.equal(changeBlock({ status: 'cancelled', channel: 'quote' }, settings, true), 'cancelled');
    assert.equal(changeBlock({ status: 'draft', channel: 'quote' }, settings, true), 'draft');
    assert.equal(changeBlock({ status: 'pending', channel: 'quote' }, settings, true), 'from_quote');
    assert.equal(changeBlock({ status: 'pending', channel: 'phone' }, settings, true), 'other_channel');
    assert.equal(changeBlock({ status: 'confirmed', channel: 'portal' }, settings, true), 'past_allowed_status');
    assert.equal(changeBlock(live, settings, true), 'request_pending');
    assert.deepEqual(orderChanges('request_pending'), {
      can_edit: false,
      can_cancel: false,
      blocked_reason: 'request_pending',
    });
  });

  it('compares statuses by their place in the sequence, refusing one it does not know', () => {
    assert.equal(
      changeBlock({ status: 'in_progress', channel: 'portal' }, { ...settings, allowed_before: 'shipped' }, false),
      null,
    );
    assert.equal(
      changeBlock({ status: 'shipped', channel: 'portal' }, { ...settings, allowed_before: 'shipped' }, false),
      'past_allowed_status',
    );
    assert.equal(changeBlock({ status: 'lost', channel: 'portal' }, settings, false), 'past_allowed_status');
  });
});

describe('priceChanged', () => {
  const priced = {
    lines: [
      {
        product_id: 'p1',
        sku: 'S1',
        name: 'Flour',
        uom: 'bag',
        quantity: 2,
        unit_price_minor: 500,
        line_total_minor: 1000,
      },
    ],
    subtotal_minor: 1000,
    freight_minor: 250,
    total_minor: 1250,
  };

  it('passes when the client saw this total or sent none', () => {
    assert.equal(priceChanged(1250, priced, 'changed'), null);
    assert.equal(priceChanged(undefined, priced, 'changed'), null);
    assert.equal(
      priceChanged(0, { ...priced, lines: [], subtotal_minor: 0, freight_minor: 0, total_minor: 0 }, 'changed'),
      null,
    );
  });

  it('answers 409 price_changed with the current prices, lines without their names', () => {
    assert.deepEqual(priceChanged(1200, priced, 'Prices have changed.'), {
      status: 409,
      code: 'price_changed',
      message: 'Prices have changed.',
      details: {
        expected_total: 1200,
        total_minor: 1250,
        subtotal_minor: 1000,
        freight_minor: 250,
        lines: [{ product_id: 'p1', uom: 'bag', quantity: 2, unit_price_minor: 500, line_total_minor: 1000 }],
      },
    });
  });
});

describe('reference errors', () => {
  it('point at the customer reference field', () => {
    assert.deepEqual(referenceRequired(), {
      status: 422,
      code: 'reference_required',
      message: 'A customer reference (your purchase order number) is required.',
      details: { field: 'customer_reference' },
    });
    assert.deepEqual(referenceTaken('PO-1'), {
      status: 422,
      code: 'reference_taken',
      message: 'The customer reference "PO-1" is already used on another of your orders.',
      details: { field: 'customer_reference' },
    });
  });
});

describe('LIMITS.maxReasonLength', () => {
  it('is the limit of every reason the contract takes', () => {
    for (const schema of [CancelOrderRequest, DeclineRequest, RejectOrderRequest]) {
      assert.equal(schema.safeParse({ reason: 'x'.repeat(LIMITS.maxReasonLength) }).success, true);
      assert.equal(schema.safeParse({ reason: 'x'.repeat(LIMITS.maxReasonLength + 1) }).success, false);
    }
  });
});

describe('the shared rules', () => {
  it('import no zod, so the widget can use them without pulling zod into its bundle', () => {
    for (const file of [
      'limits.ts',
      'order-changes.ts',
      'reference-key.ts',
      'supplier.ts',
      'rules/access.ts',
      'rules/checkout.ts',
      'rules/refusal.ts',
      'rules/id.ts',
    ]) {
      const source = readFileSync(new URL(`../../widget/contract/${file}`, import.meta.url), 'utf8');
      for (const line of source.split('\n').filter((l) => l.startsWith('import '))) {
        assert.ok(
          line.startsWith('import type ') ||
            !/from '(zod|\.\.?\/(common|portal|admin|catalog|endpoints|index)\.ts)'/.test(line),
          `${file}: ${line}`,
        );
      }
    }
  });
});
