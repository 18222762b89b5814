/**
 * One interface for the account's documents (seed 000: "Mobile: cards + detail drawer; Desktop:
 * table + detail modal; Download PDF button in the detail"): a document opens over its list, in
 * a modal at desktop widths and a bottom drawer at phone widths, and its address still works.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { findByRole, focused, getByRole, mockApi, queryByRole, textOf } from '../customer-portal/helpers.ts';
import { expectLayout, keepAddress, openAt, row, tableShown } from './helpers.ts';

/** The document open over the list: the modal dialog named by the document's number. */
async function documentDialog(el: Element, name: string): Promise<HTMLDialogElement> {
  const dialog = (await findByRole(el, 'dialog', { name })) as HTMLDialogElement;
  await waitUntil(() => dialog.open && dialog.matches(':modal'), `${name} did not open as a modal`);
  return dialog;
}

/** Clicks with the mouse in the middle of an element (not on its link), as a person does. */
async function clickOn(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** The dialog is inside the window, and the page does not scroll sideways. */
function expectWithinViewport(dialog: HTMLElement): void {
  const box = dialog.getBoundingClientRect();
  expect(box.left, 'left edge').to.be.at.least(0);
  expect(box.top, 'top edge').to.be.at.least(0);
  expect(box.right, 'right edge').to.be.at.most(window.innerWidth + 0.5);
  expect(box.bottom, 'bottom edge').to.be.at.most(window.innerHeight + 0.5);
  expect(dialog.scrollWidth, 'the dialog scrolls sideways').to.be.at.most(dialog.clientWidth);
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);
}

