import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';

/** Lists longer than this are virtualized: only the rows on screen are in the DOM. */
const VIRTUALIZE_FROM = 40;
/** Rows a long list shows until the virtualizer has loaded: a tall screen's worth, and no more to lay out. */
const FIRST_ROWS = 12;
const VIRTUALIZER_RETRY_MS = 5_000;

type Virtualizer = Pick<typeof import('@lit-labs/virtualizer/virtualize.js'), 'virtualize'> &
  Pick<typeof import('@lit-labs/virtualizer/layouts/flow.js'), 'flow'>;
let virtualizer: Virtualizer | undefined;
let loadingVirtualizer: Promise<Virtualizer> | undefined;

/**
 * The virtualizer is a third of the widget's code and only long catalogues need it: it loads when
 * a long list first renders, which then shows its first rows (FIRST_ROWS) and swaps them for the
 * virtualized list a moment later. Loading it earlier, beside the catalogue, was measured slower:
 * its evaluation then sits between the catalogue's arrival and the first paint.
 */
export function loadVirtualizer(): Promise<Virtualizer> {
  loadingVirtualizer ??= Promise.all([
    import('@lit-labs/virtualizer/virtualize.js'),
    import('@lit-labs/virtualizer/layouts/flow.js'),
  ]).then(
    ([{ virtualize }, { flow }]) => (virtualizer = { virtualize, flow }),
    (error: unknown) => {
      loadingVirtualizer = undefined; // offline: the next render tries again
      throw error;
    },
  );
  return loadingVirtualizer;
}

/** Whether a list of this length is virtualized (its container must then be its own: see `keyed` in the callers). */
export const isLong = (length: number) => length > VIRTUALIZE_FROM;

/**
 * Renders a list of items: every item, or for a long list only those on screen (the first few
 * until the virtualizer has loaded). Items are keyed, so a row keeps its element, and the field
 * being typed in its focus, across renders.
 */
export class LongList implements ReactiveController {
  /** The virtualizer was asked for (once, until it loads or fails). */
  #asked = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  rows<T>(items: T[], key: (item: T) => string, render: (item: T) => TemplateResult): unknown {
    if (!isLong(items.length)) return items.map(render);
    if (!virtualizer) {
      if (!this.#asked) {
        this.#asked = true;
        // Asked for after the next paint: starting the import costs milliseconds the first rows need.
        // Offline, it is asked for again a few seconds later.
        requestAnimationFrame(() =>
          setTimeout(() =>
            loadVirtualizer().then(
              () => this.host.requestUpdate(),
              () => {
                this.#asked = false;
                setTimeout(() => this.host.requestUpdate(), VIRTUALIZER_RETRY_MS);
              },
            ),
          ),
        );
      }
      return items.slice(0, FIRST_ROWS).map(render);
    }
    return virtualizer.virtualize({ items, keyFunction: key, layout: virtualizer.flow(), renderItem: render });
  }
}
