// No zod here: the widget's fast catalogue check imports it at runtime.
import { LIMITS } from '../limits.ts';

/**
 * What an id may hold besides its length: anything but control characters and lone surrogates
 * (encodeURIComponent throws on those), and not `.` or `..`, which a URL resolves away even when
 * percent-encoded. Ids are otherwise opaque: a UUID, `C-000123`, `42`.
 */
export const ID_PATTERN = /^(?!\.\.?$)[^\p{Cc}\p{Cs}]*$/u;

/** Printable ASCII, none of which ID_PATTERN refuses: the ids almost every backend makes, checked without Unicode tables. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Whether `value` is a valid id: 1 to LIMITS.maxIdLength characters matching ID_PATTERN. */
export function isId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 1 || value.length > LIMITS.maxIdLength) return false;
  if (PRINTABLE_ASCII.test(value)) return value !== '.' && value !== '..';
  return ID_PATTERN.test(value);
}
