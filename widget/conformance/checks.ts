import {
  endpoints,
  LIMITS,
  PERMISSIONS,
  PriceChangedDetails,
  readPermission,
  SECTIONS,
  type WorkspaceSettings,
  type Catalog,
  type CompactCatalog,
  type ShopCatalog,
  type CheckoutRequest,
  type Endpoint,
  type EndpointName,
  type AccountSettings,
  type AwaitingOrder,
  type DeliveryOptions,
  type DeliveryService,
  type InvitedPerson,
  type OrderDetail,
  type OrderSummary,
  type Quote,
  type QuoteRequested,
  type OrderStatus,
  type Session,
  type TokenList,
} from '../contract/index.ts';
import { Pricer } from '../pricing/index.ts';
import { withCharges, type ChargedOrder } from '../pricing/charges.ts';
import { CompactReferenceError, fromCompactCatalog } from '../contract/rules/compact-catalog.ts';
import { APPROVAL_OUTCOMES, WAITING_ORDER_CREATED } from '../contract/rules/order-status.ts';
import { addDays, allowedDates, localTime } from '../contract/rules/delivery-dates.ts';
import { minimumShortfall } from '../contract/rules/checkout.ts';
import type { z } from 'zod';
import type { CheckContext } from './context.ts';
import { contractRef, errorCodeOf, type Exchange } from './http.ts';
import {
  ADMIN,
  BACK_OFFICE,
  CORE_ADMIN,
  NIL_ID,
  OBJECT_ENDPOINTS,
  PORTAL,
  PORTAL_READS,
  type Customer,
  type Owned,
  type World,
} from './world.ts';

export interface CheckOptions {
  /** Generated carts per customer for price agreement. */
  carts: number;
  /** Seeds the carts. */
  seed: number;
}

export interface Check {
  name: string;
  title: string;
  /** Places orders or changes other state beyond its own tokens. */
  writes?: boolean;
  /** Checks that must run first (they find what this one works on). */
  needs?: string[];
  /** Runs before every check (e.g. to start a clock running out), with the same context as `run`. */
  prepare?(ctx: CheckContext, world: World, options: CheckOptions): Promise<void>;
  run(ctx: CheckContext, world: World, options: CheckOptions): Promise<void>;
}

const op = (name: EndpointName): Endpoint => endpoints[name];

const received = (exchange: Exchange) => ({ status: exchange.status, body: exchange.text });

/** A small seeded PRNG (mulberry32): the same seed makes the same carts. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The smallest body an operation accepts (undefined when it takes none or may be left out). */
function minimalBody(name: EndpointName): unknown {
  const schema = op(name).body;
  if (!schema || schema.safeParse(undefined).success) return undefined;
  const candidates = [
    {},
    { customer_reference: 'conformance-probe' },
    { lines: [{ product_id: NIL_ID, quantity: 1 }] },
    // A person's new role: the least one, should a probe ever reach someone.
    { role: 'viewer' },
    // A rejection's reason (an order awaiting approval).
    { reason: 'conformance probe' },
  ];
  return candidates.find((c) => schema.safeParse(c).success);
}

/** Whether `value` is a valid `{id}` of the operation (a document number where only ids are taken is not). */
function acceptsKey(name: EndpointName, value: string): boolean {
  const params = op(name).params;
  const field = params?.shape.id as z.ZodType | undefined;
  return field ? field.safeParse(value).success : false;
}

const keysOf = (name: EndpointName, object: Owned) => [
  object.id,
  ...(object.number && acceptsKey(name, object.number) ? [object.number] : []),
];

// ------------------------------------------------------------------ shapes

const shapes: Check = {
  name: 'shapes',
  title:
    'every answer matches its response schema (admin reads, portal reads, each object by id and number, the next page)',
  async run(ctx, world) {
    for (const [name, endpoint] of CORE_ADMIN.filter(([, e]) => e.method === 'get'))
      ctx.success(name, await world.client.call(name, { query: endpoint.query ? { limit: '5' } : undefined }));
    await backOfficeShapes(ctx, world);
    // An empty patch changes nothing and answers the settings.
    const settings = await world.client.call('getWorkspaceSettings');
    const patched = await world.client.call('patchWorkspaceSettings', { body: {} });
    if (
      ctx.success('patchWorkspaceSettings', patched, 'the settings, unchanged by an empty patch') &&
      settings.status === 200 &&
      JSON.stringify(patched.json) !== JSON.stringify(settings.json)
    ) {
      ctx.fail({
        endpoint: 'patchWorkspaceSettings',
        message: 'an empty patch answered other settings than GET',
        request: patched.request,
        expected: settings.text,
        received: received(patched),
        contract: contractRef('patchWorkspaceSettings'),
      });
    }
    for (const customer of world.customers) {
      const { token } = await world.token(ctx, customer);
      for (const [name, endpoint] of PORTAL_READS) {
        const exchange = await world.client.call(name, { as: token });
        if (exchange.status === 403 && errorCodeOf(exchange) === 'section_disabled') {
          ctx.conforms(name, exchange);
          ctx.note(
            `${endpoint.section ?? name} is switched off for customer ${world.letter(customer)}: its objects are not checked`,
          );
          continue;
        }
        if (endpoint.ownPerson && exchange.status === 404 && errorCodeOf(exchange) === 'no_profile') {
          // The kit's links are the accounts' own: they belong to no person, so they have no profile.
          ctx.conforms(name, exchange);
          ctx.note(
            `customer ${world.letter(customer)}'s own link has no person (404 no_profile): ${name}'s shape is not checked`,
          );
          continue;
        }
        const body = ctx.success(name, exchange) as
          { items?: { id: string; number?: string; is_draft?: boolean }[]; next_cursor?: string | null } | undefined;
        if (!body?.items || !OBJECT_ENDPOINTS.some((d) => d.list === name)) continue;
        // The first document of the list, and the first draft if the list has one (a draft answers 404 even to its owner).
        const picked = [
          body.items.find((item) => item.is_draft !== true),
          body.items.find((item) => item.is_draft === true),
        ].filter((item) => item !== undefined);
        world.addOwned(
          customer,
          picked.map((item) => ({
            list: name,
            id: item.id,
            number: item.number ?? null,
            isDraft: item.is_draft === true,
          })),
        );
        if (body.next_cursor)
          ctx.success(
            name,
            await world.client.call(name, { as: token, query: { cursor: body.next_cursor } }),
            'the next page',
          );
      }
      for (const detail of OBJECT_ENDPOINTS.filter((d) => d.endpoint.method === 'get')) {
        for (const object of world.owned(customer).filter((o) => o.list === detail.list)) {
          if (object.isDraft) {
            ctx.error(
              detail.name,
              await world.client.call(detail.name, { as: token, params: { id: object.id } }),
              404,
              'not_found',
              'a draft is listed, but it is not a document: its detail and PDF answer 404 to its owner, as a missing order',
            );
            continue;
          }
          for (const key of keysOf(detail.name, object)) {
            const exchange = await world.client.call(detail.name, { as: token, params: { id: key } });
            const body = ctx.success(detail.name, exchange, `customer ${world.letter(customer)}'s own object`) as
              { id?: string } | undefined;
            if (body && typeof body === 'object' && body.id !== object.id) {
              ctx.fail({
                endpoint: detail.name,
                message: `reading ${key} answered another object`,
                request: exchange.request,
                expected: `the object with id ${object.id}`,
                received: received(exchange),
                contract: contractRef(detail.name),
              });
            }
          }
        }
      }
    }
    if (world.customers.every((c) => world.owned(c).length === 0))
      ctx.note('no customer owns an order, quote, invoice or delivery: object reads were not checked');
  },
};

/**
 * The back office's reads, where the backend offers them (a list answering 404 is not offered): each
 * list's first page, and each object of it read by id on the operation at `<list path>/{id}`.
 */
async function backOfficeShapes(ctx: CheckContext, world: World): Promise<void> {
  const lists = BACK_OFFICE.filter(([, e]) => e.method === 'get' && !e.path.includes('{'));
  const missing: string[] = [];
  for (const [name, endpoint] of lists) {
    const exchange = await world.client.call(name, {
      query: endpoint.query?.shape && 'limit' in endpoint.query.shape ? { limit: '5' } : undefined,
    });
    if (exchange.status === 404) {
      missing.push(name);
      continue;
    }
    const body = ctx.success(name, exchange, 'the first page') as { items?: { id?: unknown }[] } | undefined;
    const first = body?.items?.find((item) => typeof item.id === 'string');
    if (!first) continue;
    for (const [detail] of BACK_OFFICE.filter(([, e]) => e.method === 'get' && e.path === `${endpoint.path}/{id}`)) {
      const read = await world.client.call(detail, { params: { id: first.id as string } });
      const object = ctx.success(detail, read, `an object of ${name} read by its id`) as { id?: unknown } | undefined;
      if (object && object.id !== first.id) {
        ctx.fail({
          endpoint: detail,
          message: `reading ${String(first.id)} answered another object`,
          request: read.request,
          expected: `the object with id ${String(first.id)}`,
          received: received(read),
          contract: contractRef(detail),
        });
      }
    }
  }
  if (missing.length) ctx.note(`back-office operations not offered (404), not checked: ${missing.join(', ')}`);
}

// ------------------------------------------------------------------ catalogue forms

/** The first place two JSON values differ, as a path ('' when they are equal). */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (a === b) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path || '(root)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}${path ? '.' : ''}${key}`,
    );
    if (found) return found;
  }
  return '';
}

