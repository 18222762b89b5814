import type { Router } from 'express';
import {
  SECTION_PERMISSION,
  SECTIONS,
  endpoints,
  type PortalSettings,
  type Sections,
} from '../../widget/contract/index.ts';
import type { Principal } from '../context.ts';
import { getCustomer, type CustomerRecord } from '../db/customers.ts';
import { hasOrders, type OrderContext } from '../db/orders.ts';
import { outstandingBalance } from '../db/documents.ts';
import { getPerson } from '../db/people.ts';
import type { Workspace } from '../db/workspace.ts';
import { HttpError } from '../errors.ts';
import { supplierUnavailableMessage, type OrderingAction } from '../../widget/contract/supplier.ts';
import { portalRoute, type Services } from './define.ts';

/** The customer behind a valid token; it can only be missing if the row was deleted under us. */
export async function customerOf(services: Services, customerId: string): Promise<CustomerRecord> {
  const customer = await getCustomer(services.db, customerId);
  if (!customer) throw new Error(`a valid token points at missing customer ${customerId}`);
  return customer;
}

/**
 * 403 `supplier_unavailable` while the supplier cannot take orders (trial expired): checkout, an
 * acceptance that creates an order, and order changes and cancellations all stop here.
 */
export function assertSupplierAvailable(workspace: Workspace, action: OrderingAction): void {
  if (workspace.settings.trial_expired)
    throw new HttpError(403, 'supplier_unavailable', supplierUnavailableMessage(action));
}

/** What an order's detail needs of the workspace. */
export const orderContext = (workspace: Workspace): OrderContext => ({
  changes: workspace.settings.order_changes,
  supplierName: workspace.name,
});

/**
 * The credit a pay-later order must fit: the customer's limit less their unpaid invoices. Null
 * when none applies: Pay Now, no limit set (0), or the workspace takes orders over the limit.
 */
export async function creditFor(
  services: Services,
  workspace: Workspace,
  customer: CustomerRecord,
): Promise<PortalSettings['credit']> {
  const mode = customer.settings.checkout_mode ?? workspace.settings.checkout_mode;
  if (mode !== 'pay_later' || customer.credit_limit_minor <= 0 || workspace.settings.allow_orders_over_credit_limit)
    return null;
  const outstanding = await outstandingBalance(services.db, customer.id);
  return { limit_minor: customer.credit_limit_minor, available_minor: customer.credit_limit_minor - outstanding };
}

/** Workspace defaults, overridden by the customer's own settings, narrowed by the token (credit is filled in by creditFor). */
export function portalSettings(workspace: Workspace, customer: CustomerRecord, principal: Principal): PortalSettings {
  const ws = workspace.settings;
  const sections = Object.fromEntries(
    SECTIONS.map((s) => [s, ws.sections[s] && principal.permissions[SECTION_PERMISSION[s]]]),
  ) as Sections;
  return {
    sections,
    tabs: ws.tabs,
    checkout_mode: customer.settings.checkout_mode ?? ws.checkout_mode,
    order_template: customer.settings.order_template ?? ws.order_template,
    freight: customer.settings.freight ?? ws.freight,
    payment_url: ws.payment_url,
    order_changes: ws.order_changes,
    require_unique_reference: ws.require_unique_reference,
    credit: null,
    show_price_explanation: ws.show_price_explanation,
    supplier_available: !ws.trial_expired,
    charges: customer.settings.charges ?? null,
    show_charges: customer.settings.show_charges ?? true,
    minimum_order_minor: customer.settings.minimum_order_minor ?? null,
    order_defaults: customer.settings.order_defaults ?? null,
  };
}

/** The link's person with what their profile says about the portal: its language and their default address. */
async function personOf(services: Services, customerId: string, person: NonNullable<Principal['person']>) {
  const profile = await getPerson(services.db, customerId, person.id);
  return {
    ...person,
    language: profile?.language ?? null,
    default_delivery_address_id: profile?.default_delivery_address_id ?? null,
  };
}

export function sessionRoutes(router: Router, services: Services): void {
  portalRoute(router, services, endpoints.getSession, async ({ principal, workspace }) => {
    const customer = await customerOf(services, principal.customerId);
    return {
      customer: { id: customer.id, business_name: customer.business_name },
      workspace: {
        name: workspace.name,
        branding: { logo_url: workspace.logo_url, accent_color: workspace.accent_color },
      },
      currency: workspace.currency,
      locale: workspace.locale,
      permissions: principal.permissions,
      settings: {
        ...portalSettings(workspace, customer, principal),
        credit: await creditFor(services, workspace, customer),
      },
      has_orders: await hasOrders(services.db, customer.id),
      token_expires_at: principal.expiresAt,
      person: principal.person && (await personOf(services, customer.id, principal.person)),
    };
  });
}
