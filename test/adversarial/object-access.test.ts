/**
 * Object-level access, driven by the contract's endpoint registry: every portal endpoint with an
 * `{id}` x every demo customer's token x every object (id, and number where the endpoint takes
 * numbers) that another customer owns, read from the database tables themselves. Each must
 * answer 404 `not_found`, exactly as for an id that does not exist, and change nothing. Lists
 * and other reads must not carry another customer's ids or numbers.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { WorkspaceSettingsPatch, type Endpoint } from '../../widget/contract/index.ts';
import { forEachDatabase, useServer, type TestServer } from '../server/harness.ts';
import {
  PORTAL_ENDPOINTS,
  acceptsParam,
  exampleOf,
  fillPath,
  fingerprint,
  ownedObjects,
  pathParams,
  personLink,
  rawRequest,
  type NamedEndpoint,
  type OwnedObject,
  type RawAnswer,
} from './support.ts';

const UNLIMITED = { readsPerMinute: 1e9, writesPerMinute: 1e9, invalidTokenPerMinute: 1e9 };
const PARALLEL = 16;
const NEVER_EXISTED = '7d1f0a52-9c1e-4e7b-a8a4-3b1f2e5c9d00';

const BY_ID = PORTAL_ENDPOINTS.filter(({ endpoint }) => pathParams(endpoint).includes('id'));
const READS = PORTAL_ENDPOINTS.filter(
  ({ endpoint }) => endpoint.method === 'get' && !pathParams(endpoint).includes('id'),
);

/** The table an `{id}` path names (`…/orders/{id}/pdf` -> orders), when there is one by that name. */
const tableOf = (endpoint: Endpoint) => {
  const name = /\/([\w-]+)\/\{id\}/.exec(endpoint.path)?.[1].replace(/-/g, '_');
  return name === 'addresses' ? 'customer_addresses' : name;
};

/** An object's number, when the endpoint reads documents of its kind (or names no table). */
function numberFor(endpoint: Endpoint, o: OwnedObject): string | null {
  const table = tableOf(endpoint);
  return table === undefined || table === o.table || !KNOWN_TABLES.has(table) ? o.number : null;
}
const KNOWN_TABLES = new Set<string>();

/** Runs `work` over `items` with at most PARALLEL at a time. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

interface Fixture {
  tokens: Map<string, string>;
  /** A link of a person of each customer, for the endpoints about the link's own person. */
  personTokens: Map<string, string>;
  objects: OwnedObject[];
  productIds: string[];
  /** The charge waiting for approval on each order (issue 17), by the order's id and number: `{charge_id}`. */
  charges: Map<string, string>;
}

/** Every section and feature on, so a 403 cannot stand in for the 404 under test. */
async function switchEverythingOn(server: TestServer): Promise<void> {
  const patch: Record<string, unknown> = {
    sections: { orders: true, quotes: true, invoices: true, payments: true, deliveries: true },
    trial_expired: false,
  };
  if ('order_changes' in WorkspaceSettingsPatch.shape) patch.order_changes = { enabled: true };
  const res = await server.admin('/api/v1/workspace/settings', { method: 'PATCH', body: patch });
  assert.equal(res.status, 200, await res.text());
}