const catalogueForms: Check = {
  name: 'catalogue-forms',
  title:
    'the catalogue asked for without a format is the full one; asked for with format=compact, the compact one (or the full one) says the same',
  async run(ctx, world) {
    for (const customer of world.customers) {
      const { token } = await world.token(ctx, customer);
      const fullExchange = await world.client.call('getCatalog', { as: token });
      const full = ctx.success('getCatalog', fullExchange) as (Catalog & { format?: unknown }) | undefined;
      if (!full) continue;
      if ('format' in full) {
        ctx.fail({
          endpoint: 'getCatalog',
          message: 'asked for without format, the catalogue came in the compact form',
          request: fullExchange.request,
          expected: 'the full catalogue (Catalog), which has no `format`',
          received: received(fullExchange),
          contract: contractRef('getCatalog'),
        });
        continue;
      }
      const exchange = await world.client.call('getCatalog', { as: token, query: { format: 'compact' } });
      const answer = ctx.success('getCatalog', exchange, 'the compact catalogue, or the full one') as
        Catalog | CompactCatalog | undefined;
      if (!answer) continue;
      if (!('format' in answer)) {
        ctx.note(
          `customer ${world.letter(customer)}: format=compact answered the full catalogue (allowed: the compact form is optional)`,
        );
        continue;
      }
      const fail = (message: string, expected: string) =>
        ctx.fail({
          endpoint: 'getCatalog',
          message,
          request: exchange.request,
          expected,
          received: received(exchange),
          contract: contractRef('getCatalog'),
        });
      let read: ShopCatalog;
      try {
        read = fromCompactCatalog(answer);
      } catch (error) {
        if (!(error instanceof CompactReferenceError)) throw error;
        fail(
          `the compact catalogue's ${error.path.join('.')} names no item`,
          'every position names an item of its table',
        );
        continue;
      }
      const expected = { ...full, products: full.products.map(({ description: _, ...p }) => p), generated_at: '' };
      const where = firstDifference({ ...read, generated_at: '' }, expected);
      if (where) {
        fail(
          `the compact catalogue says something else than the full one at ${where}`,
          'the full catalogue, less the descriptions, read back from the compact form',
        );
      }
    }
  },
};

// ------------------------------------------------------------------ errors

const errors: Check = {
  name: 'errors',
  title: "refusals answer the contract's error shape with the declared status and code",
  async run(ctx, world) {
    const customer = world.customers[0];
    const { token } = await world.token(ctx, customer);
    let limited = false;
    const credentialProbe = async (name: EndpointName, exchange: Exchange, code: string, why: string) => {
      if (exchange.status === 429 && errorCodeOf(exchange) === 'rate_limited') {
        ctx.conforms(name, exchange);
        if (!limited)
          ctx.note(
            'the per-address limit on invalid credentials answered 429 (run the kit less often, or raise RATE_LIMIT_INVALID_TOKEN_PER_MIN)',
          );
        limited = true;
        return;
      }
      ctx.error(name, exchange, 401, code, why);
    };
    // A few operations of each kind: the invalid-credential limit is per address and small by default.
    for (const name of ['getSession', 'getOrder', 'placeOrder', 'cancelOrder'] as EndpointName[]) {
      const body = name === 'placeOrder' ? { lines: [{ product_id: NIL_ID, quantity: 1 }] } : minimalBody(name);
      const exchange = await world.client.call(name, {
        as: 'cpt_conformance-unknown-token',
        params: { id: NIL_ID },
        body,
        headers: op(name).idempotent ? { 'idempotency-key': `conformance-${world.runId}-unknown` } : undefined,
      });
      await credentialProbe(name, exchange, 'invalid_token', 'an unknown portal token must answer 401 invalid_token');
    }
    for (const name of ['listCustomers', 'revokeToken'] as EndpointName[]) {
      await credentialProbe(
        name,
        await world.client.call(name, { as: 'none', params: { id: NIL_ID } }),
        'unauthorized',
        'an admin operation without the admin key must answer 401 unauthorized',
      );
    }
    await credentialProbe(
      'listCustomers',
      await world.client.call('listCustomers', {
        as: 'none',
        headers: { authorization: 'Bearer cpa_not-the-admin-key' },
      }),
      'unauthorized',
      'an admin operation with a wrong key must answer 401 unauthorized',
    );

    for (const [name] of ADMIN.filter(([, e]) => e.path.includes('{id}'))) {
      // A back-office write whose body the kit cannot make up is left to the backend's own tests.
      const body = minimalBody(name);
      if (op(name).body && body === undefined && !op(name).body!.safeParse(undefined).success) continue;
      // Every id of the path names nothing (a person of a customer: `{id}` and `{person_id}`).
      const params = Object.fromEntries([...op(name).path.matchAll(/\{(\w+)\}/g)].map(([, key]) => [key, NIL_ID]));
      ctx.error(
        name,
        await world.client.call(name, { params, body }),
        404,
        'not_found',
        'an id that does not exist must answer 404 not_found',
      );
    }
    for (const detail of OBJECT_ENDPOINTS.filter((d) => d.endpoint.method === 'get')) {
      ctx.error(
        detail.name,
        await world.client.call(detail.name, { as: token, params: { id: NIL_ID } }),
        404,
        'not_found',
        'an object that does not exist must answer 404 not_found',
      );
      // Ids are opaque (any shape a backend uses); only an over-long or control-character one is malformed.
      ctx.error(
        detail.name,
        await world.client.call(detail.name, { as: token, params: { id: 'C-000000 not here' } }),
        404,
        'not_found',
        'an id of any shape must be looked up: an unknown one answers 404 not_found, not 400',
      );
      ctx.error(
        detail.name,
        await world.client.call(detail.name, { as: token, params: { id: 'x'.repeat(LIMITS.maxIdLength + 1) } }),
        400,
        'validation_failed',
        `an id longer than ${LIMITS.maxIdLength} characters must answer 400 validation_failed`,
      );
      ctx.error(
        detail.name,
        await world.client.call(detail.name, { as: token, params: { id: 'a\u0001' } }),
        400,
        'validation_failed',
        'an id with a control character must answer 400 validation_failed',
      );
    }
    for (const [name] of PORTAL_READS.filter(([, e]) => e.query?.shape.limit)) {
      const exchange = await world.client.call(name, { as: token, query: { limit: '0' } });
      if (exchange.status === 403 && errorCodeOf(exchange) === 'section_disabled') continue;
      ctx.error(name, exchange, 400, 'validation_failed', 'limit=0 must answer 400 validation_failed');
    }
    const key = { 'idempotency-key': `conformance-${world.runId}-bad-body` };
    ctx.error(
      'placeOrder',
      await world.client.call('placeOrder', { as: token, rawBody: '{"lines": [', headers: key }),
      400,
      'malformed_json',
      'a body that is not JSON must answer 400 malformed_json',
    );
    ctx.error(
      'placeOrder',
      await world.client.call('placeOrder', { as: token, body: { lines: [] }, headers: key }),
      400,
      'validation_failed',
      'a body the schema refuses must answer 400 validation_failed',
    );
    const oversized = await world.client.call('placeOrder', {
      as: token,
      body: { lines: [{ product_id: NIL_ID, quantity: 1 }], note: 'x'.repeat(LIMITS.maxBodyBytes) },
      headers: key,
    });
    oversized.request.body = `(a JSON body of ${LIMITS.maxBodyBytes + 60} bytes)`;
    ctx.error(
      'placeOrder',
      oversized,
      413,
      'payload_too_large',
      `a body over ${LIMITS.maxBodyBytes / 1024} KB must answer 413 payload_too_large`,
    );
  },
};

// ------------------------------------------------------------------ permissions

/** The writes the kit makes with one token, under the smallest write limit it expects (`npm start`: 10 a minute). */
const WRITES_PER_TOKEN = 8;

const permissions: Check = {
  name: 'permissions',
  title:
    'a token without permissions answers 403 permission_denied on every operation needing one (section_disabled where the workspace turned it off)',
  async run(ctx, world) {
    const workspace = ctx.success('getWorkspaceSettings', await world.client.call('getWorkspaceSettings')) as
      WorkspaceSettings | undefined;
    if (!workspace) return;
    const noPermissions = () =>
      world.token(ctx, world.customers[0], {
        permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, false])),
      });
    let { token } = await noPermissions();
    let writes = 0;
    const exchange = await world.client.call('getSession', { as: token });
    const session = ctx.success('getSession', exchange, 'the session of a token without permissions') as
      Session | undefined;
    const shownOn = SECTIONS.filter((s) => session?.settings.sections[s]);
    const granted = PERMISSIONS.filter((p) => session?.permissions[p]);
    if (session && (shownOn.length || granted.length)) {
      ctx.fail({
        endpoint: 'getSession',
        message: 'the session of a token without permissions shows sections on or permissions granted',
        request: exchange.request,
        expected:
          'every permission false, every section false (a section is on only when the workspace enables it and the token may read it)',
        received: {
          status: exchange.status,
          body: `sections on: ${shownOn.join(', ') || 'none'}; permissions: ${granted.join(', ') || 'none'}`,
        },
        contract: contractRef('getSession'),
      });
    }
    for (const [name, endpoint] of PORTAL) {
      const permission = readPermission(endpoint);
      if (!permission) continue;
      const code = endpoint.section && !workspace.sections[endpoint.section] ? 'section_disabled' : 'permission_denied';
      // A fresh token before one runs out of writes (10 a minute with `npm start`'s limits).
      if (endpoint.method !== 'get' && ++writes % WRITES_PER_TOKEN === 0) ({ token } = await noPermissions());
      const answer = await world.client.call(name, {
        as: token,
        // A charge of an order (`{charge_id}`) names nothing either.
        params: { id: NIL_ID, charge_id: NIL_ID },
        body: minimalBody(name),
        headers: endpoint.idempotent ? { 'idempotency-key': `conformance-${world.runId}-no-permission` } : undefined,
      });
      ctx.error(name, answer, 403, code, `a token without ${permission} must answer 403 ${code}`);
    }
  },
};

// ------------------------------------------------------------------ object-level access

