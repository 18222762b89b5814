/**
 * People on a company account (issue 16): the admin API, links that belong to a person, roles as
 * presets of the permissions (a role × endpoint matrix drawn from the endpoint registry), who
 * placed an order, "my orders", and the account Admins' People section in the portal.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import {
  AccountPersonList,
  AdminOrderDetail,
  CreatedToken,
  InvitedPerson,
  OrderDetail,
  OrderList,
  Person,
  PersonList,
  ROLES,
  ROLE_PERMISSIONS,
  Session,
  TokenList,
  endpoints,
  requiredPermissions,
  type Endpoint,
  type Role,
} from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const people = (customerId: string) => `/api/v1/customers/${customerId}/people`;

async function addPerson(server: TestServer, customerId: string, body: Record<string, unknown>) {
  const res = await server.admin(people(customerId), { body });
  assert.equal(res.status, 201, await res.clone().text());
  return Person.parse(await res.json());
}

async function linkFor(server: TestServer, customerId: string, personId: string | null, permissions = {}) {
  const res = await server.admin('/api/v1/customer-portal/tokens', {
    body: { client_id: customerId, person_id: personId, permissions },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return CreatedToken.parse(await res.json());
}

/** A person of this role with a link of every permission. */
async function personWithLink(server: TestServer, customerId: string, role: Role, name = `A ${role}`) {
  const person = await addPerson(server, customerId, { name, email: `${role}@people.test`, role });
  const link = await linkFor(server, customerId, person.id);
  return { person, token: link.token, link };
}

let keys = 0;
async function placeOrder(server: TestServer, token: string, customerId: string) {
  const fx = await catalogFor(server, customerId);
  return server.request(portal(token, '/orders'), {
    body: { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] },
    headers: { 'idempotency-key': `people-${++keys}` },
  });
}

/** A request an endpoint could be sent: placeholders in the path, an empty body where it takes one. */
function probe(server: TestServer, endpoint: Endpoint, token: string) {
  const path = endpoint.path.replace('/api/v1/customer-portal/view/{token}', '').replace(/\{\w+\}/g, UNKNOWN_ID);
  return server.request(portal(token, path), {
    method: endpoint.method.toUpperCase(),
    body: endpoint.method === 'get' || endpoint.method === 'delete' ? undefined : {},
  });
}

const PORTAL_ENDPOINTS = Object.entries(endpoints as Record<string, Endpoint>).filter(([, e]) => e.auth === 'portal');

