import type { Language } from '../contract/index.ts';

/** Each language the portal speaks, named in itself (never translated: a reader finds their own). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español' };