const objectAccess: Check = {
  name: 'object-access',
  title: "another customer's objects answer 404 not_found, like missing ones, on every operation on one object",
  needs: ['shapes'],
  async run(ctx, world) {
    if (world.customers.length < 2) ctx.skip('the workspace has fewer than two customers');
    let probes = 0;
    for (const owner of world.customers) {
      const other = world.customers.find((c) => c !== owner)!;
      for (const object of world.owned(owner)) {
        // A token of the other customer per object, and a fresh one before it runs out of writes: every
        // probe stays within one token's read and write limits.
        let { token } = await world.token(ctx, other);
        let writes = 0;
        for (const detail of OBJECT_ENDPOINTS.filter((d) => d.list === object.list)) {
          if (detail.endpoint.method !== 'get' && (writes += 2) > WRITES_PER_TOKEN) {
            ({ token } = await world.token(ctx, other));
            writes = 2;
          }
          // Writes try the id only (one probe each, under the write limit); reads try the number too.
          const keys = detail.endpoint.method === 'get' ? keysOf(detail.name, object) : [object.id];
          for (const key of keys) {
            probes++;
            const exchange = await world.client.call(detail.name, {
              as: token,
              // An order's charge (`{charge_id}`): the order is another customer's, so nothing is reached.
              params: { id: key, charge_id: NIL_ID },
              body: minimalBody(detail.name),
            });
            const what = `customer ${world.letter(owner)}'s ${detail.list.replace(/^list/, '').toLowerCase().replace(/s$/, '')} ${key}`;
            if (!ctx.error(detail.name, exchange, 404, 'not_found', `customer ${world.letter(other)} reached ${what}`))
              continue;
            // The refusal must not tell "someone else's" from "no such": compare with a key that does not exist.
            const missingKey = key === object.id ? NIL_ID : key.replace(/\d+$/, '999999999');
            const missing = await world.client.call(detail.name, {
              as: token,
              params: { id: missingKey, charge_id: NIL_ID },
              body: minimalBody(detail.name),
            });
            const message = (e: Exchange, k: string) => {
              const error = (e.json as { error?: { message?: string; details?: unknown } }).error;
              return JSON.stringify([error?.message?.split(k).join('<key>'), error?.details === undefined]);
            };
            if (missing.status === 404 && message(exchange, key) !== message(missing, missingKey)) {
              ctx.fail({
                endpoint: detail.name,
                message: `the 404 for ${what} differs from the 404 for a missing one: it tells the object exists`,
                request: exchange.request,
                expected: `the answer for a missing key (${missingKey}): ${missing.text}`,
                received: received(exchange),
                contract: contractRef(detail.name, 'errors'),
              });
            }
          }
        }
      }
    }
    if (probes === 0) ctx.skip('no customer owns an object to probe (the shapes check found none)');
  },
};

// ------------------------------------------------------------------ token lifecycle

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Each run's token that expires in 2 s: made before the other checks, so its expiry runs out while they run. */
const expiringTokens = new WeakMap<World, { id: string; token: string; expiresAt: string }>();

const tokenLifecycle: Check = {
  name: 'token-lifecycle',
  title: 'a token works until revoked or expired, then answers 401 invalid_token; revoking is immediate and repeatable',
  async prepare(ctx, world) {
    const customer = world.customers[0];
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    const expiring = await world.client.call('createToken', {
      body: { client_id: customer.id, expires_at: expiresAt },
    });
    if (expiring.status !== 201) {
      ctx.conforms('createToken', expiring);
      ctx.note(`the server would not make a token expiring in 2 s (${expiring.status}): expiry not checked`);
      return;
    }
    const made = ctx.success('createToken', expiring) as { id: string; token: string } | undefined;
    if (!made) return;
    world.client.label(made.token, 'expiring token');
    expiringTokens.set(world, { ...made, expiresAt });
    const session = ctx.success(
      'getSession',
      await world.client.call('getSession', { as: made.token }),
      'a session before the token expires',
    ) as Session | undefined;
    if (session && session.token_expires_at && Date.parse(session.token_expires_at) !== Date.parse(expiresAt)) {
      ctx.fail({
        endpoint: 'getSession',
        message: 'token_expires_at is not the expiry the token was made with',
        expected: expiresAt,
        received: { status: 200, body: session.token_expires_at },
        contract: contractRef('getSession'),
      });
    }
  },
  async run(ctx, world) {
    const customer = world.customers[0];
    const { id, token } = await world.token(ctx, customer);
    ctx.success('getSession', await world.client.call('getSession', { as: token }), 'a session with a fresh token');
    ctx.success('revokeToken', await world.client.call('revokeToken', { params: { id } }), 'the token revoked');
    ctx.error(
      'getSession',
      await world.client.call('getSession', { as: token }),
      401,
      'invalid_token',
      'a revoked token must answer 401 invalid_token at once',
    );
    ctx.error(
      'listOrders',
      await world.client.call('listOrders', { as: token }),
      401,
      'invalid_token',
      'a revoked token must answer 401 invalid_token on every operation',
    );
    ctx.success(
      'revokeToken',
      await world.client.call('revokeToken', { params: { id } }),
      'revoking twice to be harmless',
    );
    ctx.error(
      'revokeToken',
      await world.client.call('revokeToken', { params: { id: NIL_ID } }),
      404,
      'not_found',
      'revoking a token that does not exist must answer 404 not_found',
    );
    const list = ctx.success(
      'listTokens',
      await world.client.call('listTokens', { query: { client_id: customer.id, limit: '100' } }),
    ) as z.output<typeof TokenList> | undefined;
    const listed = list?.items.find((t) => t.id === id);
    if (list && !list.next_cursor && !listed?.revoked_at) {
      ctx.fail({
        endpoint: 'listTokens',
        message: 'the revoked token is not listed with its revoked_at',
        expected: `an item with id ${id} and revoked_at set`,
        received: { status: 200, body: JSON.stringify(listed ?? null) },
        contract: contractRef('listTokens'),
      });
    }

    const expiring = expiringTokens.get(world);
    if (expiring) {
      const wait = Date.parse(expiring.expiresAt) + 1_100 - Date.now();
      if (wait > 0) await pause(wait);
      ctx.error(
        'getSession',
        await world.client.call('getSession', { as: expiring.token }),
        401,
        'invalid_token',
        'an expired token must answer 401 invalid_token',
      );
      await world.client.call('revokeToken', { params: { id: expiring.id } });
    }
  },
};

// ------------------------------------------------------------------ rate-limit headers

const POLICY = /^"([^"]+)";\s*q=(\d+);\s*w=(\d+)$/;
const REMAINING = /^"([^"]+)";\s*r=(\d+);\s*t=(\d+)$/;

const rateLimit: Check = {
  name: 'rate-limit-headers',
  title:
    'counted portal answers carry RateLimit and RateLimit-Policy; a small limit answers 429 rate_limited with Retry-After',
  async run(ctx, world) {
    const { token } = await world.token(ctx, world.customers[0]);
    const seen: { q: number; r: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const exchange = await world.client.call('getSession', { as: token });
      ctx.success('getSession', exchange);
      const policy = POLICY.exec(exchange.headers.get('ratelimit-policy') ?? '');
      const remaining = REMAINING.exec(exchange.headers.get('ratelimit') ?? '');
      if (!policy || !remaining || policy[1] !== remaining[1]) {
        ctx.fail({
          endpoint: 'getSession',
          message: 'a counted answer lacks well-formed rate-limit headers',
          request: exchange.request,
          expected:
            'RateLimit-Policy: "<name>"; q=<limit>; w=<seconds> and RateLimit: "<name>"; r=<remaining>; t=<seconds> (IETF draft 8)',
          received: {
            status: exchange.status,
            body: `RateLimit-Policy: ${exchange.headers.get('ratelimit-policy')}; RateLimit: ${exchange.headers.get('ratelimit')}`,
          },
          contract: 'OpenAPI info.description (RateLimit headers); README "Access rules"',
        });
        return;
      }
      seen.push({ q: Number(policy[2]), r: Number(remaining[2]) });
    }
    const [first, second] = seen;
    if (!(first.r <= first.q && second.r < first.r)) {
      ctx.fail({
        endpoint: 'getSession',
        message: 'RateLimit remaining does not count down',
        expected: `r below q (${first.q}) and lower on the second request`,
        received: { status: 200, body: `r=${first.r}, then r=${second.r}` },
        contract: 'IETF RateLimit headers draft 8',
      });
    }
    if (second.r > 30) {
      ctx.note(`the read limit is ${first.q} a window: not exhausted (the kit exhausts limits of 30 or fewer)`);
      return;
    }
    let last: Exchange | undefined;
    for (let i = 0; i <= second.r; i++) last = await world.client.call('getSession', { as: token });
    if (
      !last ||
      !ctx.error('getSession', last, 429, 'rate_limited', 'a request past the limit must answer 429 rate_limited')
    )
      return;
    if (!/^\d+$/.test(last.headers.get('retry-after') ?? '')) {
      ctx.fail({
        endpoint: 'getSession',
        message: 'a 429 lacks Retry-After',
        request: last.request,
        expected: 'Retry-After: <seconds>',
        received: received(last),
        contract: contractRef('getSession', 'errors'),
      });
    }
  },
};

// ------------------------------------------------------------------ carts

interface Cart {
  body: CheckoutRequest;
  priced: ChargedOrder;
}

