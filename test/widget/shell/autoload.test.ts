/**
 * autoload (widget/parts/lazy.ts), how the script-tag bundle defines <past-orders> and <reorder-cart>
 * when the page first uses them. Two copies of the widget on one page (examples/double-load.html):
 * the second one leaves the tag to the first instead of racing it to the definition.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { autoload } from '../../../widget/parts/lazy.ts';

type Lazy = typeof import('../../../widget/parts/lazy.ts');

/** Another copy of the module, as another script of the widget on the page has. */
async function anotherCopy(): Promise<Lazy> {
  return (await import(`${new URL('../../../widget/parts/lazy.ts', import.meta.url).href}?copy=2`)) as Lazy;
}

describe('autoload', () => {
  it('loads an element that is in the page once; a second copy of the widget leaves it to the first', async () => {
    await fixture(html`<div><x-autoload-twice></x-autoload-twice></div>`);
    const loads: string[] = [];
    autoload('x-autoload-twice', async () => void loads.push('first copy'));
    const other = await anotherCopy();
    expect(other.autoload, 'a module of its own').not.to.equal(autoload);
    other.autoload('x-autoload-twice', async () => void loads.push('second copy'));
    expect(loads).to.deep.equal(['first copy']);
  });
});
