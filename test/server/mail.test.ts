import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { CreatedToken, ErrorBody, InvitedPerson, SentLink, Session } from '../../widget/contract/index.ts';
import { createApp } from '../../demo-server/app.ts';
import { parseEnv } from '../../demo-server/config.ts';
import { ensureDemoLinks } from '../../demo-server/demo-links.ts';
import { LinkSeal, linkSealKeyFile, parseSealKey } from '../../demo-server/link-seal.ts';
import { hashSecret } from '../../demo-server/auth/secrets.ts';
import { ADMIN_KEY, errorOf, forEachDatabase, portal, startServer, useServer, type TestServer } from './harness.ts';

/** A real SMTP server on loopback, keeping every message it accepts (raw and parsed). */
interface Inbox {
  port: number;
  messages: { rcpt: string[]; mail: ParsedMail }[];
  /** Recipients it refuses with 550. */
  refuse: Set<string>;
  close(): Promise<void>;
}

async function startInbox(auth?: { user: string; pass: string }): Promise<Inbox> {
  const messages: Inbox['messages'] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.user && login.password === auth.pass)
        return callback(null, { user: login.username });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = new Error('mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const TOKEN_IN_LINK = /#portal_token=(cpt_[\w-]+)/;
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));

async function createLink(s: TestServer, clientId: string, expiresAt: string | null = null) {
  const res = await s.admin('/api/v1/customer-portal/tokens', { body: { client_id: clientId, expires_at: expiresAt } });
  assert.equal(res.status, 201);
  return (await res.json()) as { id: string; token: string; url: string };
}

