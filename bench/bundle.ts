/**
 * Bundle sizes: every .js file `vite build` wrote to dist/ (examples aside), each entry with what
 * it loads before first paint (its static imports, followed) and what it may load later (dynamic
 * imports), minified bytes and gzip (level 9) bytes; beside Lit alone as the floor: one trivial
 * LitElement bundled and minified with esbuild, as small as any Lit element can ship.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface EntrySize extends FileSize {
  /** The entry and every module it imports statically: what a page loads before the element can render. */
  initial: { files: number; bytes: number; gzip: number };
  /** Modules reachable only through dynamic import(): loaded on demand. */
  lazy: { files: number; bytes: number; gzip: number };
}

export interface BundleReport {
  files: FileSize[];
  entries: EntrySize[];
  litFloor: FileSize;
}

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'examples' && dir === DIST ? [] : jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** Relative specifiers of static imports and re-exports (`import"./x.js"`, `from"./x.js"`) and of dynamic `import("./x.js")`. */
function importsOf(path: string): { static: string[]; dynamic: string[] } {
  const code = readFileSync(path, 'utf8');
  const resolveSpec = (spec: string) => resolve(dirname(path), spec);
  const dynamic = [...code.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => resolveSpec(m[1]));
  const stat = [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => resolveSpec(m[1]));
  return { static: [...new Set(stat)], dynamic: [...new Set(dynamic)] };
}

function closure(start: string[], follow: (path: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const path = queue.pop()!;
    if (seen.has(path) || !existsSync(path)) continue;
    seen.add(path);
    queue.push(...follow(path));
  }
  return seen;
}

/**
 * The entries a page loads by name: top-level files of dist/ and the per-element scripts of
 * dist/standalone/ (served at /widget/elements/), not chunks and not content-hashed files
 * (`customer-portal.<hash>.js` is what `customer-portal.js` loads). dist/elements/ holds the npm
 * entries, which import Lit by name: a bundler's input, not a page's.
 */
function isEntry(path: string): boolean {
  const rel = relative(DIST, path).split('\\').join('/');
  if (/\.[\w-]{8,}\.js$/.test(rel)) return false;
  return /^[^/]+\.js$/.test(rel) || /^standalone\/[^/]+\.js$/.test(rel);
}

/** Lit alone: one trivial element, bundled and minified as the widget is. */
async function litFloor(): Promise<FileSize> {
  const result = await build({
    stdin: {
      contents:
        "import { LitElement, html } from 'lit';\nclass LitFloor extends LitElement { render() { return html`<p>floor</p>`; } }\ncustomElements.define('lit-floor', LitFloor);\n",
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    conditions: ['browser', 'production'],
  });
  const bytes = Buffer.from(result.outputFiles[0].contents);
  return { file: 'Lit alone (one trivial LitElement, esbuild --minify)', bytes: bytes.length, gzip: gzip(bytes) };
}

export async function benchBundle(): Promise<BundleReport> {
  const paths = jsFiles(DIST).sort();
  if (!paths.some((p) => p.endsWith('customer-portal.js')))
    throw new Error('dist/customer-portal.js is missing: run `vite build` first');
  const sizes = new Map(
    paths.map((path) => {
      const bytes = readFileSync(path);
      return [path, { file: relative(DIST, path), bytes: bytes.length, gzip: gzip(bytes) }] as const;
    }),
  );
  const sum = (set: Set<string>) => ({
    files: set.size,
    bytes: [...set].reduce((n, p) => n + (sizes.get(p)?.bytes ?? 0), 0),
    gzip: [...set].reduce((n, p) => n + (sizes.get(p)?.gzip ?? 0), 0),
  });
  const entries = paths.filter(isEntry).map((path) => {
    const initial = closure([path], (p) => importsOf(p).static);
    const everything = closure([path], (p) => [...importsOf(p).static, ...importsOf(p).dynamic]);
    const lazy = new Set([...everything].filter((p) => !initial.has(p)));
    return { ...sizes.get(path)!, initial: sum(initial), lazy: sum(lazy) };
  });
  return { files: [...sizes.values()], entries, litFloor: await litFloor() };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The report as Markdown tables. */
export function formatBundle(report: BundleReport): string {
  const floor = report.litFloor;
  const lines = [
    '| Entry | Loads before first paint (files) | Minified | Gzip | Gzip vs Lit alone | Loaded on demand (files) | On demand, gzip |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.entries.map(
      (e) =>
        `| \`${e.file}\` | ${e.initial.files} | ${kib(e.initial.bytes)} | ${kib(e.initial.gzip)} | ${(e.initial.gzip / floor.gzip).toFixed(1)}x | ${e.lazy.files} | ${kib(e.lazy.gzip)} |`,
    ),
    `| ${floor.file} | 1 | ${kib(floor.bytes)} | ${kib(floor.gzip)} | 1.0x | | |`,
    '',
    '| Every .js file in dist/ (examples aside) | Minified | Gzip |',
    '| --- | --- | --- |',
    ...report.files.map((f) => `| \`${f.file}\` | ${kib(f.bytes)} | ${kib(f.gzip)} |`),
  ];
  return lines.join('\n');
}
