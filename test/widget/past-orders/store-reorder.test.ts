import { expect } from '@open-wc/testing';
import { PortalClient } from '../../../widget/api/client.ts';
import { LIMITS } from '../../../widget/contract/common.ts';
import { PortalStore, type ReorderLine } from '../../../widget/state/store.ts';
import { IDS, NOW, makeCatalog, makeOrders, makeSession } from '../../../widget/mock/data.ts';
import { API_BASE } from '../../../widget/mock/handlers.ts';

const TOKEN = 'cpt_store_reorder_test';

/** A store with the dataset's catalogue, pricing at `at`; no request is made. */
function storeAt(at = NOW, catalog = makeCatalog()) {
  const store = new PortalStore(
    new PortalClient({ apiBase: API_BASE, token: TOKEN }),
    TOKEN,
    localStorage,
    () => new Date(at),
  );
  store.setCatalog(catalog);
  return store;
}

const line = (product_id: string, quantity: number, uom = 'each', name = 'x', sku = 'x'): ReorderLine => ({
  product_id,
  quantity,
  uom,
  name,
  sku,
});

describe('PortalStore.reorder', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('adds the orderable lines of an order in the unit ordered, and names every line left out with its reason', () => {
    const store = storeAt();
    const [, shipped, delivered, invoiced] = makeOrders();
    const result = store.reorder([...shipped.lines, ...delivered.lines, ...invoiced.lines]);
    expect(result.added).to.deep.equal([
      { product_id: IDS.product.coldBrew, uom: 'each', quantity: 12 },
      { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 2 },
      { product_id: IDS.product.seaSaltCrisps, uom: 'each', quantity: 60 },
      { product_id: IDS.product.dishSoap, uom: 'each', quantity: 24 },
      { product_id: IDS.product.orangeJuice, uom: 'each', quantity: 10 },
    ]);
    expect(result.skipped).to.deep.equal([
      {
        product_id: IDS.product.discontinuedCola,
        name: 'Classic Cola 330 ml',
        sku: 'BEV-COL-330',
        uom: 'each',
        reason: 'inactive',
      },
      {
        product_id: IDS.product.allPurposeCleaner,
        name: 'All-Purpose Cleaner 750 ml',
        sku: 'CLN-APC-750',
        uom: 'each',
        reason: 'out_of_stock',
      },
    ]);
    expect(store.state.cart).to.deep.equal(result.added);
  });

  it('unpriced, unit gone and not in the catalogue', () => {
    const catalog = makeCatalog();
    catalog.products = catalog.products
      .filter((p) => p.id !== IDS.product.paperTowels)
      .map((p) =>
        p.id === IDS.product.sparklingWater ? { ...p, units: p.units.filter((u) => u.code === 'each') } : p,
      );
    const store = storeAt(NOW, catalog);
    const { added, skipped } = store.reorder([
      line(IDS.product.microfibreCloths, 1),
      line(IDS.product.sparklingWater, 1, 'case12'),
      line(IDS.product.paperTowels, 1),
    ]);
    expect(added).to.deep.equal([]);
    expect(skipped.map((s) => s.reason)).to.deep.equal(['unpriced', 'uom_unavailable', 'not_found']);
    expect(store.state.cart).to.deep.equal([]);
  });

  it("prices today, not at the order's price: the crisps were bought on promotion at 2.00, which has ended", () => {
    const store = storeAt('2036-01-01T00:00:00.000Z');
    store.setSession(makeSession());
    const delivered = makeOrders()[2];
    expect(delivered.lines[0]).to.include({ product_id: IDS.product.seaSaltCrisps, unit_price_minor: 200 });
    store.reorder([delivered.lines[0]]);
    expect(store.state.cart, 'the cart keeps no price').to.deep.equal([
      { product_id: IDS.product.seaSaltCrisps, uom: 'each', quantity: 60 },
    ]);
    expect(store.pricedCart()!.lines[0].resolution.price!.unit_price_minor).to.equal(250);
  });

  it("quantities add to the cart's lines (and to each other), up to the line maximum", () => {
    const store = storeAt();
    store.add(IDS.product.coldBrew, 'each', 3);
    const { added } = store.reorder([
      line(IDS.product.coldBrew, 12),
      line(IDS.product.coldBrew, 2),
      line(IDS.product.greenTea, LIMITS.maxLineQuantity),
    ]);
    expect(added).to.deep.equal([
      { product_id: IDS.product.coldBrew, uom: 'each', quantity: 14 },
      { product_id: IDS.product.greenTea, uom: 'each', quantity: LIMITS.maxLineQuantity },
    ]);
    store.reorder([line(IDS.product.greenTea, 5)]);
    expect(store.state.cart).to.deep.equal([
      { product_id: IDS.product.coldBrew, uom: 'each', quantity: 17 },
      { product_id: IDS.product.greenTea, uom: 'each', quantity: LIMITS.maxLineQuantity },
    ]);
  });

  it('one change for the whole order, none when nothing could be added; the cart is kept for the token', () => {
    const store = storeAt();
    let changes = 0;
    store.addEventListener('change', () => {
      changes += 1;
    });
    store.reorder(makeOrders()[2].lines);
    expect(changes).to.equal(1);
    store.reorder([line(IDS.product.discontinuedCola, 1)]);
    expect(changes).to.equal(1);
    expect(storeAt().state.cart, 'another store for the token reads it back').to.deep.equal(store.state.cart);
  });

  it('needs the catalogue', () => {
    const store = new PortalStore(new PortalClient({ apiBase: API_BASE, token: TOKEN }), TOKEN, localStorage);
    expect(() => store.reorder([line(IDS.product.coldBrew, 1)])).to.throw(/loadCatalog/);
  });
});
