/**
 * `customer-portal-widget/mock` as a front-end developer installs it: the built module, imported
 * in Node with the app's own msw, answers portal requests as the contract says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { getResponse } from 'msw';
import { Catalog, Session } from '../../widget/contract/index.ts';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, { default: string; types: string }>;
};

describe('the mock API in the package', () => {
  it('is an export with its types, built', () => {
    const entry = pkg.exports['./mock'];
    assert.ok(entry, 'exports ./mock');
    assert.ok(readFileSync(new URL(entry.default, root), 'utf8').length > 0, entry.default);
    assert.match(readFileSync(new URL(entry.types, root), 'utf8'), /createHandlers/);
    // msw is the app's: one copy, so the handlers join the app's worker.
    assert.doesNotMatch(readFileSync(new URL(entry.default, root), 'utf8'), /mockServiceWorker|setupWorker\(/);
  });

  it('answers the session and the catalogue for its token, and 401 for another', async () => {
    const mock = (await import(
      new URL(pkg.exports['./mock'].default, root).href
    )) as typeof import('../../widget/mock/index.ts');
    const handlers = mock.createHandlers(mock.createState({ token: 'cpt_package_test_token' }));
    const call = (token: string, path: string) =>
      getResponse(handlers, new Request(`${mock.API_BASE}/api/v1/customer-portal/view/${token}/${path}`));
    const session = await call('cpt_package_test_token', 'session');
    assert.equal(session?.status, 200);
    Session.parse(await session!.json());
    const catalog = await call('cpt_package_test_token', 'catalog');
    assert.ok(Catalog.parse(await catalog!.json()).products.length > 0);
    const other = await call('cpt_someone_else_token', 'session');
    assert.equal(other?.status, 401);
  });
});
