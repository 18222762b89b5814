/**
 * Each person's profile (issue 16): name, phone, language, the emails they receive and their
 * default delivery address; the order placed and shipped mails, and the approval mails, each
 * following its preference, received by a real SMTP server.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  Address,
  CreatedToken,
  OrderDetail,
  Person,
  PersonList,
  Profile,
  Session,
  type Role,
} from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { errorOf, forEachDatabase, portal, startServer, useServer, type TestServer } from './harness.ts';

async function newCustomer(server: TestServer, name: string, email: string | null = null) {
  const res = await server.admin('/api/v1/customers', { body: { business_name: name, email } });
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = (await res.json()) as { id: string };
  return id;
}

async function addPerson(server: TestServer, customerId: string, role: Role, extra: Record<string, unknown> = {}) {
  const res = await server.admin(`/api/v1/customers/${customerId}/people`, {
    body: { name: `A ${role}`, email: `${role}-${customerId.slice(0, 8)}@profile.test`, role, ...extra },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const person = Person.parse(await res.json());
  const link = await server.admin('/api/v1/customer-portal/tokens', {
    body: { client_id: customerId, person_id: person.id },
  });
  assert.equal(link.status, 201);
  return { person, token: CreatedToken.parse(await link.json()).token };
}

async function addAddress(server: TestServer, customerId: string, label: string, kind = 'delivery') {
  server.clock.advance(60_000);
  const res = await server.admin(`/api/v1/customers/${customerId}/addresses`, {
    body: { kind, label, name: 'Goods in', line1: `${label} street 1`, city: 'Madrid', country: 'ES' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return Address.parse(await res.json());
}

const patchProfile = (server: TestServer, token: string, body: unknown) =>
  server.request(portal(token, '/profile'), { method: 'PATCH', body });

let keys = 0;
async function order(server: TestServer, token: string, customerId: string, body: Record<string, unknown> = {}) {
  const fx = await catalogFor(server, customerId);
  const res = await server.request(portal(token, '/orders'), {
    body: { lines: [{ product_id: fx.orderable[0].id, quantity: 1 }], ...body },
    headers: { 'idempotency-key': `profile-${++keys}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return OrderDetail.parse(await res.json());
}

async function ship(server: TestServer, orderId: string, trackingNumber = 'TRK-1') {
  for (const status of ['confirmed', 'shipped'])
    assert.equal(
      (
        await server.admin(`/api/v1/orders/${orderId}/status`, {
          body: {
            status,
            ...(status === 'shipped'
              ? {
                  delivery: {
                    carrier: 'Seur',
                    tracking_number: trackingNumber,
                    tracking_url: `https://track.example/${trackingNumber}`,
                  },
                }
              : {}),
          },
        })
      ).status,
      200,
    );
}

forEachDatabase('profile', (kind) => {
  const s = useServer(kind);
  let customerId: string;

  before(async () => {
    customerId = await newCustomer(s.get(), 'Profile Café');
  });

  it("reads the link's own person, every email on by default; the account's own link has none (404 no_profile)", async () => {
    const server = s.get();
    const buyer = await addPerson(server, customerId, 'buyer', { name: 'Ben Okafor', phone: '+34 600 1' });
    const res = await server.request(portal(buyer.token, '/profile'));
    assert.equal(res.status, 200);
    assert.deepEqual(Profile.parse(await res.json()), {
      id: buyer.person.id,
      name: 'Ben Okafor',
      email: buyer.person.email,
      language: null,
      role: 'buyer',
      phone: '+34 600 1',
      emails: { order_placed: true, approval_needed: true, approval_outcome: true, shipped: true },
      default_delivery_address_id: null,
    });

    const own = await server.tokenFor(customerId);
    for (const method of ['GET', 'PATCH']) {
      const refused = await server.request(portal(own, '/profile'), {
        method,
        ...(method === 'PATCH' ? { body: { name: 'Nobody' } } : {}),
      });
      assert.equal(refused.status, 404, method);
      assert.equal((await errorOf(refused)).code, 'no_profile');
    }
  });

  it('any role changes its name, phone, language and emails; the session, the admin read and the People list follow', async () => {
    const server = s.get();
    const viewer = await addPerson(server, customerId, 'viewer');
    const res = await patchProfile(server, viewer.token, {
      name: 'Vera Lund',
      phone: '+34 600 2',
      language: 'es',
      emails: { shipped: false, order_placed: false },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const profile = Profile.parse(await res.json());
    assert.equal(profile.name, 'Vera Lund');
    assert.deepEqual(profile.emails, {
      order_placed: false,
      approval_needed: true,
      approval_outcome: true,
      shipped: false,
    });
    // A preference left out keeps its value.
    const again = Profile.parse(await (await patchProfile(server, viewer.token, { emails: { shipped: true } })).json());
    assert.deepEqual(again.emails, {
      order_placed: false,
      approval_needed: true,
      approval_outcome: true,
      shipped: true,
    });

    const session = Session.parse(await (await server.request(portal(viewer.token, '/session'))).json());
    assert.deepEqual(session.person, {
      id: viewer.person.id,
      name: 'Vera Lund',
      role: 'viewer',
      language: 'es',
      default_delivery_address_id: null,
    });

    const people = PersonList.parse(await (await server.admin(`/api/v1/customers/${customerId}/people`)).json());
    const read = people.items.find((p) => p.id === viewer.person.id)!;
    assert.equal(read.phone, '+34 600 2');
    assert.deepEqual(read.emails, again.emails);

    // Cleared with null; a role or an email is not one's own to change here.
    assert.equal((await patchProfile(server, viewer.token, { phone: null, language: null })).status, 200);
    for (const body of [{ role: 'admin' }, { email: 'x@y.test' }, { emails: { other: true } }, { name: '' }]) {
      const refused = await patchProfile(server, viewer.token, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal((await errorOf(refused)).code, 'validation_failed');
    }
  });

  it('the default delivery address: only a current delivery address of this account (422 unknown_address); null clears', async () => {
    const server = s.get();
    const buyer = await addPerson(server, customerId, 'buyer');
    const kitchen = await addAddress(server, customerId, 'Kitchen');
    const billing = await addAddress(server, customerId, 'Head office', 'billing');
    const elsewhere = await addAddress(server, await newCustomer(server, 'Other Café'), 'Theirs');
    for (const id of [billing.id, elsewhere.id, '7d1f0a52-9c1e-4e7b-a8a4-3b1f2e5c9d00']) {
      const refused = await patchProfile(server, buyer.token, { default_delivery_address_id: id });
      assert.equal(refused.status, 422);
      const error = await errorOf(refused);
      assert.equal(error.code, 'unknown_address');
      assert.match(error.message, /default_delivery_address_id/);
      assert.deepEqual(error.details, [
        { path: 'body.default_delivery_address_id', message: 'unknown delivery address' },
      ]);
    }
    const set = Profile.parse(
      await (await patchProfile(server, buyer.token, { default_delivery_address_id: kitchen.id })).json(),
    );
    assert.equal(set.default_delivery_address_id, kitchen.id);
    const cleared = Profile.parse(
      await (await patchProfile(server, buyer.token, { default_delivery_address_id: null })).json(),
    );
    assert.equal(cleared.default_delivery_address_id, null);
  });

  it("checkout without an address takes the person's default over the account's; an archived one reads as none", async () => {
    const server = s.get();
    const id = await newCustomer(server, 'Two Sites Café');
    const main = await addAddress(server, id, 'Main'); // the account's default: the first
    const annex = await addAddress(server, id, 'Annex');
    const buyer = await addPerson(server, id, 'buyer');
    const other = await addPerson(server, id, 'buyer', { email: 'other@profile.test' });
    assert.equal((await patchProfile(server, buyer.token, { default_delivery_address_id: annex.id })).status, 200);

    assert.equal((await order(server, buyer.token, id)).delivery_address?.address_id, annex.id);
    assert.equal((await order(server, other.token, id)).delivery_address?.address_id, main.id);
    assert.equal(
      (await order(server, buyer.token, id, { delivery_address_id: main.id })).delivery_address?.address_id,
      main.id,
      'an address named at checkout wins',
    );

    assert.equal(
      (await server.admin(`/api/v1/customers/${id}/addresses/${annex.id}`, { method: 'DELETE' })).status,
      204,
    );
    const profile = Profile.parse(await (await server.request(portal(buyer.token, '/profile'))).json());
    assert.equal(profile.default_delivery_address_id, null);
    assert.equal((await order(server, buyer.token, id)).delivery_address?.address_id, main.id);
  });
});

describe('order mails reach a real SMTP server, each only while its preference is on', () => {
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
  let server: TestServer;
  let customerId: string;

  before(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    server = await startServer('sqlite', { config: { mail: { smtpUrl: `smtp://127.0.0.1:${port}` } } });
    customerId = await newCustomer(server, 'Mail Café', 'office@mailcafe.test');
  });
  after(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const subjectsTo = (address: string) =>
    messages.filter((m) => m.rcpt.includes(address)).map((m) => m.mail.subject ?? '');
  /** Waits for a mail to `address` whose subject matches; every earlier mail has been sent before it was asked for. */
  const mailTo = async (address: string, subject: RegExp) => {
    const find = () => messages.find((m) => m.rcpt.includes(address) && subject.test(m.mail.subject ?? ''));
    for (let i = 0; i < 400 && !find(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(find(), `a mail to ${address} like ${subject}; got ${JSON.stringify(subjectsTo(address))}`);
    return find()!.mail;
  };

  it("order placed: to the person who placed it, in their language; the account's own link's go to the customer's email", async () => {
    const buyer = await addPerson(server, customerId, 'buyer', {
      name: 'Ben Okafor',
      email: 'ben@mailcafe.test',
      language: 'es',
    });
    const placed = await order(server, buyer.token, customerId);
    const mail = await mailTo('ben@mailcafe.test', new RegExp(`Pedido ${placed.number} recibido`));
    assert.match(mail.text ?? '', /Hola, Ben Okafor:/);
    assert.match(mail.text ?? '', /Mail Café/);

    const own = await order(server, await server.tokenFor(customerId), customerId);
    const office = await mailTo('office@mailcafe.test', new RegExp(`Order ${own.number} placed`));
    assert.match(office.text ?? '', /Hello Mail Café,/);
  });

  it('order placed off: no confirmation for that order; on again: the next one is confirmed', async () => {
    const buyer = await addPerson(server, customerId, 'buyer', { name: 'Olga', email: 'olga@mailcafe.test' });
    await patchProfile(server, buyer.token, { emails: { order_placed: false } });
    const quiet = await order(server, buyer.token, customerId);
    await patchProfile(server, buyer.token, { emails: { order_placed: true } });
    const told = await order(server, buyer.token, customerId);
    await mailTo('olga@mailcafe.test', new RegExp(`Order ${told.number} placed`));
    const subjects = subjectsTo('olga@mailcafe.test');
    assert.equal(subjects.length, 1, JSON.stringify(subjects));
    assert.ok(subjects[0].startsWith(`Order ${told.number} placed`) && !subjects[0].includes(quiet.number));
  });

  it('shipped: carrier and tracking link to the person who placed it; off: none, and nothing else changes', async () => {
    const buyer = await addPerson(server, customerId, 'buyer', { name: 'Sam', email: 'sam@mailcafe.test' });
    await patchProfile(server, buyer.token, { emails: { order_placed: false } });
    const first = await order(server, buyer.token, customerId);
    await ship(server, first.id, 'TRK-FIRST');
    const mail = await mailTo('sam@mailcafe.test', new RegExp(`Order ${first.number} shipped`));
    assert.match(mail.text ?? '', /on its way with Seur/);
    assert.match(mail.text ?? '', /Tracking number: TRK-FIRST/);
    assert.match(mail.html || '', /href="https:\/\/track\.example\/TRK-FIRST"/);

    await patchProfile(server, buyer.token, { emails: { shipped: false } });
    const second = await order(server, buyer.token, customerId);
    await ship(server, second.id, 'TRK-SECOND');
    await patchProfile(server, buyer.token, { emails: { shipped: true } });
    const third = await order(server, buyer.token, customerId);
    await ship(server, third.id, 'TRK-THIRD');
    await mailTo('sam@mailcafe.test', new RegExp(`Order ${third.number} shipped`));
    assert.deepEqual(subjectsTo('sam@mailcafe.test'), [
      `Order ${first.number} shipped`,
      `Order ${third.number} shipped`,
    ]);
  });

  it('approval needed off: that Admin is not asked (another is); approval outcome off: the Buyer is not told', async () => {
    const id = await newCustomer(server, 'Approving Café');
    const res = await server.admin(`/api/v1/customers/${id}`, {
      method: 'PATCH',
      body: { approval: { required_for: 'buyers', amount_minor: null } },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const asked = await addPerson(server, id, 'admin', { name: 'Ana', email: 'ana@approving.test' });
    const quiet = await addPerson(server, id, 'admin', { name: 'Quim', email: 'quim@approving.test' });
    const buyer = await addPerson(server, id, 'buyer', { name: 'Bo', email: 'bo@approving.test' });
    await patchProfile(server, quiet.token, { emails: { approval_needed: false } });
    await patchProfile(server, buyer.token, { emails: { order_placed: false, approval_outcome: false } });

    const first = await order(server, buyer.token, id);
    assert.equal(first.status, 'awaiting_approval');
    await mailTo('ana@approving.test', new RegExp(`Approval needed: order ${first.number}`));
    assert.equal(
      (await server.request(portal(asked.token, `/orders/${first.id}/approve`), { method: 'POST' })).status,
      200,
    );

    await patchProfile(server, quiet.token, { emails: { approval_needed: true } });
    await patchProfile(server, buyer.token, { emails: { approval_outcome: true } });
    const second = await order(server, buyer.token, id);
    await mailTo('quim@approving.test', new RegExp(`Approval needed: order ${second.number}`));
    assert.equal(
      (await server.request(portal(asked.token, `/orders/${second.id}/reject`), { body: { reason: 'No' } })).status,
      200,
    );
    await mailTo('bo@approving.test', new RegExp(`Order ${second.number} rejected`));

    assert.deepEqual(subjectsTo('quim@approving.test').length, 1, 'asked about the second order only');
    assert.deepEqual(subjectsTo('bo@approving.test'), [`Order ${second.number} rejected`]);
  });
});

describe('a mail server that is down fails neither the order nor the ship action', () => {
  it('both answer as usual and the failure is logged', async () => {
    // A port nothing listens on: the connection is refused at once.
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const server = await startServer('sqlite', { config: { mail: { smtpUrl: `smtp://127.0.0.1:${port}` } } });
    try {
      const id = await newCustomer(server, 'Offline Café');
      const buyer = await addPerson(server, id, 'buyer', { email: 'off@offline.test' });
      const placed = await order(server, buyer.token, id);
      await ship(server, placed.id);
      const failed = () =>
        ['order_placed', 'shipped'].every((kind) =>
          server.logs.some((l) => l.includes(`${kind} mail for ${placed.number}`) && l.includes('failed')),
        );
      for (let i = 0; i < 400 && !failed(); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(failed(), server.logs.filter((l) => l.includes('mail')).join('\n'));
    } finally {
      await server.close();
    }
  });
});
