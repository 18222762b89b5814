import type { Router } from 'express';
import { endpoints, MAX_BULK_ROWS } from '../../widget/contract/index.ts';
import {
  createCategory,
  createPriceGroup,
  createPromotion,
  deletePriceEntries,
  endPromotion,
  getPriceList,
  getProduct,
  listCategories,
  listPriceGroups,
  listPriceLists,
  listProducts,
  listPromotions,
  patchCategory,
  patchProduct,
  patchPromotion,
  putPriceEntries,
  refused,
  upsertProducts,
  type Refused,
} from '../db/catalog-admin.ts';
import { HttpError, notFound } from '../errors.ts';
import { adminRoute, type Services } from './define.ts';

/**
 * The back office's catalogue, for an ERP's sync (issue 15). Every write lands in a catalogue
 * table, whose triggers move the revision the customers' catalogue cache is keyed on: the next
 * catalogue read of any customer shows it.
 */
export function catalogAdminRoutes(router: Router, services: Services): void {
  const { db } = services;

  adminRoute(router, services, endpoints.listProducts, async ({ query }) => listProducts(db, query));

  adminRoute(
    router,
    services,
    endpoints.getProduct,
    async ({ params }) => (await getProduct(db, params.id)) ?? throwNotFound('product', params.id),
  );

  adminRoute(router, services, endpoints.bulkUpsertProducts, async ({ body, now }) => {
    refuseLongCall(body.products.length);
    return answer(await upsertProducts(db, body.products, now.toISOString()));
  });

  adminRoute(
    router,
    services,
    endpoints.patchProduct,
    async ({ params, body }) => answer(await patchProduct(db, params.id, body)) ?? throwNotFound('product', params.id),
  );

  adminRoute(router, services, endpoints.listCategories, async ({ query }) => listCategories(db, query));

  adminRoute(
    router,
    services,
    endpoints.createCategory,
    async ({ body }) => (await createCategory(db, body)) ?? throwConflict('category', body.id!),
  );

  adminRoute(
    router,
    services,
    endpoints.patchCategory,
    async ({ params, body }) => (await patchCategory(db, params.id, body)) ?? throwNotFound('category', params.id),
  );

  adminRoute(router, services, endpoints.listPriceGroups, async ({ query }) => listPriceGroups(db, query));

  adminRoute(
    router,
    services,
    endpoints.createPriceGroup,
    async ({ body }) => (await createPriceGroup(db, body)) ?? throwConflict('price group', body.id!),
  );

  adminRoute(router, services, endpoints.listPriceLists, async ({ query }) => listPriceLists(db, query));

  adminRoute(
    router,
    services,
    endpoints.getPriceList,
    async ({ params, query }) => (await getPriceList(db, params.id, query)) ?? throwNotFound('price list', params.id),
  );

  adminRoute(router, services, endpoints.putPriceListEntries, async ({ params, body }) => {
    refuseLongCall(body.entries.length);
    return (
      answer(await putPriceEntries(db, params.id, body.entries, body.replace ?? false)) ??
      throwNotFound('price list', params.id)
    );
  });

  adminRoute(router, services, endpoints.deletePriceListEntries, async ({ params, body }) => {
    refuseLongCall(body.entries.length);
    return answer(await deletePriceEntries(db, params.id, body.entries)) ?? throwNotFound('price list', params.id);
  });

  adminRoute(router, services, endpoints.listPromotions, async ({ query, now }) =>
    listPromotions(db, { ...query, now: now.toISOString() }),
  );

  adminRoute(router, services, endpoints.createPromotion, async ({ body }) => answer(await createPromotion(db, body)));

  adminRoute(
    router,
    services,
    endpoints.patchPromotion,
    async ({ params, body }) =>
      answer(await patchPromotion(db, params.id, body)) ?? throwNotFound('promotion', params.id),
  );

  adminRoute(
    router,
    services,
    endpoints.endPromotion,
    async ({ params, now }) =>
      (await endPromotion(db, params.id, now.toISOString())) ?? throwNotFound('promotion', params.id),
  );
}

function refuseLongCall(rows: number) {
  if (rows > MAX_BULK_ROWS) {
    throw new HttpError(
      413,
      'payload_too_large',
      `At most ${MAX_BULK_ROWS} rows a call; this one has ${rows}. Send them in several calls.`,
    );
  }
}

/** The result, or the 422 that lists every refused row or field. */
function answer<T>(result: T | Refused): T {
  if (refused(result)) {
    throw new HttpError(
      422,
      'rows_refused',
      'Nothing was written: some rows or fields are refused (see details).',
      result.problems,
    );
  }
  return result;
}

function throwNotFound(what: string, id: string): never {
  throw notFound(`No ${what} ${id}.`);
}

function throwConflict(what: string, id: string): never {
  throw new HttpError(409, 'conflict', `A ${what} with id ${id} already exists.`);
}