/** A cart of 1 to 3 orderable products at random units and quantities, priced by the shared pricing module. */
function generateCart(
  random: () => number,
  catalog: Catalog,
  session: Session,
  at: Date,
  reference: string,
): Cart | undefined {
  const pricer = new Pricer(catalog.pricing);
  const choices = catalog.products.flatMap((p) =>
    p.units.filter((u) => pricer.resolve(p, u.code, 1, at).orderable).map((u) => ({ product: p, uom: u.code })),
  );
  const products = new Map(catalog.products.map((p) => [p.id, p]));
  const lines: CheckoutRequest['lines'] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count * 4 && lines.length < count && choices.length; i++) {
    const { product, uom } = choices[Math.floor(random() * choices.length)];
    if (lines.some((l) => l.product_id === product.id)) continue;
    const quantity = 1 + Math.floor(random() * 12);
    const ok = pricer.resolve(product, uom, quantity, at).orderable;
    lines.push({ product_id: product.id, uom, quantity: ok ? quantity : 1 });
  }
  if (lines.length === 0) return undefined;
  const { credit, freight, charges, minimum_order_minor: minimum } = session.settings;
  const price = (l: CheckoutRequest['lines']) => withCharges(pricer.priceOrder(products, l, freight, at), charges);
  let priced = price(lines);
  // A cart below the customer's minimum would be refused: more of its first line until it reaches it.
  const short = minimumShortfall(priced.subtotal_minor, minimum, null);
  if (short) {
    const unit = priced.lines[0].resolution.price!.unit_price_minor;
    lines[0].quantity += Math.ceil(short.shortfall_minor / Math.max(1, unit));
    priced = price(lines);
    if (priced.problems.length || minimumShortfall(priced.subtotal_minor, minimum, null)) return undefined;
  }
  // Pay-later orders must fit the available credit: shrink the cart to one piece of its first line.
  if (credit && priced.total_minor > credit.available_minor) {
    lines.splice(1);
    lines[0].quantity = 1;
    priced = price(lines);
    if (priced.total_minor > credit.available_minor) return undefined;
  }
  return {
    body: {
      lines,
      customer_reference: reference,
      expected_total: priced.total_minor,
      note: 'Placed by the conformance kit',
    },
    priced,
  };
}

async function placeable(
  ctx: CheckContext,
  world: World,
  customer: Customer,
): Promise<{ token: string; session: Session; catalog: Catalog }> {
  const { token } = await world.token(ctx, customer);
  const { session, catalog } = await world.view(ctx, customer, token);
  if (!session.settings.supplier_available)
    ctx.skip(`customer ${world.letter(customer)}'s supplier cannot take orders (supplier_available false)`);
  return { token, session, catalog };
}

// ------------------------------------------------------------------ idempotency

const idempotency: Check = {
  name: 'idempotency',
  title:
    'checkout needs an Idempotency-Key; the same key and body replay the order, another body is 422 (places one order)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const cart = generateCart(prng(options.seed), catalog, session, new Date(), `conformance-${world.runId}-idem`);
    if (!cart)
      return ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const key = `conformance-${world.runId}-idempotency`;
    ctx.error(
      'placeOrder',
      await world.client.call('placeOrder', { as: token, body: cart.body }),
      400,
      'idempotency_key_required',
      'a checkout without Idempotency-Key must answer 400 idempotency_key_required',
    );
    const first = await world.client.call('placeOrder', {
      as: token,
      body: cart.body,
      headers: { 'idempotency-key': key },
    });
    const order = ctx.success('placeOrder', first, 'the order placed') as OrderDetail | undefined;
    if (!order) return;
    const again = await world.client.call('placeOrder', {
      as: token,
      body: cart.body,
      headers: { 'idempotency-key': key },
    });
    const replay = ctx.success('placeOrder', again, 'the first answer replayed') as OrderDetail | undefined;
    if (
      replay &&
      (again.headers.get('idempotency-replayed') !== 'true' || replay.id !== order.id || again.text !== first.text)
    ) {
      ctx.fail({
        endpoint: 'placeOrder',
        message: 'the same key and body did not replay the first answer',
        request: again.request,
        expected: `${first.status}, Idempotency-Replayed: true, the same body (order ${order.id})`,
        received: {
          status: again.status,
          body: `Idempotency-Replayed: ${again.headers.get('idempotency-replayed')}; ${again.text}`,
        },
        contract: contractRef('placeOrder'),
      });
    }
    const other = {
      ...cart.body,
      lines: cart.body.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l)),
    };
    ctx.error(
      'placeOrder',
      await world.client.call('placeOrder', { as: token, body: other, headers: { 'idempotency-key': key } }),
      422,
      'idempotency_key_reused',
      'the same key with another body must answer 422 idempotency_key_reused',
    );
  },
};

// ------------------------------------------------------------------ price agreement

const priceAgreement: Check = {
  name: 'price-agreement',
  title:
    'generated carts priced by the shared pricing module are accepted at checkout with that expected_total (places orders)',
  writes: true,
  async run(ctx, world, options) {
    const random = prng(options.seed + 1);
    let placed = 0;
    for (const customer of world.customers) {
      const { token, session, catalog } = await placeable(ctx, world, customer);
      for (let n = 0; n < options.carts; n++) {
        const cart = generateCart(
          random,
          catalog,
          session,
          new Date(),
          `conformance-${world.runId}-${world.letter(customer)}${n}`,
        );
        if (!cart) {
          ctx.note(`customer ${world.letter(customer)}: no orderable cart within the available credit`);
          break;
        }
        const exchange = await world.client.call('placeOrder', {
          as: token,
          body: cart.body,
          headers: { 'idempotency-key': `conformance-${world.runId}-cart-${world.letter(customer)}${n}` },
        });
        const ours = cart.priced.lines.map(
          (l) =>
            `${l.product?.sku ?? l.product_id} ${l.quantity} ${l.uom} at ${l.resolution.price!.unit_price_minor} = ${l.resolution.price!.line_total_minor}`,
        );
        if (exchange.status === 409 && errorCodeOf(exchange) === 'price_changed') {
          ctx.conforms('placeOrder', exchange);
          const theirs = PriceChangedDetails.safeParse(
            (exchange.json as { error: { details?: unknown } }).error.details,
          );
          ctx.fail({
            endpoint: 'placeOrder',
            message: `customer ${world.letter(customer)}: the server prices the cart differently from the pricing module`,
            request: exchange.request,
            expected: `the order accepted at ${cart.priced.total_minor} (subtotal ${cart.priced.subtotal_minor} + freight ${cart.priced.freight_minor}):\n  ${ours.join('\n  ')}`,
            received: {
              status: 409,
              body: theirs.success
                ? `price_changed at ${theirs.data.total_minor} (subtotal ${theirs.data.subtotal_minor} + freight ${theirs.data.freight_minor}):\n  ${theirs.data.lines
                    .map((l, i) => {
                      const mine = cart.priced.lines[i];
                      const differs =
                        mine?.product_id !== l.product_id ||
                        mine.resolution.price?.unit_price_minor !== l.unit_price_minor;
                      return `${mine?.product_id === l.product_id ? mine.product?.sku : l.product_id} ${l.quantity} ${l.uom} at ${l.unit_price_minor} = ${l.line_total_minor}${differs ? '   <- differs' : ''}`;
                    })
                    .join('\n  ')}`
                : exchange.text,
            },
            contract: 'widget/pricing/index.ts (Pricer.priceOrder); README "Pricing"; placeOrder expected_total',
          });
          continue;
        }
        const order = ctx.success('placeOrder', exchange, 'the cart accepted at the total the pricing module gives') as
          OrderDetail | undefined;
        if (!order) continue;
        placed++;
        const agree =
          order.total_minor === cart.priced.total_minor &&
          order.lines.every((l, i) => l.unit_price_minor === cart.priced.lines[i]?.resolution.price?.unit_price_minor);
        if (!agree) {
          ctx.fail({
            endpoint: 'placeOrder',
            message: `customer ${world.letter(customer)}: the order's prices differ from the pricing module's`,
            request: exchange.request,
            expected: `total ${cart.priced.total_minor}:\n  ${ours.join('\n  ')}`,
            received: {
              status: exchange.status,
              body: `total ${order.total_minor}:\n  ${order.lines.map((l) => `${l.sku} ${l.quantity} ${l.uom} at ${l.unit_price_minor} = ${l.line_total_minor}`).join('\n  ')}`,
            },
            contract: 'widget/pricing/index.ts (Pricer.priceOrder); README "Pricing"',
          });
        }
      }
    }
    ctx.note(`orders placed: ${placed}`);
  },
};

// ------------------------------------------------------------------ charges and minimum order value

/** The rules the check gives a customer where the backend's back office lets it. */
const CHECK_RULES = {
  charges: { small_order: { below_minor: 1_000_000, fee_minor: 750 }, percent_basis_points: 250, per_unit_minor: 15 },
  minimum_order_minor: 5_000,
};

const charges: Check = {
  name: 'charges-and-minimum',
  title:
    "a cart below the customer's minimum is 422 below_minimum with the shortfall; an order carries the charges the pricing module computes, or none where they are not shown (places orders)",
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[world.customers.length - 1];
    const letter = world.letter(customer);
    const { token, catalog } = await placeable(ctx, world, customer);
    const read = async () => ctx.success('getSession', await world.client.call('getSession', { as: token })) as Session;
    let session = await read();
    let restore: (() => Promise<void>) | undefined;
    if (!session.settings.charges && !session.settings.minimum_order_minor) {
      // A customer without rules: the back office gives them some for the check, then takes them back.
      const patched = await world.client.call('patchCustomer', { params: { id: customer.id }, body: CHECK_RULES });
      if (patched.status === 404 || patched.status === 405)
        ctx.skip(`customer ${letter} has no charges or minimum, and the backend has no back office to set them`);
      if (!ctx.success('patchCustomer', patched, 'the rules set for the check')) return;
      restore = async () => {
        ctx.success(
          'patchCustomer',
          await world.client.call('patchCustomer', {
            params: { id: customer.id },
            body: { charges: null, minimum_order_minor: null },
          }),
          'the rules taken back',
        );
      };
      session = await read();
    }
    try {
      await chargesOf(ctx, world, options, { customer, token, session, catalog });
    } finally {
      await restore?.();
    }
  },
};

