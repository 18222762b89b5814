const warned = new Set<string>();

/**
 * Registers an element unless the tag is taken: a second copy of the bundle on a page (two
 * script tags, two versions) warns once and keeps the first definition working.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) {
    customElements.define(tag, element);
  } else if (customElements.get(tag) !== element && !warned.has(tag)) {
    warned.add(tag);
    console.warn(`<${tag}> is already defined on this page; the copy loaded first is used.`);
  }
}
