// Limits of what clients may send that a client should know before it sends: the widgets guard
// their composers with them, the hub enforces them.

/** The most characters (UTF-16 code units, after trimming) a chat message's body may have. */
export const MAX_MESSAGE_BODY = 4_000;