async function chargesOf(
  ctx: CheckContext,
  world: World,
  options: CheckOptions,
  { customer, token, session, catalog }: { customer: Customer; token: string; session: Session; catalog: Catalog },
): Promise<void> {
  const { minimum_order_minor: minimum, show_charges: show } = session.settings;
  const at = new Date();
  const pricer = new Pricer(catalog.pricing);
  const letter = world.letter(customer);
  if (minimum) {
    const cheap = catalog.products.find((p) => {
      const price = pricer.resolve(p, p.units[0]?.code ?? '', 1, at);
      return price.orderable && price.price!.line_total_minor < minimum;
    });
    if (cheap) {
      const subtotal = pricer.resolve(cheap, cheap.units[0].code, 1, at).price!.line_total_minor;
      const exchange = await world.client.call('placeOrder', {
        as: token,
        body: { lines: [{ product_id: cheap.id, uom: cheap.units[0].code, quantity: 1 }] },
        headers: { 'idempotency-key': `conformance-${world.runId}-minimum-${letter}` },
      });
      if (ctx.error('placeOrder', exchange, 422, 'below_minimum', 'a cart below the minimum must be refused')) {
        const details = (exchange.json as { error: { details?: unknown } }).error.details;
        const expected = minimumShortfall(subtotal, minimum, null);
        if (JSON.stringify(details) !== JSON.stringify(expected))
          ctx.fail({
            endpoint: 'placeOrder',
            message: `customer ${letter}: below_minimum details are not the shortfall`,
            request: exchange.request,
            expected: JSON.stringify(expected),
            received: received(exchange),
            contract: 'widget/contract/rules/checkout.ts (minimumShortfall)',
          });
      }
    }
  }
  const cart = generateCart(
    prng(options.seed + 7),
    catalog,
    session,
    at,
    `conformance-${world.runId}-charges-${letter}`,
  );
  if (!cart) return ctx.note(`customer ${letter}: no orderable cart within the available credit`);
  const exchange = await world.client.call('placeOrder', {
    as: token,
    body: cart.body,
    headers: { 'idempotency-key': `conformance-${world.runId}-charges-${letter}` },
  });
  const order = ctx.success('placeOrder', exchange, 'the cart accepted with its charges') as OrderDetail | undefined;
  if (!order) return;
  const expected = show === false ? null : cart.priced.charges;
  if (JSON.stringify(order.charges ?? null) !== JSON.stringify(expected))
    ctx.fail({
      endpoint: 'placeOrder',
      message: `customer ${letter}: the order's charges are not the pricing module's${show === false ? ' (hidden: null)' : ''}`,
      request: exchange.request,
      expected: JSON.stringify(expected),
      received: received(exchange),
      contract: 'widget/pricing/index.ts (chargesFor); OrderDetail.charges',
    });
  ctx.note(`charges on the order: ${cart.priced.charges_minor}`);
}

// ------------------------------------------------------------------ charges to approve

const chargesToApprove: Check = {
  name: 'charges-to-approve',
  title:
    'a charge the supplier adds for approval is shown pending and not counted; approving counts it, rejecting takes a reason ' +
    'and never counts; a second decision is 409 charge_not_pending (places one order)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const cart = generateCart(
      prng(options.seed + 11),
      catalog,
      session,
      new Date(),
      `conformance-${world.runId}-charge`,
    );
    if (!cart)
      return ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const placed = ctx.success(
      'placeOrder',
      await world.client.call('placeOrder', {
        as: token,
        body: cart.body,
        headers: { 'idempotency-key': `conformance-${world.runId}-charge` },
      }),
      'an order to add charges to',
    ) as OrderDetail | undefined;
    if (!placed) return;
    const add = async (label: string, amount: number) => {
      const exchange = await world.client.call('adminAddOrderCharge', {
        params: { id: placed.id },
        body: { label, amount_minor: amount, requires_approval: true },
      });
      if (exchange.status === 404 && errorCodeOf(exchange) !== 'not_found')
        ctx.skip('this server has no order charges in its back office: charges to approve not checked');
      if (exchange.status === 405) ctx.skip('this server has no order charges in its back office: not checked');
      const order = ctx.success('adminAddOrderCharge', exchange, 'a charge to approve') as OrderDetail | undefined;
      return order?.supplier_charges?.find((c) => c.label === label && c.state === 'pending');
    };
    const expectTotal = (name: EndpointName, exchange: Exchange, total: number, why: string) => {
      const order = ctx.success(name, exchange, why) as OrderDetail | undefined;
      if (order && order.total_minor !== total)
        ctx.fail({
          endpoint: name,
          message: `${why}: the total is not ${total}`,
          request: exchange.request,
          expected: `total_minor ${total}`,
          received: received(exchange),
          contract: 'widget/contract/rules/supplier-charges.ts (countedAmount)',
        });
      return order;
    };
    const first = await add(`Pallet wrapping ${world.runId}`, 1_234);
    if (!first) return;
    const base = placed.total_minor;
    const read = await world.client.call('getOrder', { as: token, params: { id: placed.id } });
    const seen = expectTotal('getOrder', read, base, 'a pending charge does not count');
    if (seen && !seen.supplier_charges?.some((c) => c.id === first.id && c.state === 'pending'))
      ctx.fail({
        endpoint: 'getOrder',
        message: 'the customer does not see the charge to approve',
        request: read.request,
        expected: `supplier_charges with ${first.id} pending`,
        received: received(read),
        contract: contractRef('getOrder'),
      });
    const path = (charge: { id: string }) => ({ id: placed.id, charge_id: charge.id });
    expectTotal(
      'approveOrderCharge',
      await world.client.call('approveOrderCharge', { as: token, params: path(first) }),
      base + 1_234,
      'an approved charge counts',
    );
    ctx.error(
      'approveOrderCharge',
      await world.client.call('approveOrderCharge', { as: token, params: path(first) }),
      409,
      'charge_not_pending',
      'a charge already approved cannot be approved again',
    );
    const second = await add(`Weekend delivery ${world.runId}`, 2_000);
    if (!second) return;
    ctx.error(
      'rejectOrderCharge',
      await world.client.call('rejectOrderCharge', { as: token, params: path(second), body: { reason: '  ' } }),
      400,
      'validation_failed',
      'a rejection needs a reason',
    );
    const rejected = expectTotal(
      'rejectOrderCharge',
      await world.client.call('rejectOrderCharge', {
        as: token,
        params: path(second),
        body: { reason: ' We collect on Mondays. ' },
      }),
      base + 1_234,
      'a rejected charge never counts',
    );
    const outcome = rejected?.supplier_charges?.find((c) => c.id === second.id);
    if (rejected && (outcome?.state !== 'rejected' || outcome.reason !== 'We collect on Mondays.'))
      ctx.fail({
        endpoint: 'rejectOrderCharge',
        message: 'the rejected charge does not carry its trimmed reason',
        expected: 'state rejected, reason "We collect on Mondays."',
        received: { status: 200, body: JSON.stringify(outcome) },
        contract: contractRef('rejectOrderCharge'),
      });
    ctx.error(
      'approveOrderCharge',
      await world.client.call('approveOrderCharge', { as: token, params: path(second) }),
      409,
      'charge_not_pending',
      'a rejected charge cannot be approved afterwards',
    );
  },
};

// ------------------------------------------------------------------ order changes

const orderChanges: Check = {
  name: 'order-changes',
  title:
    'the customer changes and cancels an order; the supplier sees the requests and approves or rejects them (places and cancels one order)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const cart = generateCart(
      prng(options.seed + 2),
      catalog,
      session,
      new Date(),
      `conformance-${world.runId}-change`,
    );
    if (!cart)
      return ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const placed = await world.client.call('placeOrder', {
      as: token,
      body: cart.body,
      headers: { 'idempotency-key': `conformance-${world.runId}-change` },
    });
    const order = ctx.success('placeOrder', placed, 'an order to change') as OrderDetail | undefined;
    if (!order) return;
    if (!order.changes.can_edit)
      return ctx.skip(
        `a new portal order cannot be changed here (${order.changes.blocked_reason}): order changes not checked`,
      );

    /** After a change: applied at once, or a pending request the supplier decides (approve or reject). */
    const settle = async (answer: OrderDetail, kind: 'update' | 'cancel', decision: 'approve' | 'reject') => {
      if (answer.pending_request === null) return;
      if (answer.pending_request !== kind) {
        ctx.fail({
          endpoint: kind === 'update' ? 'updateOrder' : 'cancelOrder',
          message: `pending_request is ${answer.pending_request}`,
          expected: kind,
          contract: contractRef('getOrder'),
        });
        return;
      }
      const pending = ctx.success(
        'listOrderRequests',
        await world.client.call('listOrderRequests', {
          query: { client_id: customer.id, state: 'pending', limit: '100' },
        }),
      ) as { items: { id: string; kind: string; order: { id: string } }[] } | undefined;
      const request = pending?.items.find((r) => r.order.id === order.id && r.kind === kind);
      if (!pending) return;
      if (!request) {
        ctx.fail({
          endpoint: 'listOrderRequests',
          message: `the pending ${kind} of order ${order.number} is not listed for the supplier`,
          expected: `an item with order.id ${order.id}, kind ${kind}, state pending`,
          contract: contractRef('listOrderRequests'),
        });
        return;
      }
      const name = decision === 'approve' ? 'approveOrderRequest' : 'rejectOrderRequest';
      const decided = ctx.success(
        name,
        await world.client.call(name, {
          params: { id: request.id },
          body: decision === 'reject' ? { reason: 'Checked by the conformance kit' } : undefined,
        }),
      ) as { state: string } | undefined;
      if (decided && decided.state !== (decision === 'approve' ? 'approved' : 'rejected')) {
        ctx.fail({
          endpoint: name,
          message: `the decided request reads ${decided.state}`,
          expected: decision === 'approve' ? 'approved' : 'rejected',
          contract: contractRef(name),
        });
      }
      ctx.error(
        name,
        await world.client.call(name, { params: { id: request.id } }),
        422,
        'request_not_pending',
        'deciding a request twice must answer 422 request_not_pending',
      );
    };

    const reference = `conformance-${world.runId}-changed`;
    const updated = ctx.success(
      'updateOrder',
      await world.client.call('updateOrder', {
        as: token,
        params: { id: order.id },
        body: { customer_reference: reference },
      }),
      'the order changed',
    ) as OrderDetail | undefined;
    if (!updated) return;
    await settle(updated, 'update', 'reject');
    const cancelled = ctx.success(
      'cancelOrder',
      await world.client.call('cancelOrder', {
        as: token,
        params: { id: order.id },
        body: { reason: 'Placed by the conformance kit' },
      }),
      'the order cancelled',
    ) as OrderDetail | undefined;
    if (!cancelled) return;
    await settle(cancelled, 'cancel', 'approve');
    const final = ctx.success(
      'getOrder',
      await world.client.call('getOrder', { as: token, params: { id: order.id } }),
    ) as OrderDetail | undefined;
    if (final && (final.status !== 'cancelled' || final.pending_request !== null)) {
      ctx.fail({
        endpoint: 'getOrder',
        message: 'the order is not cancelled after its cancellation was applied or approved',
        expected: 'status cancelled, pending_request null',
        received: { status: 200, body: `status ${final.status}, pending_request ${final.pending_request}` },
        contract: contractRef('cancelOrder'),
      });
    }
    ctx.error(
      'cancelOrder',
      await world.client.call('cancelOrder', { as: token, params: { id: order.id } }),
      422,
      'order_not_editable',
      'a cancelled order must answer 422 order_not_editable',
    );
  },
};

