/**
 * What a person sees and does, for the person-like suites: the element with the keyboard focus
 * (through shadow roots), boxes that overlap, content that spills out of its container, axe, and
 * a screenshot of every screen saved for a reviewer to look at (not compared).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Where the screenshots go: test-artifacts/screens/ (ignored by git; open them after a run). */
export const SCREENS_DIR = resolve(import.meta.dirname, '../../test-artifacts/screens');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`) });
}

/** The focused element, found through shadow roots: its tag, and its accessible-ish name. */
export function focused(page: Page): Promise<{ tag: string; label: string; value: string | null }> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const el = active as HTMLElement | null;
    return {
      tag: el?.localName ?? 'none',
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 80) ?? '',
      value: el instanceof HTMLInputElement ? el.value : null,
    };
  });
}

/**
 * Pairs of visible boxes matching `selector` (searched in every shadow root of the page) that
 * overlap by more than a pixel: cards drawn on top of each other.
 */
export function overlappingPairs(page: Page, selector: string): Promise<{ count: number; pairs: string[] }> {
  return page.evaluate((selector) => {
    const found: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      found.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    const boxes = found
      .filter((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      .map((el) => ({
        rect: el.getBoundingClientRect(),
        name: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40),
      }))
      .filter(({ rect }) => rect.width > 0 && rect.height > 0);
    const pairs: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].rect;
        const b = boxes[j].rect;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          pairs.push(`${boxes[i].name} / ${boxes[j].name}`);
      }
    }
    return { count: boxes.length, pairs };
  }, selector);
}

/**
 * Elements inside the page's custom elements that stick out of their parent sideways (more than
 * a pixel), or whose text is cut (scrollWidth beyond the box, as an ellipsis does), and whether
 * the page itself scrolls sideways. Scroll containers (the tab strip), positioned overlays and
 * visually hidden text are what they are meant to be, and are left out.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
    const scrolls = (el: Element) => /auto|scroll/.test(getComputedStyle(el).overflowX);
    const check = (el: Element, parent: Element | null) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      const hidden = style.position === 'absolute' && (style.clip !== 'auto' || style.clipPath !== 'none');
      if (hidden) return; // visually hidden text for screen readers
      const rect = el.getBoundingClientRect();
      if (
        parent &&
        rect.width > 0 &&
        rect.height > 0 &&
        style.position !== 'fixed' &&
        style.position !== 'absolute' &&
        !scrolls(parent)
      ) {
        const outer = parent.getBoundingClientRect();
        if (rect.left < outer.left - 1 || rect.right > outer.right + 1)
          problems.push(
            `${describe(el)} sticks out of ${describe(parent)} (${Math.round(rect.left)}–${Math.round(rect.right)} in ${Math.round(outer.left)}–${Math.round(outer.right)})`,
          );
      }
      if (/ellipsis/.test(style.textOverflow) && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${describe(el)} is cut short`);
      const children = el.shadowRoot ? [...el.shadowRoot.children, ...el.children] : [...el.children];
      for (const child of children) {
        if (child.localName === 'style' || child.localName === 'slot') continue;
        check(child, scrolls(el) ? null : el.localName === 'dialog' && !(el as HTMLDialogElement).open ? null : el);
      }
    };
    for (const host of document.querySelectorAll('customer-portal, reorder-cart, past-orders')) {
      if (!host.shadowRoot) continue;
      for (const child of host.shadowRoot.children) if (child.localName !== 'style') check(child, host);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      problems.push(
        `the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${window.innerWidth})`,
      );
    return problems;
  });
}

/** No overlapping cards or rows, nothing sticking out: the screen as a person would judge it. */
export async function assertTidy(page: Page, what: string): Promise<void> {
  const cards = await overlappingPairs(page, '[part~="product-card"], [role="row"]');
  assert.deepEqual(
    cards.pairs,
    [],
    `${what}: ${cards.pairs.length} overlapping pairs among ${cards.count} cards and rows`,
  );
  assert.deepEqual(await horizontalOverflow(page), [], `${what}: something overflows sideways`);
}

/** axe on the page's portal elements (the merchant's own page is theirs): no violations. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include('customer-portal').analyze();
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: axe violations`,
  );
}