describe('Account documents over their list', () => {
  const api = mockApi();
  keepAddress();
  afterEach(() => setViewport({ width: 800, height: 600 }));

  describe('desktop (1280 px): table + modal', () => {
    beforeEach(() => setViewport({ width: 1280, height: 800 }));

    it('a click on a row opens the order in a modal over the table; Escape closes it, the focus back on the row', async () => {
      api.serve();
      const el = await openAt('#portal/orders', 'Orders');
      const table = await tableShown(el, 'Orders');
      expectLayout(table, 'rows');
      const orderRow = row(el, 'Orders', 'SO-2025-0003');
      await clickOn(orderRow.querySelectorAll('[role=cell]')[1]);

      const dialog = await documentDialog(el, 'Order SO-2025-0003');
      expect(location.hash).to.equal('#portal/orders/SO-2025-0003');
      expect(dialog.getAttribute('aria-modal')).to.equal('true');
      await findByRole(dialog, 'table', { name: 'Lines' });
      expect(getByRole(dialog, 'button', { name: 'Download PDF' })).to.exist;
      expect(getByRole(el, 'table', { name: 'Orders' }), 'the list stays beneath').to.exist;
      await waitUntil(() => dialog.contains(focused()) || focused() === dialog, 'the focus did not go into the dialog');
      expect(getComputedStyle(document.documentElement).overflow, 'the page behind does not scroll').to.equal('hidden');
      // A modal: centred, not the full width of the window.
      const box = dialog.getBoundingClientRect();
      expect(box.width).to.be.below(1000);
      expect(box.bottom, 'not a drawer').to.be.below(window.innerHeight - 1);
      expectWithinViewport(dialog);

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open, 'Escape did not close it');
      await waitUntil(() => location.hash === '#portal/orders', `the address stayed ${location.hash}`);
      await waitUntil(
        () => row(el, 'Orders', 'SO-2025-0003').contains(focused()),
        'the focus did not go back to the row',
      );
      expect(getComputedStyle(document.documentElement).overflow).not.to.equal('hidden');
      expect(queryByRole(el, 'dialog')).to.equal(null);
    });

    it('the Close button closes it too and updates the address', async () => {
      api.serve();
      const el = await openAt('#portal/quotes', 'Quotes');
      await tableShown(el, 'Quotes');
      await clickOn(row(el, 'Quotes', 'QT-2025-0002').querySelectorAll('[role=cell]')[1]);
      const dialog = await documentDialog(el, 'Quote QT-2025-0002');
      await findByRole(dialog, 'button', { name: 'Accept quote' });
      getByRole(dialog, 'button', { name: 'Close' }).click();
      await waitUntil(() => !dialog.open && location.hash === '#portal/quotes', 'Close did not close it');
      await waitUntil(
        () => row(el, 'Quotes', 'QT-2025-0002').contains(focused()),
        'the focus did not go back to the row',
      );
    });

    it('Tab stays inside the dialog', async () => {
      api.serve();
      const el = await openAt('#portal/invoices', 'Invoices');
      await tableShown(el, 'Invoices');
      await clickOn(row(el, 'Invoices', 'INV-2025-0002').querySelectorAll('[role=cell]')[1]);
      const dialog = await documentDialog(el, 'Invoice INV-2025-0002');
      await findByRole(dialog, 'button', { name: 'Download PDF' });
      for (let i = 0; i < 12; i += 1) {
        await sendKeys({ press: 'Tab' });
        const now = focused();
        expect(
          now && (dialog.contains(now) || !el.contains(now)),
          `Tab ${i + 1} left the dialog for ${now?.outerHTML.slice(0, 80)}`,
        ).to.equal(true);
      }
    });

    it('#portal/orders/<number> on load: the list with the order open over it; Back closes it', async () => {
      api.serve();
      history.replaceState(null, '', `${location.pathname}${location.search}#portal/orders`);
      history.pushState(null, '', `${location.pathname}${location.search}#portal/orders/SO-2025-0002`);
      const el = await openAt('#portal/orders/SO-2025-0002', 'Order SO-2025-0002');
      const dialog = await documentDialog(el, 'Order SO-2025-0002');
      await tableShown(el, 'Orders');
      await findByRole(dialog, 'table', { name: 'Lines' });
      expect(textOf(dialog)).to.include('Source quote QT-2025-0001');
      await waitUntil(() => dialog.contains(focused()), 'the focus did not go into the dialog');
      expectWithinViewport(dialog);

      history.back();
      await waitUntil(() => !dialog.open, 'Back did not close it');
      expect(location.hash).to.equal('#portal/orders');
      await tableShown(el, 'Orders');
    });
  });

  describe('phone (390 px): cards + drawer', () => {
    beforeEach(() => setViewport({ width: 390, height: 844 }));

    it('a tap on a card opens the order in a drawer at the bottom; nothing overflows sideways', async () => {
      api.serve();
      const el = await openAt('#portal/orders', 'Orders');
      const table = await tableShown(el, 'Orders');
      expectLayout(table, 'cards');
      expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);
      await clickOn(row(el, 'Orders', 'SO-2025-0003').querySelectorAll('[role=cell]')[1]);

      const dialog = await documentDialog(el, 'Order SO-2025-0003');
      await findByRole(dialog, 'table', { name: 'Lines' });
      const box = dialog.getBoundingClientRect();
      expect(box.width, 'the full width').to.be.closeTo(window.innerWidth, 1);
      expect(box.bottom, 'at the bottom').to.be.closeTo(window.innerHeight, 1);
      expectWithinViewport(dialog);
      expect(getByRole(dialog, 'button', { name: 'Download PDF' })).to.exist;

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open && location.hash === '#portal/orders', 'Escape did not close it');
      await waitUntil(
        () => row(el, 'Orders', 'SO-2025-0003').contains(focused()),
        'the focus did not go back to the card',
      );
    });

    it('#portal/invoices/<number> on load: cards with the invoice in a drawer', async () => {
      api.serve();
      const el = await openAt('#portal/invoices/INV-2025-0002', 'Invoice INV-2025-0002');
      const dialog = await documentDialog(el, 'Invoice INV-2025-0002');
      const table = await tableShown(el, 'Invoices');
      expectLayout(table, 'cards');
      await findByRole(dialog, 'button', { name: 'Download PDF' });
      expectWithinViewport(dialog);
    });
  });
});
