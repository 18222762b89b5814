/**
 * An amount typed in a text field ("250", "250.50", "250,50") ↔ integer minor units of a currency.
 * Only the shape is checked here; what the amount may be (not negative, not too large) is the API's
 * to say, and its answer is shown beside the field.
 */

/** How many minor digits a currency has (2 for EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * The typed text in minor units: null for an empty field, undefined when it is not an amount
 * (letters, or more decimals than the currency has).
 */
export function toMinor(text: string, currency: string): number | null | undefined {
  const typed = text.trim().replace(/\s/g, '');
  if (typed === '') return null;
  const match = /^(-?)(\d+)(?:[.,](\d*))?$/.exec(typed);
  const digits = minorDigits(currency);
  if (!match || (match[3] ?? '').length > digits) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  return sign ? -minor : minor;
}

/** Minor units as the field shows them to be changed: "250.50" (no grouping, no symbol). */
export function toFieldText(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
