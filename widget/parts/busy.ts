import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The actions of an element that are running (a PDF download, a reorder): each key runs once at a
 * time, so a second press does nothing, and the element renders again as one starts and ends.
 */
export class Busy<K extends string = string> implements ReactiveController {
  readonly #running = new Set<K>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  has(key: K): boolean {
    return this.#running.has(key);
  }

  /** Runs `work` under `key`, unless it is running already (then answers undefined). */
  async run<T>(key: K, work: () => Promise<T> | T): Promise<T | undefined> {
    if (this.#running.has(key)) return undefined;
    this.#running.add(key);
    this.host.requestUpdate();
    try {
      return await work();
    } finally {
      this.#running.delete(key);
      this.host.requestUpdate();
    }
  }
}
