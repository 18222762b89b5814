import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NAMED_SCHEMAS, openApiDocument } from '../../widget/contract/openapi.ts';

/**
 * The tarball `npm pack` makes, as a registry would serve it: its types resolve for an ESM
 * consumer (are-the-types-wrong, ESM-only profile), and custom-elements.json names files that
 * are in it. Needs `npm run build` (npm run test:build does it).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  exports: Record<string, unknown>;
};

interface Reference {
  module?: string;
  package?: string;
}
interface Manifest {
  modules: {
    path: string;
    declarations?: { superclass?: Reference; mixins?: Reference[]; members?: { inheritedFrom?: Reference }[] }[];
    exports?: { declaration: Reference }[];
  }[];
}

describe('published package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-pack-'));
  let tarball = '';
  let files: string[] = [];
  before(() => {
    // Already built: prepack would build again.
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, packed!.filename);
    files = packed!.files.map((f) => f.path);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ships its LICENSE and CHANGELOG', () => {
    for (const file of ['LICENSE', 'CHANGELOG.md']) assert.ok(files.includes(file), `the package has ${file}`);
  });

  it('ships the OpenAPI document and a JSON Schema for each named answer and request body', () => {
    assert.ok(files.includes('dist/openapi.json'), 'dist/openapi.json');
    const shipped = JSON.parse(readFileSync(join(root, 'dist/openapi.json'), 'utf8')) as {
      openapi: string;
      info: { version: string };
      paths: Record<string, unknown>;
    };
    assert.equal(shipped.openapi, '3.1.0');
    assert.equal(shipped.info.version, pkg.version);
    assert.deepEqual(
      Object.keys(shipped.paths).sort(),
      Object.keys(openApiDocument().paths).sort(),
      'built from the contract as it stands',
    );
    for (const name of [...Object.keys(NAMED_SCHEMAS), 'placeOrder.request']) {
      assert.ok(files.includes(`dist/schemas/${name}.json`), `dist/schemas/${name}.json`);
    }
    const order = JSON.parse(readFileSync(join(root, 'dist/schemas/OrderDetail.json'), 'utf8')) as {
      $schema: string;
      properties: Record<string, unknown>;
    };
    assert.equal(order.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.ok(order.properties.lines && order.properties.total_minor);
    assert.equal(pkg.exports['./openapi.json'], './dist/openapi.json');
  });

  it('passes are-the-types-wrong for ESM consumers (node16 from ESM, bundlers)', () => {
    // The version pinned in devDependencies: the installed one, or npx's cache.
    const attw = `@arethetypeswrong/cli@${pkg.devDependencies['@arethetypeswrong/cli']}`;
    const run = spawnSync('npx', ['-y', attw, tarball, '--profile', 'esm-only', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.ok(run.stdout.trim(), `attw printed no report: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as {
      problems?: Record<string, { kind: string; entrypoint: string; resolutionKind: string }[]>;
    };
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((p) => p.resolutionKind === 'node16-esm' || p.resolutionKind === 'bundler')
      .map((p) => `${p.kind}: ${p.entrypoint} (${p.resolutionKind})`);
    assert.deepEqual(problems, []);
    assert.equal(run.status, 0, run.stderr);
  });

  it('points custom-elements.json at files the package ships', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8')) as Manifest;
    const missing = new Set<string>();
    const check = (from: string, reference: Reference | undefined) => {
      if (!reference?.module || reference.package) return;
      // A reference's module is a path from the package root, or relative to the module naming it.
      const path = reference.module.startsWith('.')
        ? posix.join(posix.dirname(from), reference.module)
        : reference.module;
      if (!files.includes(path)) missing.add(`${reference.module} (in ${from})`);
    };
    assert.ok(manifest.modules.length >= 3);
    for (const module of manifest.modules) {
      if (!files.includes(module.path)) missing.add(module.path);
      for (const e of module.exports ?? []) check(module.path, e.declaration);
      for (const d of module.declarations ?? []) {
        check(module.path, d.superclass);
        for (const mixin of d.mixins ?? []) check(module.path, mixin);
        for (const member of d.members ?? []) check(module.path, member.inheritedFrom);
      }
    }
    assert.deepEqual([...missing], []);
  });
});
