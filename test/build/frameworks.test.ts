import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useE2E } from '../e2e/setup.ts';

/**
 * The example apps of examples/frameworks/ as their developers build them, each in a folder of its
 * own where the package is installed by its name (a link to this repository, with the repository's
 * node_modules as the app's): the Vue and Svelte apps type-check (vue-tsc, svelte-check) and build
 * (vite), with the type tests of test/frameworks/ beside them; a React 19 JSX file type-checks
 * against the JSX types; the Next.js app builds (its server build renders the page), `next start`
 * serves the portal's element, and in Chromium the portal opens against the demo server. Needs
 * `npm run build` (npm run test:build does it).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
const STEP_TIMEOUT = 150_000;

const folders: string[] = [];
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A copy of `source` (a folder of the repository) in a temporary folder, with the package installed. */
function app(name: string, source: string): string {
  const dir = mkdtempSync(join(tmpdir(), `portal-${name}-`));
  folders.push(dir);
  cpSync(join(root, source), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules')))
    symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  symlinkSync(root, join(dir, 'node_modules', pkg.name), 'dir');
  // The example's own package.json names its dependencies for an app that copies it; here they are the repository's.
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `portal-${name}-example`, private: true, type: 'module' })}\n`,
  );
  return dir;
}

/** Runs a tool of the app's node_modules/.bin; fails the test with the end of its output if it fails. */
function run(dir: string, tool: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(join(dir, 'node_modules', '.bin', tool), args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: STEP_TIMEOUT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  assert.equal(
    result.status,
    0,
    `${tool} ${args.join(' ')} failed${result.error ? ` (${result.error.message})` : ''}:\n${output.slice(-4000)}`,
  );
  return output;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });

describe('framework apps using the package', () => {
  it(
    "Vue: vue-tsc checks the app and the type tests (a typo'd attribute, a wrong handler), vite builds it",
    { timeout: STEP_TIMEOUT * 2 },
    () => {
      const dir = app('vue', 'examples/frameworks/vue');
      copyFileSync(join(root, 'test/frameworks/vue/TypeErrors.vue'), join(dir, 'src/TypeErrors.vue'));
      run(dir, 'vue-tsc', ['--noEmit', '-p', 'tsconfig.json']);
      rmSync(join(dir, 'src/TypeErrors.vue'));
      run(dir, 'vite', ['build', '--logLevel', 'warn']);
      const page = readFileSync(join(dir, 'dist/index.html'), 'utf8');
      assert.match(page, /<script type="module"[^>]*src="\/assets\/index-[\w-]+\.js"/);
      const code = readdirSync(join(dir, 'dist/assets'))
        .map((f) => readFileSync(join(dir, 'dist/assets', f), 'utf8'))
        .join('\n');
      assert.match(code, /customer-portal/, 'the app carries the portal');
    },
  );

  it('Svelte: svelte-check checks the app and the type tests, vite builds it', { timeout: STEP_TIMEOUT * 2 }, () => {
    const dir = app('svelte', 'examples/frameworks/svelte');
    copyFileSync(join(root, 'test/frameworks/svelte/TypeErrors.svelte'), join(dir, 'src/TypeErrors.svelte'));
    const report = run(dir, 'svelte-check', [
      '--tsconfig',
      './tsconfig.json',
      '--output',
      'machine',
      '--fail-on-warnings',
    ]);
    assert.match(report, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/, report.slice(-2000));
    rmSync(join(dir, 'src/TypeErrors.svelte'));
    run(dir, 'vite', ['build', '--logLevel', 'warn']);
    assert.ok(existsSync(join(dir, 'dist/index.html')));
  });

  it(
    "JSX: React 19 JSX with the package's JSX types type-checks, and refuses a typo'd attribute and wrong handlers",
    { timeout: STEP_TIMEOUT },
    () => {
      const dir = app('jsx', 'test/frameworks/jsx');
      run(dir, 'tsc', ['-p', 'tsconfig.json']);
    },
  );

  describe('Next.js', () => {
    const e2e = useE2E();

    it(
      'builds (the server build renders the page), serves the element, and the portal opens in the browser',
      { timeout: STEP_TIMEOUT * 2 },
      async () => {
        const dir = app('next', 'examples/frameworks/next');
        // Turbopack compiles only files under its root, and this app's node_modules are links to the repository's.
        writeFileSync(join(dir, 'next.config.mjs'), "export default { turbopack: { root: '/' } };\n");
        run(dir, 'next', ['build'], { NEXT_PUBLIC_PORTAL_API: e2e.url });
        const prerendered = readFileSync(join(dir, '.next/server/app/index.html'), 'utf8');
        assert.match(
          prerendered,
          new RegExp(`<customer-portal api-base="${e2e.url}"`),
          'the server build rendered the element with its attribute',
        );

        const port = await freePort();
        const server = spawn(join(dir, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
          cwd: dir,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        });
        let output = '';
        server.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
        });
        server.stderr.on('data', (chunk: Buffer) => {
          output += chunk;
        });
        try {
          const url = `http://127.0.0.1:${port}`;
          let html = '';
          for (let tries = 0; tries < 120 && !html; tries++) {
            html = await fetch(url).then(
              (res) => (res.ok ? res.text() : ''),
              () => '',
            );
            if (!html) await new Promise((resolve) => setTimeout(resolve, 250));
          }
          assert.match(html, /<customer-portal[\s>]/, `next start serves the element:\n${output.slice(-2000)}`);

          const { token } = await e2e.tokenFor('Blue Door Café');
          const { page, problems } = await e2e.newPage();
          await page.goto(`${url}/#portal_token=${token}`);
          await page.getByRole('heading', { name: 'Welcome back, Blue Door Café' }).waitFor();
          assert.ok(
            await page.evaluate(
              () =>
                customElements.get('customer-portal') !== undefined &&
                document.querySelector('customer-portal')?.shadowRoot !== null,
            ),
          );
          // The element's event reaches the app's state (React 19 listens to `onportal-cart-change`).
          await page.getByRole('button', { name: 'Yes, start ordering' }).click();
          await page
            .getByRole('button', { name: /^Add .* to cart$/ })
            .and(page.locator(':enabled'))
            .first()
            .click();
          await page.getByText('1 items in the cart').waitFor();
          assert.deepEqual(problems, []);
          await page.close();
        } finally {
          process.kill(-server.pid!, 'SIGTERM');
        }
      },
    );
  });
});
