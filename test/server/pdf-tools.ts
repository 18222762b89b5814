/** Reading the PDFs the server makes with poppler-utils (pdftotext, pdfinfo), as a person's viewer would. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler tool on the PDF; a broken file makes it fail or complain on stderr. */
export function poppler(tool: 'pdfinfo' | 'pdftotext', bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const args = tool === 'pdftotext' ? ['-raw', '-enc', 'UTF-8', file, '-'] : [file];
    const run = spawnSync(tool, args, { encoding: 'utf8' });
    assert.equal(run.error, undefined, `${tool} could not run (apt-get install poppler-utils)`);
    assert.equal(run.status, 0, `${tool} failed: ${run.stderr}`);
    assert.equal(run.stderr, '', `${tool} complained`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every run of whitespace as one space (names may wrap in their cell). */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The PDF's text, squashed. */
export const textOf = (bytes: Uint8Array) => squash(poppler('pdftotext', bytes));

/** How many pages pdfinfo counts. */
export const pagesOf = (bytes: Uint8Array) => Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', bytes))?.[1]);
