import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * After a 429, counts down from Retry-After (re-rendering its host every second), then retries by
 * itself. `seconds` is what `errorCopy` tells the customer; undefined when no countdown runs.
 */
export class RetryCountdown implements ReactiveController {
  seconds: number | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  start(seconds: number, retry: () => void): void {
    this.stop();
    this.seconds = seconds;
    this.host.requestUpdate();
    this.#timer = setInterval(() => {
      this.seconds = (this.seconds ?? 1) - 1;
      this.host.requestUpdate();
      if (this.seconds <= 0) {
        this.stop();
        retry();
      }
    }, 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
