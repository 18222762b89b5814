import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    assert.ok(files.includes(pkg.bin['customer-portal-conformance']), 'the package has the command');
    assert.ok(files.includes('dist/conformance/index.js') && files.includes('dist/types/conformance/index.d.ts'), 'and the library with its types');
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

  it('exits 1 with a report naming the failure when the admin key is wrong', async () => {
    const result = await run(['--base', s.get().url, '--admin-key', 'cpa_wrong-key']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /FAIL {2}setup/);
    assert.match(result.stdout, /listCustomers: expected the customers \(with the admin key\), got 401/);
    assert.match(result.stdout, /request: {2}GET \/api\/v1\/customers\?limit=100/);
  });
});
