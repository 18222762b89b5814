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

/** Replaces portal tokens in a URL path, so no log line ever carries one. */
export function redactPath(path: string): string {
  return path.replace(/(\/customer-portal\/view\/)[^/?#]*/gi, '$1[redacted]');
}
