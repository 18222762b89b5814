import type { Product } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { loadCatalog } from '../../demo-server/db/catalog.ts';
import { getCustomer } from '../../demo-server/db/customers.ts';
import type { TestServer } from './harness.ts';

/** The catalogue as one customer sees it, with a pricer, to pick products by their state. */
export async function catalogFor(server: TestServer, customerId: string) {
  const customer = (await getCustomer(server.db.kysely, customerId))!;
  const catalog = await loadCatalog(server.db.kysely, {
    priceGroupId: customer.price_group_id,
    now: server.clock.now.toISOString(),
  });
  const pricer = new Pricer(catalog.pricing);
  const at = server.clock.now;
  const orderable = catalog.products.filter((p) => pricer.resolve(p, p.units[0].code, 1, at).orderable);
  const byReason = (reason: string): Product => {
    const found = catalog.products.find((p) => pricer.resolve(p, p.units[0]?.code ?? '', 1, at).reason === reason);
    if (!found) throw new Error(`demo data has no product that is ${reason}`);
    return found;
  };
  return {
    customer,
    catalog,
    pricer,
    orderable,
    byReason,
    unitPrice: (p: Product, uom = p.units[0].code, qty = 1) => pricer.resolve(p, uom, qty, at).price!.unit_price_minor,
  };
}
