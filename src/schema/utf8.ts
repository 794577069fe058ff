/**
 * Request bodies as text. A body that is not UTF-8 is refused (`SB_BAD_TEXT_ENCODING`), never
 * decoded with U+FFFD in place of its bad bytes: a client that sent something else would have
 * its data silently changed and stored.
 */
import { sbError } from '../errors/index.ts';

// `fatal`: the decoder throws on the first bad sequence instead of replacing it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body's bytes as text; throws `SB_BAD_TEXT_ENCODING` when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw sbError('SB_BAD_TEXT_ENCODING', { encoding: 'utf-8' });
  }
}
