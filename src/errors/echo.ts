/**
 * Bounds on what a fault repeats of its request. A fault names the argument, element or
 * action it could not use, but a name can be a megabyte long: every piece of input a message
 * echoes is cut to {@link ECHO_LIMIT} characters (`…` marks the cut), prose the framework
 * writes around it (reasons, lists of what is known) to {@link PROSE_LIMIT}, and the whole
 * message to {@link MESSAGE_LIMIT}, so that a fault stays small whatever it was sent.
 */

/** Most characters of one piece of input a fault repeats. */
export const ECHO_LIMIT = 64;
/** Most characters of a reason or a list the framework writes into a message. */
export const PROSE_LIMIT = 512;
/** Most characters of a whole fault message. */
export const MESSAGE_LIMIT = 1024;

/** `text` cut to `limit` characters, the last one `…`, never splitting a surrogate pair. */
export function echo(text: string, limit = ECHO_LIMIT): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
