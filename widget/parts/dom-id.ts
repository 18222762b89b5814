/**
 * An element id built from opaque parts (document and product ids, unit codes). Ids may hold
 * spaces (`ACME 7`), and a space would split the IDREF list of `aria-describedby` or
 * `aria-labelledby`; so whitespace and `%` are written as `%xx`, keeping distinct parts distinct.
 */
export function domId(...parts: string[]): string {
  return parts.map((part) => part.replace(/[\s%]/gu, (c) => `%${c.codePointAt(0)!.toString(16)}`)).join('-');
}
