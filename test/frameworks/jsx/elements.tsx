/**
 * Checked with tsc by test/build/frameworks.test.ts, in an app folder where the package is
 * installed: the JSX types from `customer-portal-widget/jsx`, added to React 19's intrinsic
 * elements as the README shows, accept the right attributes and handlers and refuse these. An
 * @ts-expect-error that no longer finds its error fails the check. (TypeScript checks no
 * hyphenated JSX attribute it does not know, so the typo here is in `token`.)
 */
import type { CustomElements } from 'customer-portal-widget/jsx';
import type { PortalCartChangeEvent, PortalOpenCartEvent } from 'customer-portal-widget';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}

const onCartChange = (event: PortalCartChangeEvent) => void event.itemCount;
const onOpenCart = (event: PortalOpenCartEvent) => void event.token;

export const right = (
  <>
    <customer-portal
      api-base="/"
      token="cpt_token"
      lang="es"
      onportal-cart-change={onCartChange}
      onportal-error={(e) => void e.error.kind}
    ></customer-portal>
    <past-orders filter="A-100" onportal-open-cart={onOpenCart}></past-orders>
    <reorder-cart open={true} onportal-cart-change={(e) => void e.totalMinor}></reorder-cart>
  </>
);

export const wrong = (
  <>
    {/* @ts-expect-error a typo'd attribute */}
    <customer-portal tokn="cpt_token"></customer-portal>
    {/* @ts-expect-error a handler for another event */}
    <customer-portal onportal-cart-change={onOpenCart}></customer-portal>
    {/* @ts-expect-error an untyped handler reads what the event does not have */}
    <customer-portal onportal-cart-change={(e) => void e.count}></customer-portal>
    {/* @ts-expect-error a string where the element takes a boolean */}
    <reorder-cart open="yes"></reorder-cart>
  </>
);
