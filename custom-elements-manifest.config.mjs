// `npm run analyze` (cem analyze --litelement): custom-elements.json from the class comments of
// the three public elements (@summary, @fires, @slot, @csspart, @cssprop, property comments).
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * The elements register through the guarded `define(tag, Class)` (widget/define.ts), which the
 * analyzer does not know: give each class its tag and the module its definition export.
 */
function guardedDefine() {
  return {
    name: 'portal-guarded-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, cls] = node.arguments;
      if (!tag || !cls || !ts.isStringLiteral(tag) || !ts.isIdentifier(cls)) return;
      const declaration = moduleDoc.declarations?.find((d) => d.kind === 'class' && d.name === cls.text);
      if (!declaration) return;
      declaration.tagName = tag.text;
      declaration.customElement = true;
      moduleDoc.exports ??= [];
      if (!moduleDoc.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag.text)) {
        moduleDoc.exports.push({
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name: cls.text, module: moduleDoc.path },
        });
      }
    },
  };
}

/** Event name → event class, from widget/events/*.ts (`class X extends Event` … `super('portal-x'`). */
function eventClasses() {
  const dir = new URL('./widget/events/', import.meta.url);
  const classes = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const match = /export class (\w+) extends Event\b[\s\S]*?super\('([a-z-]+)'/.exec(text);
    if (match) classes.set(match[2], match[1]);
  }
  return classes;
}

/**
 * The public events are the ones the class comment lists with @fires. The analyzer also reports
 * every `dispatchEvent(new X(...))` it sees, named after local variables or not at all: drop
 * those, and type each listed event with its class from widget/events.
 */
function portalEvents() {
  const classes = eventClasses();
  return {
    name: 'portal-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement || !declaration.events) continue;
          const seen = new Set();
          declaration.events = declaration.events
            .filter((event) => event.name?.startsWith('portal-') && !seen.has(event.name) && seen.add(event.name))
            .map((event) => {
              const cls = classes.get(event.name);
              return cls ? { ...event, type: { text: cls } } : event;
            });
        }
      }
    },
  };
}

/**
 * `lang`, documented with @attr, is HTMLElement's own property: say so, so that typings generated
 * from the manifest (npm run build:frameworks) type it as the element's `lang`.
 */
function langProperty() {
  return {
    name: 'portal-lang-property',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const attribute of declaration.attributes ?? [])
            if (attribute.name === 'lang') attribute.fieldName ??= 'lang';
        }
      }
    },
  };
}

/**
 * The analyzer names source files (widget/elements/<tag>/<tag>.ts), which the package does not
 * ship: name the per-element entry the build makes of each (dist/elements/<tag>.js, see
 * vite.config.ts). A reference to a module that is not an entry (`export … from
 * '../../state/page-token.ts'`) names the entry that bundles and re-exports it.
 */
function shippedPaths() {
  const shipped = (source) => /^widget\/elements\/([a-z-]+)\/\1\.ts$/.exec(source)?.[1];
  const entry = (source) => `dist/elements/${shipped(source)}.js`;
  return {
    name: 'portal-shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const source = mod.path;
        if (!shipped(source)) throw new Error(`custom-elements.json: ${source} is not built as an entry of its own`);
        const resolve = (reference) => {
          if (!reference?.module || reference.package) return;
          const path = reference.module.startsWith('.')
            ? posix.join(posix.dirname(source), reference.module)
            : reference.module;
          reference.module = shipped(path) ? entry(path) : entry(source);
        };
        for (const e of mod.exports ?? []) resolve(e.declaration);
        for (const declaration of mod.declarations ?? []) {
          resolve(declaration.superclass);
          for (const mixin of declaration.mixins ?? []) resolve(mixin);
          for (const member of declaration.members ?? []) resolve(member.inheritedFrom);
          for (const attribute of declaration.attributes ?? []) resolve(attribute.inheritedFrom);
          for (const event of declaration.events ?? []) resolve(event.inheritedFrom);
        }
        mod.path = entry(source);
      }
    },
  };
}

export default {
  globs: ['widget/elements/**/*.ts'],
  exclude: ['**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json's "customElements" field is kept by hand.
  packagejson: false,
  plugins: [guardedDefine(), portalEvents(), langProperty(), shippedPaths()],
};
