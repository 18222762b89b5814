import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConsoleError, type AdminClient } from './api.ts';
import { t, type Lang } from './i18n.ts';
import { consoleStyles } from './styles.ts';

/** Asks the console to say something in its live region (results, not errors: those show where they happened). */
export class AnnounceEvent extends Event {
  constructor(readonly message: string) {
    super('console-announce', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'console-announce': AnnounceEvent;
  }
}

/** What to show for a failed call, in the console's language. */
export function errorText(error: unknown): string {
  if (!(error instanceof ConsoleError)) return t('err.network');
  if (error.code === 'network') return t('err.network');
  if (error.code === 'bad_answer') return t('err.badAnswer');
  if (error.status === 429)
    return error.retryAfterSeconds ? t('err.rateLimited', { s: error.retryAfterSeconds }) : t('err.rateLimitedNow');
  if (error.status >= 500) return t('err.server', { status: error.status });
  const fields = error.fieldProblems.map((p) => `${p.path.replace(/^(body|query|path)\./, '')}: ${p.message}`);
  return t('err.refused', { message: [error.message, ...fields].filter(Boolean).join(' ') });
}

/**
 * A screen of the console: the client and language from the shell, one error slot per action
 * (shown next to it), and its heading to take the focus when the screen opens.
 */
export class ConsoleScreen extends LitElement {
  static override styles = consoleStyles;

  @property({ attribute: false }) client!: AdminClient;
  /** Set by the shell so a change of language renders the screen again. */
  @property({ attribute: false }) language: Lang = 'en';

  /** The last failure of each action, by the action's key. */
  @state() protected errors: Record<string, string> = {};
  /** The actions running now, by key: their buttons say so and ignore a second press. */
  @state() protected busy: Record<string, boolean> = {};

  /** Runs one action: its error slot is cleared, then set if it fails; undefined on failure. */
  protected async run<T>(key: string, action: () => Promise<T>): Promise<T | undefined> {
    if (this.busy[key]) return undefined;
    this.busy = { ...this.busy, [key]: true };
    this.errors = { ...this.errors, [key]: '' };
    try {
      return await action();
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return undefined;
      this.errors = { ...this.errors, [key]: errorText(error) };
      return undefined;
    } finally {
      this.busy = { ...this.busy, [key]: false };
    }
  }

  protected announce(message: string): void {
    this.dispatchEvent(new AnnounceEvent(message));
  }

  /** The error of an action, where it happened; `id` for aria-describedby. */
  protected errorFor(key: string) {
    const message = this.errors[key];
    return message ? html`<p class="error" role="alert" id=${`error-${key}`}>${message}</p>` : nothing;
  }

  /** `aria-describedby` for the control of an action that failed. */
  protected describedBy(key: string): string | typeof nothing {
    return this.errors[key] ? `error-${key}` : nothing;
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
