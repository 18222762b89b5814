import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { applyLanguageOf } from './locale.ts';

type Host = ReactiveControllerHost & HTMLElement;

/** The public elements on the page, in the order they connected: the last one's language wins. */
const hosts = new Set<Host>();
let pageObserver: MutationObserver | undefined;

/**
 * Switches to `host`'s language and renders it and its parts again: their Intl locale may have
 * changed even when the language did not (es-ES to es-MX), which @localized() does not see.
 */
function follow(host: Host): void {
  // A language that fails to load (offline) leaves the widget in the language it was in.
  applyLanguageOf(host).catch(() => undefined);
  renderAgain(host);
}

/** Asks `element` and every element in its shadow trees to render again. */
function renderAgain(element: Element): void {
  (element as Partial<ReactiveControllerHost>).requestUpdate?.();
  for (const inner of element.shadowRoot?.querySelectorAll('*') ?? []) renderAgain(inner);
}

/**
 * A public element's language: applied when it connects, when its own `lang` changes (the
 * element observes the attribute and calls `hostLangChanged`) and when the page's `<html lang>`
 * changes. Its parts re-render through `@localized()` once the language is loaded.
 */
export class LanguageController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.delete(this.host);
    hosts.add(this.host);
    if (!pageObserver) {
      pageObserver = new MutationObserver(() => hosts.forEach(follow));
      pageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
    applyLanguageOf(this.host).catch(() => undefined);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (!hosts.size) {
      pageObserver?.disconnect();
      pageObserver = undefined;
    }
  }

  /** The host's `lang` attribute changed. */
  hostLangChanged(): void {
    if (!this.host.isConnected) return;
    // The element that changed its language last decides, as the one that connected last does.
    hosts.delete(this.host);
    hosts.add(this.host);
    follow(this.host);
  }
}
