import type { CheckoutRequest, DocumentLine, OrderCharge } from '../../widget/contract/index.ts';
import { Pricer } from '../../widget/pricing/index.ts';
import { withCharges } from '../../widget/pricing/charges.ts';
import { loadCatalog } from '../db/catalog.ts';
import type { CustomerRecord } from '../db/customers.ts';
import type { Workspace } from '../db/workspace.ts';
import { HttpError } from '../errors.ts';
import type { Services } from './define.ts';

export interface PricedCart {
  lines: DocumentLine[];
  subtotal_minor: number;
  freight_minor: number;
  charges: OrderCharge[];
  charges_minor: number;
  total_minor: number;
}

/**
 * Prices lines as checkout does, with the shared pricing module at `now` and the customer's
 * freight and charges: every line at today's price for this customer, never a price the client sent.
 * 422 `lines_not_orderable` lists every line that cannot be ordered.
 */
export async function priceCart(
  services: Services,
  customer: CustomerRecord,
  workspace: Workspace,
  input: CheckoutRequest['lines'],
  now: Date,
): Promise<PricedCart> {
  const catalog = await loadCatalog(services.db, {
    priceGroupId: customer.price_group_id,
    now: now.toISOString(),
    productIds: [...new Set(input.map((l) => l.product_id))],
  });
  const freight = customer.settings.freight ?? workspace.settings.freight;
  const priced = withCharges(
    new Pricer(catalog.pricing).priceOrder(new Map(catalog.products.map((p) => [p.id, p])), input, freight, now),
    customer.settings.charges,
  );
  if (priced.problems.length) {
    throw new HttpError(422, 'lines_not_orderable', 'Some lines cannot be ordered.', { lines: priced.problems });
  }
  return {
    lines: priced.lines.map((l) => ({
      product_id: l.product_id,
      sku: l.product!.sku,
      name: l.product!.name,
      quantity: l.quantity,
      uom: l.uom!,
      unit_price_minor: l.resolution.price!.unit_price_minor,
      line_total_minor: l.resolution.price!.line_total_minor,
    })),
    subtotal_minor: priced.subtotal_minor,
    freight_minor: priced.freight_minor,
    charges: priced.charges,
    charges_minor: priced.charges_minor,
    total_minor: priced.total_minor,
  };
}