forEachDatabase('people on a company account', (kind) => {
  describe('admin API', () => {
    const s = useServer(kind);

    it('adds, lists, changes and removes people of a customer', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const ana = await addPerson(server, customer.id, {
        name: '  Ana Ruiz ',
        email: 'ana@bluedoor.test',
        role: 'admin',
        language: 'es',
        phone: '+34 600 000 000',
      });
      assert.deepEqual(
        { ...ana, id: undefined, created_at: undefined },
        {
          id: undefined,
          customer_id: customer.id,
          name: 'Ana Ruiz',
          email: 'ana@bluedoor.test',
          language: 'es',
          role: 'admin',
          phone: '+34 600 000 000',
          created_at: undefined,
          last_active_at: null,
          spending_limit_minor: null,
          spending_period: 'month',
          emails: { order_placed: true, approval_needed: true, approval_outcome: true, shipped: true },
          default_delivery_address_id: null,
        },
      );
      const ben = await addPerson(server, customer.id, { name: 'Ben', email: 'ben@bluedoor.test', role: 'buyer' });
      assert.equal(ben.language, null);
      assert.equal(ben.phone, null);

      const listed = PersonList.parse(await (await server.admin(people(customer.id))).json());
      assert.deepEqual(
        listed.items.filter((p) => [ana.id, ben.id].includes(p.id)).map((p) => p.name),
        ['Ana Ruiz', 'Ben'],
      );

      const patched = await server.admin(`${people(customer.id)}/${ben.id}`, {
        method: 'PATCH',
        body: { role: 'finance', phone: null, name: 'Ben Okafor' },
      });
      assert.equal(patched.status, 200);
      assert.deepEqual({ ...Person.parse(await patched.json()) }, { ...ben, role: 'finance', name: 'Ben Okafor' });

      const removed = await server.admin(`${people(customer.id)}/${ben.id}`, { method: 'DELETE' });
      assert.equal(removed.status, 204);
      assert.equal((await server.admin(`${people(customer.id)}/${ben.id}`, { method: 'DELETE' })).status, 204);
      const after = PersonList.parse(await (await server.admin(people(customer.id))).json());
      assert.ok(!after.items.some((p) => p.id === ben.id), 'a removed person is not listed');
      const patchRemoved = await server.admin(`${people(customer.id)}/${ben.id}`, {
        method: 'PATCH',
        body: { role: 'admin' },
      });
      assert.equal(patchRemoved.status, 404);
    });

    it("answers 404 for an unknown customer and for another customer's person, 400 for a bad role", async () => {
      const server = s.get();
      const [first, second] = server.customers;
      assert.equal((await server.admin(people(UNKNOWN_ID))).status, 404);
      const res = await server.admin(people(UNKNOWN_ID), { body: { name: 'X', email: 'x@x.test', role: 'buyer' } });
      assert.equal(res.status, 404);
      const theirs = await addPerson(server, second.id, { name: 'Theirs', email: 't@x.test', role: 'buyer' });
      const cross = await server.admin(`${people(first.id)}/${theirs.id}`, {
        method: 'PATCH',
        body: { role: 'admin' },
      });
      assert.equal(cross.status, 404);
      assert.equal((await server.admin(`${people(first.id)}/${theirs.id}`, { method: 'DELETE' })).status, 404);
      const bad = await server.admin(people(first.id), { body: { name: 'X', email: 'x@x.test', role: 'owner' } });
      assert.equal(bad.status, 400);
      assert.equal((await errorOf(bad)).code, 'validation_failed');
    });

    it("makes a link for one of the customer's people, and refuses another customer's or a removed one (422)", async () => {
      const server = s.get();
      const [first, second] = server.customers;
      const mine = await addPerson(server, first.id, { name: 'Mine', email: 'm@x.test', role: 'viewer' });
      const link = await linkFor(server, first.id, mine.id);
      assert.equal(link.person_id, mine.id);
      const listed = TokenList.parse(
        await (await server.admin(`/api/v1/customer-portal/tokens?client_id=${first.id}`)).json(),
      );
      assert.equal(listed.items.find((t) => t.id === link.id)?.person_id, mine.id);
      assert.equal((await linkFor(server, first.id, null)).person_id, null);

      const theirs = await addPerson(server, second.id, { name: 'Theirs', email: 't@x.test', role: 'buyer' });
      for (const personId of [theirs.id, UNKNOWN_ID]) {
        const res = await server.admin('/api/v1/customer-portal/tokens', {
          body: { client_id: first.id, person_id: personId },
        });
        assert.equal(res.status, 422);
        assert.equal((await errorOf(res)).code, 'unknown_person');
      }
      await server.admin(`${people(first.id)}/${mine.id}`, { method: 'DELETE' });
      const removed = await server.admin('/api/v1/customer-portal/tokens', {
        body: { client_id: first.id, person_id: mine.id },
      });
      assert.equal(removed.status, 422);
    });
  });

  describe('roles in the portal', () => {
    const s = useServer(kind);

    it('the session names the person and their permissions as narrowed by the role', async () => {
      const server = s.get();
      const customer = server.customers[0];
      for (const role of ROLES) {
        const { person, token } = await personWithLink(server, customer.id, role, `Person ${role}`);
        const session = Session.parse(await (await server.request(portal(token, '/session'))).json());
        assert.deepEqual(session.person, {
          id: person.id,
          name: `Person ${role}`,
          role,
          language: null,
          default_delivery_address_id: null,
        });
        const granted = Object.entries(session.permissions)
          .filter(([, on]) => on)
          .map(([p]) => p);
        assert.deepEqual(granted.sort(), [...ROLE_PERMISSIONS[role]].sort(), role);
      }
    });

    it('a link without a person keeps its own permissions, as before people existed', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const full = await linkFor(server, customer.id, null);
      const fullSession = Session.parse(await (await server.request(portal(full.token, '/session'))).json());
      assert.equal(fullSession.person, null);
      assert.ok(Object.values(fullSession.permissions).every(Boolean));
      const narrow = await linkFor(server, customer.id, null, { place_orders: false });
      const narrowSession = Session.parse(await (await server.request(portal(narrow.token, '/session'))).json());
      assert.equal(narrowSession.permissions.place_orders, false);
      assert.equal(narrowSession.permissions.view_invoices, true);
    });

    it("a person's link may do only what both the link and the role allow", async () => {
      const server = s.get();
      const customer = server.customers[0];
      const person = await addPerson(server, customer.id, { name: 'Nora', email: 'n@x.test', role: 'buyer' });
      const link = await linkFor(server, customer.id, person.id, { view_orders: false });
      const session = Session.parse(await (await server.request(portal(link.token, '/session'))).json());
      assert.equal(session.permissions.place_orders, true);
      assert.equal(session.permissions.view_orders, false, "the link's own refusal stands");
      assert.equal(session.permissions.view_invoices, false, "the role's refusal applies");
    });

    // The matrix: every portal endpoint of the registry, for every role. What a role may use follows
    // from its preset and the endpoint's needs; the fixed expectations below check the preset itself.
    it('every portal endpoint answers 403 permission_denied exactly to the roles that lack what it needs', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const tokens = Object.fromEntries(
        await Promise.all(ROLES.map(async (role) => [role, (await personWithLink(server, customer.id, role)).token])),
      ) as Record<Role, string>;
      const refused: Record<Role, string[]> = { admin: [], buyer: [], viewer: [], finance: [] };
      for (const [name, endpoint] of PORTAL_ENDPOINTS) {
        for (const role of ROLES) {
          const res = await probe(server, endpoint, tokens[role]);
          const preset: readonly string[] = ROLE_PERMISSIONS[role];
          const allowed =
            requiredPermissions(endpoint).every((p) => preset.includes(p)) &&
            (!endpoint.accountAdmin || role === 'admin');
          const denied = res.status === 403 && (await errorOf(res.clone())).code === 'permission_denied';
          assert.equal(denied, !allowed, `${role} ${name}: ${res.status} ${await res.text()}`);
          if (denied) refused[role].push(name);
        }
      }
      const writes = PORTAL_ENDPOINTS.filter(([, e]) => e.method !== 'get').map(([name]) => name);
      assert.ok(writes.length >= 8, 'the registry has the portal writes');
      assert.deepEqual(refused.admin, [], 'an Admin does everything');
      // Nothing but their own profile (issue 16: each person edits theirs).
      assert.deepEqual(
        writes.filter((name) => !refused.viewer.includes(name)),
        ['patchProfile'],
        'a Viewer changes nothing of the account',
      );
      for (const name of ['placeOrder', 'updateOrder', 'cancelOrder', 'acceptQuote', 'declineQuote'])
        assert.ok(refused.finance.includes(name), `Finance does not order: ${name}`);
      for (const name of ['listInvoices', 'getInvoice', 'listPayments', 'getDashboard'])
        assert.ok(!refused.finance.includes(name), `Finance reads ${name}`);
      for (const name of ['placeOrder', 'updateOrder', 'cancelOrder', 'acceptQuote', 'listOrders'])
        assert.ok(!refused.buyer.includes(name), `a Buyer orders: ${name}`);
      for (const name of ['listAccountPeople', 'invitePerson', 'changePersonRole', 'removePerson'])
        assert.ok(refused.buyer.includes(name) && refused.finance.includes(name), `only Admins manage people: ${name}`);
    });

    it('a Viewer cannot place an order, a Buyer can; a new role applies from the next request', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const { person, token } = await personWithLink(server, customer.id, 'viewer', 'Vera');
      const refused = await placeOrder(server, token, customer.id);
      assert.equal(refused.status, 403);
      assert.equal((await errorOf(refused)).code, 'permission_denied');

      const promoted = await server.admin(`${people(customer.id)}/${person.id}`, {
        method: 'PATCH',
        body: { role: 'buyer' },
      });
      assert.equal(promoted.status, 200);
      const placed = await placeOrder(server, token, customer.id);
      assert.equal(placed.status, 201, await placed.clone().text());

      await server.admin(`${people(customer.id)}/${person.id}`, { method: 'PATCH', body: { role: 'finance' } });
      const again = await placeOrder(server, token, customer.id);
      assert.equal(again.status, 403);
    });

    it("a removed person's links stop working at once (401) and are revoked", async () => {
      const server = s.get();
      const customer = server.customers[0];
      const { person, token, link } = await personWithLink(server, customer.id, 'buyer', 'Gone');
      assert.equal((await server.request(portal(token, '/session'))).status, 200);
      assert.equal((await server.admin(`${people(customer.id)}/${person.id}`, { method: 'DELETE' })).status, 204);
      const res = await server.request(portal(token, '/session'));
      assert.equal(res.status, 401);
      assert.equal((await errorOf(res)).code, 'invalid_token');
      const listed = TokenList.parse(
        await (await server.admin(`/api/v1/customer-portal/tokens?client_id=${customer.id}`)).json(),
      );
      assert.ok(listed.items.find((t) => t.id === link.id)?.revoked_at, 'the link is revoked');
    });
  });

  describe('who placed an order', () => {
    const s = useServer(kind);

    it('records the person on the order, its record and its change requests; the supplier sees it', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const { person, token } = await personWithLink(server, customer.id, 'buyer', 'Ana Ruiz');
      const res = await placeOrder(server, token, customer.id);
      assert.equal(res.status, 201);
      const order = OrderDetail.parse(await res.json());
      assert.deepEqual(order.placed_by, { id: person.id, name: 'Ana Ruiz' });
      assert.equal(order.history[0].actor_name, 'Ana Ruiz');

      const admin = AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${order.id}`)).json());
      assert.deepEqual(admin.placed_by, { id: person.id, name: 'Ana Ruiz' });

      const cancel = await server.request(portal(token, `/orders/${order.id}/cancel`), { body: {} });
      assert.equal(cancel.status, 200, await cancel.clone().text());
      const cancelled = OrderDetail.parse(await cancel.json());
      assert.deepEqual(cancelled.requests[0].requested_by, { id: person.id, name: 'Ana Ruiz' });

      // Removed, the person's name stays on what they placed.
      await server.admin(`${people(customer.id)}/${person.id}`, { method: 'DELETE' });
      const later = AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${order.id}`)).json());
      assert.deepEqual(later.placed_by, { id: person.id, name: 'Ana Ruiz' });
    });

    it("an order from the account's own link names no person", async () => {
      const server = s.get();
      const customer = server.customers[0];
      const own = await linkFor(server, customer.id, null);
      const order = OrderDetail.parse(await (await placeOrder(server, own.token, customer.id)).json());
      assert.equal(order.placed_by, null);
      assert.equal(order.history[0].actor_name, customer.business_name);
    });

    it('"my orders" lists only the link\'s person\'s orders, page by page', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const { token } = await personWithLink(server, customer.id, 'buyer', 'Mia');
      const other = await personWithLink(server, customer.id, 'buyer', 'Leo');
      const mine: string[] = [];
      for (let i = 0; i < 3; i++) {
        mine.unshift(OrderDetail.parse(await (await placeOrder(server, token, customer.id)).json()).id);
        server.clock.advance(1000);
        await placeOrder(server, other.token, customer.id);
        server.clock.advance(1000);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?placed_by=me&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await server.request(portal(token, `/orders${query}`));
        assert.equal(res.status, 200);
        const page = OrderList.parse(await res.json());
        seen.push(...page.items.map((o) => o.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(seen, mine);

      // The whole list (cached per customer) still holds everyone's, and "mine" is not served from it.
      const all = OrderList.parse(await (await server.request(portal(token, '/orders'))).json());
      assert.ok(all.items.length > 3);
      const first = OrderList.parse(await (await server.request(portal(token, '/orders?placed_by=me'))).json());
      assert.deepEqual(
        first.items.map((o) => o.id),
        mine,
      );

      const own = await linkFor(server, customer.id, null);
      const refused = await server.request(portal(own.token, '/orders?placed_by=me'));
      assert.equal(refused.status, 422);
      assert.equal((await errorOf(refused)).code, 'unknown_person');
    });
  });

  describe("the account Admins' People section", () => {
    const s = useServer(kind);

    it('an Admin lists, invites (a link is emailed), changes roles and removes people', async () => {
      const server = s.get();
      const customer = server.customers[1];
      const { person: admin, token } = await personWithLink(server, customer.id, 'admin', 'Ana Admin');
      const before = AccountPersonList.parse(await (await server.request(portal(token, '/people'))).json());
      assert.deepEqual(
        before.items.filter((p) => p.is_you).map((p) => p.id),
        [admin.id],
      );

      const invited = await server.request(portal(token, '/people'), {
        body: { name: 'Ben Buyer', email: 'ben@bluedoor.test', role: 'buyer' },
      });
      assert.equal(invited.status, 201, await invited.clone().text());
      const ben = InvitedPerson.parse(await invited.json());
      assert.equal(ben.emailed, true);
      assert.equal(ben.role, 'buyer');
      // The link reached the outbox, made for Ben and greeting him.
      const outbox = join(server.dataDir, 'outbox');
      const mails = await Promise.all(readdirSync(outbox).map((f) => simpleParser(readFileSync(join(outbox, f)))));
      const mail = mails.find((m) => m.text?.includes('Hello Ben Buyer,'));
      assert.ok(mail, `an invitation was written: ${mails.map((m) => m.subject).join(', ')}`);
      const url = /#portal_token=(cpt_[\w-]+)/.exec(mail.text ?? '')?.[1];
      assert.ok(url, 'the invitation holds a link');
      const benSession = Session.parse(await (await server.request(portal(url, '/session'))).json());
      assert.deepEqual(benSession.person, {
        id: ben.id,
        name: 'Ben Buyer',
        role: 'buyer',
        language: null,
        default_delivery_address_id: null,
      });

      const changed = await server.request(portal(token, `/people/${ben.id}`), {
        method: 'PATCH',
        body: { role: 'viewer' },
      });
      assert.equal(changed.status, 200);
      const viewerSession = Session.parse(await (await server.request(portal(url, '/session'))).json());
      assert.equal(viewerSession.permissions.place_orders, false);

      const self = await server.request(portal(token, `/people/${admin.id}`), {
        method: 'PATCH',
        body: { role: 'viewer' },
      });
      assert.equal(self.status, 409);
      assert.equal((await server.request(portal(token, `/people/${admin.id}`), { method: 'DELETE' })).status, 409);

      const removed = await server.request(portal(token, `/people/${ben.id}`), { method: 'DELETE' });
      assert.equal(removed.status, 204);
      assert.equal((await server.request(portal(url, '/session'))).status, 401);
      const after = AccountPersonList.parse(await (await server.request(portal(token, '/people'))).json());
      assert.ok(!after.items.some((p) => p.id === ben.id));
    });

    it("another account's person is not found; the account's own link manages people too", async () => {
      const server = s.get();
      const [first, second] = server.customers;
      const theirs = await addPerson(server, second.id, { name: 'Theirs', email: 't@x.test', role: 'buyer' });
      const own = await linkFor(server, first.id, null);
      const list = await server.request(portal(own.token, '/people'));
      assert.equal(list.status, 200);
      const res = await server.request(portal(own.token, `/people/${theirs.id}`), {
        method: 'PATCH',
        body: { role: 'admin' },
      });
      assert.equal(res.status, 404);
      assert.equal((await server.request(portal(own.token, `/people/${theirs.id}`), { method: 'DELETE' })).status, 404);
    });

    it("last active is the last use of any of the person's links", async () => {
      const server = s.get();
      const customer = server.customers[0];
      const { person, token } = await personWithLink(server, customer.id, 'buyer', 'Lia');
      server.clock.set('2026-06-16T08:00:00.000Z');
      await server.request(portal(token, '/session'));
      const listed = PersonList.parse(await (await server.admin(people(customer.id))).json());
      assert.equal(listed.items.find((p) => p.id === person.id)?.last_active_at, '2026-06-16T08:00:00.000Z');
    });
  });
});
