import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The supplier console is a page of its own (dist/console/, served at /admin/): none of its code
 * reaches what a customer's browser loads (the script-tag bundle, its chunks, the per-element
 * entries) nor the npm package. Reads dist/ as `vite build` left it (`npm run test:build` builds).
 */
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Strings only the console's code holds: its element names and its Spanish words. */
const CONSOLE_MARKERS = [
  'portal-console',
  'console-customers',
  'console-requests',
  'console-settings',
  'Consola del proveedor',
  'portal-console-key',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('supplier console build', () => {
  it('is built as its own page, dist/console/index.html, with its assets beside it', () => {
    const page = join(dist, 'console', 'index.html');
    assert.ok(existsSync(page), 'dist/console/index.html is missing: run `vite build` first');
    const html = readFileSync(page, 'utf8');
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0, 'the page loads a script');
    for (const src of scripts) {
      assert.match(src, /^\.\/assets\//, "assets are addressed from the page's folder (it is served at /admin/)");
      assert.ok(existsSync(join(dist, 'console', src)), `${src} is built`);
    }
    const code = filesUnder(join(dist, 'console'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const marker of CONSOLE_MARKERS)
      assert.ok(code.includes(marker), `the console's code holds "${marker}" (the markers below are meaningful)`);
  });

  it("no console code is in the widget's bundles, chunks or per-element entries", () => {
    const widgetFiles = filesUnder(dist).filter(
      (f) => f.endsWith('.js') && !f.startsWith(join(dist, 'console')) && !f.startsWith(join(dist, 'examples')),
    );
    assert.ok(
      widgetFiles.some((f) => /customer-portal\.[\w-]{8,}\.js$/.test(f)),
      'the script-tag bundle is built',
    );
    for (const file of widgetFiles) {
      const code = readFileSync(file, 'utf8');
      for (const marker of CONSOLE_MARKERS)
        assert.ok(!code.includes(marker), `${file.slice(dist.length)} holds console code ("${marker}")`);
    }
    for (const name of ['customer-portal', 'elements']) {
      const manifest = readFileSync(join(dist, '.vite', `${name}.json`), 'utf8');
      assert.doesNotMatch(manifest, /(^|")console\//, `dist/.vite/${name}.json names a console/ source`);
    }
  });

  it('the npm package leaves the console out', () => {
    const files = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { files: string[] }
    ).files;
    assert.ok(files.includes('!dist/console'), 'package.json "files" excludes dist/console');
  });
});
