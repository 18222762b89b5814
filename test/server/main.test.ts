import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseEnv, allowedOrigins } from '../../demo-server/config.ts';
import { openDb } from '../../demo-server/db/connect.ts';
import { seedDemo } from '../../demo-server/db/seed.ts';
import { ALL_PERMISSIONS, insertToken } from '../../demo-server/db/tokens.ts';
import { hashSecret, hintFor, newSecret, PORTAL_TOKEN_PREFIX } from '../../demo-server/auth/secrets.ts';
import { freshPostgres } from './harness.ts';

interface Started {
  child: ChildProcess;
  output: string[];
  url: string;
}

/** `npm start` as a developer runs it (tsx demo-server/main.ts), on a free port. */
async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_REQUESTS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line: ${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${output.join('')}`));
    });
  });
  return { child, output, url };
}

const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

async function stop(server: Started): Promise<number | null> {
  running.delete(server.child);
  const exited = new Promise<number | null>((resolve) =>
    server.child.once('exit', (code, signal) => {
      if (code !== 0) console.log(`# server exited with ${code ?? signal}; its output:\n${server.output.join('')}`);
      resolve(code);
    }),
  );
  server.child.kill('SIGTERM');
  return exited;
}

const TOKEN = /cpt_[\w-]{20,}/;
const tokensIn = (text: string) => [...text.matchAll(/portal_token=(cpt_[\w-]+)/g)].map((m) => m[1]);