// ------------------------------------------------------------------ approvals (issue 16)

const approvals: Check = {
  name: 'approvals',
  title:
    "a Buyer's order over the account's approval amount, or beyond their spending limit, awaits approval; the account approves or " +
    'rejects it; a rejected order gives its amount back; no limit set never holds an order (invites one person, places five orders)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    // The account's own link: it manages the account's people and settings, as an Admin does.
    const { token: own, session, catalog } = await placeable(ctx, world, customer);
    const settingsAnswer = await world.client.call('getAccountSettings', { as: own });
    if (settingsAnswer.status === 404)
      return ctx.skip('this server has no account settings (company accounts, contract 0.5): approvals not checked');
    const original = ctx.success('getAccountSettings', settingsAnswer, 'the account settings') as
      AccountSettings | undefined;
    if (!original) return;
    const invited = ctx.success(
      'invitePerson',
      await world.client.call('invitePerson', {
        as: own,
        body: { name: 'Conformance Buyer', email: `conformance-${world.runId}@example.invalid`, role: 'buyer' },
      }),
      'a Buyer invited with the account link',
    ) as InvitedPerson | undefined;
    if (!invited) return;
    try {
      await approvalSteps(ctx, world, options, { customer, own, session, catalog, buyerId: invited.id });
    } finally {
      ctx.success(
        'removePerson',
        await world.client.call('removePerson', { as: own, params: { id: invited.id } }),
        'the Buyer the kit invited removed',
      );
      ctx.success(
        'patchAccountSettings',
        await world.client.call('patchAccountSettings', { as: own, body: { approval: original.approval } }),
        'the approval settings put back',
      );
    }
  },
};

async function approvalSteps(
  ctx: CheckContext,
  world: World,
  options: CheckOptions,
  the: { customer: Customer; own: string; session: Session; catalog: Catalog; buyerId: string },
): Promise<void> {
  const { own, buyerId } = the;
  const { token: buyer } = await world.token(ctx, the.customer, { personId: buyerId });
  const { token: decider } = await world.token(ctx, the.customer);
  let carts = 0;
  const nextCart = () => {
    carts++;
    const reference = `conformance-${world.runId}-approval-${carts}`;
    return (
      generateCart(prng(options.seed + 100 + carts), the.catalog, the.session, new Date(), reference) ??
      ctx.skip(`customer ${world.letter(the.customer)} has no orderable product within the available credit`)
    );
  };
  const place = async (cart: Cart, why: string) => {
    const exchange = await world.client.call('placeOrder', {
      as: buyer,
      body: cart.body,
      headers: { 'idempotency-key': cart.body.customer_reference! },
    });
    return { exchange, order: ctx.success('placeOrder', exchange, why) as OrderDetail | undefined };
  };
  /** The order's status must be `want`; false (with the failure recorded) when it is not. */
  const statusIs = (
    name: EndpointName,
    answer: { exchange: Exchange; order: OrderDetail | undefined },
    want: OrderStatus,
    message: string,
  ): answer is { exchange: Exchange; order: OrderDetail } => {
    if (!answer.order) return false;
    if (answer.order.status === want) return true;
    ctx.fail({
      endpoint: name,
      message,
      request: answer.exchange.request,
      expected: `status ${want}`,
      received: { status: answer.exchange.status, body: `order ${answer.order.number}: status ${answer.order.status}` },
      contract: contractRef(name),
    });
    return false;
  };
  const settings = async (approval: AccountSettings['approval']) =>
    ctx.success(
      'patchAccountSettings',
      await world.client.call('patchAccountSettings', { as: own, body: { approval } }),
      'the approval settings changed',
    ) !== undefined || ctx.skip('the kit could not change the approval settings (see the failure above)');
  const limit = async (spending_limit_minor: number | null) =>
    ctx.success(
      'changePersonRole',
      await world.client.call('changePersonRole', {
        as: own,
        params: { id: buyerId },
        body: { spending_limit_minor, spending_period: 'month' },
      }),
      "the Buyer's spending limit changed",
    ) !== undefined || ctx.skip("the kit could not change the Buyer's spending limit (see the failure above)");
  const decide = async (order: OrderDetail, outcome: 'approve' | 'reject') => {
    const name = outcome === 'approve' ? 'approveOrder' : 'rejectOrder';
    const exchange = await world.client.call(name, {
      as: decider,
      params: { id: order.id },
      body: outcome === 'reject' ? { reason: 'Rejected by the conformance kit' } : undefined,
    });
    const decided = ctx.success(name, exchange, `the order ${outcome === 'approve' ? 'approved' : 'rejected'}`) as
      OrderDetail | undefined;
    return statusIs(
      name,
      { exchange, order: decided },
      APPROVAL_OUTCOMES[outcome],
      `an ${outcome === 'approve' ? 'approved' : 'rejected'} order must be ${APPROVAL_OUTCOMES[outcome]}`,
    );
  };

  // Over the account's amount: both carts wait.
  const first = nextCart();
  const second = nextCart();
  await settings({
    required_for: 'over_amount',
    amount_minor: Math.max(0, Math.min(first.priced.total_minor, second.priced.total_minor) - 1),
  });
  const held = await place(first, "a Buyer's order");
  if (
    !statusIs(
      'placeOrder',
      held,
      'awaiting_approval',
      "a Buyer's order over the account's approval amount must await approval",
    )
  )
    return;
  const waiting = ctx.success('listApprovals', await world.client.call('listApprovals', { as: decider })) as
    { items: AwaitingOrder[] } | undefined;
  const listed = waiting?.items.find((o) => o.id === held.order.id);
  if (waiting && (!listed || listed.placed_by?.id !== buyerId || !listed.reasons.includes('over_amount'))) {
    ctx.fail({
      endpoint: 'listApprovals',
      message: `order ${held.order.number} is not listed as awaiting approval, placed by the Buyer, over the amount`,
      expected: `an item with id ${held.order.id}, placed_by.id ${buyerId}, reasons including over_amount`,
      received: { status: 200, body: JSON.stringify(listed ?? null) },
      contract: contractRef('listApprovals'),
    });
  }
  await decide(held.order, 'approve');
  const rejected = await place(second, "a second Buyer's order");
  if (
    !statusIs(
      'placeOrder',
      rejected,
      'awaiting_approval',
      "a Buyer's order over the account's approval amount must await approval",
    )
  )
    return;
  if (!(await decide(rejected.order, 'reject'))) return;

  // Beyond the spending limit: the approved order counts, the rejected one does not.
  await settings({ required_for: 'none', amount_minor: null });
  const third = nextCart();
  const spent = held.order.total_minor;
  await limit(spent + third.priced.total_minor);
  statusIs(
    'placeOrder',
    await place(third, 'an order within the spending limit'),
    'pending',
    `the rejected order's amount must be given back: with a limit of ${spent + third.priced.total_minor}, ` +
      `${spent} spent (approved) and ${rejected.order.total_minor} rejected, an order of ${third.priced.total_minor} goes ahead`,
  );
  const over = await place(nextCart(), 'an order beyond the spending limit');
  if (
    statusIs('placeOrder', over, 'awaiting_approval', "a Buyer's order beyond their spending limit must await approval")
  )
    await decide(over.order, 'reject');

  // No limit set: never held for one.
  await limit(null);
  statusIs(
    'placeOrder',
    await place(nextCart(), 'an order without a limit'),
    'pending',
    'with no spending limit set and no approval rule, an order must never wait for approval',
  );
}

// ------------------------------------------------------------------ delivery dates (issue 17)

/**
 * The kit's own service, for one customer: a cut-off at 00:00 the day before has always passed
 * today, so on any clock tomorrow is refused and the earliest date is the day after.
 */
const KIT_SERVICE = {
  lead_days: 1,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  closed_dates: [],
  cutoff_rule: 'day_before',
  cutoff_time: '00:00',
} as const;

