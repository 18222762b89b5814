import type { ErrorCode } from '../common.ts';

// No zod here: the reference server, the mock API and the widget share it.

/** An error answer a rule decides on: the server throws it as an HttpError, the mock as its own refusal. */
export interface RuleRefusal {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
