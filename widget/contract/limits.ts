// No zod here: the widget imports these at runtime and its bundle must not pull zod in.

/** Hard caps shared by client and server, so the widget can refuse what the server would. */
export const LIMITS = {
  maxLineQuantity: 100_000,
  maxCheckoutLines: 200,
  maxReferenceLength: 64,
  maxNoteLength: 1000,
  /** A reason given to cancel an order, decline a quote or reject a request. */
  maxReasonLength: 500,
  /** An id: any string the supplier's backend uses (a UUID, C-000123, 42), at most this many characters. */
  maxIdLength: 128,
  maxBodyBytes: 100 * 1024,
} as const;
