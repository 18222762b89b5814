/**
 * The conformance kit against the reference server, on each database, with the rate limits of
 * `npm start` (30 reads and 10 writes a minute per token, 20 bad credentials per address): every
 * check passes, the read limit is exhausted and answers 429. The server runs on the real clock
 * here: the kit makes a token that expires in two seconds and prices carts at the time it places
 * them, as against any deployed server.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseEnv, rateLimitsFromEnv } from '../../demo-server/config.ts';
import { CHECKS, formatReport, runConformance } from '../../widget/conformance/index.ts';
import { ADMIN_KEY, forEachDatabase, useServer } from '../server/harness.ts';

forEachDatabase('conformance kit against the reference server', (kind) => {
  const s = useServer(kind, { config: { now: () => new Date() }, rateLimits: rateLimitsFromEnv(parseEnv({})) });

  it('passes every check', async () => {
    const report = await runConformance({ base: s.get().url, adminKey: ADMIN_KEY, seed: 1 });
    const text = formatReport(report);
    assert.ok(report.ok, text);
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.status]),
      [['setup', 'pass'], ...CHECKS.map((c) => [c.name, 'pass'])],
      text,
    );
    const rate = report.checks.find((c) => c.name === 'rate-limit-headers')!;
    assert.ok(rate.requests > 30 && rate.notes.length === 0, `the read limit of 30 was exhausted:\n${text}`);
    assert.match(report.checks.find((c) => c.name === 'price-agreement')!.notes.join(), /^orders placed: 6$/);
  });
});
