/** A Chromium executable: CHROME_PATH, else Playwright's own, else the system's. Throws with install advice when none. */
export function findChromium(): string;
export const CHROMIUM_ARGS: string[];
