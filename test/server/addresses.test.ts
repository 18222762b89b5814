/**
 * The account's delivery and billing addresses (issue 16): the supplier's API and the portal's,
 * one default of each kind, archiving, and checkout's `delivery_address_id` with the copy the
 * order keeps (its detail, the supplier's order API and its PDF).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Address, AddressList, AdminOrderDetail, OrderDetail } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, useServer, type TestServer } from './harness.ts';
import { textOf } from './pdf-tools.ts';

const KITCHEN = {
  kind: 'delivery',
  label: 'Main kitchen',
  name: 'Ana Ruiz',
  line1: 'Calle Mayor 12',
  line2: 'Back door',
  city: 'Madrid',
  region: 'Madrid',
  postal_code: '28013',
  country: 'ES',
  phone: '+34 600 000 001',
} as const;
const WAREHOUSE = {
  kind: 'delivery',
  label: 'Warehouse',
  name: 'Goods in',
  line1: 'Polígono Sur, nave 4',
  city: 'Getafe',
  country: 'ES',
} as const;
const ACCOUNTS = {
  kind: 'billing',
  label: 'Head office',
  name: 'Blue Door Café S.L.',
  line1: 'Gran Vía 1',
  city: 'Madrid',
  postal_code: '28001',
  country: 'ES',
} as const;

const addressesOf = (id: string) => `/api/v1/customers/${encodeURIComponent(id)}/addresses`;

forEachDatabase('addresses', (kind) => {
  const s = useServer(kind);
  /** Two customers of their own, made here: the demo data's customers may have addresses already. */
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let lines: { product_id: string; quantity: number }[];

  const newCustomer = async (server: TestServer, name: string) => {
    const res = await server.admin('/api/v1/customers', { body: { business_name: name } });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    return { id, token: await server.tokenFor(id) };
  };
  const create = async (customerId: string, body: unknown) => {
    s.get().clock.advance(60_000); // "the oldest" is by creation time: the test clock stands still otherwise
    const res = await s.get().admin(addressesOf(customerId), { body });
    assert.equal(res.status, 201, await res.clone().text());
    return Address.parse(await res.json());
  };
  const list = async (customerId: string) => {
    const res = await s.get().admin(addressesOf(customerId));
    assert.equal(res.status, 200);
    return AddressList.parse(await res.json()).items;
  };
  const defaults = (items: Address[]) =>
    items
      .filter((x) => x.is_default)
      .map((x) => `${x.kind}:${x.label}`)
      .sort();
  const checkout = (token: string, body: Record<string, unknown>, key: string) =>
    s.get().request(portal(token, '/orders'), { body: { lines, ...body }, headers: { 'idempotency-key': key } });

  before(async () => {
    const server = s.get();
    a = await newCustomer(server, 'Addresses A');
    b = await newCustomer(server, 'Addresses B');
    const fx = await catalogFor(server, a.id);
    lines = [{ product_id: fx.orderable[0].id, quantity: 2 }];
  });

  describe('the supplier API', () => {
    it('adds addresses: the first of each kind is its default; blanks are null', async () => {
      const kitchen = await create(a.id, KITCHEN);
      assert.equal(kitchen.is_default, true);
      assert.equal(kitchen.line2, 'Back door');
      const warehouse = await create(a.id, { ...WAREHOUSE, region: '  ', phone: null });
      assert.equal(warehouse.is_default, false);
      assert.equal(warehouse.region, null);
      assert.equal(warehouse.line2, null);
      await create(a.id, ACCOUNTS);
      const items = await list(a.id);
      assert.deepEqual(
        items.map((x) => x.label),
        ['Main kitchen', 'Warehouse', 'Head office'],
      );
      assert.deepEqual(defaults(items), ['billing:Head office', 'delivery:Main kitchen']);
    });

    it('moves the default: exactly one per kind', async () => {
      const warehouse = (await list(a.id)).find((x) => x.label === 'Warehouse')!;
      const res = await s.get().admin(`${addressesOf(a.id)}/${warehouse.id}`, {
        method: 'PATCH',
        body: { is_default: true, phone: '+34 600 000 002' },
      });
      assert.equal(res.status, 200, await res.clone().text());
      const changed = Address.parse(await res.json());
      assert.equal(changed.is_default, true);
      assert.equal(changed.phone, '+34 600 000 002');
      assert.deepEqual(defaults(await list(a.id)), ['billing:Head office', 'delivery:Warehouse']);
      // A new default of one kind leaves the other kind's alone.
      await create(a.id, { ...ACCOUNTS, label: 'Branch office', is_default: true });
      assert.deepEqual(defaults(await list(a.id)), ['billing:Branch office', 'delivery:Warehouse']);
    });

    it('archives: gone from the list; a default hands over to the oldest left; the last leaves none', async () => {
      const items = await list(a.id);
      const branch = items.find((x) => x.label === 'Branch office')!;
      const res = await s.get().admin(`${addressesOf(a.id)}/${branch.id}`, { method: 'DELETE' });
      assert.equal(res.status, 204);
      const after = await list(a.id);
      assert.equal(
        after.find((x) => x.id === branch.id),
        undefined,
      );
      assert.deepEqual(defaults(after), ['billing:Head office', 'delivery:Warehouse']);
      const again = await s.get().admin(`${addressesOf(a.id)}/${branch.id}`, { method: 'DELETE' });
      assert.equal(again.status, 404);

      const lone = await create(b.id, ACCOUNTS);
      assert.equal((await s.get().admin(`${addressesOf(b.id)}/${lone.id}`, { method: 'DELETE' })).status, 204);
      assert.deepEqual(await list(b.id), []);
    });

    it('refuses bad input with 400 and names the field', async () => {
      const cases: [unknown, string][] = [
        [{ ...KITCHEN, country: 'Spain' }, 'body.country'],
        [{ ...KITCHEN, country: 'ZZ' }, 'body.country'],
        [{ ...KITCHEN, country: 'es' }, 'body.country'],
        [{ ...KITCHEN, line1: '   ' }, 'body.line1'],
        [{ ...KITCHEN, kind: 'shipping' }, 'body.kind'],
        [{ ...KITCHEN, label: 'x'.repeat(101) }, 'body.label'],
        [{ ...KITCHEN, surprise: 1 }, 'body'],
      ];
      for (const [body, path] of cases) {
        const res = await s.get().admin(addressesOf(a.id), { body });
        assert.equal(res.status, 400, JSON.stringify(body));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.ok(
          (error.details as { path: string }[]).some((d) => d.path === path || d.path.startsWith(`${path}.`)),
          `${path}: ${JSON.stringify(error.details)}`,
        );
      }
      const some = (await list(a.id))[0];
      const unset = await s.get().admin(`${addressesOf(a.id)}/${some.id}`, {
        method: 'PATCH',
        body: { is_default: false },
      });
      assert.equal(unset.status, 400);
      const kind = await s.get().admin(`${addressesOf(a.id)}/${some.id}`, {
        method: 'PATCH',
        body: { kind: 'billing' },
      });
      assert.equal(kind.status, 400);
    });

    it("404s: an unknown customer, and another customer's address under this one", async () => {
      const missing = await s.get().admin(addressesOf('no-such-customer'));
      assert.equal(missing.status, 404);
      assert.equal((await errorOf(missing)).code, 'not_found');
      const bAddress = await create(b.id, WAREHOUSE);
      for (const method of ['PATCH', 'DELETE']) {
        const res = await s.get().admin(`${addressesOf(a.id)}/${bAddress.id}`, {
          method,
          body: method === 'PATCH' ? { label: 'Mine now' } : undefined,
        });
        assert.equal(res.status, 404, method);
      }
      assert.equal((await list(b.id))[0].label, 'Warehouse');
    });
  });

  describe('the portal API', () => {
    it("lists the account's addresses and manages them with place_orders", async () => {
      const server = s.get();
      const res = await server.request(portal(a.token, '/addresses'));
      assert.equal(res.status, 200);
      assert.deepEqual(
        AddressList.parse(await res.json()).items.map((x) => x.label),
        (await list(a.id)).map((x) => x.label),
      );
      server.clock.advance(60_000);
      const made = await server.request(portal(a.token, '/addresses'), {
        body: { ...KITCHEN, label: 'Terrace bar', is_default: true },
      });
      assert.equal(made.status, 201, await made.clone().text());
      const terrace = Address.parse(await made.json());
      assert.deepEqual(defaults(await list(a.id)), ['billing:Head office', 'delivery:Terrace bar']);
      const renamed = await server.request(portal(a.token, `/addresses/${terrace.id}`), {
        method: 'PATCH',
        body: { label: 'Roof terrace' },
      });
      assert.equal(renamed.status, 200);
      assert.equal(Address.parse(await renamed.json()).label, 'Roof terrace');
      const archived = await server.request(portal(a.token, `/addresses/${terrace.id}`), { method: 'DELETE' });
      assert.equal(archived.status, 204);
      assert.deepEqual(defaults(await list(a.id)), ['billing:Head office', 'delivery:Main kitchen']);
    });

    it('a link without place_orders reads the addresses but cannot change them (403)', async () => {
      const server = s.get();
      const viewer = await server.tokenFor(a.id, { place_orders: false });
      assert.equal((await server.request(portal(viewer, '/addresses'))).status, 200);
      const some = (await list(a.id))[0];
      const attempts = [
        server.request(portal(viewer, '/addresses'), { body: KITCHEN }),
        server.request(portal(viewer, `/addresses/${some.id}`), { method: 'PATCH', body: { label: 'No' } }),
        server.request(portal(viewer, `/addresses/${some.id}`), { method: 'DELETE' }),
      ];
      for (const res of await Promise.all(attempts)) {
        assert.equal(res.status, 403);
        assert.equal((await errorOf(res)).code, 'permission_denied');
      }
      assert.equal((await list(a.id))[0].label, some.label);
    });

    it("another customer's address is not found through this link", async () => {
      const server = s.get();
      const bAddress = (await list(b.id))[0];
      const res = await server.request(portal(a.token, `/addresses/${bAddress.id}`), {
        method: 'PATCH',
        body: { label: 'Mine now' },
      });
      assert.equal(res.status, 404);
      assert.equal(
        (await server.request(portal(a.token, `/addresses/${bAddress.id}`), { method: 'DELETE' })).status,
        404,
      );
      assert.equal((await list(b.id))[0].label, 'Warehouse');
    });
  });

  describe('checkout', () => {
    it('without delivery_address_id the order goes to the default delivery address, copied', async () => {
      const res = await checkout(a.token, {}, 'addr-default');
      assert.equal(res.status, 201, await res.clone().text());
      const order = OrderDetail.parse(await res.json());
      const kitchen = (await list(a.id)).find((x) => x.label === 'Main kitchen')!;
      assert.equal(kitchen.is_default, true);
      assert.deepEqual(order.delivery_address, {
        address_id: kitchen.id,
        label: 'Main kitchen',
        name: 'Ana Ruiz',
        line1: 'Calle Mayor 12',
        line2: 'Back door',
        city: 'Madrid',
        region: 'Madrid',
        postal_code: '28013',
        country: 'ES',
        phone: '+34 600 000 001',
      });
    });

    it('with delivery_address_id the order goes there; the portal, the supplier API and the PDF show it', async () => {
      const server = s.get();
      const warehouse = (await list(a.id)).find((x) => x.label === 'Warehouse')!;
      assert.equal(warehouse.is_default, false);
      const res = await checkout(a.token, { delivery_address_id: warehouse.id }, 'addr-chosen');
      assert.equal(res.status, 201, await res.clone().text());
      const placed = OrderDetail.parse(await res.json());
      assert.equal(placed.delivery_address?.address_id, warehouse.id);

      const read = OrderDetail.parse(await (await server.request(portal(a.token, `/orders/${placed.id}`))).json());
      assert.equal(read.delivery_address?.line1, 'Polígono Sur, nave 4');
      const admin = AdminOrderDetail.parse(await (await server.admin(`/api/v1/orders/${placed.id}`)).json());
      assert.equal(admin.delivery_address?.label, 'Warehouse');

      const pdf = await server.request(portal(a.token, `/orders/${placed.id}/pdf`));
      assert.equal(pdf.status, 200);
      const text = textOf(new Uint8Array(await pdf.arrayBuffer()));
      for (const part of ['Deliver to', 'Warehouse', 'Goods in', 'Polígono Sur, nave 4', 'Getafe', 'Spain'])
        assert.ok(text.includes(part), `"${part}" not in the PDF: ${text.slice(0, 400)}`);
    });

    it('the order keeps its copy when the address is edited or archived later', async () => {
      const server = s.get();
      const kitchen = (await list(a.id)).find((x) => x.label === 'Main kitchen')!;
      const res = await checkout(a.token, { delivery_address_id: kitchen.id }, 'addr-snapshot');
      const placed = OrderDetail.parse(await res.json());
      const edit = await server.admin(`${addressesOf(a.id)}/${kitchen.id}`, {
        method: 'PATCH',
        body: { line1: 'Calle Nueva 99', city: 'Toledo' },
      });
      assert.equal(edit.status, 200);
      const after = OrderDetail.parse(await (await server.request(portal(a.token, `/orders/${placed.id}`))).json());
      assert.equal(after.delivery_address?.line1, 'Calle Mayor 12');
      assert.equal(after.delivery_address?.city, 'Madrid');
      const text = textOf(
        new Uint8Array(await (await server.request(portal(a.token, `/orders/${placed.id}/pdf`))).arrayBuffer()),
      );
      assert.ok(text.includes('Calle Mayor 12') && !text.includes('Calle Nueva 99'), text.slice(0, 400));
      // The replay of the same key answers the order as placed, with its copy.
      const replay = OrderDetail.parse(
        await (await checkout(a.token, { delivery_address_id: kitchen.id }, 'addr-snapshot')).json(),
      );
      assert.equal(replay.delivery_address?.line1, 'Calle Mayor 12');
    });

    it("refuses (422 unknown_address) an archived, a billing, another customer's or an unknown address, and places nothing", async () => {
      const server = s.get();
      const archived = await create(a.id, { ...WAREHOUSE, label: 'Old site' });
      await server.admin(`${addressesOf(a.id)}/${archived.id}`, { method: 'DELETE' });
      const billing = (await list(a.id)).find((x) => x.kind === 'billing')!;
      const foreign = (await list(b.id))[0];
      const count = async () =>
        Number(
          (
            await server.db.kysely
              .selectFrom('orders')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('customer_id', '=', a.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      for (const [name, id] of [
        ['archived', archived.id],
        ['billing', billing.id],
        ['foreign', foreign.id],
        ['unknown', 'no-such-address'],
      ]) {
        const res = await checkout(a.token, { delivery_address_id: id }, `addr-bad-${name}`);
        assert.equal(res.status, 422, name);
        const error = await errorOf(res);
        assert.equal(error.code, 'unknown_address', name);
        assert.deepEqual(error.details, [{ path: 'body.delivery_address_id', message: 'unknown delivery address' }]);
      }
      assert.equal(await count(), before);
    });

    it('an account without delivery addresses orders as before: no address on the order', async () => {
      const c = await newCustomer(s.get(), 'Addresses C');
      const res = await checkout(c.token, {}, 'addr-none');
      assert.equal(res.status, 201, await res.clone().text());
      assert.equal(OrderDetail.parse(await res.json()).delivery_address, null);
    });
  });

  describe("the supplier's order entry (POST /api/v1/orders)", () => {
    const enter = (customerId: string, extra: Record<string, unknown> = {}) =>
      s.get().admin('/api/v1/orders', { body: { customer_id: customerId, channel: 'phone', lines, ...extra } });
    const entered = async (res: Response) => {
      assert.equal(res.status, 201, await res.clone().text());
      return AdminOrderDetail.parse(await res.json());
    };
    /** The copy an order keeps of an address, as checkout makes it. */
    const copyOf = ({ id, label, name, line1, line2, city, region, postal_code, country, phone }: Address) => ({
      address_id: id,
      label,
      name,
      line1,
      line2,
      city,
      region,
      postal_code,
      country,
      phone,
    });

    it("without delivery_address_id the order goes to the customer's default delivery address; the portal shows the copy", async () => {
      const kitchen = (await list(a.id)).find((x) => x.kind === 'delivery' && x.is_default)!;
      const order = await entered(await enter(a.id));
      assert.deepEqual(order.delivery_address, copyOf(kitchen));
      const seen = OrderDetail.parse(await (await s.get().request(portal(a.token, `/orders/${order.id}`))).json());
      assert.deepEqual(seen.delivery_address, copyOf(kitchen));
    });

    it('with delivery_address_id it goes there, and keeps its copy when the address changes', async () => {
      const warehouse = (await list(a.id)).find((x) => x.label === 'Warehouse')!;
      const order = await entered(await enter(a.id, { delivery_address_id: warehouse.id }));
      assert.deepEqual(order.delivery_address, copyOf(warehouse));
      const edit = await s.get().admin(`${addressesOf(a.id)}/${warehouse.id}`, {
        method: 'PATCH',
        body: { line1: 'Nave 9' },
      });
      assert.equal(edit.status, 200);
      const after = AdminOrderDetail.parse(await (await s.get().admin(`/api/v1/orders/${order.id}`)).json());
      assert.equal(after.delivery_address?.line1, warehouse.line1);
    });

    it("refuses (422 unknown_address, naming the field) an archived, a billing, another customer's or an unknown address, and enters nothing", async () => {
      const server = s.get();
      const archived = await create(a.id, { ...WAREHOUSE, label: 'Closed site' });
      await server.admin(`${addressesOf(a.id)}/${archived.id}`, { method: 'DELETE' });
      const billing = (await list(a.id)).find((x) => x.kind === 'billing')!;
      const foreign = (await list(b.id))[0];
      const orders = async () =>
        (await server.db.kysely.selectFrom('orders').select('id').where('customer_id', '=', a.id).execute()).length;
      const before = await orders();
      for (const [name, id] of [
        ['archived', archived.id],
        ['billing', billing.id],
        ['foreign', foreign.id],
        ['unknown', 'no-such-address'],
      ]) {
        const res = await enter(a.id, { delivery_address_id: id });
        assert.equal(res.status, 422, name);
        const error = await errorOf(res);
        assert.equal(error.code, 'unknown_address', name);
        assert.deepEqual(error.details, [{ path: 'body.delivery_address_id', message: 'unknown delivery address' }]);
      }
      assert.equal(await orders(), before);
    });

    it('a customer without delivery addresses: no address on the order, as before', async () => {
      const d = await newCustomer(s.get(), 'Addresses D');
      assert.equal((await entered(await enter(d.id))).delivery_address, null);
    });
  });
});
