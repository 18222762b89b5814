import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../widget/api/schema.ts';
import { responses } from '../../widget/api/schemas.gen.ts';
import { DocumentKey, Id, LIMITS } from '../../widget/contract/index.ts';
import { ID_PATTERN, isId } from '../../widget/contract/rules/id.ts';

/** Ids are opaque strings (issue 20): whatever a backend uses, within a length and safe in a URL path. */
describe('Id', () => {
  const valid = [
    '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    'C-000123',
    '42',
    '0',
    'ACME/7 b',
    'ü€😀',
    '...',
    '.a',
    'x'.repeat(LIMITS.maxIdLength),
  ];
  const invalid = [
    '',
    'x'.repeat(LIMITS.maxIdLength + 1),
    'a\u0000b',
    'a\u0001',
    'tab\there',
    'line\n',
    '\u007f',
    '\u0085',
    'lone\ud800',
    '.',
    '..',
  ];

  it('accepts any non-empty id up to the documented length', () => {
    for (const id of valid) assert.ok(Id.safeParse(id).success, JSON.stringify(id));
    for (const id of valid) assert.ok(DocumentKey.safeParse(id).success, JSON.stringify(id));
    assert.ok(DocumentKey.safeParse('SO-2026-0042').success);
  });

  it('refuses an empty or over-long id, control characters, lone surrogates, and . or ..', () => {
    for (const id of invalid) {
      assert.equal(Id.safeParse(id).success, false, JSON.stringify(id));
      assert.equal(DocumentKey.safeParse(id).success, false, JSON.stringify(id));
    }
  });

  it("the widget's fast id check (catalogue answers) agrees with the rule, on every character up to U+00FF and each pair of ASCII ones", () => {
    for (const id of valid) assert.equal(isId(id), true, JSON.stringify(id));
    for (const id of invalid) assert.equal(isId(id), false, JSON.stringify(id));
    const rule = (id: string) => id.length >= 1 && id.length <= LIMITS.maxIdLength && ID_PATTERN.test(id);
    for (let a = 0; a <= 0xff; a++) {
      const one = String.fromCharCode(a);
      assert.equal(isId(one), rule(one), `U+${a.toString(16)}`);
      assert.equal(isId(`id${one}`), rule(`id${one}`), `id + U+${a.toString(16)}`);
      if (a > 0x7f) continue;
      for (let b = 0; b <= 0x7f; b++) {
        const two = one + String.fromCharCode(b);
        assert.equal(isId(two), rule(two), JSON.stringify(two));
      }
    }
  });

  it('every valid id survives encodeURIComponent as one URL path segment', () => {
    for (const id of valid) {
      const url = new URL(`https://api.example/orders/${encodeURIComponent(id)}/pdf`);
      assert.equal(decodeURIComponent(url.pathname.split('/')[2]), id, JSON.stringify(id));
    }
  });

  it("the widget's generated schemas (what it checks answers with) agree with zod", () => {
    const session = (id: string) => ({ ...SESSION, customer: { id, business_name: 'Acme' } });
    for (const id of valid) assert.equal(check(responses.getSession, session(id)), null, JSON.stringify(id));
    for (const id of invalid) assert.notEqual(check(responses.getSession, session(id)), null, JSON.stringify(id));
  });
});

const SESSION = {
  workspace: { name: 'W', branding: { logo_url: null, accent_color: null } },
  currency: 'EUR',
  locale: 'en-IE',
  permissions: {
    view_quotes: true,
    accept_quotes: true,
    view_orders: true,
    view_invoices: true,
    view_payments: true,
    view_deliveries: true,
    submit_feedback: true,
    place_orders: true,
  },
  settings: {
    sections: { orders: true, quotes: true, invoices: true, payments: true, deliveries: true },
    tabs: { all: 'auto', new_arrivals: 'auto', on_sale: 'auto', past_orders: 'auto', categories: 'auto' },
    checkout_mode: 'pay_later',
    order_template: 'standard',
    freight: { flat_minor: 0, free_over_minor: null },
    payment_url: null,
    order_changes: {
      enabled: false,
      apply_updates_automatically: false,
      apply_cancellations_automatically: false,
      allowed_before: 'confirmed',
    },
    require_unique_reference: false,
    supplier_available: true,
  },
  has_orders: false,
  token_expires_at: null,
};
