/**
 * The implementer's guide (docs/implementing-the-api.md) shows the pricing algorithm with worked
 * examples: each row of its tables is run through the pricing module here, so the guide cannot
 * say one price while the widget and the server charge another.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Freight, PricingInputs, Product } from '../../widget/contract/index.ts';
import { freightFor, Pricer } from '../../widget/pricing/index.ts';

const GUIDE = readFileSync(new URL('../../docs/implementing-the-api.md', import.meta.url), 'utf8');

/** The rows of the first markdown table after `heading`, as cells. */
function tableAfter(marker: string): string[][] {
  const start = GUIDE.indexOf(marker);
  assert.ok(start >= 0, `the guide has no "${marker}"`);
  const lines = GUIDE.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const setupText = /```json pricing-setup\n([\s\S]*?)\n```/.exec(GUIDE)?.[1];
assert.ok(setupText, 'the guide has a pricing-setup block');
const setup = JSON.parse(setupText) as { products: unknown[]; inputs: unknown };
const products = new Map(setup.products.map((p) => Product.parse(p)).map((p) => [p.id, p]));
const pricer = new Pricer(PricingInputs.parse(setup.inputs));

describe("the implementer's guide: worked pricing examples", () => {
  const rows = tableAfter('| # | Product |');
  it('has examples covering every price source, promotions and refusals', () => {
    assert.ok(rows.length >= 10, `only ${rows.length} examples`);
    const sources = new Set(rows.map((r) => r[7].split(' ')[0]));
    for (const source of ['group_list', 'default_list', 'base'])
      assert.ok(sources.has(source), `no example priced from ${source}`);
  });

  for (const [n, productId, uom, qty, at, unit, total, from, promotion, orderable, why] of rows) {
    it(`example ${n}: ${productId} ${uom} x ${qty} at ${at} (${why})`, () => {
      const product = products.get(productId);
      assert.ok(product, `no product ${productId} in the setup`);
      const resolution = pricer.resolve(product, uom, Number(qty), at);
      assert.equal(resolution.orderable, orderable === 'yes', `orderable: ${JSON.stringify(resolution)}`);
      if (unit === '-') {
        assert.equal(resolution.price, null);
        assert.ok(why.startsWith(resolution.reason!), `the reason is ${resolution.reason}, the guide says "${why}"`);
        return;
      }
      const price = resolution.price!;
      assert.equal(price.unit_price_minor, Number(unit), 'unit price');
      assert.equal(price.line_total_minor, Number(total), 'line total');
      const source =
        price.source.kind === 'base' ? 'base' : `${price.source.kind} (tier ${price.source.tier_min_quantity})`;
      assert.equal(source, from, 'where the price comes from');
      assert.equal(price.promotion?.id ?? 'none', promotion, 'promotion');
      if (orderable === 'no')
        assert.ok(why.startsWith(resolution.reason!), `the reason is ${resolution.reason}, the guide says "${why}"`);
    });
  }
});

describe("the implementer's guide: worked freight examples", () => {
  const freight = Freight.parse({ flat_minor: 995, free_over_minor: 15000 });
  const rows = tableAfter('| Subtotal | Freight | Total |');
  it('has examples on both sides of the threshold', () => assert.ok(rows.length >= 3));
  for (const [subtotal, charge, total] of rows) {
    it(`subtotal ${subtotal}: freight ${charge}, total ${total}`, () => {
      assert.equal(freightFor(Number(subtotal), freight), Number(charge));
      assert.equal(Number(subtotal) + freightFor(Number(subtotal), freight), Number(total));
    });
  }
});
