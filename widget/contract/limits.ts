// No zod here: the widget imports these at runtime and its bundle must not pull zod in.

/** Hard caps shared by client and server, so the widget can refuse what the server would. */
export const LIMITS = {
  maxLineQuantity: 100_000,
  maxCheckoutLines: 200,
  maxReferenceLength: 64,
  maxNoteLength: 1000,
  maxBodyBytes: 100 * 1024,
} as const;
