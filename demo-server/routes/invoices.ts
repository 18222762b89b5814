import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { unitNames } from '../db/catalog.ts';
import { getInvoice, listInvoices } from '../db/documents.ts';
import { notFound } from '../errors.ts';
import { renderInvoicePdf } from '../pdf/invoice-pdf.ts';
import { customerOf } from './session.ts';
import { portalRoute, type Services } from './define.ts';

export function invoiceRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.listInvoices, async ({ principal, query }) =>
    listInvoices(services.db, principal.customerId, query),
  );

  portalRoute(
    router,
    services,
    endpoints.getInvoice,
    async ({ principal, params }) =>
      (await getInvoice(services.db, principal.customerId, params.id)) ?? Promise.reject(notFound('No such invoice.')),
  );

  portalRoute(router, services, endpoints.getInvoicePdf, async ({ principal, params, workspace, now }) => {
    const invoice = await getInvoice(services.db, principal.customerId, params.id);
    if (!invoice) throw notFound('No such invoice.');
    const customer = await customerOf(services, principal.customerId);
    const bytes = await renderInvoicePdf({
      invoice,
      supplier: workspace,
      customer,
      generatedAt: now,
      unitNames: await unitNames(services.db, invoice.lines),
    });
    return { bytes, filename: `${invoice.number}.pdf` };
  });
}
