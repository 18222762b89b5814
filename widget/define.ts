let warned = false;

/**
 * Registers an element unless the tag is taken: a second copy of the bundle on a page (two
 * script tags, two versions) steps aside with one warning (for its first taken tag) and the
 * copy loaded first keeps working.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
  } else if (existing !== element && !warned) {
    warned = true;
    console.warn(
      `<${tag}> is already defined on this page: another copy of the customer portal widget was loaded first and is used; this copy steps aside.`,
    );
  }
}
