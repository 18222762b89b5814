/**
 * Pure tests of the zod contract (widget/contract/): what the shared schemas accept, refuse and
 * strip, and that the OpenAPI document builds from them. No server, no database.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';

import {
  Currency,
  DateTime,
  ErrorBody,
  ErrorCode,
  LIMITS,
  Money,
  PERMISSIONS,
  listOf,
} from '../../widget/contract/common.ts';
import { CheckoutRequest } from '../../widget/contract/portal.ts';
import { CreateTokenRequest, WorkspaceSettingsPatch } from '../../widget/contract/admin.ts';
import { endpoints } from '../../widget/contract/endpoints.ts';
import { openApiDocument } from '../../widget/contract/openapi.ts';

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const line = (over: Record<string, unknown> = {}) => ({ product_id: uuid(1), quantity: 1, ...over });

describe('Money', () => {
  for (const ok of [0, 1, 1999, Number.MAX_SAFE_INTEGER]) {
    it(`accepts ${ok}`, () => assert.equal(Money.parse(ok), ok));
  }
  for (const [label, bad] of [
    ['a float', 12.5],
    ['a tiny fraction', 0.1],
    ['a negative integer', -1],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
    ['Infinity', Infinity],
    ['NaN', NaN],
    ['a numeric string', '100'],
    ['null', null],
  ] as const) {
    it(`rejects ${label}`, () => assert.equal(Money.safeParse(bad).success, false));
  }
});

describe('Currency', () => {
  it('accepts an upper-case ISO 4217 code', () => assert.equal(Currency.parse('EUR'), 'EUR'));
  for (const bad of ['eur', 'Eur', 'EURO', 'EU', '', 'E1R']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(Currency.safeParse(bad).success, false));
  }
});

describe('DateTime', () => {
  for (const ok of [
    '2026-06-15T10:00:00Z',
    '2026-06-15T10:00:00.000Z',
    '2026-06-15T12:00:00+02:00',
    '2026-06-15T05:30:00-04:30',
  ]) {
    it(`accepts ${ok}`, () => assert.equal(DateTime.parse(ok), ok));
  }
  for (const bad of ['2026-13-01', '2026-13-01T00:00:00Z', '2026-06-15', '2026-06-15T10:00:00', 'yesterday', '']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(DateTime.safeParse(bad).success, false));
  }
});

describe('CheckoutRequest', () => {
  it('accepts a minimal order and the optional fields', () => {
    const parsed = CheckoutRequest.parse({
      lines: [line({ uom: 'case12', quantity: 3 })],
      customer_reference: '  PO-1  ',
      note: 'Back door',
      expected_total: 1234,
    });
    assert.deepEqual(parsed, {
      lines: [{ product_id: uuid(1), uom: 'case12', quantity: 3 }],
      customer_reference: 'PO-1',
      note: 'Back door',
      expected_total: 1234,
    });
  });

  for (const [label, quantity] of [
    ['0', 0],
    ['1.5', 1.5],
    ['negative', -2],
    ['above maxLineQuantity', LIMITS.maxLineQuantity + 1],
    ['a string', '2'],
  ] as const) {
    it(`rejects quantity ${label}`, () => {
      const result = CheckoutRequest.safeParse({ lines: [line({ quantity })] });
      assert.equal(result.success, false);
      assert.deepEqual(result.error!.issues[0].path, ['lines', 0, 'quantity']);
    });
  }

  it('accepts quantity exactly maxLineQuantity', () => {
    assert.equal(
      CheckoutRequest.parse({ lines: [line({ quantity: LIMITS.maxLineQuantity })] }).lines[0].quantity,
      LIMITS.maxLineQuantity,
    );
  });

  it('accepts maxCheckoutLines lines and rejects one more', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => line({ product_id: uuid(i + 1) }));
    assert.equal(
      CheckoutRequest.parse({ lines: lines(LIMITS.maxCheckoutLines) }).lines.length,
      LIMITS.maxCheckoutLines,
    );
    const result = CheckoutRequest.safeParse({ lines: lines(LIMITS.maxCheckoutLines + 1) });
    assert.equal(result.success, false);
    assert.deepEqual(result.error!.issues[0].path, ['lines']);
  });

  it('rejects empty and missing lines', () => {
    assert.equal(CheckoutRequest.safeParse({ lines: [] }).success, false);
    assert.equal(CheckoutRequest.safeParse({}).success, false);
  });

  it('takes any opaque product_id; rejects an empty one and an over-long reference or note', () => {
    assert.equal(CheckoutRequest.safeParse({ lines: [line({ product_id: 'SKU-1' })] }).success, true);
    assert.equal(CheckoutRequest.safeParse({ lines: [line({ product_id: '' })] }).success, false);
    assert.equal(
      CheckoutRequest.safeParse({ lines: [line()], customer_reference: 'x'.repeat(LIMITS.maxReferenceLength + 1) })
        .success,
      false,
    );
    assert.equal(CheckoutRequest.safeParse({ lines: [line()], customer_reference: '   ' }).success, false);
    assert.equal(
      CheckoutRequest.safeParse({ lines: [line()], note: 'x'.repeat(LIMITS.maxNoteLength + 1) }).success,
      false,
    );
    assert.equal(CheckoutRequest.safeParse({ lines: [line()], expected_total: 10.5 }).success, false);
  });

  it('strips client-supplied prices and other unknown fields', () => {
    const parsed = CheckoutRequest.parse({
      lines: [line({ unit_price_minor: 1, line_total_minor: 1 })],
      total_minor: 1,
      unit_price_minor: 1,
    });
    assert.equal(Object.hasOwn(parsed, 'total_minor'), false);
    assert.equal(Object.hasOwn(parsed, 'unit_price_minor'), false);
    assert.equal(Object.hasOwn(parsed.lines[0], 'unit_price_minor'), false);
    assert.equal(Object.hasOwn(parsed.lines[0], 'line_total_minor'), false);
    assert.deepEqual(parsed, { lines: [{ product_id: uuid(1), quantity: 1 }] });
  });
});

describe('WorkspaceSettingsPatch', () => {
  it('accepts an empty patch and a partial nested one', () => {
    assert.deepEqual(WorkspaceSettingsPatch.parse({}), {});
    assert.deepEqual(WorkspaceSettingsPatch.parse({ sections: { quotes: false }, tabs: { on_sale: 'hide' } }), {
      sections: { quotes: false },
      tabs: { on_sale: 'hide' },
    });
  });

  it('is strict: an unknown top-level key fails', () => {
    const result = WorkspaceSettingsPatch.safeParse({ sections: { quotes: false }, colour: 'red' });
    assert.equal(result.success, false);
    assert.equal(result.error!.issues[0].code, 'unrecognized_keys');
  });

  it('rejects wrong types and values', () => {
    for (const bad of [
      { trial_expired: 'yes' },
      { checkout_mode: 'pay_whenever' },
      { order_template: 'grid' },
      { tabs: { all: 'visible' } },
      { sections: { orders: 1 } },
      { freight: { flat_minor: 100 } },
      { freight: { flat_minor: -1, free_over_minor: null } },
      { payment_url: 'ftp://pay.example.com' },
      { payment_url: 'javascript:alert(1)' },
      { payment_url: 'not a url' },
    ]) {
      assert.equal(WorkspaceSettingsPatch.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('accepts http(s) payment URLs and null', () => {
    for (const payment_url of ['https://pay.example.com/x', 'http://localhost:3000/pay', null]) {
      assert.deepEqual(WorkspaceSettingsPatch.parse({ payment_url }), { payment_url });
    }
  });
});

describe('CreateTokenRequest', () => {
  it('needs only a client_id, of any shape a backend uses', () => {
    assert.deepEqual(CreateTokenRequest.parse({ client_id: uuid(1) }), { client_id: uuid(1) });
    assert.deepEqual(CreateTokenRequest.parse({ client_id: 'customer-1' }), { client_id: 'customer-1' });
    assert.equal(CreateTokenRequest.safeParse({}).success, false);
    assert.equal(CreateTokenRequest.safeParse({ client_id: '' }).success, false);
  });

  it('takes a partial permissions object', () => {
    const parsed = CreateTokenRequest.parse({ client_id: uuid(1), permissions: { view_payments: false } });
    assert.deepEqual(parsed.permissions, { view_payments: false });
    assert.equal(
      CreateTokenRequest.safeParse({ client_id: uuid(1), permissions: { view_payments: 'no' } }).success,
      false,
    );
  });

  it('takes expires_at as a date-time or null', () => {
    assert.equal(CreateTokenRequest.parse({ client_id: uuid(1), expires_at: null }).expires_at, null);
    assert.equal(
      CreateTokenRequest.parse({ client_id: uuid(1), expires_at: '2030-01-01T00:00:00+01:00' }).expires_at,
      '2030-01-01T00:00:00+01:00',
    );
    assert.equal(CreateTokenRequest.safeParse({ client_id: uuid(1), expires_at: '2030-01-01' }).success, false);
  });

  it('knows the eight permissions', () => {
    assert.deepEqual([...PERMISSIONS].sort(), [
      'accept_quotes',
      'place_orders',
      'submit_feedback',
      'view_deliveries',
      'view_invoices',
      'view_orders',
      'view_payments',
      'view_quotes',
    ]);
  });
});

describe('listOf', () => {
  const List = listOf(z.object({ id: z.string() }));

  it('is { items, next_cursor }', () => {
    assert.deepEqual(Object.keys(List.shape).sort(), ['items', 'next_cursor']);
    assert.deepEqual(List.parse({ items: [{ id: 'a' }], next_cursor: null }), {
      items: [{ id: 'a' }],
      next_cursor: null,
    });
    assert.deepEqual(List.parse({ items: [], next_cursor: 'abc' }), { items: [], next_cursor: 'abc' });
  });

  it('requires both fields and checks the items', () => {
    assert.equal(List.safeParse({ items: [] }).success, false);
    assert.equal(List.safeParse({ next_cursor: null }).success, false);
    assert.equal(List.safeParse({ items: [{ id: 1 }], next_cursor: null }).success, false);
  });
});

describe('ErrorBody', () => {
  it('accepts every code of the enum, with or without details', () => {
    for (const code of ErrorCode.options) {
      assert.equal(ErrorBody.safeParse({ error: { code, message: 'x' } }).success, true, code);
    }
    assert.equal(
      ErrorBody.safeParse({
        error: { code: 'validation_failed', message: 'x', details: [{ path: 'body', message: 'y' }] },
      }).success,
      true,
    );
  });

  it('requires a code from the enum and a message', () => {
    assert.equal(ErrorBody.safeParse({ error: { code: 'teapot', message: 'x' } }).success, false);
    assert.equal(ErrorBody.safeParse({ error: { message: 'x' } }).success, false);
    assert.equal(ErrorBody.safeParse({ error: { code: 'not_found' } }).success, false);
    assert.equal(ErrorBody.safeParse({ code: 'not_found', message: 'x' }).success, false);
  });
});

describe('openApiDocument', () => {
  it('builds without throwing and survives a JSON round trip', () => {
    const doc = openApiDocument({ serverUrl: 'https://api.example.com', version: '9.9.9' });
    const copy = JSON.parse(JSON.stringify(doc));
    assert.deepEqual(copy, doc);
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.version, '9.9.9');
    assert.deepEqual(doc.servers, [{ url: 'https://api.example.com' }]);
  });

  it('has one operation per endpoint, named after it', () => {
    const doc = openApiDocument();
    const operations = Object.values(doc.paths).flatMap(
      (methods) => Object.values(methods) as { operationId: string }[],
    );
    assert.deepEqual(operations.map((o) => o.operationId).sort(), Object.keys(endpoints).sort());
    assert.deepEqual(doc.servers, []);
  });
});
