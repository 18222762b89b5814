import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

/**
 * The size budget of the script-tag bundle: what a merchant's page loads before the portal's first
 * paint (`customer-portal.js`, the hashed bundle it re-exports, and anything those import
 * statically) stays within 35 kB gzip. Lazy views are printed, not budgeted. Reads dist/ as
 * `vite build` left it (`npm run test:size` builds first). Sizes in kB of 1,000 bytes, gzip -9,
 * as Vite prints them.
 */
const BUDGET_GZIP = 35_000;

const dist = new URL('../../dist/', import.meta.url);

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
type Manifest = Record<string, ManifestChunk>;

interface Size { file: string; min: number; gzip: number }

function sizeOf(file: string): Size {
  const code = readFileSync(new URL(file, dist));
  return { file, min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const sum = (sizes: Size[], key: 'min' | 'gzip') => sizes.reduce((total, s) => total + s[key], 0);

function readManifest(name: string): Manifest {
  const path = new URL(`.vite/${name}.json`, dist);
  assert.ok(existsSync(path), `dist/.vite/${name}.json is missing: run \`vite build\` first (npm run test:size does)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The chunks a chunk imports statically, itself included: all of it loads before the module runs. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

function table(rows: Size[]): string {
  const width = Math.max(...rows.map((r) => r.file.length));
  return rows.map((r) => `  ${r.file.padEnd(width)}  ${kB(r.min).padStart(10)} min  ${kB(r.gzip).padStart(9)} gzip`).join('\n');
}

describe('size budget', () => {
  it(`the script-tag bundle loads at most ${kB(BUDGET_GZIP)} gzip before first paint`, (t) => {
    const manifest = readManifest('customer-portal');
    const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
    assert.ok(entryKey, 'the manifest has the entry');
    const firstPaintKeys = staticClosure(manifest, entryKey);
    const firstPaint = [sizeOf('customer-portal.js'), ...[...firstPaintKeys].map((key) => sizeOf(manifest[key]!.file))];
    const lazy = Object.keys(manifest).filter((key) => !firstPaintKeys.has(key)).map((key) => sizeOf(manifest[key]!.file))
      .sort((a, b) => b.gzip - a.gzip);
    const all = [...firstPaint, ...lazy];

    const report = [
      'Before first paint (customer-portal.js and what it imports statically):',
      table(firstPaint),
      `  total: ${kB(sum(firstPaint, 'min'))} min, ${kB(sum(firstPaint, 'gzip'))} gzip (budget ${kB(BUDGET_GZIP)} gzip)`,
      `Lazy chunks (${lazy.length}), loaded when a view opens:`,
      lazy.length ? table(lazy) : '  none',
      `Everything: ${kB(sum(all, 'min'))} min, ${kB(sum(all, 'gzip'))} gzip`,
    ].join('\n');
    for (const line of report.split('\n')) t.diagnostic(line);

    assert.ok(sum(firstPaint, 'gzip') <= BUDGET_GZIP,
      `the bundle loads ${kB(sum(firstPaint, 'gzip'))} gzip before first paint, over the budget of ${kB(BUDGET_GZIP)}`);
  });

  it('prints what each per-element entry loads before first paint', (t) => {
    const manifest = readManifest('elements');
    const lines: string[] = ['Per-element entries (dist/elements/, shared chunks counted in each):'];
    for (const [key, chunk] of Object.entries(manifest).filter(([, c]) => c.isEntry)) {
      const sizes = [...staticClosure(manifest, key)].map((k) => sizeOf(manifest[k]!.file));
      lines.push(`  ${chunk.file.padEnd(28)} ${kB(sum(sizes, 'min')).padStart(10)} min  ${kB(sum(sizes, 'gzip')).padStart(9)} gzip  (${sizes.length} files)`);
    }
    for (const line of lines) t.diagnostic(line);
  });
});
