/** Content codings the server sends, best first: on equal preference, brotli (smaller) wins. */
export const CODINGS = ['br', 'gzip'] as const;
export type Coding = (typeof CODINGS)[number];

/**
 * The coding to send from those `available`, by the request's Accept-Encoding (RFC 9110 12.5.3):
 * the highest q-value above zero, `*` standing for any coding not named; ties go to the order of
 * CODINGS, not the order the client listed them in (browsers list gzip before br). Undefined:
 * send the body as it is.
 */
export function chooseCoding(
  acceptEncoding: string | undefined,
  available: readonly Coding[] = CODINGS,
): Coding | undefined {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part
      .trim()
      .split(';')
      .map((p) => p.trim());
    if (!name) continue;
    const weight = params.find((p) => p.startsWith('q='));
    const value = weight ? Number(weight.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Coding | undefined;
  let bestQ = 0;
  for (const coding of CODINGS) {
    if (!available.includes(coding)) continue;
    const value = q.get(coding) ?? q.get('*') ?? 0;
    if (value > bestQ) [best, bestQ] = [coding, value];
  }
  return best;
}
