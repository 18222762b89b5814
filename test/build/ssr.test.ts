import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The npm package on a server (Next.js, Astro, Lit SSR): every JavaScript entry imports in plain
 * Node, without a DOM or a global shim, and Lit's server renderer renders each public element into
 * its declarative shadow root. Each check runs in a fresh `node` process, importing the package by
 * its name as an app would. Needs `npm run build` (npm run test:build does it).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
};

const jsEntries = Object.entries(pkg.exports)
  .filter(
    ([subpath, target]) =>
      !subpath.includes('*') && (typeof target === 'string' ? target : (target.default ?? '')).endsWith('.js'),
  )
  .map(([subpath]) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

describe('the npm package on a server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-ssr-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', pkg.name), 'dir');
  // The app's own Lit and its server renderer: the same copies the package resolves.
  for (const name of ['lit', '@lit-labs'])
    symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');

  /** Runs an ES module in a fresh plain `node` (no tsx, no DOM) from the app's folder; returns what it printed. */
  const node = (code: string) => {
    writeFileSync(join(dir, 'check.js'), code);
    try {
      return execFileSync(process.execPath, ['check.js'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        stdio: 'pipe',
      });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      // The error and where it was thrown (a minified line quoted by Node would drown it).
      const lines = stderr?.split('\n').filter((l) => l.trim() && l.length < 300) ?? [];
      assert.fail(lines.slice(0, 6).join('\n') || String(error));
    }
  };

  it('lists the element, React and bundle entries among the exports', () => {
    for (const entry of ['', '/bundle', '/customer-portal', '/past-orders', '/reorder-cart', '/react'])
      assert.ok(jsEntries.includes(`${pkg.name}${entry}`), `${pkg.name}${entry}`);
  });

  for (const entry of jsEntries) {
    // The script-tag bundle carries its own Lit, the browser's: a page loads it, a server never should.
    if (entry.endsWith('/bundle')) continue;
    it(`imports ${entry} in Node`, () => {
      const out = node(`
        const module = await import(${JSON.stringify(entry)});
        console.log(Object.keys(module).length);
      `);
      assert.ok(Number(out) > 0, `${entry} exports something`);
    });
  }

  for (const tag of ['customer-portal', 'past-orders', 'reorder-cart']) {
    it(`renders <${tag}> with Lit's server renderer into a declarative shadow root`, () => {
      const out = node(`
        import { render } from '@lit-labs/ssr';
        import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
        import { html } from 'lit';
        import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
        await import(${JSON.stringify(`${pkg.name}/${tag}`)});
        const tag = unsafeStatic(${JSON.stringify(tag)});
        const page = html\`<main>\${staticHtml\`<\${tag} api-base="https://api.supplier.example" token="cpt_ssr_test_token"></\${tag}>\`}</main>\`;
        console.log(await collectResult(render(page)));
      `);
      assert.match(
        out,
        new RegExp(`<${tag} [^>]*api-base="https://api.supplier.example"[^>]*>\\s*<template shadowroot(mode)?="open"`),
        out.slice(0, 600),
      );
      assert.doesNotMatch(
        out,
        /needs your personal portal link/,
        "a server cannot know the page's link: it renders the placeholder, not the missing-link notice",
      );
      assert.match(
        out,
        new RegExp(`</template>\\s*(<!--[^>]*-->\\s*)*</${tag}>`),
        `the shadow root closes inside <${tag}>`,
      );
    });
  }

  it('renders the elements after importing the main entry, as a Next.js page would', () => {
    const out = node(`
      import { render } from '@lit-labs/ssr';
      import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
      import { html } from 'lit';
      await import(${JSON.stringify(pkg.name)});
      console.log(await collectResult(render(html\`<customer-portal token="cpt_ssr_test_token"></customer-portal>\`)));
    `);
    assert.match(out, /<customer-portal [^>]*>\s*<template shadowroot(mode)?="open"/, out.slice(0, 600));
  });
});
