import { expect } from '@open-wc/testing';
import type { z } from 'zod';
import {
  Catalog,
  Dashboard,
  DeliveryList,
  InvoiceList,
  OrderDetail,
  OrderHistory,
  OrderList,
  PaymentList,
  QuoteList,
  Session,
} from '../../../widget/contract/index.ts';
import { Pricer } from '../../../widget/pricing/index.ts';
import {
  IDS,
  NOW,
  makeCatalog,
  makeDataset,
  makeOrderHistory,
  makeOrderList,
  makeProduct,
  makeSession,
} from '../../../widget/mock/data.ts';

function parses(schema: z.ZodType, value: unknown, what: string) {
  const result = schema.safeParse(value);
  expect(result.success, `${what}: ${JSON.stringify(result.error?.issues, null, 1)}`).to.equal(true);
}

describe('mock dataset', () => {
  describe('contract', () => {
    it('every fixture parses with its contract schema', () => {
      const data = makeDataset();
      parses(Session, data.session, 'session');
      parses(Catalog, data.catalog, 'catalog');
      parses(OrderList, makeOrderList(data.orders), 'order list');
      for (const order of data.orders) parses(OrderDetail, order, `order ${order.number}`);
      parses(OrderHistory, data.orderHistory, 'order history');
      parses(QuoteList, { items: data.quotes, next_cursor: null }, 'quotes');
      parses(InvoiceList, { items: data.invoices, next_cursor: null }, 'invoices');
      parses(PaymentList, { items: data.payments, next_cursor: null }, 'payments');
      parses(DeliveryList, { items: data.deliveries, next_cursor: null }, 'deliveries');
      parses(Dashboard, data.dashboard, 'dashboard');
    });

    it('order figures add up', () => {
      for (const order of makeDataset().orders) {
        const subtotal = order.lines.reduce((sum, l) => sum + l.line_total_minor, 0);
        expect(order.subtotal_minor, order.number).to.equal(subtotal);
        expect(order.total_minor, order.number).to.equal(subtotal + order.freight_minor);
        for (const l of order.lines) expect(l.line_total_minor).to.equal(l.quantity * l.unit_price_minor);
      }
    });
  });

  describe('coverage of pricing cases at NOW', () => {
    const catalog = makeCatalog();
    const pricer = new Pricer(catalog.pricing);
    const byId = (id: string) => catalog.products.find((p) => p.id === id)!;
    const resolve = (id: string, qty = 1, uom = 'each') => pricer.resolve(byId(id), uom, qty, NOW);

    it('has at least three categories and about a dozen products', () => {
      expect(catalog.categories.length).to.be.at.least(3);
      expect(catalog.products.length).to.be.within(10, 14);
    });

    it('has new arrivals', () => {
      expect(catalog.products.filter((p) => p.new_arrival).map((p) => p.id)).to.have.members([
        IDS.product.darkChocolate,
        IDS.product.trailMix,
      ]);
    });

    it('has one product on sale, and a promotion that has not started', () => {
      expect(catalog.products.filter((p) => pricer.isOnSale(p, NOW)).map((p) => p.id)).to.deep.equal([
        IDS.product.seaSaltCrisps,
      ]);
      expect(resolve(IDS.product.seaSaltCrisps).price).to.include({ unit_price_minor: 200 });
      expect(resolve(IDS.product.darkChocolate).price?.promotion).to.equal(null);
    });

    it('prices by quantity tier from the group list, ahead of the default list', () => {
      expect([1, 12, 48].map((q) => resolve(IDS.product.coldBrew, q).price?.unit_price_minor)).to.deep.equal([
        450, 420, 390,
      ]);
      expect(resolve(IDS.product.coldBrew).price?.source.kind).to.equal('group_list');
    });

    it('prices from the default list and from the base price', () => {
      expect(resolve(IDS.product.orangeJuice).price).to.deep.include({ unit_price_minor: 299 });
      expect(resolve(IDS.product.orangeJuice).price?.source.kind).to.equal('default_list');
      expect(resolve(IDS.product.greenTea).price?.source).to.deep.equal({ kind: 'base' });
    });

    it('has a product sold in two units', () => {
      expect(byId(IDS.product.sparklingWater).units.map((u) => u.code)).to.deep.equal(['each', 'case12']);
      expect(resolve(IDS.product.sparklingWater, 1, 'case12').price?.unit_price_minor).to.equal(1300);
    });

    it('has inactive, out-of-stock and unpriced products', () => {
      expect(resolve(IDS.product.discontinuedCola).reason).to.equal('inactive');
      expect(resolve(IDS.product.allPurposeCleaner).reason).to.equal('out_of_stock');
      expect(resolve(IDS.product.microfibreCloths).reason).to.equal('unpriced');
    });

    it('resolves order-history availability against the catalogue', () => {
      const availability = Object.fromEntries(makeOrderHistory().items.map((i) => [i.product_id, i.availability]));
      expect(availability[IDS.product.coldBrew]).to.deep.equal({ orderable: true });
      expect(availability[IDS.product.discontinuedCola]).to.deep.equal({ orderable: false, reason: 'inactive' });
      expect(availability[IDS.product.allPurposeCleaner]).to.deep.equal({ orderable: false, reason: 'out_of_stock' });
    });
  });

  describe('factories', () => {
    it('merge object overrides deeply', () => {
      const session = makeSession({ settings: { order_template: 'quantity_grid' } });
      expect(session.settings.order_template).to.equal('quantity_grid');
      expect(session.settings.freight).to.deep.equal(makeSession().settings.freight);
      parses(Session, session, 'overridden session');
    });

    it('replace arrays', () => {
      const only = makeProduct({ id: IDS.product.greenTea, name: 'Only one' });
      const catalog = makeCatalog({ products: [only] });
      expect(catalog.products).to.deep.equal([only]);
      expect(catalog.categories.length).to.equal(3);
      parses(Catalog, catalog, 'overridden catalog');
    });

    it('return fresh copies', () => {
      makeSession().settings.sections.orders = false;
      makeCatalog().products.pop();
      expect(makeSession().settings.sections.orders).to.equal(true);
      expect(makeCatalog().products.length).to.equal(12);
    });
  });
});
