/**
 * The conformance kit against the reference server, on each database: every check passes. The
 * server runs on the real clock here (the kit makes a token that expires in two seconds and
 * prices carts at the time it places them, as against any deployed server).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CHECKS, formatReport, runConformance } from '../../widget/conformance/index.ts';
import { ADMIN_KEY, forEachDatabase, useServer } from '../server/harness.ts';

forEachDatabase('conformance kit against the reference server', (kind) => {
  const s = useServer(kind, { config: { now: () => new Date() } });

  it('passes every check', async () => {
    const report = await runConformance({ base: s.get().url, adminKey: ADMIN_KEY, seed: 1 });
    const text = formatReport(report);
    assert.ok(report.ok, text);
    assert.deepEqual(report.checks.map((c) => [c.name, c.status]), [['setup', 'pass'], ...CHECKS.map((c) => [c.name, 'pass'])], text);
  });
});
