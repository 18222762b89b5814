/**
 * Ids are opaque strings (issue 20): a backend's ids need not be UUIDs. The reference server
 * stores them as text and reads a document key by id first, then by number.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OrderDetail, OrderList } from '../../widget/contract/index.ts';
import { errorOf, forEachDatabase, portal, useServer } from './harness.ts';

forEachDatabase('opaque ids', (kind) => {
  const s = useServer(kind);

  describe('orders whose ids are not UUIDs', () => {
    it('read by their id (C-000123, 42, an id with a slash and a space) and by their number; an unknown key is 404', async () => {
      const server = s.get();
      const db = server.db.kysely;
      const customer = server.customers[0];
      const token = await server.tokenFor(customer.id);
      const get = (key: string) => server.request(portal(token, `/orders/${encodeURIComponent(key)}`));
      const mine = OrderList.parse(await (await server.request(portal(token, '/orders'))).json()).items.find(
        (o) => !o.is_draft,
      )!;
      const row = await db.selectFrom('orders').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
      const cases = [
        ['C-000123', 'SO-2026-9901'],
        ['42', 'SO-2026-9902'],
        ['ACME/7 b', 'SO-2026-9903'],
      ] as const;
      for (const [id, number] of cases) {
        await db
          .insertInto('orders')
          .values({ ...row, id, number })
          .execute();
        const res = await get(id);
        assert.equal(res.status, 200, id);
        const detail = OrderDetail.parse(await res.json());
        assert.deepEqual([detail.id, detail.number], [id, number]);
        assert.deepEqual(OrderDetail.parse(await (await get(number)).json()), detail, number);
      }
      const listed = OrderList.parse(await (await server.request(portal(token, '/orders?limit=50'))).json()).items.map(
        (o) => o.id,
      );
      for (const [id] of cases) assert.ok(listed.includes(id), `${id} is listed`);
      for (const unknown of ['C-000124', '43', 'SO-2026-9999']) {
        const res = await get(unknown);
        assert.equal(res.status, 404, unknown);
        assert.equal((await errorOf(res)).code, 'not_found');
      }
    });

    it("a key that is one order's id and another's number names the order with that id", async () => {
      const server = s.get();
      const db = server.db.kysely;
      const token = await server.tokenFor(server.customers[0].id);
      const mine = OrderList.parse(await (await server.request(portal(token, '/orders'))).json()).items.find(
        (o) => !o.is_draft,
      )!;
      const row = await db.selectFrom('orders').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
      // Inserted in this order so that a lookup by number alone would find the first.
      await db
        .insertInto('orders')
        .values({ ...row, id: 'X-1', number: 'SO-2026-9911' })
        .execute();
      await db
        .insertInto('orders')
        .values({ ...row, id: 'SO-2026-9911', number: 'SO-2026-9912' })
        .execute();
      const res = await server.request(portal(token, '/orders/SO-2026-9911'));
      assert.equal(res.status, 200);
      assert.equal(OrderDetail.parse(await res.json()).id, 'SO-2026-9911');
    });
  });
});
