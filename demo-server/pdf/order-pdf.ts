import type { ChargeKind, Language, OrderDetail, OrderStatus } from '../../widget/contract/index.ts';
import { addressLines } from '../db/addresses.ts';
import { longDate, renderDocumentPdf } from './document-pdf.ts';

/** A country's name in the supplier's language (the code itself where the runtime knows none). */
const countryName = (locale: string) => {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
  return (code: string) => names.of(code) ?? code;
};

export interface OrderPdfInput {
  order: OrderDetail;
  supplier: { name: string; locale: string };
  customer: { business_name: string };
  /** Recorded as the document's creation date; the same input gives the same bytes. */
  generatedAt: Date;
  /** Unit names by `product_id|code` (see unitNames in db/catalog.ts). */
  unitNames?: ReadonlyMap<string, string>;
  /** The reader's language (the link's person's, else the customer's, else the workspace's); English by default. */
  language?: Language;
}

/**
 * The order's words in each language a customer may read it in: the charges as the portal names
 * them (widget/parts/format.ts and its Spanish catalogue), the statuses as the order list does.
 */
const WORDS = {
  en: {
    title: 'Sales order',
    number: 'Order number',
    date: 'Date',
    status: 'Status',
    reference: 'Customer reference',
    sourceQuote: 'Source quote',
    kind: { delivery: 'Delivery', collection: 'Collection' },
    subtotal: 'Subtotal',
    freight: 'Freight',
    total: 'Total',
    charge: { small_order: 'Small-order surcharge', percentage: 'Surcharge', per_unit: 'Handling fee per unit' },
    statusLabel: {
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
      awaiting_supplier: 'Waiting for the supplier',
    },
  },
  es: {
    title: 'Pedido de venta',
    number: 'Número de pedido',
    date: 'Fecha',
    status: 'Estado',
    reference: 'Referencia del cliente',
    sourceQuote: 'Presupuesto de origen',
    kind: { delivery: 'Entrega', collection: 'Recogida' },
    subtotal: 'Subtotal',
    freight: 'Envío',
    total: 'Total',
    charge: {
      small_order: 'Recargo por pedido pequeño',
      percentage: 'Recargo',
      per_unit: 'Tarifa de manipulación por unidad',
    },
    statusLabel: {
      draft: 'Borrador',
      pending: 'Pendiente',
      confirmed: 'Confirmado',
      in_progress: 'En curso',
      shipped: 'Enviado',
      delivered: 'Entregado',
      invoiced: 'Facturado',
      cancelled: 'Cancelado',
      awaiting_approval: 'Pendiente de aprobación',
      rejected: 'Rechazado',
      awaiting_supplier: 'Pendiente del proveedor',
    },
  },
} satisfies Record<
  Language,
  { charge: Record<ChargeKind, string>; statusLabel: Record<OrderStatus, string>; [word: string]: unknown }
>;

/** A sales order as an A4 PDF: supplier, customer and delivery address, order details, the lines and the totals. */
export function renderOrderPdf({
  order,
  supplier,
  customer,
  generatedAt,
  unitNames,
  language = 'en',
}: OrderPdfInput): Promise<Buffer> {
  const words = WORDS[language];
  // Dates and countries as the supplier's locale writes them when it is of this language (es-MX keeps its own).
  const locale = supplier.locale.toLowerCase().startsWith(language) ? supplier.locale : language;
  return renderDocumentPdf({
    title: words.title,
    number: order.number,
    currency: order.currency,
    supplier,
    customer,
    language,
    deliverTo: order.delivery_address && addressLines(order.delivery_address, countryName(locale)),
    generatedAt,
    unitNames,
    details: [
      [words.number, order.number],
      [words.date, longDate(locale, order.created_at)],
      [words.status, words.statusLabel[order.status]],
      ...(order.customer_reference ? [[words.reference, order.customer_reference] as [string, string]] : []),
      ...(order.source_quote ? [[words.sourceQuote, order.source_quote.number] as [string, string]] : []),
      ...(order.delivery
        ? [
            [
              words.kind[order.delivery.kind],
              `${order.delivery.service_name}, ${longDate(locale, order.delivery.date)}`,
            ] as [string, string],
          ]
        : []),
    ],
    lines: order.lines,
    totals: [
      [words.subtotal, order.subtotal_minor, false],
      [words.freight, order.freight_minor, false],
      // None where the supplier shows this customer totals only (the order's charges are null).
      ...(order.charges ?? []).map((c): [string, number, boolean] => [words.charge[c.kind], c.amount_minor, false]),
      // Charges the supplier added after checkout, once approved (the others are not in the total).
      ...(order.supplier_charges ?? [])
        .filter((c) => c.state === 'approved')
        .map((c): [string, number, boolean] => [c.label, c.amount_minor, false]),
      [words.total, order.total_minor, true],
    ],
    note: order.note,
  });
}
