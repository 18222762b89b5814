/**
 * Charges besides freight, minimum order values and progress to free delivery (issue 17): the
 * arithmetic shared by the server, the mock API and the widget, in minor units.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { chargesFor, percentOf } from '../../widget/pricing/charges.ts';
import { minimumShortfall, toFreeDelivery } from '../../widget/contract/rules/checkout.ts';
import { ChargeRules } from '../../widget/contract/portal.ts';
import type { ChargeRules as ChargeRulesT } from '../../widget/contract/portal.ts';

const rules = (over: Partial<ChargeRulesT> = {}): ChargeRulesT =>
  ChargeRules.parse({ small_order: null, percent_basis_points: 0, per_unit_minor: 0, ...over });

describe('percentOf: half up to the minor unit', () => {
  const rows: [amount: number, bp: number, expected: number][] = [
    [10_000, 250, 250], // 2.5 % of 100.00 = 2.50
    [1_999, 250, 50], // 49.975 → 50
    [1_980, 250, 50], // 49.5 → 50 (half up)
    [1_979, 250, 49], // 49.475 → 49
    [1, 4_999, 0], // 0.4999 → 0
    [1, 5_000, 1], // 0.5 → 1
    [0, 10_000, 0],
    [12_345, 10_000, 12_345], // 100 %
    [Number.MAX_SAFE_INTEGER, 10_000, Number.MAX_SAFE_INTEGER], // beyond 2^53 when multiplied: exact
    [9_007_199_254_740_990, 1, 900_719_925_474], // 900,719,925,474.099 → …474
  ];
  for (const [amount, bp, expected] of rows)
    it(`${bp} bp of ${amount} is ${expected}`, () => assert.equal(percentOf(amount, bp), expected));
});

describe('chargesFor', () => {
  it('no rules, or an empty order: no charges', () => {
    assert.deepEqual(chargesFor(1000, 1, null), []);
    assert.deepEqual(chargesFor(1000, 1, undefined), []);
    assert.deepEqual(
      chargesFor(0, 0, rules({ small_order: { below_minor: 5000, fee_minor: 750 }, per_unit_minor: 10 })),
      [],
    );
  });
  it('small-order surcharge strictly below the minimum', () => {
    const r = rules({ small_order: { below_minor: 5000, fee_minor: 750 } });
    assert.deepEqual(chargesFor(4999, 1, r), [{ kind: 'small_order', amount_minor: 750 }]);
    assert.deepEqual(chargesFor(5000, 1, r), []);
  });
  it('a fee of 0 is no line', () => {
    assert.deepEqual(chargesFor(10, 1, rules({ small_order: { below_minor: 5000, fee_minor: 0 } })), []);
    assert.deepEqual(chargesFor(1, 1, rules({ percent_basis_points: 100 })), []); // 0.01 → 0
  });
  it('percentage on the subtotal, per-unit fee on every unit, in that order', () => {
    const r = rules({
      small_order: { below_minor: 5000, fee_minor: 750 },
      percent_basis_points: 250,
      per_unit_minor: 15,
    });
    assert.deepEqual(chargesFor(1999, 7, r), [
      { kind: 'small_order', amount_minor: 750 },
      { kind: 'percentage', amount_minor: 50 },
      { kind: 'per_unit', amount_minor: 105 },
    ]);
  });
});

describe('minimumShortfall: the higher of the customer and service minimums', () => {
  const rows: [subtotal: number, customer: number | null, service: number | null, expected: unknown][] = [
    [1000, null, null, null],
    [0, 5000, null, null], // an empty cart: nothing to refuse yet
    [4999, 5000, null, { minimum_minor: 5000, subtotal_minor: 4999, shortfall_minor: 1, source: 'customer' }],
    [5000, 5000, null, null],
    [3000, 2000, 5000, { minimum_minor: 5000, subtotal_minor: 3000, shortfall_minor: 2000, source: 'service' }],
    [3000, 5000, 2000, { minimum_minor: 5000, subtotal_minor: 3000, shortfall_minor: 2000, source: 'customer' }],
    [3000, 5000, 5000, { minimum_minor: 5000, subtotal_minor: 3000, shortfall_minor: 2000, source: 'customer' }],
  ];
  for (const [subtotal, customer, service, expected] of rows)
    it(`${subtotal} against ${customer} / ${service}`, () =>
      assert.deepEqual(minimumShortfall(subtotal, customer, service), expected));
});

describe('toFreeDelivery', () => {
  it('what the subtotal lacks, 0 once there, null when never free', () => {
    assert.equal(toFreeDelivery(12_424, { flat_minor: 995, free_over_minor: 15_000 }), 2_576); // "€25.76 to free delivery"
    assert.equal(toFreeDelivery(15_000, { flat_minor: 995, free_over_minor: 15_000 }), 0);
    assert.equal(toFreeDelivery(100, { flat_minor: 995, free_over_minor: null }), null);
    assert.equal(toFreeDelivery(100, { flat_minor: 0, free_over_minor: null }), 0);
  });
});
