import type { Router } from 'express';
import { endpoints } from '../../widget/contract/index.ts';
import { archiveAddress, insertAddress, listAddresses, updateAddress } from '../db/addresses.ts';
import { getCustomer } from '../db/customers.ts';
import { notFound } from '../errors.ts';
import { adminRoute, portalRoute, type Services } from './define.ts';

const noAddress = () => notFound('No address with that id.');

/** The account's delivery and billing addresses: the supplier's API and the portal share one set of rules (db/addresses.ts). */
export function addressRoutes(router: Router, services: Services): void {
  const customerExists = async (id: string) => {
    if (!(await getCustomer(services.db, id))) throw notFound('No customer with that id.');
  };

  adminRoute(router, services, endpoints.listCustomerAddresses, async ({ params }) => {
    await customerExists(params.id);
    return { items: await listAddresses(services.db, params.id) };
  });
  adminRoute(router, services, endpoints.createCustomerAddress, async ({ params, body, now }) => {
    await customerExists(params.id);
    return insertAddress(services.db, params.id, body, now);
  });
  adminRoute(router, services, endpoints.patchCustomerAddress, async ({ params, body, now }) => {
    await customerExists(params.id);
    const address = await updateAddress(services.db, params.id, params.address_id, body, now);
    if (!address) throw noAddress();
    return address;
  });
  adminRoute(router, services, endpoints.archiveCustomerAddress, async ({ params, now }) => {
    await customerExists(params.id);
    if (!(await archiveAddress(services.db, params.id, params.address_id, now))) throw noAddress();
    return null;
  });

  portalRoute(router, services, endpoints.listAddresses, async ({ principal }) => ({
    items: await listAddresses(services.db, principal.customerId),
  }));
  portalRoute(router, services, endpoints.createAddress, async ({ principal, body, now }) =>
    insertAddress(services.db, principal.customerId, body, now),
  );
  portalRoute(router, services, endpoints.patchAddress, async ({ principal, params, body, now }) => {
    const address = await updateAddress(services.db, principal.customerId, params.id, body, now);
    if (!address) throw noAddress();
    return address;
  });
  portalRoute(router, services, endpoints.archiveAddress, async ({ principal, params, now }) => {
    if (!(await archiveAddress(services.db, principal.customerId, params.id, now))) throw noAddress();
    return null;
  });
}
