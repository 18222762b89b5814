import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseEnv, allowedOrigins } from '../../demo-server/config.ts';

interface Started { child: ChildProcess; output: string[]; url: string }

/** `npm start` as a developer runs it (tsx demo-server/main.ts), on a free port. */
async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo-server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_REQUESTS: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line: ${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output.join(''));
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${output.join('')}`)); });
  });
  return { child, output, url };
}

const running = new Set<ChildProcess>();
after(() => { for (const child of running) child.kill('SIGKILL'); });

async function stop(server: Started): Promise<number | null> {
  running.delete(server.child);
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code, signal) => {
    if (code !== 0) console.log(`# server exited with ${code ?? signal}; its output:\n${server.output.join('')}`);
    resolve(code);
  }));
  server.child.kill('SIGTERM');
  return exited;
}

describe('npm start (demo-server/main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-main-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  let firstLinks: string[] = [];

  it('seeds on first start, prints the admin key, the docs URL and a working link per customer, and stops on SIGTERM', async () => {
    const server = await start({ DATA_DIR: dataDir });
    const text = server.output.join('');
    assert.match(text, /demo data seeded now/);
    const adminKey = /admin key: (cpa_\S+)/.exec(text)?.[1];
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
    const session = (await (await fetch(`${server.url}/api/v1/customer-portal/view/${browseOnly}/session`)).json()) as { permissions: Record<string, boolean> };
    assert.equal(session.permissions.place_orders, false);
    const customers = await fetch(`${server.url}/api/v1/customers`, { headers: { authorization: `Bearer ${adminKey}` } });
    assert.equal(customers.status, 200);
    assert.equal((await fetch(`${server.url}/docs`)).status, 200);
    assert.equal(await stop(server), 0);
  });

  it('on restart keeps the data and the links, and never prints the admin key again', async () => {
    const server = await start({ DATA_DIR: dataDir });
    const text = server.output.join('');
    assert.doesNotMatch(text, /seeded now/);
    assert.doesNotMatch(text, /cpa_/);
    const links = [...text.matchAll(/portal_token=(cpt_[\w-]+)/g)].map((m) => m[1]);
    assert.deepEqual(links, firstLinks.map((l) => /portal_token=(cpt_[\w-]+)/.exec(l)![1]));
    assert.equal(await stop(server), 0);
  });

  it('uses ADMIN_TOKEN when set', async () => {
    const server = await start({ DATA_DIR: dataDir, ADMIN_TOKEN: 'a-chosen-admin-key-of-some-length' });
    assert.match(server.output.join(''), /admin key: the value of ADMIN_TOKEN/);
    const res = await fetch(`${server.url}/api/v1/customers`, { headers: { authorization: 'Bearer a-chosen-admin-key-of-some-length' } });
    assert.equal(res.status, 200);
    assert.equal(await stop(server), 0);
  });

  it('stops with a message naming a bad variable', async () => {
    await assert.rejects(start({ DATA_DIR: dataDir, RATE_LIMIT_READS_PER_MIN: 'lots' }), /RATE_LIMIT_READS_PER_MIN/);
    await assert.rejects(start({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  });
});

describe('configuration', () => {
  it('defaults as documented', () => {
    const env = parseEnv({});
    assert.equal(env.PORT, 3000);
    assert.equal(env.DATA_DIR, './data');
    assert.equal(env.RATE_LIMIT_READS_PER_MIN, 30);
    assert.equal(env.RATE_LIMIT_WRITES_PER_MIN, 10);
    assert.deepEqual(allowedOrigins(env), ['http://localhost:3000', 'http://127.0.0.1:3000']);
  });

  it('reads ALLOWED_ORIGINS as a comma-separated list', () => {
    assert.deepEqual(allowedOrigins(parseEnv({ ALLOWED_ORIGINS: 'https://a.example, https://b.example/' })), ['https://a.example', 'https://b.example']);
  });

  it('rejects a short ADMIN_TOKEN', () => {
    assert.throws(() => parseEnv({ ADMIN_TOKEN: 'short' }), /ADMIN_TOKEN/);
  });
});
