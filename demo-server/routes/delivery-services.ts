import type { Router } from 'express';
import type { Kysely } from 'kysely';
import {
  endpoints,
  type DeliveryOptions,
  type DeliveryService,
  type OrderDelivery,
} from '../../widget/contract/index.ts';
import {
  deliveryDateRefusal,
  deliveryOptionsOf,
  impliedDelivery,
  nextAllowedDate,
} from '../../widget/contract/rules/delivery-dates.ts';
import {
  getService,
  insertService,
  listServices,
  removeService,
  servicesFor,
  updateService,
} from '../db/delivery-services.ts';
import { getCustomer } from '../db/customers.ts';
import type { Database } from '../db/schema.ts';
import type { Workspace } from '../db/workspace.ts';
import { HttpError, notFound, refuseIf } from '../errors.ts';
import { adminRoute, portalRoute, type Services } from './define.ts';

/** How many dates the portal read offers per service: two months of weekdays and more. */

const noService = () => notFound('No delivery service with that id.');

/** Delivery services (issue 17): the supplier's CRUD and the customer's dates. */
export function deliveryServiceRoutes(router: Router, services: Services): void {
  adminRoute(router, services, endpoints.listDeliveryServices, async () => ({
    data: await listServices(services.db),
  }));
  adminRoute(router, services, endpoints.createDeliveryService, async ({ body, now }) =>
    insertService(services.db, body, now),
  );
  adminRoute(router, services, endpoints.patchDeliveryService, async ({ params, body }) => {
    const current = await getService(services.db, params.id);
    if (!current) throw noService();
    const next = { ...current, ...body };
    // Each half may come alone: the service as it would be must still pair a rule with its time.
    if ((next.cutoff_rule === 'none') !== (next.cutoff_time === null)) {
      throw new HttpError(400, 'validation_failed', 'The request is not valid.', [
        { path: 'body.cutoff_time', message: 'cutoff_time is required with a cut-off rule, and null with `none`' },
      ]);
    }
    return (await updateService(services.db, params.id, body)) ?? Promise.reject(noService());
  });
  adminRoute(router, services, endpoints.deleteDeliveryService, async ({ params, now }) => {
    if (!(await removeService(services.db, params.id, now))) throw noService();
    return null;
  });

  portalRoute(router, services, endpoints.getDeliveryOptions, async ({ principal, workspace, now }) =>
    deliveryOptions(services.db, workspace, principal.customerId, now),
  );
}

export async function deliveryOptions(
  db: Kysely<Database>,
  workspace: Workspace,
  customerId: string,
  now: Date,
): Promise<DeliveryOptions> {
  const zone = workspace.settings.time_zone;
  const offered = await servicesFor(db, customerId);
  const customer = await getCustomer(db, customerId);
  const preferred = customer?.settings.default_delivery_service_id ?? null;
  return deliveryOptionsOf(offered, preferred, now, zone);
}

const unknownService = () =>
  new HttpError(422, 'unknown_delivery_service', 'Choose one of the delivery services offered to you.', [
    { path: 'body.delivery_service_id', message: 'not a delivery service offered to this customer' },
  ]);

/**
 * The service and date a checkout asks for, checked against the rules at `now`: null when the
 * workspace offers this customer no service (and none was asked for). Not named: the customer's
 * default service (else the first) and its earliest allowed date (`impliedDelivery`). With the
 * service itself: its creation status and minimum apply to the checkout.
 */
export async function chosenDelivery(
  db: Kysely<Database>,
  workspace: Workspace,
  customerId: string,
  request: { delivery_service_id?: string; delivery_date?: string },
  now: Date,
): Promise<{ delivery: OrderDelivery; service: DeliveryService } | null> {
  const offered = await servicesFor(db, customerId);
  if (offered.length === 0) {
    if (request.delivery_service_id !== undefined) throw unknownService();
    return null;
  }
  const zone = workspace.settings.time_zone;
  const preferred = (await getCustomer(db, customerId))?.settings.default_delivery_service_id ?? null;
  const implied = impliedDelivery(offered, preferred, now, zone);
  const service: DeliveryService | undefined =
    request.delivery_service_id === undefined
      ? implied?.service
      : offered.find((s) => s.id === request.delivery_service_id);
  if (!service) throw unknownService();
  const date = request.delivery_date ?? nextAllowedDate(service, now, zone);
  if (date === null) {
    throw new HttpError(422, 'cutoff_passed', 'Not allowed to create or update the order after the cutoff time', {
      field: 'delivery_date',
      next_allowed_date: null,
    });
  }
  refuseIf(deliveryDateRefusal(service, date, now, zone));
  return { delivery: { service_id: service.id, service_name: service.name, kind: service.kind, date }, service };
}

/**
 * The rule for changing an order with a delivery date: while the cut-off of the order's own date
 * has not passed, it may change, and its date may move to another date the service allows now.
 * Returns the new date to write, or null when the date stays. An order without a service has no
 * date to change.
 */
export async function deliveryDateChange(
  db: Kysely<Database>,
  workspace: Workspace,
  orderId: string,
  requested: string | undefined,
  now: Date,
): Promise<string | null> {
  const order = await db
    .selectFrom('orders')
    .select(['delivery_service_id', 'delivery_date'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (!order.delivery_service_id || !order.delivery_date) {
    if (requested === undefined) return null;
    throw new HttpError(400, 'validation_failed', 'This order has no delivery service, so no delivery date.', [
      { path: 'body.delivery_date', message: 'the order has no delivery service' },
    ]);
  }
  const service = await getService(db, order.delivery_service_id);
  // A removed service keeps its orders as they are: only the date cannot move any more.
  if (!service) {
    if (requested === undefined || requested === order.delivery_date) return null;
    throw unknownService();
  }
  const zone = workspace.settings.time_zone;
  refuseIf(deliveryDateRefusal(service, order.delivery_date, now, zone));
  if (requested === undefined || requested === order.delivery_date) return null;
  refuseIf(deliveryDateRefusal(service, requested, now, zone));
  return requested;
}

export async function setDeliveryDate(db: Kysely<Database>, orderId: string, date: string): Promise<void> {
  await db.updateTable('orders').set({ delivery_date: date }).where('id', '=', orderId).execute();
}