function requestFor(server: TestServer, { endpoint }: NamedEndpoint, token: string, key: string, fx: Fixture) {
  const body = exampleOf(endpoint.body, { ids: fx.productIds });
  return rawRequest(server.url, {
    method: endpoint.method.toUpperCase(),
    // An order's own charge: another customer's order must answer 404 even with its real charge.
    path: fillPath(endpoint, { token, id: encodeURIComponent(key), charge_id: fx.charges.get(key) ?? NEVER_EXISTED }),
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(endpoint.idempotent ? { 'idempotency-key': `access-${key}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

/**
 * Drafts of a table, which answer 404 to their owner too: draft orders are listed but are not
 * documents (no detail, PDF or actions); draft quotes are the supplier's until sent.
 */
async function draftIds(server: TestServer, table: string): Promise<Set<string>> {
  const db = server.db.kysely;
  if (table === 'orders')
    return new Set(
      (await db.selectFrom('orders').select('id').where('status', '=', 'draft').execute()).map((o) => o.id),
    );
  if (table === 'quotes')
    return new Set(
      (await db.selectFrom('quotes').select('id').where('state', '=', 'draft').execute()).map((q) => q.id),
    );
  return new Set();
}

const describeAnswer = (res: RawAnswer) => `${res.status} ${res.text.slice(0, 300)}`;

forEachDatabase("object-level access (every endpoint x every token x every other customer's object)", (kind) => {
  const s = useServer(kind, { rateLimits: UNLIMITED });
  const fx: Fixture = { tokens: new Map(), personTokens: new Map(), objects: [], productIds: [], charges: new Map() };

  before(async () => {
    const server = s.get();
    await switchEverythingOn(server);
    for (const customer of server.customers) fx.tokens.set(customer.id, await server.tokenFor(customer.id));
    for (const customer of server.customers) fx.personTokens.set(customer.id, await personLink(server, customer.id));
    fx.objects = await ownedObjects(server.db.kysely);
    // Orders awaiting approval (issue 16), for approveOrder and rejectOrder to take: the demo data has none.
    const held = await server.db.kysely
      .selectFrom('orders')
      .select('id')
      .where('customer_id', '=', server.customers[0].id)
      .where('status', '=', 'delivered')
      .orderBy('id')
      .limit(2)
      .execute();
    for (const { id } of held)
      await server.db.kysely.updateTable('orders').set({ status: 'awaiting_approval' }).where('id', '=', id).execute();
    // A charge to approve on every order (issue 17), for approveOrderCharge and rejectOrderCharge: the
    // orders' own, added after the objects were listed (each is reached through its order).
    // Placed after the ones the demo data already carries.
    const orders = await server.db.kysely.selectFrom('orders').select(['id', 'number', 'customer_id']).execute();
    const taken = await server.db.kysely
      .selectFrom('order_supplier_charges')
      .select(['order_id', (eb) => eb.fn.max('position').as('last')])
      .groupBy('order_id')
      .execute();
    const lastPosition = new Map(taken.map((t) => [t.order_id, Number(t.last)]));
    const charges = orders.map((o) => ({
      id: crypto.randomUUID(),
      order_id: o.id,
      customer_id: o.customer_id,
      position: (lastPosition.get(o.id) ?? 0) + 1,
      label: 'Pallet wrapping',
      amount_minor: 500,
      requires_approval: 1,
      state: 'pending',
      created_at: new Date().toISOString(),
      decided_at: null,
      decided_by: null,
      reason: null,
    }));
    for (let i = 0; i < charges.length; i += 500)
      await server.db.kysely
        .insertInto('order_supplier_charges')
        .values(charges.slice(i, i + 500))
        .execute();
    for (const [i, o] of orders.entries()) {
      fx.charges.set(o.id, charges[i].id);
      fx.charges.set(o.number, charges[i].id);
    }
    for (const table of await server.db.kysely.introspection.getTables()) KNOWN_TABLES.add(table.name);
    fx.productIds = (
      await server.db.kysely.selectFrom('products').select('id').where('active', '=', 1).limit(5).execute()
    ).map((p) => p.id);
  });

  it('the demo data gives several customers objects of their own, in several tables', () => {
    const owners = new Set(fx.objects.map((o) => o.customerId));
    assert.ok(owners.size >= 3, `only ${owners.size} customers own objects`);
    const tables = new Set(fx.objects.map((o) => o.table));
    for (const table of ['orders', 'quotes', 'invoices', 'payments', 'deliveries'])
      assert.ok(tables.has(table), `no ${table} found`);
    assert.ok(BY_ID.length >= 3, 'the registry lists endpoints with an {id}');
  });

  for (const named of BY_ID) {
    const { name, endpoint } = named;
    it(`${name} (${endpoint.method.toUpperCase()} ${endpoint.path}): another customer's objects answer 404 like a missing one, and nothing changes`, async () => {
      const server = s.get();
      const db = server.db.kysely;
      const before = endpoint.method === 'get' ? undefined : await fingerprint(db);
      const failures: string[] = [];
      let tried = 0;
      for (const [attacker, token] of fx.tokens) {
        // The answer for an id that never existed: another customer's must be indistinguishable from it.
        const missing = await requestFor(server, named, token, NEVER_EXISTED, fx);
        assert.equal(missing.status, 404, `${name} with an unknown id: ${describeAnswer(missing)}`);
        const theirs = fx.objects.filter((o) => o.customerId !== attacker);
        // Every id on every endpoint (a lookup in the wrong table is a bug too); numbers on the endpoints of their own kind.
        const keys = theirs.flatMap((o) =>
          [o.id, numberFor(endpoint, o)]
            .filter((k): k is string => k !== null && acceptsParam(endpoint, 'id', k))
            .map((key) => ({ o, key })),
        );
        await inParallel(keys, async ({ o, key }) => {
          tried++;
          const res = await requestFor(server, named, token, key, fx);
          const where = `${o.table} ${o.number ?? o.id} of another customer as ${key}`;
          if (res.status !== 404) return void failures.push(`${where}: ${describeAnswer(res)}`);
          if (res.text.includes(o.id) || (o.number && res.text.includes(o.number)))
            failures.push(`${where}: the 404 names it: ${res.text}`);
          const shape = res.json as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
          const baseline = missing.json as { error: { code: string; message: string } };
          if (
            shape?.error?.code !== 'not_found' ||
            shape.error.message !== baseline.error.message ||
            shape.error.details !== undefined
          ) {
            failures.push(`${where}: differs from the 404 of a missing id: ${res.text} vs ${missing.text}`);
          }
        });
      }
      assert.deepEqual(
        failures.slice(0, 20),
        [],
        `${failures.length} of ${tried} requests reached another customer's object`,
      );
      assert.ok(tried > 100, `only ${tried} cross-customer requests`);
      if (before !== undefined) assert.equal(await fingerprint(db), before, 'a refused write changed the database');
    });
  }

  for (const { name, endpoint } of READS) {
    it(`${name} (GET ${endpoint.path}): every page shows none of another customer's ids or numbers`, async () => {
      const server = s.get();
      const paged = endpoint.query?.shape && 'limit' in endpoint.query.shape;
      for (const [customerId, ownToken] of fx.tokens) {
        const token = endpoint.ownPerson ? fx.personTokens.get(customerId)! : ownToken;
        const others = fx.objects.filter((o) => o.customerId !== customerId);
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query = paged ? `?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` : '';
          const res = await rawRequest(server.url, { method: 'GET', path: fillPath(endpoint, { token }) + query });
          assert.ok(res.status === 200, `${name}: ${describeAnswer(res)}`);
          for (const o of others) {
            assert.ok(!res.text.includes(o.id), `${name} shows ${o.table} ${o.id} of another customer`);
            if (o.number)
              assert.ok(
                !new RegExp(`\\b${o.number}\\b`).test(res.text),
                `${name} shows ${o.table} ${o.number} of another customer`,
              );
          }
          cursor = paged ? ((res.json as { next_cursor?: string | null }).next_cursor ?? null) : null;
        } while (cursor && ++pages < 100);
      }
    });
  }

  it('each customer sees its own objects in its lists (the check above is not vacuous)', async () => {
    const server = s.get();
    for (const [customerId, token] of fx.tokens) {
      const own = fx.objects.filter((o) => o.customerId === customerId && o.table !== 'portal_tokens');
      if (own.length === 0) continue;
      let seen = 0;
      for (const { endpoint } of READS) {
        const text = (await rawRequest(server.url, { method: 'GET', path: fillPath(endpoint, { token }) })).text;
        seen += own.filter((o) => text.includes(o.id)).length;
      }
      assert.ok(seen > 0, `customer ${customerId} sees none of its ${own.length} objects`);
    }
  });

  describe('the owner reaches its own objects (so the 404s above are about ownership)', () => {
    // Reads first: the writes below may change the owner's documents.
    const ordered = [...BY_ID].sort(
      (a, b) => Number(a.endpoint.method !== 'get') - Number(b.endpoint.method !== 'get'),
    );
    for (const named of ordered) {
      const { endpoint } = named;
      const table = tableOf(endpoint)!;
      if (endpoint.method === 'get') {
        it(`${named.name}: every ${table} row answers its owner ${endpoint.status}, with that object`, async () => {
          const server = s.get();
          // A draft order is not a document yet: no detail, no PDF (it answers 404 to its owner too).
          // A draft quote is the supplier's until it is sent: the portal never shows it, to its owner neither.
          const drafts = await draftIds(server, table);
          const owned = fx.objects.filter((o) => o.table === table && !drafts.has(o.id));
          assert.ok(owned.length > 0, `no ${table} in the demo data`);
          const failures: string[] = [];
          await inParallel(owned, async (o) => {
            const res = await requestFor(server, named, fx.tokens.get(o.customerId)!, o.id, fx);
            if (res.status !== endpoint.status) return void failures.push(`${o.id}: ${describeAnswer(res)}`);
            if (endpoint.binary) {
              if (!String(res.headers['content-type']).startsWith(endpoint.binary))
                failures.push(`${o.id}: ${res.headers['content-type']}`);
            } else if ((res.json as { id?: string }).id !== o.id)
              failures.push(`${o.id}: answered another object: ${res.text.slice(0, 200)}`);
          });
          assert.deepEqual(failures, [], `${failures.length} of ${owned.length} ${table} rows not read by their owner`);
        });
      } else {
        // A change succeeds only in some states (an open quote, a pending order): some object of
        // the owner takes it with exactly the endpoint's status; the others refuse it only with a
        // state error the endpoint declares, never as if it were not theirs.
        it(`${named.name}: some ${table} row of its owner takes it (${endpoint.status}); none answers 404`, async () => {
          const server = s.get();
          const refusals = new Set((endpoint.errors ?? []).filter((status) => status !== 404));
          const drafts = await draftIds(server, table);
          for (const o of fx.objects.filter((x) => x.table === table && !drafts.has(x.id))) {
            const res = await requestFor(server, named, fx.tokens.get(o.customerId)!, o.id, fx);
            if (res.status === endpoint.status) {
              // A removal answers 204 with no body: there is no object to name.
              if (endpoint.status !== 204) assert.equal((res.json as { id?: string }).id, o.id, describeAnswer(res));
              return;
            }
            assert.ok(
              refusals.has(res.status),
              `${o.id} refused to its owner with an undeclared status: ${describeAnswer(res)}`,
            );
          }
          assert.fail(`no ${table} row of any customer takes ${named.name} from its owner`);
        });
      }
    }
  });
});
