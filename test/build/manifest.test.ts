import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { eventsByTag } from '../../widget/react/events.ts';

/**
 * custom-elements.json, as `npm run analyze` generates it from the elements' class comments: the
 * three public elements with their attributes, properties, events (typed), parts and custom
 * properties. What the elements' own templates and styles use must be documented there, so a
 * missing @csspart or @cssprop fails here. Needs `npm run build` (npm run test:build does it).
 */
interface Described {
  name: string;
  description?: string;
  default?: string;
  type?: { text: string };
}
interface Attribute extends Described {
  fieldName?: string;
}
interface Member extends Described {
  kind: string;
  privacy?: string;
  static?: boolean;
}
interface ElementDoc {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
  slots?: Described[];
}
interface Manifest {
  schemaVersion: string;
  modules: {
    path: string;
    declarations?: ElementDoc[];
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
  }[];
}

const TAGS = ['customer-portal', 'past-orders', 'reorder-cart'] as const;
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('custom-elements.json', () => {
  const path = new URL('dist/custom-elements.json', root);
  const manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
  const element = (tag: string) => {
    assert.ok(manifest, 'dist/custom-elements.json is missing: run `npm run build` (or `npm run analyze`)');
    const found = manifest.modules
      .flatMap((m) => (m.declarations ?? []).map((d) => ({ module: m, d })))
      .find(({ d }) => d.tagName === tag);
    assert.ok(found, `<${tag}> is in the manifest`);
    return found;
  };

  it('lists exactly the three public elements, each defined under its tag', () => {
    const tags =
      manifest?.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName)) ??
      [];
    assert.deepEqual(tags.sort(), [...TAGS].sort());
    for (const tag of TAGS) {
      const { module, d } = element(tag);
      assert.equal(module.path, `dist/elements/${tag}.js`, `<${tag}> is in the entry that defines it alone`);
      assert.ok(d.summary && d.description, `<${tag}> has a summary and a description`);
      assert.ok(
        module.exports?.some(
          (e) => e.kind === 'custom-element-definition' && e.name === tag && e.declaration.name === d.name,
        ),
        `<${tag}> has its custom-element-definition export`,
      );
    }
  });

  for (const tag of TAGS) {
    describe(`<${tag}>`, () => {
      it('documents its attributes and public properties', () => {
        const { d } = element(tag);
        const attributes = Object.fromEntries((d.attributes ?? []).map((a) => [a.name, a]));
        assert.equal(attributes['api-base']?.fieldName, 'apiBase');
        assert.equal(attributes['token']?.fieldName, 'token');
        for (const attribute of Object.values(attributes)) {
          assert.ok(attribute.description, `attribute ${attribute.name} is described`);
          assert.equal(attribute.type?.text, 'string');
        }
        const publicFields = (d.members ?? [])
          .filter((m) => m.kind === 'field' && !m.privacy && !m.static)
          .map((m) => m.name);
        assert.ok(
          publicFields.includes('apiBase') && publicFields.includes('token'),
          `fields: ${publicFields.join(', ')}`,
        );
      });

      it('documents the portal-* events it fires, typed with their classes, and the React wrapper maps them all', () => {
        const { d } = element(tag);
        const events = d.events ?? [];
        assert.ok(events.length > 0);
        for (const event of events) {
          assert.match(event.name, /^portal-[a-z-]+$/);
          assert.ok(event.description, `${event.name} is described`);
          assert.match(event.type?.text ?? '', /^Portal\w+Event$/, `${event.name} has its event class`);
        }
        assert.ok(events.some((e) => e.name === 'portal-cart-change') && events.some((e) => e.name === 'portal-error'));
        const wrapped = Object.values(eventsByTag[tag]).map(String).sort();
        assert.deepEqual(wrapped, events.map((e) => e.name).sort(), 'widget/react/events.ts matches the @fires tags');
      });

      it('documents every part its template exposes', () => {
        const { d } = element(tag);
        const documented = new Set((d.cssParts ?? []).map((p) => p.name));
        for (const part of d.cssParts ?? []) assert.ok(part.description, `part ${part.name} is described`);
        const source = read(`widget/elements/${tag}/${tag}.ts`);
        const used = new Set([...source.matchAll(/\bpart="([^"$]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
        // Parts of inner parts, forwarded with exportparts="a, b".
        for (const m of source.matchAll(/\bexportparts="([^"$]+)"/g))
          for (const p of m[1]!.split(',')) used.add(p.trim().split(':').pop()!.trim());
        const missing = [...used].filter((p) => !documented.has(p));
        assert.deepEqual(missing, [], `parts used in ${tag}.ts without a @csspart`);
      });

      it('documents every --portal-* custom property the styles read, with its default', () => {
        const { d } = element(tag);
        const documented = new Map((d.cssProperties ?? []).map((p) => [p.name, p]));
        const styles = read('widget/styles/shared.ts') + read(`widget/elements/${tag}/${tag}.styles.ts`);
        const used = new Set([...styles.matchAll(/var\((--portal-[a-z-]+)\s*,\s*([^)]+)\)/g)].map((m) => m[1]!));
        assert.ok(used.size >= 10);
        for (const name of used) {
          const property = documented.get(name);
          assert.ok(property, `${name} has a @cssprop`);
          assert.ok(property.description && property.default, `${name} has a description and a default`);
        }
        for (const [name, property] of documented) {
          const declared = new RegExp(`var\\(${name}\\s*,\\s*([^)]+)\\)`).exec(styles)?.[1]?.trim();
          if (declared)
            assert.equal(property.default, declared, `${name}'s documented default is the one in the styles`);
        }
      });

      it('documents its slots, if it has any', () => {
        const { d } = element(tag);
        const source = read(`widget/elements/${tag}/${tag}.ts`);
        const slots = [...source.matchAll(/<slot(?:\s+name="([^"]+)")?/g)].map((m) => m[1] ?? '');
        assert.deepEqual((d.slots ?? []).map((s) => s.name).sort(), slots.sort());
      });
    });
  }
});
