/**
 * Order approvals and spending limits on a company account (issue 16): the account's rule, each
 * Buyer's limit per calendar week or month, the Admins' approve and reject, the mails.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  AccountSettings,
  ActivityList,
  AwaitingOrderList,
  CreatedToken,
  OrderDetail,
  Person,
  type Role,
} from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { databaseKinds, errorOf, forEachDatabase, portal, startServer, useServer, type TestServer } from './harness.ts';

async function addPerson(server: TestServer, customerId: string, role: Role, extra: Record<string, unknown> = {}) {
  const res = await server.admin(`/api/v1/customers/${customerId}/people`, {
    body: { name: `A ${role}`, email: `${role}@approvals.test`, role, ...extra },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const person = Person.parse(await res.json());
  const link = await server.admin('/api/v1/customer-portal/tokens', {
    body: { client_id: customerId, person_id: person.id },
  });
  assert.equal(link.status, 201);
  return { person, token: CreatedToken.parse(await link.json()).token };
}

async function setLimit(server: TestServer, customerId: string, personId: string, body: Record<string, unknown>) {
  const res = await server.admin(`/api/v1/customers/${customerId}/people/${personId}`, { method: 'PATCH', body });
  assert.equal(res.status, 200, await res.clone().text());
  return Person.parse(await res.json());
}

async function setRule(server: TestServer, customerId: string, approval: Record<string, unknown>) {
  const res = await server.admin(`/api/v1/customers/${customerId}`, {
    method: 'PATCH',
    body: { approval, credit_limit_minor: 0 },
  });
  assert.equal(res.status, 200, await res.clone().text());
}

let keys = 0;
async function order(server: TestServer, token: string, customerId: string, quantity = 1) {
  const fx = await catalogFor(server, customerId);
  const res = await server.request(portal(token, '/orders'), {
    body: { lines: [{ product_id: fx.orderable[0].id, quantity }] },
    headers: { 'idempotency-key': `approvals-${++keys}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return OrderDetail.parse(await res.json());
}

forEachDatabase('order approvals and spending limits', (kind) => {
  describe('which orders wait', () => {
    const s = useServer(kind);

    it("none: nothing waits; buyers: every Buyer order waits, an Admin's own and the account link's do not", async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      const admin = await addPerson(server, customer.id, 'admin');
      assert.equal((await order(server, buyer.token, customer.id)).status, 'pending');

      await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
      assert.equal((await order(server, buyer.token, customer.id)).status, 'awaiting_approval');
      assert.equal((await order(server, admin.token, customer.id)).status, 'pending');
      assert.equal((await order(server, await server.tokenFor(customer.id), customer.id)).status, 'pending');
    });

    it('over_amount: an order over the amount waits, one at or under it does not', async () => {
      const server = s.get();
      const customer = server.customers[0];
      const buyer = await addPerson(server, customer.id, 'buyer');
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const one = await order(server, buyer.token, customer.id);
      await setRule(server, customer.id, { required_for: 'over_amount', amount_minor: one.total_minor });
      assert.equal((await order(server, buyer.token, customer.id)).status, 'pending');
      const big = await order(server, buyer.token, customer.id, 3);
      assert.equal(big.status, 'awaiting_approval');
      const list = AwaitingOrderList.parse(
        await (await server.request(portal(await server.tokenFor(customer.id), '/approvals'))).json(),
      );
      const listed = list.items.find((o) => o.id === big.id)!;
      assert.deepEqual(listed.reasons, ['over_amount']);
      assert.equal(listed.placed_by?.name, 'A buyer');
      assert.equal(listed.lines.length, 1);

      const refused = await server.admin(`/api/v1/customers/${customer.id}`, {
        method: 'PATCH',
        body: { approval: { required_for: 'over_amount', amount_minor: null } },
      });
      assert.equal(refused.status, 400);
    });

    it('no limit set never holds an order; a monthly limit holds what goes beyond it, until the next month', async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      for (let i = 0; i < 3; i++) assert.equal((await order(server, buyer.token, customer.id, 5)).status, 'pending');

      server.clock.set('2026-06-30T23:00:00.000Z');
      const first = await order(server, buyer.token, customer.id);
      await setLimit(server, customer.id, buyer.person.id, {
        spending_limit_minor: first.total_minor * 2,
        spending_period: 'month',
      });
      // Spent this month: the three orders above and `first`: far beyond the limit.
      assert.equal((await order(server, buyer.token, customer.id)).status, 'awaiting_approval');
      server.clock.set('2026-07-01T00:00:00.000Z');
      assert.equal((await order(server, buyer.token, customer.id)).status, 'pending');
      assert.equal((await order(server, buyer.token, customer.id)).status, 'pending');
      assert.equal((await order(server, buyer.token, customer.id)).status, 'awaiting_approval');
    });

    it('a weekly limit starts again on Monday (UTC); a rejected or cancelled order gives its amount back', async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      const adminToken = await server.tokenFor(customer.id);
      server.clock.set('2026-07-05T23:59:00.000Z'); // a Sunday
      const probe = await order(server, buyer.token, customer.id);
      await setLimit(server, customer.id, buyer.person.id, {
        spending_limit_minor: probe.total_minor * 2,
        spending_period: 'week',
      });
      assert.equal((await order(server, buyer.token, customer.id)).status, 'pending');
      const held = await order(server, buyer.token, customer.id);
      assert.equal(held.status, 'awaiting_approval');

      server.clock.set('2026-07-06T00:00:00.000Z'); // Monday
      const a = await order(server, buyer.token, customer.id);
      const b = await order(server, buyer.token, customer.id);
      assert.deepEqual([a.status, b.status], ['pending', 'pending']);
      const c = await order(server, buyer.token, customer.id);
      assert.equal(c.status, 'awaiting_approval');

      const rejected = await server.request(portal(adminToken, `/orders/${c.id}/reject`), {
        body: { reason: 'Too much' },
      });
      assert.equal(rejected.status, 200);
      assert.equal(OrderDetail.parse(await rejected.json()).status, 'rejected');
      const cancelled = await server.admin(`/api/v1/orders/${a.id}/status`, {
        method: 'POST',
        body: { status: 'cancelled' },
      });
      assert.equal(cancelled.status, 200, await cancelled.clone().text());
      // a's amount is back: one more order fits.
      assert.equal((await order(server, buyer.token, customer.id)).status, 'pending');
      assert.equal((await order(server, buyer.token, customer.id)).status, 'awaiting_approval');
    });
  });

  describe('approve and reject', () => {
    const s = useServer(kind);

    it("only the account's Admins decide (403 for buyer, viewer, finance); 409 when the order does not wait; the supplier cannot move it", async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      const admin = await addPerson(server, customer.id, 'admin');
      const waiting = await order(server, buyer.token, customer.id);
      for (const role of ['buyer', 'viewer', 'finance'] as const) {
        const { token } = role === 'buyer' ? buyer : await addPerson(server, customer.id, role);
        for (const path of [`/orders/${waiting.id}/approve`, `/orders/${waiting.id}/reject`]) {
          const res = await server.request(portal(token, path), { body: { reason: 'no' } });
          assert.equal(res.status, 403, `${role} ${path}`);
          assert.equal((await errorOf(res)).code, 'permission_denied');
        }
        assert.equal((await server.request(portal(token, '/approvals'))).status, 403);
      }
      const moved = await server.admin(`/api/v1/orders/${waiting.id}/status`, {
        method: 'POST',
        body: { status: 'confirmed' },
      });
      assert.equal(moved.status, 409);
      const listed = await server.admin(`/api/v1/orders?status=awaiting_approval`);
      assert.ok(((await listed.json()) as { items: { id: string }[] }).items.some((o) => o.id === waiting.id));

      const approved = await server.request(portal(admin.token, `/orders/${waiting.id}/approve`), { method: 'POST' });
      assert.equal(approved.status, 200, await approved.clone().text());
      assert.equal(OrderDetail.parse(await approved.json()).status, 'pending');
      const again = await server.request(portal(admin.token, `/orders/${waiting.id}/approve`), { method: 'POST' });
      assert.equal(again.status, 409);
      assert.equal((await errorOf(again)).code, 'not_awaiting_approval');
      const noReason = await server.request(portal(admin.token, `/orders/${waiting.id}/reject`), { body: {} });
      assert.equal(noReason.status, 400);
    });

    it("the customer's activity records each decision and who made it (Order SO-… approved by Ana Ruiz), and the rejection's reason", async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      const admin = await addPerson(server, customer.id, 'admin', {
        name: 'Ana Ruiz',
        email: 'ana.ruiz@approvals.test',
      });
      const approved = await order(server, buyer.token, customer.id);
      const rejected = await order(server, buyer.token, customer.id);
      assert.equal(
        (await server.request(portal(admin.token, `/orders/${approved.id}/approve`), { method: 'POST' })).status,
        200,
      );
      const refused = await server.request(portal(admin.token, `/orders/${rejected.id}/reject`), {
        body: { reason: 'Over budget' },
      });
      assert.equal(refused.status, 200);

      const res = await server.admin(`/api/v1/activity?customer_id=${customer.id}&limit=100`);
      assert.equal(res.status, 200);
      const items = ActivityList.parse(await res.json()).items;
      const decisions = items
        .filter((i) => i.document && [approved.number, rejected.number].includes(i.document.number))
        .filter((i) => i.kind !== 'order_placed')
        .map((i) => ({ kind: i.kind, number: i.document?.number, by: i.by, reason: i.reason }))
        // Decided at the same instant of the test clock: in no particular order.
        .sort((a, b) => b.kind.localeCompare(a.kind));
      assert.deepEqual(decisions, [
        { kind: 'order_rejected', number: rejected.number, by: 'Ana Ruiz', reason: 'Over budget' },
        { kind: 'order_approved', number: approved.number, by: 'Ana Ruiz', reason: undefined },
      ]);
    });

    it('an order awaiting approval, or rejected, says so as why it cannot be changed or cancelled', async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      const admin = await addPerson(server, customer.id, 'admin');
      const waiting = await order(server, buyer.token, customer.id);
      const read = async () =>
        OrderDetail.parse(await (await server.request(portal(buyer.token, `/orders/${waiting.id}`))).json()).changes;
      assert.deepEqual(await read(), { can_edit: false, can_cancel: false, blocked_reason: 'awaiting_approval' });
      const cancel = await server.request(portal(buyer.token, `/orders/${waiting.id}/cancel`), { body: {} });
      assert.equal(cancel.status, 422);
      assert.deepEqual((await errorOf(cancel)).details, { reason: 'awaiting_approval' });
      const rejected = await server.request(portal(admin.token, `/orders/${waiting.id}/reject`), {
        body: { reason: 'No' },
      });
      assert.equal(rejected.status, 200);
      assert.deepEqual(await read(), { can_edit: false, can_cancel: false, blocked_reason: 'rejected' });
    });

    it("the account's Admins change the rule and a person's limit in the portal", async () => {
      const server = s.get();
      const customer = server.customers[1];
      const admin = await addPerson(server, customer.id, 'admin');
      const buyer = await addPerson(server, customer.id, 'buyer');
      const res = await server.request(portal(admin.token, '/account/settings'), {
        method: 'PATCH',
        body: { approval: { required_for: 'over_amount', amount_minor: 5000 } },
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(AccountSettings.parse(await res.json()).approval, {
        required_for: 'over_amount',
        amount_minor: 5000,
      });
      const limited = await server.request(portal(admin.token, `/people/${buyer.person.id}`), {
        method: 'PATCH',
        body: { spending_limit_minor: 10000, spending_period: 'week' },
      });
      assert.equal(limited.status, 200, await limited.clone().text());
      const byBuyer = await server.request(portal(buyer.token, '/account/settings'));
      assert.equal(byBuyer.status, 403);
    });
  });
});

describe(
  '50 concurrent checkouts by one Buyer against a limit (PostgreSQL)',
  { skip: !databaseKinds().includes('postgres') },
  () => {
    const s = useServer('postgres');

    it('the orders not awaiting approval never together exceed the limit; every other one awaits approval', async () => {
      const server = s.get();
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'none', amount_minor: null });
      const buyer = await addPerson(server, customer.id, 'buyer');
      const fx = await catalogFor(server, customer.id);
      const one = await order(server, buyer.token, customer.id);
      const limit = one.total_minor * 10 + Math.floor(one.total_minor / 2);
      await setLimit(server, customer.id, buyer.person.id, { spending_limit_minor: limit, spending_period: 'month' });
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          server.request(portal(buyer.token, '/orders'), {
            body: { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }] },
            headers: { 'idempotency-key': `concurrent-${i}` },
          }),
        ),
      );
      const orders = await Promise.all(
        answers.map(async (res) => {
          assert.equal(res.status, 201, await res.clone().text());
          return OrderDetail.parse(await res.json());
        }),
      );
      const goingAhead = [one, ...orders].filter((o) => o.status !== 'awaiting_approval');
      const sum = goingAhead.reduce((total, o) => total + o.total_minor, 0);
      assert.ok(sum <= limit, `${sum} > ${limit}`);
      assert.equal(goingAhead.length, 10, 'exactly as many as fit');
      assert.ok([one, ...orders].every((o) => o.status === 'pending' || o.status === 'awaiting_approval'));
    });
  },
);

describe('approval mails reach a real SMTP server', () => {
  it('the Admins are told an order waits (with their link); the Buyer is told of the rejection', async () => {
    const messages: { rcpt: string[]; mail: ParsedMail }[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          messages.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const server = await startServer('sqlite', { config: { mail: { smtpUrl: `smtp://127.0.0.1:${port}` } } });
    try {
      const customer = server.customers[0];
      await setRule(server, customer.id, { required_for: 'buyers', amount_minor: null });
      const admin = await addPerson(server, customer.id, 'admin', { name: 'Ana Ruiz', email: 'ana@approvals.test' });
      const buyer = await addPerson(server, customer.id, 'buyer', {
        name: 'Ben Okafor',
        email: 'ben@approvals.test',
        language: 'es',
      });
      const waiting = await order(server, buyer.token, customer.id);
      // The demo data's own Admins of this customer are told too: read the mails to ours.
      // The Buyer gets the confirmation of their order too (issue 16's order placed mail): match the subject.
      const mailTo = async (address: string, subject = /./) => {
        const find = () => messages.find((m) => m.rcpt.includes(address) && subject.test(m.mail.subject ?? ''));
        for (let i = 0; i < 200 && !find(); i++) await new Promise((r) => setTimeout(r, 25));
        assert.ok(find(), `a mail to ${address}`);
        return find()!;
      };
      const needed = await mailTo('ana@approvals.test');
      assert.match(needed.mail.subject ?? '', new RegExp(`Approval needed: order ${waiting.number}`));
      assert.match(needed.mail.text ?? '', /Ben Okafor placed order/);
      const link = /#portal_token=(cpt_[\w-]+)(&portal=[\w/-]+)?/.exec(needed.mail.text ?? '');
      assert.ok(link, needed.mail.text);
      assert.equal(link[1], admin.token, "the Admin's own link");
      assert.equal(link[2], '&portal=approvals', 'opening on the Approvals page');
      assert.ok(String(needed.mail.html).includes(link[0].replace('&', '&amp;')), 'the button carries the same link');
      assert.ok(
        !messages.some(
          (m) => m.rcpt.includes('ben@approvals.test') && /Aprobación|Approval/.test(m.mail.subject ?? ''),
        ),
        'the Buyer is not asked (they get the confirmation of their order only)',
      );

      const rejected = await server.request(portal(admin.token, `/orders/${waiting.id}/reject`), {
        body: { reason: 'Not this week' },
      });
      assert.equal(rejected.status, 200);
      const told = await mailTo('ben@approvals.test', /rechazado/);
      assert.match(told.mail.subject ?? '', new RegExp(`Pedido ${waiting.number} rechazado`));
      assert.match(told.mail.text ?? '', /Not this week/);
      const theirs = /#portal_token=(cpt_[\w-]+)(&portal=[\w/-]+)?/.exec(told.mail.text ?? '');
      assert.ok(theirs, `the Buyer's mail links to their order: ${told.mail.text}`);
      assert.equal(theirs[1], buyer.token, "the Buyer's own link");
      assert.equal(theirs[2], `&portal=orders/${waiting.number}`);
      assert.ok(String(told.mail.html).includes('Ver el pedido'), told.mail.html || '');
    } finally {
      await server.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
