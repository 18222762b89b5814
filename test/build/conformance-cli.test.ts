import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ADMIN_KEY, useServer } from '../server/harness.ts';

/**
 * `npx customer-portal-conformance` as an integrator gets it: the built command in the package,
 * run by plain node (no tsx), against the reference server. Needs `npm run build` (npm run
 * test:build does it).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const cli = join(root, pkg.bin['customer-portal-conformance']);

const run = async (args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('customer-portal-conformance command', () => {
  const s = useServer('sqlite', { config: { now: () => new Date() } });

  it('is published as the package bin', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    assert.ok(files.includes(pkg.bin['customer-portal-conformance']), 'the package has the command');
    assert.ok(
      files.includes('dist/conformance/index.js') && files.includes('dist/types/conformance/index.d.ts'),
      'and the library with its types',
    );
    assert.match(readFileSync(cli, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('says in its help that it places orders, and exits 2 on bad usage', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /TEST workspace/);
    assert.match(help.stdout, /PLACES ORDERS/);
    const bad = await run(['--admin-key', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--base <url> is required/);
  });

  it('passes against the reference server and exits 0', async () => {
    const result = await run(['--base', s.get().url, '--admin-key', ADMIN_KEY, '--seed', '7']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /PASS {2}price-agreement/);
    assert.match(result.stdout, /The server conforms to the contract\./);
  });

  describe('against a broken server', () => {
    // The reference server behind a proxy that drops `currency` from every session answer.
    let proxy: http.Server;
    let base = '';
    before(async () => {
      proxy = http.createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
        ) as Record<string, string>;
        const answer = await fetch(s.get().url + req.url, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        let body = Buffer.from(await answer.arrayBuffer());
        if (req.url!.endsWith('/session') && answer.status === 200) {
          const { currency: _dropped, ...rest } = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          body = Buffer.from(JSON.stringify(rest));
        }
        const out = Object.fromEntries(
          [...answer.headers].filter(
            ([name]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(name),
          ),
        );
        res.writeHead(answer.status, out).end(body);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    after(
      () =>
        new Promise<void>((resolve) => {
          proxy.closeAllConnections();
          proxy.close(() => resolve());
        }),
    );

    it('exits 1 and prints the failing check, operation, request, expectation and contract section', async () => {
      const result = await run(['--base', base, '--admin-key', ADMIN_KEY, '--only', 'shapes']);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /FAIL {2}shapes/);
      assert.match(result.stdout, /1\) getSession: the answer does not match the response schema: currency: /);
      assert.match(result.stdout, /request: {2}GET \/api\/v1\/customer-portal\/view\/<token A\d+>\/session/);
      assert.match(result.stdout, /expected: 200 with a body matching the response schema/);
      assert.match(
        result.stdout,
        /contract: getSession: GET \/api\/v1\/customer-portal\/view\/\{token\}\/session .*\/docs#get-api-v1-customer-portal-view-token-session/,
      );
      assert.match(result.stdout, /The server does not conform: shapes failed\./);
    });
  });

  it('exits 1 with a report naming the failure when the admin key is wrong', async () => {
    const result = await run(['--base', s.get().url, '--admin-key', 'cpa_wrong-key']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /FAIL {2}setup/);
    assert.match(result.stdout, /listCustomers: expected the customers \(with the admin key\), got 401/);
    assert.match(result.stdout, /request: {2}GET \/api\/v1\/customers\?limit=100/);
  });
});
