import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckoutRequest, OrderUpdateRequest } from '../../widget/contract/index.ts';
import { referenceKey } from '../../widget/contract/reference-key.ts';

describe('referenceKey', () => {
  it('is the same for references that look the same', () => {
    const same = [
      'PO-4471',
      'po-4471', // case
      'PO-44\u200B71', // zero-width space
      '\u202EPO-4471', // right-to-left override
      'PO-4471\u2069', // pop directional isolate
      'P\u041E-4471', // Cyrillic capital O
      '\u0420\u041E-4471', // Cyrillic Р and О
      'P\u039F-4471', // Greek capital Omicron
      'ＰＯ－４４７１', // full-width (NFKC)
      'PO\u20114471', // non-breaking hyphen
      'PO\u20134471', // en dash
      'PO-4471\uFE0F', // variation selector
      'P\u00ADO-4471', // soft hyphen
      'PO-\u20604471', // word joiner
    ];
    for (const reference of same) assert.equal(referenceKey(reference), 'po-4471', JSON.stringify(reference));
  });

  it('folds case fully and collapses spaces', () => {
    assert.equal(referenceKey('STRASSE'), referenceKey('straße'));
    assert.equal(referenceKey('PO  4471'), referenceKey('PO\u00A04471'));
    assert.equal(referenceKey(' PO 4471 '), 'po 4471');
  });

  it('keeps references that differ visibly apart', () => {
    assert.notEqual(referenceKey('PO-4471'), referenceKey('PO-4472'));
    assert.notEqual(referenceKey('PO-4471'), referenceKey('PO4471'));
    assert.notEqual(referenceKey('Café'), referenceKey('Cafe'));
    assert.notEqual(referenceKey('ЗАКАЗ-1'), referenceKey('ЗАКАЗ-2'));
  });

  it('composes decomposed accents (NFKC) before comparing', () => {
    assert.equal(referenceKey('Cafe\u0301'), referenceKey('Café'));
  });

  it('is empty when nothing visible is left', () => {
    assert.equal(referenceKey('\u200B\u202E\u2066'), '');
  });
});

describe('customer_reference in requests', () => {
  const line = { product_id: '00000000-0000-4000-8000-000000000001', quantity: 1 };

  it('refuses control characters, newlines and tabs included', () => {
    for (const reference of ['PO\n1', 'PO\t1', 'PO\u0000', 'PO\u007F1', 'PO\u00851', '\r\nPO']) {
      assert.equal(
        CheckoutRequest.safeParse({ lines: [line], customer_reference: reference }).success,
        false,
        JSON.stringify(reference),
      );
      assert.equal(
        OrderUpdateRequest.safeParse({ customer_reference: reference }).success,
        false,
        JSON.stringify(reference),
      );
    }
  });

  it('refuses a reference with nothing visible', () => {
    assert.equal(CheckoutRequest.safeParse({ lines: [line], customer_reference: '\u200B\u200B' }).success, false);
  });

  it('keeps the reference as typed (trimmed of spaces only)', () => {
    assert.equal(
      CheckoutRequest.parse({ lines: [line], customer_reference: ' P\u041E-44\u200B71 ' }).customer_reference,
      'P\u041E-44\u200B71',
    );
  });
});