const deliveryDates: Check = {
  name: 'delivery-dates',
  title:
    "a delivery service's dates follow its rules in the workspace's time zone; checkout refuses a date past its cut-off " +
    'with 422 cutoff_passed and the next allowed date, and takes that date (makes one service, places one order)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const first = await world.client.call('getDeliveryOptions', { as: token });
    if (first.status === 404)
      return ctx.skip('this server has no delivery options (delivery dates, contract 0.6): not checked');
    const existing = ctx.success('getDeliveryOptions', first, 'the delivery options') as DeliveryOptions | undefined;
    if (!existing) return;
    if (existing.services.length)
      return ctx.skip('the workspace has delivery services of its own: the kit checks dates only with its own service');
    const made = await world.client.call('createDeliveryService', {
      body: { name: `Conformance ${world.runId}`, customers: [customer.id], ...KIT_SERVICE },
    });
    if (made.status === 404 || made.status === 405)
      return ctx.skip('this server has no delivery-service admin API (back office): dates not checked');
    const service = ctx.success('createDeliveryService', made, 'the kit’s delivery service') as
      DeliveryService | undefined;
    if (!service) return;
    try {
      const before = new Date();
      const read = ctx.success(
        'getDeliveryOptions',
        await world.client.call('getDeliveryOptions', { as: token }),
        'the delivery options with the kit’s service',
      ) as DeliveryOptions | undefined;
      const after = new Date();
      if (!read) return;
      const offered = read.services.find((s) => s.id === service.id);
      if (!offered) {
        ctx.fail({
          endpoint: 'getDeliveryOptions',
          message: 'a service listed for this customer is not offered to them',
          expected: `a service with id ${service.id}`,
          contract: contractRef('getDeliveryOptions'),
        });
        return;
      }
      const expected = [before, after].map((t) => allowedDates(KIT_SERVICE, t, read.time_zone, offered.dates.length));
      if (!offered.dates.length || !expected.some((dates) => dates.join() === offered.dates.join())) {
        ctx.fail({
          endpoint: 'getDeliveryOptions',
          message: `the dates offered do not follow the service's rules in ${read.time_zone}`,
          expected: expected[0].slice(0, 3).join(', ') + ' …',
          received: { status: 200, body: offered.dates.slice(0, 3).join(', ') },
          contract: 'widget/contract/rules/delivery-dates.ts (allowedDates)',
        });
        return;
      }
      const cart =
        generateCart(prng(options.seed + 7), catalog, session, new Date(), `conformance-${world.runId}-delivery`) ??
        ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
      const tomorrow = addDays(localTime(new Date(), read.time_zone).date, 1);
      const refused = await world.client.call('placeOrder', {
        as: token,
        body: { ...cart.body, delivery_service_id: service.id, delivery_date: tomorrow },
        headers: { 'idempotency-key': `conformance-${world.runId}-delivery-late` },
      });
      if (ctx.error('placeOrder', refused, 422, 'cutoff_passed', 'a date past its cut-off must be refused')) {
        const details = (JSON.parse(refused.text) as { error: { details?: { next_allowed_date?: unknown } } }).error
          .details;
        if (details?.next_allowed_date !== offered.dates[0])
          ctx.fail({
            endpoint: 'placeOrder',
            message: 'cutoff_passed must name the next allowed date',
            expected: `details.next_allowed_date ${offered.dates[0]}`,
            received: received(refused),
            contract: contractRef('placeOrder', 'errors'),
          });
      }
      const placed = ctx.success(
        'placeOrder',
        await world.client.call('placeOrder', {
          as: token,
          body: { ...cart.body, delivery_service_id: service.id, delivery_date: offered.dates[0] },
          headers: { 'idempotency-key': `conformance-${world.runId}-delivery` },
        }),
        'an order for the earliest date offered',
      ) as OrderDetail | undefined;
      if (placed && placed.delivery?.date !== offered.dates[0])
        ctx.fail({
          endpoint: 'placeOrder',
          message: 'the order must keep its delivery date',
          expected: `delivery.date ${offered.dates[0]}`,
          received: { status: 201, body: JSON.stringify(placed.delivery ?? null) },
          contract: contractRef('placeOrder'),
        });
    } finally {
      ctx.success(
        'deleteDeliveryService',
        await world.client.call('deleteDeliveryService', { params: { id: service.id } }),
        'the kit’s delivery service removed',
      );
    }
  },
};

// ------------------------------------------------------------------ order creation status

const orderCreation: Check = {
  name: 'order-creation',
  title:
    'under the workspace creation status `quote` a checkout makes a quote request (state requested) with the total and charges of the cart, which the customer sees and cannot accept yet (makes one quote request)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const key = `conformance-${world.runId}-creation`;
    const cart = generateCart(prng(options.seed + 5), catalog, session, new Date(), key);
    if (!cart)
      return ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const before = ctx.success('getWorkspaceSettings', await world.client.call('getWorkspaceSettings', {})) as
      WorkspaceSettings | undefined;
    if (!before) return;
    const set = async (status: WorkspaceSettings['order_creation_status']) =>
      ctx.success(
        'patchWorkspaceSettings',
        await world.client.call('patchWorkspaceSettings', { body: { order_creation_status: status } }),
        `order_creation_status ${status}`,
      ) as WorkspaceSettings | undefined;
    const patched = await set('quote');
    if (patched?.order_creation_status !== 'quote') {
      if (patched)
        ctx.fail({
          endpoint: 'patchWorkspaceSettings',
          message: 'order_creation_status did not change',
          expected: 'quote',
          received: { status: 200, body: String(patched.order_creation_status) },
          contract: contractRef('patchWorkspaceSettings'),
        });
      return;
    }
    try {
      const placed = await world.client.call('placeOrder', {
        as: token,
        body: cart.body,
        headers: { 'idempotency-key': key },
      });
      const answer = ctx.success('placeOrder', placed, 'a quote request') as QuoteRequested | OrderDetail | undefined;
      if (!answer) return;
      if (!('kind' in answer) || answer.kind !== 'quote_requested' || answer.quote.state !== 'requested') {
        ctx.fail({
          endpoint: 'placeOrder',
          message: 'under the creation status quote, checkout did not answer a quote request',
          request: placed.request,
          expected: '{ kind: "quote_requested", quote: { state: "requested", … } }',
          received: { status: placed.status, body: placed.text },
          contract: contractRef('placeOrder'),
        });
        return;
      }
      // The quote request carries what the cart showed: its total, and the charges unless hidden.
      const shown = session.settings.show_charges === false ? null : cart.priced.charges;
      if (
        answer.quote.total_minor !== cart.priced.total_minor ||
        JSON.stringify(answer.quote.charges ?? []) !== JSON.stringify(shown ?? [])
      )
        ctx.fail({
          endpoint: 'placeOrder',
          message: "the quote request's total or charges are not the cart's (the pricing module's)",
          request: placed.request,
          expected: JSON.stringify({ total_minor: cart.priced.total_minor, charges: shown }),
          received: received(placed),
          contract: 'widget/pricing/charges.ts (withCharges); Quote.charges',
        });
      const read = ctx.success(
        'getQuote',
        await world.client.call('getQuote', { as: token, params: { id: answer.quote.id } }),
        'the quote request, visible to the customer',
      ) as Quote | undefined;
      if (read && (read.state !== 'requested' || read.number !== answer.quote.number)) {
        ctx.fail({
          endpoint: 'getQuote',
          message: 'the quote request does not read as requested',
          expected: `${answer.quote.number} in state requested`,
          received: { status: 200, body: `${read.number} in state ${read.state}` },
          contract: contractRef('getQuote'),
        });
      }
      ctx.error(
        'acceptQuote',
        await world.client.call('acceptQuote', { as: token, params: { id: answer.quote.id } }),
        422,
        'quote_not_open',
        'a quote request the supplier has not sent yet cannot be accepted',
      );
    } finally {
      await set(before.order_creation_status);
    }
  },
};

// ------------------------------------------------------------------ a service's own rules

/** Above any cart the kit makes: a minimum only this service sets. */
const SERVICE_MINIMUM = 1_000_000_000;

const serviceRules: Check = {
  name: 'service-rules',
  title:
    "a delivery service's minimum refuses a checkout with it below the minimum (422 below_minimum with the shortfall), " +
    'and its creation status `quote` makes a quote request when the customer sets none (makes one service and one quote request)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const key = `conformance-${world.runId}-service-rules`;
    const cart =
      generateCart(prng(options.seed + 11), catalog, session, new Date(), key) ??
      ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const made = await world.client.call('createDeliveryService', {
      body: {
        name: `Conformance rules ${world.runId}`,
        customers: [customer.id],
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        cutoff_rule: 'none',
        cutoff_time: null,
        minimum_order_minor: SERVICE_MINIMUM,
        order_creation_status: 'quote',
      },
    });
    if (made.status === 404 || made.status === 405)
      return ctx.skip('this server has no delivery-service admin API (back office): service rules not checked');
    const service = ctx.success('createDeliveryService', made, 'a service with a minimum') as
      DeliveryService | undefined;
    if (!service) return;
    const body = { ...cart.body, delivery_service_id: service.id };
    try {
      const refused = await world.client.call('placeOrder', {
        as: token,
        body,
        headers: { 'idempotency-key': `${key}-below` },
      });
      if (
        ctx.error('placeOrder', refused, 422, 'below_minimum', "a cart below the service's minimum must be refused")
      ) {
        const details = (JSON.parse(refused.text) as { error: { details?: unknown } }).error.details;
        const expected = minimumShortfall(
          cart.priced.subtotal_minor,
          session.settings.minimum_order_minor,
          SERVICE_MINIMUM,
        );
        if (JSON.stringify(details) !== JSON.stringify(expected))
          ctx.fail({
            endpoint: 'placeOrder',
            message: "below_minimum details are not the shortfall against the service's minimum",
            request: refused.request,
            expected: JSON.stringify(expected),
            received: received(refused),
            contract: 'widget/contract/rules/checkout.ts (minimumShortfall)',
          });
      }
      // The customer list (read at setup) carries the customer's own setting, which would win.
      if (customer.settings.order_creation_status)
        return ctx.note("the customer sets its own creation status: the service's is not checked");
      const lowered = ctx.success(
        'patchDeliveryService',
        await world.client.call('patchDeliveryService', {
          params: { id: service.id },
          body: { minimum_order_minor: null },
        }),
        'the minimum taken off',
      );
      if (!lowered) return;
      const placed = await world.client.call('placeOrder', { as: token, body, headers: { 'idempotency-key': key } });
      const answer = ctx.success('placeOrder', placed, 'a quote request') as QuoteRequested | OrderDetail | undefined;
      if (answer && !('kind' in answer && answer.kind === 'quote_requested'))
        ctx.fail({
          endpoint: 'placeOrder',
          message: 'a service whose creation status is quote did not make a quote request (the customer sets none)',
          request: placed.request,
          expected: '{ kind: "quote_requested", … }',
          received: received(placed),
          contract: 'widget/contract/rules/order-creation.ts (orderCreationStatus)',
        });
    } finally {
      ctx.success(
        'deleteDeliveryService',
        await world.client.call('deleteDeliveryService', { params: { id: service.id } }),
        'the kit’s service removed',
      );
    }
  },
};

