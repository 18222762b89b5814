/**
 * The translations are complete and the committed files are what `npm run i18n` makes of the
 * code: lit-localize runs on a copy in a temporary directory, so the checkout is not touched.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const xliffDir = join(root, config.interchange.xliffDir);
const localesDir = join(root, config.output.outputDir);
const targets: string[] = config.targetLocales;

interface Unit {
  id: string;
  source: string;
  target: string | undefined;
}

/** The trans-units of an XLIFF file as lit-localize writes it. */
function units(xliff: string): Unit[] {
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id,
    source: /<source>([\s\S]*?)<\/source>/.exec(body)![1],
    target: /<target>([\s\S]*?)<\/target>/.exec(body)?.[1],
  }));
}

/** The placeholders of a message (`<x id="0" equiv-text="${name}"/>`), in id order. */
const placeholders = (text: string) =>
  [...text.matchAll(/<x id="(\d+)" equiv-text="[^"]*"\/>/g)].map((m) => m[0]).sort();

function litLocalize(command: 'extract' | 'build', configPath: string): void {
  execFileSync(join(root, 'node_modules/.bin/lit-localize'), [command, `--config=${configPath}`], {
    cwd: root,
    stdio: 'pipe',
  });
}

describe('translations', () => {
  let work: string;
  let configPath: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'portal-i18n-'));
    mkdirSync(join(work, 'xliff'));
    for (const locale of targets) copyFileSync(join(xliffDir, `${locale}.xlf`), join(work, 'xliff', `${locale}.xlf`));
    configPath = join(work, 'lit-localize.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        $schema: config.$schema,
        sourceLocale: config.sourceLocale,
        targetLocales: targets,
        tsConfig: join(root, config.tsConfig),
        inputFiles: config.inputFiles.map((glob: string) => join(root, glob)),
        output: { mode: 'runtime', outputDir: join(work, 'locales'), localeCodesModule: join(work, 'locale-codes.ts') },
        interchange: { format: 'xliff', xliffDir: join(work, 'xliff') },
      }),
    );
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  for (const locale of targets) {
    it(`${locale}: every message has a translation with the same placeholders`, () => {
      const all = units(readFileSync(join(xliffDir, `${locale}.xlf`), 'utf8'));
      assert.ok(all.length > 300, `only ${all.length} messages in ${locale}.xlf`);
      const untranslated = all.filter((u) => !u.target?.trim()).map((u) => `${u.id}: ${u.source}`);
      assert.deepEqual(
        untranslated,
        [],
        `messages without a ${locale} translation (fill their <target> in ${config.interchange.xliffDir}/${locale}.xlf)`,
      );
      const mismatched = all
        .filter((u) => u.target && placeholders(u.target).join() !== placeholders(u.source).join())
        .map((u) => u.id);
      assert.deepEqual(mismatched, [], 'translations whose placeholders differ from the English');
    });
  }

  it('the locale modules are built from the committed XLIFF (npm run i18n)', () => {
    litLocalize('build', configPath);
    for (const locale of targets) {
      assert.equal(
        readFileSync(join(work, 'locales', `${locale}.ts`), 'utf8'),
        readFileSync(join(localesDir, `${locale}.ts`), 'utf8'),
        `${config.output.outputDir}/${locale}.ts is out of date with ${locale}.xlf: run npm run i18n`,
      );
    }
    assert.deepEqual(readdirSync(join(work, 'locales')).sort(), readdirSync(localesDir).sort());
    assert.equal(
      readFileSync(join(work, 'locale-codes.ts'), 'utf8'),
      readFileSync(join(root, config.output.localeCodesModule), 'utf8'),
    );
  });

  it('the XLIFF holds every message of the code, and no other (npm run i18n)', () => {
    litLocalize('extract', configPath);
    for (const locale of targets) {
      const extracted = units(readFileSync(join(work, 'xliff', `${locale}.xlf`), 'utf8'));
      const committed = units(readFileSync(join(xliffDir, `${locale}.xlf`), 'utf8'));
      const key = (u: Unit) => `${u.id}: ${u.source}`;
      const committedKeys = new Set(committed.map(key));
      const extractedKeys = new Set(extracted.map(key));
      assert.deepEqual(
        extracted.filter((u) => !committedKeys.has(key(u))).map(key),
        [],
        `messages in the code but not in ${locale}.xlf: run npm run i18n, then translate them`,
      );
      assert.deepEqual(
        committed.filter((u) => !extractedKeys.has(key(u))).map(key),
        [],
        `messages in ${locale}.xlf no longer in the code: run npm run i18n`,
      );
    }
  });
});
