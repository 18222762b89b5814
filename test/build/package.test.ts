import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The npm package as a merchant's build gets it: every `exports` target exists, the files that
 * would be published are the right ones, the script-tag bundle imports nothing it does not carry,
 * the npm entries import Lit and their other dependencies by name, and a TypeScript app compiles against the published types. Needs
 * `npm run build` (npm run test:build does it).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  types: string;
  customElements: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** Bare specifiers a module imports (`import … from "x"`, `import "x"`, `export … from "x"`, `import("x")`). */
function bareImports(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
  // A package name (minified code may hold `from","…` in a string).
  return [...new Set(specifiers.filter((s) => /^(@\w[\w.-]*\/)?\w[\w.-]*(\/[\w./-]+)?$/.test(s)))];
}

describe('npm package', () => {
  const targets = Object.entries(pkg.exports).flatMap(([subpath, target]) =>
    typeof target === 'string' ? [[subpath, target] as const] : Object.values(target).map((t) => [subpath, t] as const),
  );

  it('points every export, its types and the manifest at a built file', () => {
    assert.ok(targets.length >= 8);
    for (const [subpath, target] of targets) {
      // A pattern export (./schemas/*) points at a folder of built files.
      const path = target.includes('*') ? target.slice(0, target.indexOf('*')) : target;
      assert.ok(
        existsSync(join(root, path)) && (!target.includes('*') || readdirSync(join(root, path)).length > 0),
        `${subpath} → ${target} exists`,
      );
    }
    assert.ok(existsSync(join(root, pkg.types)));
    assert.ok(existsSync(join(root, pkg.customElements)));
    for (const subpath of [
      '.',
      './bundle',
      './customer-portal',
      './past-orders',
      './reorder-cart',
      './react',
      './vue',
      './svelte',
      './jsx',
      './custom-elements.json',
    ]) {
      assert.ok(subpath in pkg.exports, `exports has ${subpath}`);
    }
  });

  it('publishes the built widget, its types and manifest, and nothing of the repository', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const required of [
      'package.json',
      'README.md',
      'dist/customer-portal.js',
      'dist/elements/past-orders.js',
      'dist/react.js',
      'dist/types/index.d.ts',
      'dist/types/react/index.d.ts',
      'dist/types/frameworks/vue.d.ts',
      'dist/types/frameworks/svelte.d.ts',
      'dist/types/frameworks/jsx.d.ts',
      'dist/custom-elements.json',
    ]) {
      assert.ok(files.includes(required), `the package has ${required}`);
    }
    assert.ok(
      files.some((f) => /^dist\/customer-portal\.[\w-]{8,}\.js$/.test(f)),
      'the package has the hashed bundle that customer-portal.js loads',
    );
    const unexpected = files.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+)$/.test(f) || /^dist\/(examples|\.vite)\//.test(f),
    );
    assert.deepEqual(unexpected, []);
  });

  it('ships a self-contained script-tag bundle, and npm entries that import their dependencies by name', () => {
    const js = (dir: string): string[] =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(dir, f));
    // lit-html's attribute marker, in every copy of Lit: the script-tag bundle carries one, the npm entries none.
    const carriesLit = (code: string) => code.includes('"$lit$"');

    // The script-tag bundle, and the per-element scripts of dist/standalone/ (served at /widget/elements/).
    const bundle = [
      'dist/customer-portal.js',
      ...readdirSync(join(root, 'dist'))
        .filter((f) => /^customer-portal\..+\.js$/.test(f))
        .map((f) => `dist/${f}`),
      ...js('dist/chunks'),
      ...js('dist/standalone'),
    ];
    for (const file of bundle)
      assert.deepEqual(bareImports(readFileSync(join(root, file), 'utf8')), [], `${file} imports no package`);
    assert.ok(
      bundle
        .filter((file) => !file.startsWith('dist/standalone/'))
        .some((file) => carriesLit(readFileSync(join(root, file), 'utf8'))),
      'the script-tag bundle carries its own Lit',
    );
    assert.ok(
      js('dist/standalone').some((file) => carriesLit(readFileSync(join(root, file), 'utf8'))),
      'the per-element scripts carry their own Lit',
    );

    // The app installs the runtime packages once, shared with its own code (and a server resolves Lit's Node build).
    const installed = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
    const packageOf = (specifier: string) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    const imported = new Set<string>();
    for (const file of ['dist/react.js', ...js('dist/elements')]) {
      const code = readFileSync(join(root, file), 'utf8');
      assert.ok(!carriesLit(code), `${file} carries no copy of Lit`);
      for (const specifier of bareImports(code)) {
        assert.ok(installed.has(packageOf(specifier)), `${file} imports ${specifier}, not a dependency of the package`);
        imported.add(packageOf(specifier));
      }
    }
    for (const name of ['lit', '@lit/context', '@lit/localize', '@lit/task', '@lit-labs/virtualizer', 'react'])
      assert.ok(imported.has(name), `the npm entries import ${name}`);
    // zod: the published types name its types (the widget validates with JSON Schemas, not zod).
    for (const name of ['lit', '@lit/context', '@lit/localize', '@lit/task', '@lit-labs/virtualizer', 'zod'])
      assert.ok(pkg.dependencies?.[name], `${name} is a dependency`);

    // ./mock uses the app's msw; ./conformance runs in Node and carries what it needs.
    assert.deepEqual(bareImports(readFileSync(join(root, 'dist/mock/index.js'), 'utf8')), ['msw']);
    assert.deepEqual(bareImports(readFileSync(join(root, 'dist/conformance/index.js'), 'utf8')), []);
    assert.ok(pkg.peerDependencies?.react, 'React is a peer dependency');
    assert.ok(pkg.peerDependencies?.msw, 'msw is a peer dependency');
  });

  describe('a TypeScript app compiles against the published types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-consumer-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', pkg.name), 'dir');
    symlinkSync(join(root, 'node_modules', '@types', 'react'), join(dir, 'node_modules', '@types', 'react'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'app.ts'),
      `
import { CustomerPortal, PortalCartChangeEvent } from '${pkg.name}';
import { PastOrders } from '${pkg.name}/past-orders';
import { ReorderCart } from '${pkg.name}/reorder-cart';
import { CustomerPortal as CustomerPortalComponent } from '${pkg.name}/react';
import type { ComponentProps } from 'react';

const portal = document.createElement('customer-portal');
portal.apiBase = 'https://api.supplier.example';
portal.addEventListener('portal-cart-change', (e) => { const count: number = e.itemCount; void count; });
// @ts-expect-error no such property
portal.addEventListener('portal-cart-change', (e) => e.count);
document.querySelector('past-orders')?.addEventListener('portal-open-cart', (e) => void e.token);

type Props = ComponentProps<typeof CustomerPortalComponent>;
const props: Props = { apiBase: '', onPortalCartChange: (e: PortalCartChangeEvent) => void e.totalMinor };
// @ts-expect-error no such property
const wrong: Props = { onPortalCartChange: (e) => e.count };
void [CustomerPortal, PastOrders, ReorderCart, props, wrong];
`,
    );

    for (const moduleResolution of ['bundler', 'nodenext'] as const) {
      it(`with moduleResolution ${moduleResolution}`, () => {
        const program = ts.createProgram([join(dir, 'app.ts')], {
          strict: true,
          noEmit: true,
          target: ts.ScriptTarget.ES2022,
          lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
          module: moduleResolution === 'bundler' ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext,
          moduleResolution:
            moduleResolution === 'bundler' ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.NodeNext,
          types: [],
        });
        // The app and the package's own .d.ts files; third-party typings are their authors' business.
        const ours = (file: ts.SourceFile | undefined) =>
          !file || file.fileName.startsWith(dir) || file.fileName.includes('/dist/types/');
        const errors = ts
          .getPreEmitDiagnostics(program)
          .filter((d) => ours(d.file))
          .map(
            (d) =>
              `${d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
          );
        assert.deepEqual(errors, []);
      });
    }
  });
});
