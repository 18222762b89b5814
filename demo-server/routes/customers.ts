import { getService } from '../db/delivery-services.ts';
import { mayUseService } from '../../widget/contract/rules/delivery-dates.ts';
import type { Router } from 'express';
import { endpoints, type CustomerDetail, type OrderDefaults } from '../../widget/contract/index.ts';
import { listAddresses } from '../db/addresses.ts';
import { listActivity } from '../db/activity.ts';
import {
  getCustomer,
  insertCustomer,
  listCustomers,
  liveLinkCount,
  priceGroupExists,
  setArchived,
  updateCustomer,
  type CustomerRecord,
} from '../db/customers.ts';
import { HttpError, notFound } from '../errors.ts';
import { adminRoute, type Services } from './define.ts';

const publicFields = ({ price_group_id: _, ...customer }: CustomerRecord) => customer;

export function customerRoutes(router: Router, services: Services): void {
  /** The customer as the console shows it; 404 when there is none. */
  const detail = async (id: string, now: Date): Promise<CustomerDetail> => {
    const customer = await getCustomer(services.db, id);
    if (!customer) throw notFound('No customer with that id.');
    await services.tokens.flushUses();
    const [latest] = (await listActivity(services.db, { customerId: id, limit: 1 })).items;
    return {
      ...publicFields(customer),
      live_links: await liveLinkCount(services.db, id, now.toISOString()),
      last_activity_at: latest?.at ?? null,
    };
  };
  const checkPriceGroup = async (id: string | null | undefined) => {
    if (id && !(await priceGroupExists(services.db, id))) {
      throw new HttpError(422, 'unknown_price_group', 'No price group with that id.', [
        { path: 'body.price_group_id', message: 'unknown price group' },
      ]);
    }
  };

  /** A default delivery service must be one the customer may select. */
  const checkDeliveryService = async (customerId: string, id: string | null | undefined) => {
    const service = id ? await getService(services.db, id) : null;
    if (id && !(service && mayUseService(service, customerId))) {
      throw new HttpError(
        422,
        'unknown_delivery_service',
        'No delivery service with that id that this customer may select.',
        [{ path: 'body.default_delivery_service_id', message: 'unknown delivery service' }],
      );
    }
  };

  /** 422 `unknown_address` unless the default address is one of the customer's delivery addresses. */
  const checkDefaults = async (customerId: string | null, defaults: OrderDefaults | null | undefined) => {
    const id = defaults?.delivery_address_id;
    if (!id) return;
    const addresses = customerId ? await listAddresses(services.db, customerId) : [];
    if (!addresses.some((a) => a.id === id && a.kind === 'delivery')) {
      throw new HttpError(422, 'unknown_address', "That address is not one of the customer's delivery addresses.", [
        { path: 'body.order_defaults.delivery_address_id', message: 'unknown delivery address' },
      ]);
    }
  };

  adminRoute(router, services, endpoints.listCustomers, async ({ query }) => {
    const result = await listCustomers(services.db, query);
    return { items: result.items.map(publicFields), next_cursor: result.next_cursor };
  });

  adminRoute(router, services, endpoints.createCustomer, async ({ body, now }) => {
    await checkPriceGroup(body.price_group_id);
    // A new customer has no addresses yet: a default one can only be set once it has some.
    await checkDefaults(null, body.order_defaults);
    const id = crypto.randomUUID();
    await checkDeliveryService(id, body.default_delivery_service_id);
    await insertCustomer(services.db, id, body, now.toISOString());
    return detail(id, now);
  });

  adminRoute(router, services, endpoints.getCustomer, async ({ params, now }) => detail(params.id, now));

  adminRoute(router, services, endpoints.patchCustomer, async ({ params, body, now }) => {
    if (!(await getCustomer(services.db, params.id))) throw notFound('No customer with that id.');
    await checkPriceGroup(body.price_group_id);
    await checkDeliveryService(params.id, body.default_delivery_service_id);
    await checkDefaults(params.id, body.order_defaults);
    await updateCustomer(services.db, params.id, body);
    return detail(params.id, now);
  });

  adminRoute(router, services, endpoints.archiveCustomer, async ({ params, now }) => {
    if (!(await setArchived(services.db, params.id, now.toISOString()))) throw notFound('No customer with that id.');
    return detail(params.id, now);
  });

  adminRoute(router, services, endpoints.unarchiveCustomer, async ({ params, now }) => {
    if (!(await setArchived(services.db, params.id, null))) throw notFound('No customer with that id.');
    return detail(params.id, now);
  });
}
