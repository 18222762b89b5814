// No zod here: the reference server, the mock API and the widget share it.

/**
 * Letters of other scripts that look like Latin ones, by their lower-case form (the key is
 * case-folded first): the Cyrillic and Greek capitals and small letters a purchase-order number
 * can be typed with by mistake or on purpose. A small explicit table in the spirit of the
 * skeleton of Unicode TR39; NFKC alone leaves them apart from Latin.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'ë',
  һ: 'h',
  н: 'h',
  і: 'i',
  ї: 'ï',
  ӏ: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  ԝ: 'w',
  х: 'x',
  ԁ: 'd',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'h',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'n',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'y',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

/**
 * Characters that show nothing or only steer the display: format characters (zero-width space
 * and joiners, bidi overrides and isolates, soft hyphen, BOM), variation selectors and the
 * other default-ignorable code points, and control characters.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;
/** Hyphens and dashes of every width, and the minus sign, read as "-". */
const DASH = /[\p{Pd}\u2212]/gu;

/**
 * The comparison key of a customer reference: two references with the same key look the same
 * to a person, so `require_unique_reference` treats them as one. NFKC (full-width and styled
 * letters, ligatures), case folding, invisible characters removed, dashes unified, spaces
 * collapsed, look-alike Cyrillic and Greek letters mapped to Latin. Only the key is normalised:
 * the order keeps the reference as the customer typed it. Empty when nothing visible is left.
 */
export function referenceKey(reference: string): string {
  const folded = reference.normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase().normalize('NFKC');
  return folded
    .replace(INVISIBLE, '')
    .replace(CONFUSABLE, (c) => CONFUSABLES[c])
    .replace(DASH, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}
