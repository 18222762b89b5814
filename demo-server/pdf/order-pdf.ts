import type { ChargeKind, OrderDetail, OrderStatus } from '../../widget/contract/index.ts';
import { addressLines } from '../db/addresses.ts';
import { longDate, renderDocumentPdf } from './document-pdf.ts';

/** A country's name in the supplier's language (the code itself where the runtime knows none). */
const countryName = (locale: string) => {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
  return (code: string) => names.of(code) ?? code;
};

/** The charges besides freight, named as the portal names them. */
const CHARGE_LABEL: Record<ChargeKind, string> = {
  small_order: 'Small-order surcharge',
  percentage: 'Surcharge',
  per_unit: 'Handling fee per unit',
};

export interface OrderPdfInput {
  order: OrderDetail;
  supplier: { name: string; locale: string };
  customer: { business_name: string };
  /** Recorded as the document's creation date; the same input gives the same bytes. */
  generatedAt: Date;
  /** Unit names by `product_id|code` (see unitNames in db/catalog.ts). */
  unitNames?: ReadonlyMap<string, string>;
}

const STATUS_LABEL: Record<OrderStatus, string> = {
  draft: 'Draft',
  pending: 'Pending',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  shipped: 'Shipped',
  delivered: 'Delivered',
  invoiced: 'Invoiced',
  cancelled: 'Cancelled',
  awaiting_approval: 'Awaiting approval',
  rejected: 'Rejected',
};

/** A sales order as an A4 PDF: supplier, customer and delivery address, order details, the lines and the totals. */
export function renderOrderPdf({ order, supplier, customer, generatedAt, unitNames }: OrderPdfInput): Promise<Buffer> {
  return renderDocumentPdf({
    title: 'Sales order',
    number: order.number,
    currency: order.currency,
    supplier,
    customer,
    deliverTo: order.delivery_address && addressLines(order.delivery_address, countryName(supplier.locale)),
    generatedAt,
    unitNames,
    details: [
      ['Order number', order.number],
      ['Date', longDate(supplier.locale, order.created_at)],
      ['Status', STATUS_LABEL[order.status]],
      ...(order.customer_reference ? [['Customer reference', order.customer_reference] as [string, string]] : []),
      ...(order.source_quote ? [['Source quote', order.source_quote.number] as [string, string]] : []),
      ...(order.delivery
        ? [
            [
              order.delivery.kind === 'collection' ? 'Collection' : 'Delivery',
              `${order.delivery.service_name}, ${longDate(supplier.locale, order.delivery.date)}`,
            ] as [string, string],
          ]
        : []),
    ],
    lines: order.lines,
    totals: [
      ['Subtotal', order.subtotal_minor, false],
      ['Freight', order.freight_minor, false],
      // None where the supplier shows this customer totals only (the order's charges are null).
      ...(order.charges ?? []).map((c): [string, number, boolean] => [CHARGE_LABEL[c.kind], c.amount_minor, false]),
      // Charges the supplier added after checkout, once approved (the others are not in the total).
      ...(order.supplier_charges ?? [])
        .filter((c) => c.state === 'approved')
        .map((c): [string, number, boolean] => [c.label, c.amount_minor, false]),
      ['Total', order.total_minor, true],
    ],
    note: order.note,
  });
}