interface TokenRow {
  id: string;
  client_id: string;
  hint: string;
  person_id: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Every token of the database, through the admin API. */
async function listTokens(url: string, adminKey: string): Promise<TokenRow[]> {
  const rows: TokenRow[] = [];
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${url}/api/v1/customer-portal/tokens${cursor ? `?cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(res.status, 200);
    const page = (await res.json()) as { items: TokenRow[]; next_cursor: string | null };
    rows.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

const live = (rows: TokenRow[]) =>
  rows.filter((t) => !t.revoked_at && (!t.expires_at || Date.parse(t.expires_at) > Date.now()));

describe('npm start (demo-server/main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-main-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  let firstLinks: string[] = [];
  let adminKey = '';

  it('seeds on first start, prints the admin key, the docs URL and a working link per customer, and stops on SIGTERM', async () => {
    const server = await start({ DATA_DIR: dataDir });
    const text = server.output.join('');
    assert.match(text, /demo data seeded now/);
    adminKey = /admin key: (cpa_\S+)/.exec(text)?.[1] ?? '';
    assert.ok(adminKey, text);
    assert.match(text, new RegExp(`${server.url.replace(/\//g, '\\/')}/docs`));
    firstLinks = [...text.matchAll(/(http:\/\/localhost:\d+\/examples\/#portal_token=cpt_[\w-]+)/g)].map((m) => m[1]);
    assert.ok(firstLinks.length >= 4, 'one link per demo customer');
    const page = await fetch(firstLinks[0]);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<customer-portal>/);
    for (const link of firstLinks) {
      const token = /portal_token=(cpt_[\w-]+)/.exec(link)![1];
      assert.equal((await fetch(`${server.url}/api/v1/customer-portal/view/${token}/session`)).status, 200, link);
    }
    // One more link, browse only: it reads the portal but may not place orders.
    const browseOnly = /browse only: no place_orders\)\s+\S+#portal_token=(cpt_[\w-]+)/.exec(text)?.[1];
    assert.ok(browseOnly, 'a browse-only demo link');
    const session = (await (await fetch(`${server.url}/api/v1/customer-portal/view/${browseOnly}/session`)).json()) as {
      permissions: Record<string, boolean>;
    };
    assert.equal(session.permissions.place_orders, false);
    // One link per role, of one company account's people: each session names its person and role.
    for (const role of ['admin', 'buyer', 'viewer', 'finance']) {
      const token = new RegExp(`: [^(\\n]+ \\(${role}\\)\\s+\\S+#portal_token=(cpt_[\\w-]+)`).exec(text)?.[1];
      assert.ok(token, `a ${role}'s demo link`);
      const theirs = (await (await fetch(`${server.url}/api/v1/customer-portal/view/${token}/session`)).json()) as {
        person: { role: string } | null;
      };
      assert.equal(theirs.person?.role, role);
    }
    const customers = await fetch(`${server.url}/api/v1/customers`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(customers.status, 200);
    assert.equal((await fetch(`${server.url}/docs`)).status, 200);
    assert.equal(await stop(server), 0);
  });

  it('demo links expire (30 days by default) and are marked as demo links in the token list', async () => {
    const server = await start({ DATA_DIR: dataDir });
    const demo = live(await listTokens(server.url, adminKey));
    assert.equal(demo.length, firstLinks.length);
    for (const t of demo) {
      assert.ok(t.expires_at, 'a demo link has an expiry');
      const days = (Date.parse(t.expires_at) - Date.now()) / 86_400_000;
      assert.ok(days > 29 && days <= 30, `expires in ${days} days`);
      assert.match(t.hint, /\(demo(, browse only|, [^,]+, (admin|buyer|viewer|finance))?\)$/);
    }
    assert.equal(await stop(server), 0);
  });

  it('on restart keeps the data, never prints the admin key again, and prints no link unless asked (DEMO_LINKS)', async () => {
    const server = await start({ DATA_DIR: dataDir });
    const text = server.output.join('');
    assert.doesNotMatch(text, /seeded now/);
    assert.doesNotMatch(text, /cpa_/);
    assert.doesNotMatch(text, TOKEN);
    assert.match(text, /portal links: none printed .*DEMO_LINKS=true/);
    assert.equal(await stop(server), 0);
  });

  it('with DEMO_LINKS=true re-uses the live demo links instead of minting more', async () => {
    const server = await start({ DATA_DIR: dataDir, DEMO_LINKS: 'true' });
    assert.deepEqual(
      tokensIn(server.output.join('')),
      firstLinks.map((l) => tokensIn(l)[0]),
    );
    assert.equal(live(await listTokens(server.url, adminKey)).length, firstLinks.length, 'no new token');
    assert.equal(await stop(server), 0);
  });

  it('never issues a new demo link to a customer whose link was revoked', async () => {
    let server = await start({ DATA_DIR: dataDir, DEMO_LINKS: 'true' });
    const printed = tokensIn(server.output.join(''));
    const customerOf = async (token: string) => {
      const session = await fetch(`${server.url}/api/v1/customer-portal/view/${token}/session`);
      return ((await session.json()) as { customer: { id: string } }).customer.id;
    };
    const owners = await Promise.all(printed.map(customerOf));
    // The company account: its own link, a browse-only one and its people's (the seed's random
    // creation dates decide where in the list it comes).
    const customerId = owners.find((o) => owners.filter((x) => x === o).length > 2)!;
    // Their people's links go with the account's: only other customers' links are kept.
    const kept = printed.filter((_, i) => owners[i] !== customerId);
    assert.ok(kept.length >= 2 && kept.length < printed.length - 1);
    // The account's own demo link (its people's links are marked with their names).
    const liveBefore = live(await listTokens(server.url, adminKey)).filter((t) => t.client_id === customerId);
    const [demoRow] = liveBefore.filter((t) => t.hint.endsWith('(demo)'));
    const revoked = await fetch(`${server.url}/api/v1/customer-portal/tokens/${demoRow.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(revoked.status, 204);
    assert.equal(await stop(server), 0);

    server = await start({ DATA_DIR: dataDir, DEMO_LINKS: 'true' });
    const text = server.output.join('');
    assert.deepEqual(tokensIn(text), kept, 'the others keep theirs; nobody gets a new one');
    assert.match(text, /a link of theirs was revoked: no demo link/);
    // Their people's links stay valid (revoking one link revokes no other) but are neither printed nor renewed.
    const theirs = (await listTokens(server.url, adminKey)).filter((t) => t.client_id === customerId);
    assert.deepEqual(
      theirs.filter((t) => !t.revoked_at).map((t) => t.id),
      liveBefore.filter((t) => t.id !== demoRow.id).map((t) => t.id),
      'no new live token for them',
    );
    // Live: their people's links and, when the account is the first one listed, its browse-only link.
    assert.ok(theirs.every((t) => t.revoked_at || t.person_id || t.hint.endsWith('(demo, browse only)')));
    assert.equal(await stop(server), 0);
  });

  it('gives a link printed by an older version (no expiry) the demo expiry, and re-uses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-main-legacy-'));
    try {
      const db = await openDb({ dataDir: dir });
      const { customers } = await seedDemo(db.kysely, { now: new Date() });
      const legacy = newSecret(PORTAL_TOKEN_PREFIX);
      await insertToken(db.kysely, {
        id: crypto.randomUUID(),
        customerId: customers[0].id,
        hash: hashSecret(legacy),
        hint: hintFor(legacy),
        permissions: ALL_PERMISSIONS,
        expiresAt: null,
        now: new Date().toISOString(),
      });
      await db.close();
      writeFileSync(
        join(dir, 'demo-links.json'),
        JSON.stringify([{ customer_id: customers[0].id, business_name: customers[0].business_name, token: legacy }]),
      );
      const server = await start({
        DATA_DIR: dir,
        DEMO_LINKS: 'true',
        ADMIN_TOKEN: 'a-chosen-admin-key-of-some-length',
      });
      assert.ok(tokensIn(server.output.join('')).includes(legacy));
      const [row] = (await listTokens(server.url, 'a-chosen-admin-key-of-some-length')).filter(
        (t) => t.client_id === customers[0].id && !t.hint.includes('(demo,'),
      );
      assert.ok(row.expires_at, 'it expires now');
      assert.match(row.hint, /\(demo\)$/);
      assert.equal(await stop(server), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses ADMIN_TOKEN when set', async () => {
    const server = await start({ DATA_DIR: dataDir, ADMIN_TOKEN: 'a-chosen-admin-key-of-some-length' });
    assert.match(server.output.join(''), /admin key: the value of ADMIN_TOKEN/);
    const res = await fetch(`${server.url}/api/v1/customers`, {
      headers: { authorization: 'Bearer a-chosen-admin-key-of-some-length' },
    });
    assert.equal(res.status, 200);
    assert.equal(await stop(server), 0);
  });

  it('stops with a message naming a bad variable', async () => {
    await assert.rejects(start({ DATA_DIR: dataDir, RATE_LIMIT_READS_PER_MIN: 'lots' }), /RATE_LIMIT_READS_PER_MIN/);
    await assert.rejects(start({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  });
});

describe(
  'npm start on PostgreSQL',
  { skip: process.env.TEST_DATABASE_URL ? false : 'set TEST_DATABASE_URL to run it' },
  () => {
    const ADMIN_TOKEN = 'main-test-admin-key-0123456789';
    const dirs: string[] = [];
    const newDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'portal-main-pg-'));
      dirs.push(dir);
      return dir;
    };
    after(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('a start that finds the data already there prints no token and writes no link file', async () => {
      const database = await freshPostgres();
      try {
        const db = await openDb({ dataDir: newDir(), databaseUrl: database.url });
        await seedDemo(db.kysely, { now: new Date() });
        await db.close();
        const dir = newDir();
        const server = await start({ DATA_DIR: dir, DATABASE_URL: database.url, ADMIN_TOKEN });
        const text = server.output.join('');
        assert.doesNotMatch(text, TOKEN);
        assert.doesNotMatch(text, /cp[at]_/);
        assert.match(text, /portal links: none printed/);
        assert.equal(existsSync(join(dir, 'demo-links.json')), false);
        assert.deepEqual(await listTokens(server.url, ADMIN_TOKEN), [], 'no token issued');
        assert.equal(await stop(server), 0);
      } finally {
        await database.drop();
      }
    });

    it('instances starting together with DEMO_LINKS=true leave one live demo link per customer, and a restart re-uses it', async () => {
      const database = await freshPostgres();
      try {
        const first = newDir();
        const servers = await Promise.all(
          [first, newDir(), newDir()].map((dir) =>
            start({ DATA_DIR: dir, DATABASE_URL: database.url, ADMIN_TOKEN, DEMO_LINKS: 'true' }),
          ),
        );
        const customers = (
          (await (
            await fetch(`${servers[0].url}/api/v1/customers`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
          ).json()) as { items: unknown[] }
        ).items;
        const issued = live(await listTokens(servers[0].url, ADMIN_TOKEN));
        // One a customer, the browse-only one, and one a role of one company account's people.
        const expected = customers.length + 1 + 4;
        assert.equal(issued.length, expected, 'one live demo link per customer, the browse-only one and one per role');
        assert.equal(new Set(issued.map((t) => t.client_id)).size, customers.length);
        const printed = servers.flatMap((s) => tokensIn(s.output.join('')));
        assert.equal(printed.length, expected, 'each link printed once, by the instance that minted it');
        assert.ok(servers.some((s) => /issued elsewhere/.test(s.output.join(''))));
        const byFirst = tokensIn(servers[0].output.join(''));
        for (const server of servers) assert.equal(await stop(server), 0);

        const again = await start({ DATA_DIR: first, DATABASE_URL: database.url, ADMIN_TOKEN, DEMO_LINKS: 'true' });
        assert.deepEqual(tokensIn(again.output.join('')), byFirst);
        assert.equal(live(await listTokens(again.url, ADMIN_TOKEN)).length, expected);
        assert.equal(await stop(again), 0);
      } finally {
        await database.drop();
      }
    });
  },
);

describe('configuration', () => {
  it('defaults as documented', () => {
    const env = parseEnv({});
    assert.equal(env.PORT, 3000);
    assert.equal(env.DATA_DIR, './data');
    assert.equal(env.RATE_LIMIT_READS_PER_MIN, 30);
    assert.equal(env.RATE_LIMIT_WRITES_PER_MIN, 10);
    assert.equal(allowedOrigins(env), undefined, 'any origin');
    assert.equal(env.DEMO_LINKS, 'false');
    assert.equal(env.DEMO_LINK_DAYS, 30);
  });

  it('ALLOWED_ORIGINS=* means any origin', () => {
    assert.equal(allowedOrigins(parseEnv({ ALLOWED_ORIGINS: '*' })), undefined);
  });

  it('reads ALLOWED_ORIGINS as a comma-separated list', () => {
    assert.deepEqual(allowedOrigins(parseEnv({ ALLOWED_ORIGINS: 'https://a.example, https://b.example/' })), [
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('rejects a short ADMIN_TOKEN', () => {
    assert.throws(() => parseEnv({ ADMIN_TOKEN: 'short' }), /ADMIN_TOKEN/);
  });
});
