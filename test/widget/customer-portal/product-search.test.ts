import { expect } from '@open-wc/testing';
import { productSearch } from '../../../widget/parts/tabs.ts';

describe('catalogue search (productSearch)', () => {
  const croissant = { name: 'Pain au Chocolat Crème', sku: 'BAK-1002' };
  const spray = { name: 'Surface Spray', sku: 'CLN-1007' };

  it('finds by name or SKU, case and accents set aside, the search folded the same way', () => {
    expect(productSearch('creme')(croissant)).to.equal(true);
    expect(productSearch('  CRÈME ')(croissant)).to.equal(true);
    expect(productSearch('bak-10')(croissant)).to.equal(true);
    expect(productSearch('cln')(croissant)).to.equal(false);
    expect(productSearch('spray')(spray)).to.equal(true);
  });

  it('an empty search matches everything; a match never spans the name and the SKU', () => {
    expect(productSearch('   ')(spray)).to.equal(true);
    expect(productSearch('crèmebak')(croissant)).to.equal(false);
    expect(productSearch('spraycln')(spray)).to.equal(false);
  });

  it('keeps each product’s folded text, and answers each search afresh', () => {
    const product = { name: 'Oat Milk', sku: 'DAI-1' };
    expect(productSearch('oat')(product)).to.equal(true);
    expect(productSearch('almond')(product)).to.equal(false);
    expect(productSearch('dai-1')(product)).to.equal(true);
  });
});