// ------------------------------------------------------------------ order contact

const KIT_CONTACT = { name: 'Conformance Kit', phone: '+353 1 555 0100', email: 'kit@example.invalid' };

const orderContact: Check = {
  name: 'order-contact',
  title: "checkout's contact is kept on the order and read back with it (places one order)",
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const key = `conformance-${world.runId}-contact`;
    const cart =
      generateCart(prng(options.seed + 13), catalog, session, new Date(), key) ??
      ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const placed = await world.client.call('placeOrder', {
      as: token,
      body: { ...cart.body, contact: KIT_CONTACT },
      headers: { 'idempotency-key': key },
    });
    const answer = ctx.success('placeOrder', placed, 'an order with a contact') as
      OrderDetail | QuoteRequested | undefined;
    if (!answer) return;
    if ('kind' in answer)
      return ctx.note('checkout made a quote request (the customer’s creation status): not checked');
    if (answer.contact === undefined) return ctx.note('this server keeps no order contact (contract 0.6): not checked');
    const read = ctx.success(
      'getOrder',
      await world.client.call('getOrder', { as: token, params: { id: answer.id } }),
      'the order read back',
    ) as OrderDetail | undefined;
    for (const [endpoint, got] of [
      ['placeOrder', answer.contact],
      ['getOrder', read?.contact],
    ] as const) {
      if (endpoint === 'getOrder' && !read) continue;
      if (JSON.stringify(got) !== JSON.stringify(KIT_CONTACT))
        ctx.fail({
          endpoint,
          message: "the order's contact is not the one checkout gave",
          expected: JSON.stringify(KIT_CONTACT),
          received: { status: 200, body: JSON.stringify(got ?? null) },
          contract: contractRef('placeOrder'),
        });
    }
  },
};

// ------------------------------------------------------------------ edit and cancellation limits

const changeLimits: Check = {
  name: 'change-limits',
  title:
    'order_changes takes separate limits for edits and for cancellations, and the portal session carries them (changes settings, then restores them)',
  writes: true,
  async run(ctx, world) {
    const customer = world.customers[0];
    const { token } = await world.token(ctx, customer);
    const before = ctx.success('getWorkspaceSettings', await world.client.call('getWorkspaceSettings', {})) as
      WorkspaceSettings | undefined;
    if (!before) return;
    const limits = { edits_allowed_before: 'confirmed', cancellations_allowed_before: 'shipped' } as const;
    try {
      const patched = ctx.success(
        'patchWorkspaceSettings',
        await world.client.call('patchWorkspaceSettings', { body: { order_changes: limits } }),
        'separate limits',
      ) as WorkspaceSettings | undefined;
      const session = ctx.success('getSession', await world.client.call('getSession', { as: token })) as
        Session | undefined;
      for (const [endpoint, got] of [
        ['patchWorkspaceSettings', patched?.order_changes],
        ['getSession', session?.settings.order_changes],
      ] as const) {
        if (!got) continue;
        if (
          got.edits_allowed_before !== limits.edits_allowed_before ||
          got.cancellations_allowed_before !== limits.cancellations_allowed_before ||
          got.allowed_before !== before.order_changes.allowed_before
        )
          ctx.fail({
            endpoint,
            message: 'the separate limits were not kept (or allowed_before changed with them)',
            expected: JSON.stringify({ ...limits, allowed_before: before.order_changes.allowed_before }),
            received: { status: 200, body: JSON.stringify(got) },
            contract: contractRef(endpoint),
          });
      }
    } finally {
      await world.client.call('patchWorkspaceSettings', {
        body: {
          order_changes: {
            edits_allowed_before: before.order_changes.edits_allowed_before,
            cancellations_allowed_before: before.order_changes.cancellations_allowed_before,
          },
        },
      });
    }
  },
};

// ------------------------------------------------------------------ orders waiting for the supplier

const waitingOrders: Check = {
  name: 'waiting-orders',
  title:
    'with create_orders_automatically off a portal order waits (awaiting_supplier) until the supplier creates it; the customer may cancel it while it waits, not after once the limits say so (places two orders, changes settings, then restores them)',
  writes: true,
  async run(ctx, world, options) {
    const customer = world.customers[0];
    const { token, session, catalog } = await placeable(ctx, world, customer);
    const carts = [0, 1].map((i) =>
      generateCart(prng(options.seed + 7 + i), catalog, session, new Date(), `conformance-${world.runId}-waiting-${i}`),
    );
    if (!carts[0] || !carts[1])
      return ctx.skip(`customer ${world.letter(customer)} has no orderable product within the available credit`);
    const before = ctx.success('getWorkspaceSettings', await world.client.call('getWorkspaceSettings', {})) as
      WorkspaceSettings | undefined;
    if (!before) return;
    // Customers may not change or cancel orders at all: only a waiting order may still be cancelled.
    const patched = ctx.success(
      'patchWorkspaceSettings',
      await world.client.call('patchWorkspaceSettings', {
        body: { create_orders_automatically: false, order_changes: { enabled: false } },
      }),
      'create_orders_automatically false',
    ) as WorkspaceSettings | undefined;
    if (!patched) return;
    const place = async (i: number) => {
      const placed = await world.client.call('placeOrder', {
        as: token,
        body: carts[i]!.body,
        headers: { 'idempotency-key': `conformance-${world.runId}-waiting-${i}` },
      });
      const order = ctx.success('placeOrder', placed, 'an order waiting for the supplier') as OrderDetail | undefined;
      if (order && order.status !== 'awaiting_supplier') {
        ctx.fail({
          endpoint: 'placeOrder',
          message: 'with create_orders_automatically off, a portal order must wait for the supplier',
          request: placed.request,
          expected: 'status awaiting_supplier',
          received: { status: placed.status, body: `status ${order.status}` },
          contract: contractRef('placeOrder'),
        });
        return undefined;
      }
      return order;
    };
    const listed = async (group: 'waiting' | 'cancelled', number: string) => {
      const list = ctx.success(
        'listOrders',
        await world.client.call('listOrders', { as: token, query: { status_group: group, limit: '50' } }),
        `the ${group} orders`,
      ) as { items: OrderSummary[] } | undefined;
      if (list && !list.items.some((o) => o.number === number))
        ctx.fail({
          endpoint: 'listOrders',
          message: `status_group=${group} must list order ${number}`,
          expected: number,
          received: { status: 200, body: list.items.map((o) => o.number).join(', ') || '(none)' },
          contract: contractRef('listOrders'),
        });
    };
    try {
      const created = await place(0);
      if (!created) return;
      await listed('waiting', created.number);
      const answer = ctx.success(
        'createWaitingOrder',
        await world.client.call('createWaitingOrder', { params: { id: created.id } }),
        'the supplier creates the waiting order',
      ) as OrderSummary | undefined;
      if (answer && (answer.status !== WAITING_ORDER_CREATED || answer.number !== created.number))
        ctx.fail({
          endpoint: 'createWaitingOrder',
          message: 'a created order must become pending and keep its number',
          expected: `${created.number} ${WAITING_ORDER_CREATED}`,
          received: { status: 200, body: `${answer.number} ${answer.status}` },
          contract: contractRef('createWaitingOrder'),
        });
      ctx.error(
        'createWaitingOrder',
        await world.client.call('createWaitingOrder', { params: { id: created.id } }),
        409,
        'not_awaiting_supplier',
        'an order created already cannot be created again',
      );
      ctx.error(
        'cancelOrder',
        await world.client.call('cancelOrder', { as: token, params: { id: created.id }, body: {} }),
        422,
        'order_not_editable',
        'once created, an order follows the change settings (here: customers may not cancel)',
      );

      const waiting = await place(1);
      if (!waiting) return;
      const cancelled = ctx.success(
        'cancelOrder',
        await world.client.call('cancelOrder', { as: token, params: { id: waiting.id }, body: {} }),
        'the customer cancels an order while it waits, whatever the change settings',
      ) as OrderDetail | undefined;
      if (cancelled && cancelled.status !== 'cancelled')
        ctx.fail({
          endpoint: 'cancelOrder',
          message: 'an order waiting for the supplier must be cancelled at once',
          expected: 'status cancelled',
          received: { status: 200, body: `status ${cancelled.status}` },
          contract: contractRef('cancelOrder'),
        });
      await listed('cancelled', waiting.number);
      ctx.error(
        'createWaitingOrder',
        await world.client.call('createWaitingOrder', { params: { id: waiting.id } }),
        409,
        'not_awaiting_supplier',
        'a cancelled order cannot be created',
      );
    } finally {
      ctx.success(
        'patchWorkspaceSettings',
        await world.client.call('patchWorkspaceSettings', {
          body: {
            create_orders_automatically: before.create_orders_automatically,
            order_changes: { enabled: before.order_changes.enabled },
          },
        }),
        'the settings restored',
      );
    }
  },
};

/** Every check, in the order they run: reads first, writes last. */
export const CHECKS: Check[] = [
  shapes,
  catalogueForms,
  errors,
  permissions,
  objectAccess,
  tokenLifecycle,
  rateLimit,
  idempotency,
  priceAgreement,
  charges,
  chargesToApprove,
  orderChanges,
  approvals,
  deliveryDates,
  orderCreation,
  serviceRules,
  orderContact,
  changeLimits,
  waitingOrders,
];

export { PORTAL };
