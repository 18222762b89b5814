/**
 * A document's details over its list, in a `dialog.sheet` (see orderStyles): a modal on wide
 * screens, a bottom drawer on narrow ones, as <past-orders> shows an order. The controller keeps
 * the dialog open exactly while `isOpen()` says so, and does what a modal owes the customer:
 * `showModal()` (focus inside, the rest inert, Escape closes), the page behind does not scroll,
 * and on closing the focus goes back to what opened it (`opener()`), else where it was.
 * The customer closing it (Escape, Close) is reported through `dismissed`, so the owner can say
 * why it is closed (the address, a state field); until then it stays as the owner says.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface DocumentSheetOptions {
  dialog: () => HTMLDialogElement | null;
  isOpen: () => boolean;
  /** The customer closed it (Escape, a Close button calling `close()`). */
  dismissed: () => void;
  /** What gets the focus back on closing: the row's link or button of the document. */
  opener?: () => HTMLElement | null | undefined;
}

/** One lock for the page, however many sheets are open. */
let locks = 0;
let overflowBefore = '';

function lockPageScroll(): void {
  if (locks++ === 0) {
    // CSSOM, not a style attribute: allowed under a strict style-src.
    overflowBefore = document.documentElement.style.overflow;
    document.documentElement.style.overflow = 'hidden';
  }
}

function unlockPageScroll(): void {
  if (locks > 0 && --locks === 0) document.documentElement.style.overflow = overflowBefore;
}

export class DocumentSheet implements ReactiveController {
  #locked = false;
  /** What had the focus before the sheet opened. */
  #before: HTMLElement | null = null;
  #opener: HTMLElement | null = null;
  /** Closed by the customer, and the owner has not said so yet: it does not open again meanwhile. */
  #dismissing = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: DocumentSheetOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.#sync();
  }

  /** Opens it now (the owner says it is open), even while a close of a moment ago is on its way. */
  show(): void {
    this.#dismissing = false;
    this.#sync();
  }

  #sync(): void {
    const dialog = this.options.dialog();
    const open = this.options.isOpen();
    if (!open) this.#dismissing = false;
    if (dialog && open && !dialog.open && !this.#dismissing) {
      this.#before = deepActiveElement();
      this.#opener = this.options.opener?.() ?? null;
      dialog.addEventListener('close', this.#onClose);
      dialog.showModal();
      this.#lock(true);
    } else if (dialog?.open && !open) {
      dialog.close();
    }
  }

  hostDisconnected(): void {
    this.#lock(false);
  }

  /** For a Close button: closes as Escape does. */
  close(): void {
    const dialog = this.options.dialog();
    if (!dialog?.open) return;
    this.#dismissing = true;
    dialog.close();
  }

  readonly #onClose = (event: Event) => {
    const dialog = event.target as HTMLDialogElement;
    if (dialog.open) return;
    dialog.removeEventListener('close', this.#onClose);
    this.#lock(false);
    const back = this.#opener?.isConnected ? this.#opener : this.#before?.isConnected ? this.#before : null;
    this.#opener = this.#before = null;
    // Taken out of the page (another section, the element removed) is not the customer closing it.
    if (!dialog.isConnected || !this.host.isConnected) return;
    back?.focus();
    if (this.options.isOpen()) {
      this.#dismissing = true;
      this.options.dismissed();
    }
  };

  #lock(on: boolean): void {
    if (on === this.#locked) return;
    this.#locked = on;
    if (on) lockPageScroll();
    else unlockPageScroll();
  }
}

/** The focused element, through shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