const customerEmail = async (s: TestServer, id: string) =>
  (await s.db.kysely.selectFrom('customers').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email!;

const send = (s: TestServer, id: string, body?: unknown) =>
  s.admin(`/api/v1/customer-portal/tokens/${encodeURIComponent(id)}/send`, { method: 'POST', body });

async function sent(res: Response) {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return SentLink.parse(JSON.parse(text));
}

forEachDatabase('mail: links by email', (kind) => {
  describe('link URLs', () => {
    const s = useServer(kind);

    it('a new link answers its url: the demo shop page with #portal_token=…', async () => {
      const link = await createLink(s.get(), s.get().customers[0].id);
      assert.equal(link.url, `${s.get().url}/examples/#portal_token=${link.token}`);
      assert.ok(CreatedToken.safeParse(link).success, 'the answer matches the contract');
      const page = await s.get().request('/examples/');
      assert.equal(page.status, 200, 'the default page is served by this server');
    });

    it("portal_page_url: the merchant's own page, round-tripped; a #fragment or another scheme is refused", async () => {
      const patch = (body: unknown) => s.get().admin('/api/v1/workspace/settings', { method: 'PATCH', body });
      assert.equal((await (await s.get().admin('/api/v1/workspace/settings')).json()).portal_page_url, null);
      for (const bad of ['https://shop.example.net/order#top', 'ftp://shop.example.net/', 'not a url']) {
        const res = await patch({ portal_page_url: bad });
        assert.equal(res.status, 400, bad);
        assert.equal((await errorOf(res)).code, 'validation_failed');
      }
      const res = await patch({ portal_page_url: 'https://shop.example.net/order?via=mail' });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).portal_page_url, 'https://shop.example.net/order?via=mail');
      const link = await createLink(s.get(), s.get().customers[0].id);
      assert.equal(link.url, `https://shop.example.net/order?via=mail#portal_token=${link.token}`);
      assert.equal((await patch({ portal_page_url: null })).status, 200);
    });

    it("the link key file is made at first start, readable by the server's user only", () => {
      const file = join(s.get().dataDir, 'link-seal.key');
      assert.ok(existsSync(file), 'the key file exists');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.ok(parseSealKey(readFileSync(file, 'utf8')), 'the key file holds a 32-byte key');
    });
  });

  describe('sending through SMTP', () => {
    let inbox: Inbox;
    let s: TestServer;
    before(async () => {
      inbox = await startInbox({ user: 'portal', pass: 's3cret' });
      s = await startServer(kind, { config: { mail: { smtpUrl: `smtp://portal:s3cret@127.0.0.1:${inbox.port}` } } });
    });
    after(async () => {
      await s?.close();
      await inbox?.close();
    });

    it("emails the link to the customer's address, in English, and the link in it opens their portal", async () => {
      const customer = s.customers[0];
      const email = await customerEmail(s, customer.id);
      const link = await createLink(s, customer.id, '2026-07-15T10:00:00.000Z');
      const answer = await sent(await send(s, link.id));
      assert.equal(answer.sent_to, email);
      assert.equal(answer.url, link.url);

      assert.equal(inbox.messages.length, 1);
      const { rcpt, mail } = inbox.messages[0];
      assert.deepEqual(rcpt, [email]);
      assert.deepEqual(addresses(mail.to), [email]);
      assert.equal(mail.messageId, answer.message_id);
      assert.equal(mail.subject, 'Your ordering link for Harbour & Vine Wholesale');
      assert.match(mail.text!, new RegExp(`Hello ${customer.business_name},`));
      assert.match(mail.text!, /valid until 15 July 2026 at 10:00 UTC\./, 'in the workspace locale (en-IE)');
      assert.equal(mail.from?.value[0].name, 'Harbour & Vine Wholesale');

      const fromText = TOKEN_IN_LINK.exec(mail.text!)?.[1];
      const fromHtml = TOKEN_IN_LINK.exec(String(mail.html))?.[1];
      assert.ok(mail.text!.includes(link.url), 'the whole link is in the text');
      assert.equal(fromText, link.token);
      assert.equal(fromHtml, link.token);
      const session = await s.request(portal(fromText!, '/session'));
      assert.equal(session.status, 200);
      assert.equal(Session.parse(await session.json()).customer.id, customer.id);
    });

    it("an Admin's People invitation reaches the invited person through SMTP, and its link opens their own portal", async () => {
      const customer = s.customers[3];
      const people = `/api/v1/customers/${customer.id}/people`;
      const added = await s.admin(people, { body: { name: 'Ana Admin', email: 'ana@invite.test', role: 'admin' } });
      assert.equal(added.status, 201, await added.clone().text());
      const admin = (await added.json()) as { id: string };
      const adminLink = await s.admin('/api/v1/customer-portal/tokens', {
        body: { client_id: customer.id, person_id: admin.id },
      });
      assert.equal(adminLink.status, 201);
      const { token } = (await adminLink.json()) as { token: string };
      const before = inbox.messages.length;

      const res = await s.request(portal(token, '/people'), {
        body: { name: 'Fina Finance', email: 'fina@invite.test', role: 'finance' },
      });
      assert.equal(res.status, 201, await res.clone().text());
      const invited = InvitedPerson.parse(await res.json());
      assert.equal(invited.emailed, true);

      assert.equal(inbox.messages.length, before + 1, 'one message reached the SMTP server');
      const { rcpt, mail } = inbox.messages.at(-1)!;
      assert.deepEqual(rcpt, ['fina@invite.test']);
      assert.deepEqual(addresses(mail.to), ['fina@invite.test']);
      assert.equal(mail.subject, 'Your ordering link for Harbour & Vine Wholesale');
      assert.match(mail.text!, /Hello Fina Finance,/);
      const fromText = TOKEN_IN_LINK.exec(mail.text!)?.[1];
      assert.ok(fromText, 'the text holds a link');
      assert.equal(TOKEN_IN_LINK.exec(String(mail.html))?.[1], fromText, 'the HTML holds the same link');
      assert.notEqual(fromText, token, "not the inviting Admin's link");

      const session = await s.request(portal(fromText, '/session'));
      assert.equal(session.status, 200);
      const opened = Session.parse(await session.json());
      assert.equal(opened.customer.id, customer.id);
      assert.deepEqual(opened.person, {
        id: invited.id,
        name: 'Fina Finance',
        role: 'finance',
        language: null,
        default_delivery_address_id: null,
      });
      assert.equal(opened.permissions.place_orders, false, 'Finance does not order');
    });

    it("a customer whose language is 'es' gets it in Spanish, share texts too", async () => {
      const customer = s.customers[1];
      await s.db.kysely.updateTable('customers').set({ language: 'es' }).where('id', '=', customer.id).execute();
      const link = await createLink(s, customer.id);
      const answer = await sent(await send(s, link.id));
      const { mail } = inbox.messages.at(-1)!;
      assert.equal(mail.subject, 'Su enlace para hacer pedidos a Harbour & Vine Wholesale');
      assert.match(mail.text!, new RegExp(`Hola, ${customer.business_name}:`));
      assert.match(mail.text!, /Este enlace no caduca\./);
      assert.match(String(mail.html), /<html lang="es">/);
      assert.equal(TOKEN_IN_LINK.exec(String(mail.html))?.[1], link.token);
      assert.match(answer.share.text, /^Hola, .*aquí tiene su enlace personal/);
      assert.ok(answer.share.text.includes(link.url), 'the share text carries the link');
    });

    it("without a language of their own, the customer gets the workspace locale's language", async () => {
      const customer = s.customers[2];
      await s.db.kysely.updateTable('workspace').set({ locale: 'es-ES' }).execute();
      // Any settings change makes the server read the workspace again.
      assert.equal((await s.admin('/api/v1/workspace/settings', { method: 'PATCH', body: {} })).status, 200);
      try {
        const link = await createLink(s, customer.id, '2026-07-15T10:00:00.000Z');
        await sent(await send(s, link.id));
        const { mail } = inbox.messages.at(-1)!;
        assert.equal(mail.subject, 'Su enlace para hacer pedidos a Harbour & Vine Wholesale');
        assert.match(mail.text!, /válido hasta el 15 de julio de 2026/);
      } finally {
        await s.db.kysely.updateTable('workspace').set({ locale: 'en-IE' }).execute();
        await s.admin('/api/v1/workspace/settings', { method: 'PATCH', body: {} });
      }
    });

    it('to another address, with a note from the supplier; the share links carry the same text', async () => {
      const link = await createLink(s, s.customers[0].id);
      const answer = await sent(
        await send(s, link.id, { to: 'buyer@example.org', message: 'Here is the link we talked about.' }),
      );
      assert.equal(answer.sent_to, 'buyer@example.org');
      const { rcpt, mail } = inbox.messages.at(-1)!;
      assert.deepEqual(rcpt, ['buyer@example.org']);
      assert.match(mail.text!, /Here is the link we talked about\./);
      assert.match(String(mail.html), /Here is the link we talked about\./);

      const { share } = answer;
      assert.ok(share.text.includes(link.url), 'the share text carries the link');
      assert.equal(decodeURIComponent(new URL(share.whatsapp_url).searchParams.get('text')!), share.text);
      assert.ok(share.whatsapp_url.startsWith('https://wa.me/?text='), 'a WhatsApp link');
      assert.equal(decodeURIComponent(share.sms_url.slice('sms:?&body='.length)), share.text);
      assert.ok(share.email_url.startsWith('mailto:buyer@example.org?subject='), 'a mailto link to the address');
      assert.equal(new URL(share.email_url).searchParams.get('body'), share.text);
    });

    it('the HTML escapes what the supplier wrote', async () => {
      const link = await createLink(s, s.customers[0].id);
      await sent(await send(s, link.id, { message: '<script>alert(1)</script> & more' }));
      const html = String(inbox.messages.at(-1)!.mail.html);
      assert.ok(!html.includes('<script>'), 'no raw script tag');
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more'), 'the note, escaped');
    });

    it('a recipient the mail server refuses: 502 mail_failed, with its reason', async () => {
      inbox.refuse.add('nobody@example.org');
      const link = await createLink(s, s.customers[0].id);
      const before = inbox.messages.length;
      const res = await send(s, link.id, { to: 'nobody@example.org' });
      assert.equal(res.status, 502);
      const error = await errorOf(res);
      assert.equal(error.code, 'mail_failed');
      assert.match(error.message, /^The email could not be sent: .*mailbox unavailable/);
      assert.equal(inbox.messages.length, before);
    });

    it('refusals: unknown link, revoked, expired, archived customer, no address, bad input', async () => {
      const expectError = async (res: Response, status: number, code: string) => {
        const text = await res.text();
        assert.equal(res.status, status, text);
        assert.equal(ErrorBody.parse(JSON.parse(text)).error.code, code);
      };
      const before = inbox.messages.length;
      await expectError(await send(s, 'no-such-link'), 404, 'not_found');

      const revoked = await createLink(s, s.customers[0].id);
      assert.equal((await s.admin(`/api/v1/customer-portal/tokens/${revoked.id}`, { method: 'DELETE' })).status, 204);
      await expectError(await send(s, revoked.id), 422, 'link_not_active');

      const expiring = await createLink(s, s.customers[0].id, new Date(s.clock.now.getTime() + 60_000).toISOString());
      s.clock.advance(60_000);
      await expectError(await send(s, expiring.id), 422, 'link_not_active');

      const archived = s.customers[3];
      const archivedLink = await createLink(s, archived.id);
      await s.db.kysely
        .updateTable('customers')
        .set({ archived_at: s.clock.now.toISOString() })
        .where('id', '=', archived.id)
        .execute();
      await expectError(await send(s, archivedLink.id), 422, 'customer_archived');

      const noEmail = s.customers[4];
      const noEmailLink = await createLink(s, noEmail.id);
      await s.db.kysely.updateTable('customers').set({ email: null }).where('id', '=', noEmail.id).execute();
      await expectError(await send(s, noEmailLink.id), 422, 'email_required');
      await sent(await send(s, noEmailLink.id, { to: 'someone@example.org' }));

      const link = await createLink(s, s.customers[0].id);
      await expectError(await send(s, link.id, { to: 'not an address' }), 400, 'validation_failed');
      await expectError(await send(s, link.id, { to: 'a@example.org', cc: 'b@example.org' }), 400, 'validation_failed');
      await expectError(await send(s, link.id, { message: 'x'.repeat(2001) }), 400, 'validation_failed');
      assert.equal(inbox.messages.length, before + 1, 'only the one with an address was sent');
    });

    it('a link without a sealed copy, or sealed under another key or for another link: 409 link_not_resendable', async () => {
      const old = await createLink(s, s.customers[0].id);
      await s.db.kysely.updateTable('portal_tokens').set({ sealed_token: null }).where('id', '=', old.id).execute();
      const res = await send(s, old.id);
      assert.equal(res.status, 409);
      assert.deepEqual(await errorOf(res), {
        code: 'link_not_resendable',
        message: 'This link was made before links could be re-sent; create a new link for this customer.',
      });

      const otherKey = await createLink(s, s.customers[0].id);
      await s.db.kysely
        .updateTable('portal_tokens')
        .set({ sealed_token: new LinkSeal(randomBytes(32)).seal(otherKey.id, otherKey.token) })
        .where('id', '=', otherKey.id)
        .execute();
      assert.equal((await errorOf(await send(s, otherKey.id))).code, 'link_not_resendable');

      const [a, b] = [await createLink(s, s.customers[0].id), await createLink(s, s.customers[1].id)];
      const sealedA = (
        await s.db.kysely
          .selectFrom('portal_tokens')
          .select('sealed_token')
          .where('id', '=', a.id)
          .executeTakeFirstOrThrow()
      ).sealed_token;
      await s.db.kysely.updateTable('portal_tokens').set({ sealed_token: sealedA }).where('id', '=', b.id).execute();
      assert.equal((await errorOf(await send(s, b.id))).code, 'link_not_resendable');
    });

    it('the sealed copy holds no readable token; a restart on the same DATA_DIR can still send the link', async () => {
      const link = await createLink(s, s.customers[0].id);
      const row = await s.db.kysely
        .selectFrom('portal_tokens')
        .selectAll()
        .where('id', '=', link.id)
        .executeTakeFirstOrThrow();
      assert.ok(
        row.sealed_token && !row.sealed_token.includes(link.token) && !row.sealed_token.includes(link.token.slice(4)),
        'the sealed copy does not show the token',
      );

      // Another app on the same database and DATA_DIR (a restart): same key file, the link can be sent.
      const restarted = createApp({
        db: s.db,
        dataDir: s.dataDir,
        adminTokenHash: hashSecret(ADMIN_KEY),
        log: (line) => s.logs.push(line),
        rateLimits: { readsPerMinute: 1000, writesPerMinute: 1000, invalidTokenPerMinute: 1000, windowMs: 60_000 },
        mail: { smtpUrl: `smtp://portal:s3cret@127.0.0.1:${inbox.port}` },
        now: () => s.clock.now,
      }).listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => restarted.once('listening', () => resolve()));
      try {
        const res = await fetch(
          `http://127.0.0.1:${(restarted.address() as AddressInfo).port}/api/v1/customer-portal/tokens/${link.id}/send`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${ADMIN_KEY}` },
          },
        );
        await sent(res);
      } finally {
        restarted.closeAllConnections();
        await new Promise<void>((resolve) => restarted.close(() => resolve()));
      }
    });
  });

  describe('the mail server down', () => {
    let silent: TcpServer;
    const sockets = new Set<Socket>();
    let closedPort = 0;
    before(async () => {
      // A server that takes the connection and never greets: the mailer must give up, not hang.
      silent = createTcpServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      // A port with nothing listening: taken, then freed.
      const probe = createTcpServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      closedPort = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('refused connection: 502 mail_failed at once, logged without the link', async () => {
      const s = await startServer(kind, { config: { mail: { smtpUrl: `smtp://127.0.0.1:${closedPort}` } } });
      try {
        const link = await createLink(s, s.customers[0].id);
        const started = Date.now();
        const res = await send(s, link.id);
        assert.equal(res.status, 502);
        const error = await errorOf(res);
        assert.equal(error.code, 'mail_failed');
        assert.match(error.message, /^The email could not be sent: .*ECONNREFUSED/);
        // Generous for a loaded 2-core machine: a refused connection answers in milliseconds.
        assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
        const email = await customerEmail(s, s.customers[0].id);
        assert.ok(
          s.logs.some((l) => l.includes(`mail to ${email} failed`)),
          s.logs.join('\n'),
        );
      } finally {
        await s.close();
      }
    });

    it('a server that never answers: 502 mail_failed once the timeout passes, not a hung request', async () => {
      const port = (silent.address() as AddressInfo).port;
      const s = await startServer(kind, { config: { mail: { smtpUrl: `smtp://127.0.0.1:${port}`, timeoutMs: 300 } } });
      try {
        const link = await createLink(s, s.customers[0].id);
        const res = await send(s, link.id);
        assert.equal(res.status, 502);
        const error = await errorOf(res);
        assert.equal(error.code, 'mail_failed');
        assert.match(error.message, /^The email could not be sent: .*(greeting|timeout)/i);
      } finally {
        await s.close();
      }
    });
  });

  describe('demo links', () => {
    const s = useServer(kind);

    it('the demo links minted at start are sealed and can be sent', async () => {
      const server = s.get();
      const links = await ensureDemoLinks(
        server.db.kysely,
        server.db.kind,
        server.dataDir,
        server.clock.now,
        30,
        new LinkSeal(linkSealKeyFile(server.dataDir)),
      );
      const first = links.find((l) => l.state === 'link' && !l.browse_only);
      assert.ok(first && first.state === 'link', 'a live demo link for the first customer');
      server.secrets.add(first.token);
      const row = await server.db.kysely
        .selectFrom('portal_tokens')
        .select('id')
        .where('token_hash', '=', hashSecret(first.token))
        .executeTakeFirstOrThrow();
      await sent(await send(server, row.id));
      const outbox = join(server.dataDir, 'outbox');
      const mail = await simpleParser(readFileSync(join(outbox, readdirSync(outbox)[0])));
      assert.equal(TOKEN_IN_LINK.exec(mail.text!)?.[1], first.token);
    });
  });

  describe('without SMTP_URL: the outbox', () => {
    const s = useServer(kind);

    it('writes the message as an .eml file under DATA_DIR/outbox and logs its subject and recipient, never the link', async () => {
      const customer = s.get().customers[0];
      const link = await createLink(s.get(), customer.id);
      const answer = await sent(await send(s.get(), link.id, { to: 'outbox@example.org' }));
      const outbox = join(s.get().dataDir, 'outbox');
      const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
      assert.equal(files.length, 1);
      assert.equal(statSync(join(outbox, files[0])).mode & 0o777, 0o600);
      const mail = await simpleParser(readFileSync(join(outbox, files[0])));
      assert.deepEqual(addresses(mail.to), ['outbox@example.org']);
      assert.equal(mail.subject, 'Your ordering link for Harbour & Vine Wholesale');
      assert.equal(mail.messageId, answer.message_id);
      assert.equal(TOKEN_IN_LINK.exec(mail.text!)?.[1], link.token);

      const line = s.get().logs.find((l) => l.includes('outbox'));
      assert.ok(line, s.get().logs.join('\n'));
      assert.ok(
        line.includes('"Your ordering link for Harbour & Vine Wholesale"') && line.includes('outbox@example.org'),
        line,
      );
      assert.deepEqual(
        s.get().logs.filter((l) => l.includes(link.token) || l.includes(link.token.slice(4))),
        [],
      );
    });
  });
});

