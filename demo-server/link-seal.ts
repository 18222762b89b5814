import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The form of a sealed token: a version, then base64url of IV, tag and ciphertext. */
const VERSION = 'v1.';

/** A 32-byte key written as 64 hex digits or as base64 (standard or url-safe); undefined when it is neither. */
export function parseSealKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  return undefined;
}

/**
 * The key of `DATA_DIR/link-seal.key`, made (32 random bytes, hex, mode 0600) when there is none.
 * Two instances starting together on one DATA_DIR: the file is created exclusively, so the second
 * reads the first one's key.
 */
export function linkSealKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, 'link-seal.key');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = parseSealKey(readFileSync(file, 'utf8'));
  if (!key)
    throw new Error(
      `${file} does not hold a 32-byte key (64 hex digits): fix or remove it (links sealed under it can then no longer be re-sent)`,
    );
  return key;
}

/**
 * Seals and opens portal tokens with AES-256-GCM, bound to the link's id (so a sealed copy moved to
 * another row does not open). The server keeps only a token's hash for signing in; the sealed copy
 * is what lets the supplier send a link again.
 */
export class LinkSeal {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error('the link seal key must be 32 bytes');
    this.#key = key;
  }

  seal(linkId: string, token: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(linkId, 'utf8'));
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The token, or undefined when it was sealed under another key, for another link, or not at all. */
  open(linkId: string, sealed: string | null): string | undefined {
    if (!sealed?.startsWith(VERSION)) return undefined;
    const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(linkId, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
