/**
 * A page's first Intl formatter costs 10 to 50 ms in Chromium (loading the locale's data). The
 * portal makes it while the catalogue downloads, in its first script, so neither the catalogue's
 * answer nor its code has to be in: that time is not spent between the answer and the first
 * paint. A file of its own: formatting data loads once a page.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import { endpoints } from '../../../widget/contract/index.ts';
import { mockUrl } from '../../../widget/mock/handlers.ts';
import { catalogueShown, findByRole, mockApi, mountPortal } from './helpers.ts';

const catalogCode = /\/widget\/parts\/catalog\.ts(\?|$)/;

describe('<customer-portal>: formatting data loads while the catalogue downloads', () => {
  const api = mockApi();
  const made: { kind: string; locale: unknown; catalogueIn: boolean; codeIn: boolean }[] = [];
  const originals = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
  let catalogueIn = false;
  let codeIn = false;
  before(() => {
    for (const kind of ['NumberFormat', 'DateTimeFormat'] as const) {
      Intl[kind] = new Proxy(originals[kind], {
        construct(target, args: unknown[]) {
          made.push({ kind, locale: args[0], catalogueIn, codeIn });
          return Reflect.construct(target, args) as object;
        },
      }) as never;
    }
  });
  after(() => Object.assign(Intl, originals));

  it('makes a number and a date formatter in the page’s locale before the catalogue’s answer or code is in', async () => {
    api.serve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    api.worker.use(
      http.get(mockUrl(endpoints.getCatalog), async () => {
        await held;
        catalogueIn = true;
        return undefined; // then the mock answers
      }),
      http.get(catalogCode, async () => {
        await held;
        codeIn = true;
        return undefined; // then the test server answers
      }),
    );
    const el = await mountPortal();
    (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
    await waitUntil(
      () => made.some((m) => m.kind === 'NumberFormat') && made.some((m) => m.kind === 'DateTimeFormat'),
      'no formatter was made while the catalogue and its code were on their way',
    );
    expect(
      made.filter((m) => m.catalogueIn || m.codeIn),
      'made before either was in',
    ).to.deep.equal([]);
    expect(made.map((m) => m.locale)).to.include('en-IE');
    release();
    await catalogueShown(el);
  });
});
