/**
 * Writes `<file>.br` and `<file>.gz` beside every script, style sheet, page and JSON file of at
 * least 1 KiB that browsers load from dist/ (the script-tag bundle and its chunks, the
 * per-element scripts, the console), at the best quality (it happens once, at build time), so the demo server
 * sends them compressed without compressing them per request (demo-server/static.ts). A
 * merchant's own server or CDN can serve the same files. The npm package leaves them out.
 *
 *   tsx scripts/precompress.ts [dist]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|map|txt)$/;
const MIN_BYTES = 1024;

/** What browsers load: dist's own files, and these folders of it. */
const BROWSER_DIRS = ['chunks', 'standalone', 'assets', 'console'];

/** Every file under `dir` that gets compressed forms; below the top, only in `folders` when given. */
function* compressible(dir: string, folders?: readonly string[]): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!folders || folders.includes(entry.name)) yield* compressible(path);
    } else if (COMPRESSIBLE.test(entry.name) && statSync(path).size >= MIN_BYTES) yield path;
  }
}

/** Writes the compressed forms for `dir` (a built dist/); answers how many files and bytes before and after brotli. */
export function precompress(
  dir: string,
  folders: readonly string[] = BROWSER_DIRS,
): { files: number; bytes: number; brotli: number } {
  const total = { files: 0, bytes: 0, brotli: 0 };
  for (const path of compressible(dir, folders)) {
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(body, { level: zlib.Z_BEST_COMPRESSION }));
    total.files++;
    total.bytes += body.length;
    total.brotli += br.length;
  }
  return total;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const { files, bytes, brotli } = precompress(dir);
  console.log(
    `precompressed ${files} files in ${dir}: ${(bytes / 1024).toFixed(0)} KiB, ${(brotli / 1024).toFixed(0)} KiB with brotli`,
  );
}
