/**
 * `npm run build:frameworks`: types for Vue, Svelte and JSX frameworks (React 19, Preact, Solid)
 * generated from dist/custom-elements.json (so after `npm run analyze`) by the
 * custom-element-*-integration generators: each element's attributes, properties and `portal-*`
 * event handlers, typed with the element and event classes of the package's own .d.ts files.
 * Written to dist/types/frameworks/{vue,svelte,jsx}.d.ts, exported as `./vue`, `./svelte` and
 * `./jsx` (types only).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const manifest: unknown = JSON.parse(readFileSync(path('../dist/custom-elements.json'), 'utf8'));
const outdir = path('../dist/types/frameworks');

const common = {
  outdir,
  // The element classes, and the event classes that the manifest types the events with: dist/types/index.d.ts.
  globalTypePath: '../index.js',
  descriptionSrc: 'summary',
  hideLogs: true,
};
generateVuejsTypes(manifest, { ...common, fileName: 'vue.d.ts' });
generateSvelteTypes(manifest, { ...common, fileName: 'svelte.d.ts' });
generateJsxTypes(manifest, { ...common, fileName: 'jsx.d.ts' });

/** Rewrites a generated file; throws when a rewrite no longer finds what it fixes (a new generator version). */
function fix(file: string, ...rewrites: [RegExp, (substring: string, ...groups: string[]) => string][]): void {
  let text = readFileSync(`${outdir}/${file}`, 'utf8');
  for (const [pattern, replace] of rewrites) {
    if (!pattern.test(text)) throw new Error(`${file}: ${pattern} not found: check the generated types`);
    text = text.replace(pattern, replace);
  }
  writeFileSync(`${outdir}/${file}`, text);
}

/**
 * Each element's class, from its own module's types: `../index.js` (the script-tag entry) exports
 * only `<customer-portal>`'s, the others being loaded when a page uses them. Read from the manifest.
 */
const elementModules = new Map<string, string>();
for (const module of (
  manifest as { modules: { declarations?: { name: string; tagName?: string; customElement?: boolean }[] }[] }
).modules)
  for (const d of module.declarations ?? [])
    if (d.customElement && d.tagName) elementModules.set(d.name, `../elements/${d.tagName}/${d.tagName}.js`);

const commonFixes: [RegExp, (substring: string, ...groups: string[]) => string][] = [
  // The generators import each event type once per element that fires it (a duplicate identifier),
  // and every class from one module.
  [
    /import type \{([^}]+)\} from "\.\.\/index\.js";/,
    (_, names) => {
      const unique = [
        ...new Set(
          names!
            .split(',')
            .map((n) => n.trim())
            .filter(Boolean),
        ),
      ];
      const fromIndex = unique.filter((n) => !elementModules.has(n));
      const elements = unique.filter((n) => elementModules.has(n));
      return [
        `import type {\n${fromIndex.map((n) => `  ${n},\n`).join('')}} from "../index.js";`,
        ...elements.map((n) => `import type { ${n} } from "${elementModules.get(n)!}";`),
      ].join('\n');
    },
  ],
  // They take an event's type for a CustomEvent's detail; the portal's events are classes of their own (`event.itemCount`).
  [/CustomEvent<(Portal\w+Event)>/g, (_, event) => event!],
];

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
fix(
  'vue.d.ts',
  ...commonFixes,
  // Vue declares props in camelCase and matches `api-base="…"` to `apiBase`, `@portal-cart-change` to
  // `onPortalCartChange` (and on a custom element sets the property, listens to `portal-cart-change`).
  [/"on(portal-[a-z-]+)"\?:/g, (_, event) => `on${camelCase(`-${event!}`)}?:`],
  [/^(\s*)"([a-z]+(?:-[a-z]+)+)"\?:/gm, (_, indent, name) => `${indent!}${camelCase(name!)}?:`],
);
fix('jsx.d.ts', ...commonFixes);
fix(
  'svelte.d.ts',
  ...commonFixes,
  // Svelte 5 listens with event attributes (`onportal-cart-change={…}`) as well as `on:` directives.
  [/^(\s*)"on:(portal-[a-z-]+)"\?: (.*)$/gm, (line, indent, event, type) => `${line}\n${indent}"on${event}"?: ${type}`],
  // A property the element takes as an attribute too, `open={…}`, besides `bind:open`.
  [/^(\s*)"bind:([a-z]+)"\?: (.*)$/gm, (line, indent, name, type) => `${line}\n${indent}${name}?: ${type}`],
  // Children are markup, not a JSX element (no JSX namespace in a Svelte app).
  [/children\?: JSX\.Element;/, () => 'children?: unknown;'],
  // A namespace declared in a module is the module's own: augment Svelte's element map instead.
  [
    /declare namespace svelteHTML \{([\s\S]*?)interface IntrinsicElements extends CustomElements \{\}\s*\}/,
    () => 'declare module "svelte/elements" {\n  interface SvelteHTMLElements extends CustomElements {}\n}',
  ],
);
