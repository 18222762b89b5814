/**
 * Object-level access on the supplier's side, driven by the contract's endpoint registry: every
 * admin endpoint with an `{id}` is given ids (and document numbers) of every OTHER kind of object
 * in the database: a quote's id where an order is asked, a product's where a customer is, a
 * customer's where a link is. Each must answer 404 `not_found` exactly as an id that never existed,
 * and a refused write must change nothing. An object of the endpoint's own kind is reached, so the
 * 404s are about the kind and not a broken route. Endpoints added to the registry later are
 * covered without changing this file.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Endpoint } from '../../widget/contract/index.ts';
import { ADMIN_KEY, forEachDatabase, useServer } from '../server/harness.ts';
import {
  ADMIN_ENDPOINTS,
  acceptsParam,
  exampleOf,
  fillPath,
  fingerprint,
  pathParams,
  rawRequest,
  type RawAnswer,
} from './support.ts';

const UNLIMITED = { readsPerMinute: 1e9, writesPerMinute: 1e9, invalidTokenPerMinute: 1e9 };
const NEVER_EXISTED = '7d1f0a52-9c1e-4e7b-a8a4-3b1f2e5c9d00';
/** Rows taken from each table: enough to meet every kind, few enough to stay quick. */
const PER_TABLE = 3;

const BY_ID = ADMIN_ENDPOINTS.filter(({ endpoint }) => pathParams(endpoint).includes('id'));

/** Path segments whose table has another name. */
const TABLE_OF_SEGMENT: Record<string, string> = { tokens: 'portal_tokens' };
/** The table an admin `{id}` path reads (`/api/v1/orders/{id}/status` -> orders). */
function tableOf(endpoint: Endpoint): string {
  const segment = /\/([\w-]+)\/\{id\}/.exec(endpoint.path)![1];
  return TABLE_OF_SEGMENT[segment] ?? segment.replace(/-/g, '_');
}

interface Row {
  table: string;
  id: string;
  number: string | null;
}

/** A few rows of every table with an `id`, with their number where they have one. */
async function sampleRows(db: Kysely<any>): Promise<Row[]> {
  const out: Row[] = [];
  for (const table of await db.introspection.getTables()) {
    const columns = new Set(table.columns.map((c) => c.name));
    if (table.name.startsWith('kysely_') || !columns.has('id')) continue;
    const rows = await db
      .selectFrom(table.name)
      .select(['id', ...(columns.has('number') ? ['number'] : [])])
      .orderBy('id')
      .limit(PER_TABLE)
      .execute();
    for (const row of rows)
      out.push({ table: table.name, id: String(row.id), number: typeof row.number === 'string' ? row.number : null });
  }
  return out;
}

const describeAnswer = (res: RawAnswer) => `${res.status} ${res.text.slice(0, 300)}`;

forEachDatabase('admin object access (every admin {id} endpoint x every other kind of object)', (kind) => {
  const s = useServer(kind, { rateLimits: UNLIMITED });
  let rows: Row[] = [];
  let productIds: string[] = [];

  before(async () => {
    const server = s.get();
    const db = server.db.kysely;
    // Links are made through the API, as a supplier makes them: the demo data of the harness has none.
    for (const customer of server.customers.slice(0, 2)) await server.tokenFor(customer.id);
    rows = await sampleRows(db);
    productIds = (await db.selectFrom('products').select('id').where('active', '=', 1).limit(3).execute()).map(
      (p) => p.id,
    );
  });

  const call = (endpoint: Endpoint, key: string) => {
    const body = exampleOf(endpoint.body, { ids: productIds });
    return rawRequest(s.get().url, {
      method: endpoint.method.toUpperCase(),
      // Other ids of the path (a person of the customer) name nothing: the {id} is what is tried.
      path: fillPath(endpoint, {
        ...Object.fromEntries(pathParams(endpoint).map((p) => [p, NEVER_EXISTED])),
        id: encodeURIComponent(key),
      }),
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(endpoint.idempotent ? { 'idempotency-key': `admin-access-${key}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  };

  it('the registry has admin endpoints with an {id}, and the database objects of many kinds', () => {
    assert.ok(BY_ID.length >= 3, `only ${BY_ID.length} admin endpoints take an {id}`);
    const tables = new Set(rows.map((r) => r.table));
    for (const table of ['customers', 'orders', 'quotes', 'invoices', 'payments', 'products', 'portal_tokens'])
      assert.ok(tables.has(table), `no ${table} rows`);
  });

  for (const { name, endpoint } of BY_ID) {
    const table = tableOf(endpoint);
    it(`${name} (${endpoint.method.toUpperCase()} ${endpoint.path}): ids of other kinds of object answer 404 like a missing one, and nothing changes`, async () => {
      const db = s.get().db.kysely;
      const before = endpoint.method === 'get' ? undefined : await fingerprint(db);
      const missing = await call(endpoint, NEVER_EXISTED);
      assert.equal(missing.status, 404, `${name} with an unknown id: ${describeAnswer(missing)}`);
      const baseline = missing.json as { error: { code: string; message: string } };
      assert.equal(baseline.error.code, 'not_found');

      const foreign = rows
        .filter((r) => r.table !== table)
        .flatMap((r) =>
          [r.id, r.number]
            .filter((k): k is string => k !== null && acceptsParam(endpoint, 'id', k))
            .map((key) => ({ r, key })),
        );
      const failures: string[] = [];
      for (const { r, key } of foreign) {
        const res = await call(endpoint, key);
        const where = `${r.table} ${key}`;
        const shape = res.json as { error?: { code?: string; message?: string } } | undefined;
        if (res.status !== 404) failures.push(`${where}: ${describeAnswer(res)}`);
        // The message may name the key asked for; beyond that it must be a missing id's.
        else if (
          shape?.error?.code !== 'not_found' ||
          shape.error.message?.split(key).join('<key>') !== baseline.error.message.split(NEVER_EXISTED).join('<key>')
        ) {
          failures.push(`${where}: differs from a missing id: ${res.text}`);
        }
      }
      assert.deepEqual(
        failures.slice(0, 20),
        [],
        `${failures.length} of ${foreign.length} ids of other kinds reached an object`,
      );
      assert.ok(foreign.length >= 10, `only ${foreign.length} foreign ids tried`);
      if (before !== undefined) assert.equal(await fingerprint(db), before, 'a refused write changed the database');
    });

    if (endpoint.method === 'get') {
      it(`${name}: a ${table} row is read by its id (the 404s above are about the kind)`, async () => {
        const own = rows.filter((r) => r.table === table);
        assert.ok(own.length > 0, `no ${table} rows in the demo data`);
        for (const r of own) {
          const res = await call(endpoint, r.id);
          assert.equal(res.status, endpoint.status, `${r.id}: ${describeAnswer(res)}`);
          // A list under the object (`/customers/{id}/people`) answers a list; anything else, the object.
          const json = res.json as { id?: string; items?: unknown[] };
          if (!endpoint.binary && !Array.isArray(json.items)) assert.equal(json.id, r.id, describeAnswer(res));
        }
      });
    }
  }
});
