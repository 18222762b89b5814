import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const PORTAL_TOKEN_PREFIX = 'cpt_';
export const ADMIN_KEY_PREFIX = 'cpa_';

/** 192 bits from the CSPRNG, base64url, behind a prefix that secret scanners can recognise. */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(24).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two SHA-256 hex digests. */
export function hashesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Constant-time comparison of a presented secret with a stored SHA-256 hex digest. */
export function secretMatches(presented: string, storedHash: string): boolean {
  return hashesMatch(hashSecret(presented), storedHash);
}

/** Enough of a token to recognise it in a list, never enough to use it. */
export function hintFor(token: string): string {
  return `${token.slice(0, PORTAL_TOKEN_PREFIX.length + 2)}…${token.slice(-4)}`;
}

/** Anything shaped like one of our secrets, whole or cut short: the prefix and what follows it. */
const SECRET_SHAPE = new RegExp(`(${[PORTAL_TOKEN_PREFIX, ADMIN_KEY_PREFIX].join('|')})[\\w-]+`, 'gi');

/**
 * A log line or message without secrets: every portal token or admin key in it, wherever it sits
 * (path, query, error text), and the token segment of a portal path whatever its shape.
 * Percent-escapes are decoded first, since Express decodes `%63pt_…` back into a working token.
 */
export function redactSecrets(text: string): string {
  return decodeEscapes(text)
    .replace(/(\/customer-portal\/view\/)[^/?#\s]*/gi, '$1[redacted]')
    .replace(SECRET_SHAPE, '$1[redacted]');
}

/** `%XX` sequences decoded where they form valid UTF-8 (again while any remain, for `%2563`); others kept. */
function decodeEscapes(text: string): string {
  for (let round = 0; round < 3 && text.includes('%'); round++) {
    const decoded = text.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
    if (decoded === text) break;
    text = decoded;
  }
  return text;
}
