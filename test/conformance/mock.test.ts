/**
 * The conformance kit against the mock API (msw in Node, two customers behind the mock's admin
 * endpoints): the mock the widget's tests and the no-server mode trust must pass the same checks
 * as the reference server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { CHECKS, formatReport, runConformance } from '../../widget/conformance/index.ts';
import { createMockApi } from '../../widget/mock/api.ts';
import { API_BASE } from '../../widget/mock/handlers.ts';

const ADMIN_KEY = 'cpa_mock-admin-key';

describe('conformance kit against the mock API', () => {
  const api = createMockApi({ adminKey: ADMIN_KEY });
  const server = setupServer(...api.handlers);
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  it('passes every check', async () => {
    const report = await runConformance({ base: API_BASE, adminKey: ADMIN_KEY, seed: 1 });
    const text = formatReport(report);
    assert.ok(report.ok, text);
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.status]),
      [['setup', 'pass'], ...CHECKS.map((c) => [c.name, 'pass'])],
      text,
    );
    assert.deepEqual(
      api.states.flatMap((s) => s.violations),
      [],
      'the mock sent no answer that breaks the contract',
    );
  });
});

describe('conformance kit against the mock API with a small read limit', () => {
  const api = createMockApi({ adminKey: ADMIN_KEY, limits: { reads: 5, writes: 5 } });
  const server = setupServer(...api.handlers);
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  it('exhausts the limit and sees 429 rate_limited with Retry-After', async () => {
    const report = await runConformance({ base: API_BASE, adminKey: ADMIN_KEY, only: ['rate-limit-headers'] });
    const check = report.checks.find((c) => c.name === 'rate-limit-headers')!;
    assert.equal(check.status, 'pass', formatReport(report));
    assert.equal(check.requests, 1 + 2 + 4, 'a token, two counted reads, then the 3 left and one past the limit');
  });
});
