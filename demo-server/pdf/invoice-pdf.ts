import type { InvoiceDetail } from '../../widget/contract/index.ts';
import { longDate, renderDocumentPdf } from './document-pdf.ts';

export interface InvoicePdfInput {
  invoice: InvoiceDetail;
  supplier: { name: string; locale: string };
  customer: { business_name: string };
  /** Recorded as the document's creation date; the same input gives the same bytes. */
  generatedAt: Date;
  /** Unit names by `product_id|code` (see unitNames in db/catalog.ts). */
  unitNames?: ReadonlyMap<string, string>;
}

const PAYMENT_LABEL: Record<InvoiceDetail['payment_state'], string> = {
  not_paid: 'Unpaid',
  partial: 'Partly paid',
  paid: 'Paid',
};

/** An invoice as an A4 PDF: the order's lines, the totals, what was paid and the balance due. */
export function renderInvoicePdf({
  invoice,
  supplier,
  customer,
  generatedAt,
  unitNames,
}: InvoicePdfInput): Promise<Buffer> {
  return renderDocumentPdf({
    title: 'Invoice',
    number: invoice.number,
    currency: invoice.currency,
    supplier,
    customer,
    generatedAt,
    unitNames,
    details: [
      ['Invoice number', invoice.number],
      ['Issued', longDate(supplier.locale, invoice.issued_at)],
      ['Due', longDate(supplier.locale, invoice.due_at)],
      ...(invoice.order ? [['Order number', invoice.order.number] as [string, string]] : []),
      ['Status', PAYMENT_LABEL[invoice.payment_state]],
    ],
    lines: invoice.lines,
    totals: [
      ['Subtotal', invoice.subtotal_minor, false],
      ['Freight', invoice.freight_minor, false],
      ['Total', invoice.total_minor, true],
      ['Paid', invoice.paid_minor, false],
      ['Balance due', invoice.balance_minor, true],
    ],
  });
}