describe('mail configuration', () => {
  it('LINK_SEAL_KEY takes 32 bytes as hex or base64, and nothing else', () => {
    const key = randomBytes(32);
    assert.equal(parseEnv({ LINK_SEAL_KEY: key.toString('hex') }).LINK_SEAL_KEY, key.toString('hex'));
    assert.deepEqual(parseSealKey(key.toString('hex')), key);
    assert.deepEqual(parseSealKey(key.toString('base64')), key);
    assert.deepEqual(parseSealKey(key.toString('base64url')), key);
    for (const bad of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
      assert.throws(() => parseEnv({ LINK_SEAL_KEY: bad }), /LINK_SEAL_KEY must be 32 bytes/);
    }
  });

  it('SMTP_URL must be smtp:// or smtps://', () => {
    assert.equal(
      parseEnv({ SMTP_URL: 'smtps://u:p@mail.example.net:465' }).SMTP_URL,
      'smtps://u:p@mail.example.net:465',
    );
    assert.throws(() => parseEnv({ SMTP_URL: 'http://mail.example.net' }), /SMTP_URL/);
  });

  it('a token sealed for one link opens for that link only, under that key only', () => {
    const seal = new LinkSeal(randomBytes(32));
    const sealed = seal.seal('link-1', 'cpt_abc');
    assert.equal(seal.open('link-1', sealed), 'cpt_abc');
    assert.equal(seal.open('link-2', sealed), undefined);
    assert.equal(new LinkSeal(randomBytes(32)).open('link-1', sealed), undefined);
    assert.equal(seal.open('link-1', null), undefined);
    assert.equal(seal.open('link-1', 'v1.garbage'), undefined);
  });
});
