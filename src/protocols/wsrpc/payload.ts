/**
 * Payloads: how frames become bytes on a socket and back (the seed's `Payload` with
 * `loads`/`dumps`). A frame is a plain object; values the schema codecs already wrote as JSON
 * text travel as `JsonText`, so the JSON payload splices them in without parsing them again.
 */

/** JSON text already written by a schema encoder (`jsonEncoder`). */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * A frame of JSON text around one piece shared by many frames — a broadcast item's data,
 * encoded once for every subscriber. The JSON payload sends the piece as it is (the message in
 * three fragments), so a thousand subscribers do not make a thousand copies of it.
 */
export class SplicedJson {
  constructor(
    readonly head: string,
    readonly piece: Uint8Array,
    readonly tail: string,
  ) {}

  /** The whole frame as text (for payloads that cannot splice). */
  get text(): string {
    return this.head + Buffer.from(this.piece.buffer, this.piece.byteOffset, this.piece.byteLength).toString('utf8') + this.tail;
  }
}

/**
 * One message to a client: an object (or, for JSON-RPC batches, a list of them), or a whole
 * frame already written as JSON text (the hot paths: results and stream events).
 */
export type Frame = { readonly [key: string]: unknown } | readonly Frame[] | JsonText | SplicedJson;

/** Thrown by `loads` when a frame's bytes are not in the payload's character encoding (close 1007). */
export class FrameEncodingError extends Error {}

/**
 * A wire format for frames, chosen per connection by WebSocket subprotocol.
 *
 * @example
 * const upper: Payload = { name: 'json', binary: false, loads: (d) => JSON.parse(String(d)), dumps: (f) => JSON.stringify(f) };
 */
export interface Payload {
  /** The subprotocol (`Sec-WebSocket-Protocol`) that selects it, e.g. `json`, `msgpack`. */
  readonly name: string;
  /** True when its frames go out as binary WebSocket messages. */
  readonly binary: boolean;
  /** Reads one incoming message. Throws on malformed input (the client gets an error frame). */
  loads(data: Uint8Array, isBinary: boolean): unknown;
  /** Writes one frame. */
  dumps(frame: Frame): string | Uint8Array;
  /**
   * Why the payload cannot be used on this server (say, an optional package is not installed),
   * or undefined when it can. A handshake asking for an unavailable payload is refused with this text.
   */
  unavailable?(): string | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Frames as JSON text (the default). `JsonText` values are spliced in as they are. */
/**
 * The text a JSON frame was read from, kept when it holds integer literals long enough to lose
 * digits in `JSON.parse` (16 digits or more): a call whose arguments hold an int64 is read again
 * from it, exactly, as JSON-RPC over HTTP does. Weak: it goes with the frame.
 */
const sourceText = new WeakMap<object, string>();
// Also kept for an exponent of three digits or more: a number that may overflow, which a fault
// names as sent (`numbersAsSent`).
const LONG_DIGITS = /\d{16}|[eE]\+?\d{3}/;

/** The text a decoded JSON frame came from, when it had long integers (see `sourceText`). */
export function frameSource(frame: unknown): string | undefined {
  return typeof frame === 'object' && frame !== null ? sourceText.get(frame) : undefined;
}

export const jsonPayload: Payload = {
  name: 'json',
  binary: false,
  loads(data, isBinary) {
    let text: string;
    // Text messages were checked as UTF-8 by the socket library; binary ones are checked here.
    if (isBinary) {
      try {
        text = utf8.decode(data);
      } catch {
        throw new FrameEncodingError('binary message is not UTF-8');
      }
    } else text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    const frame: unknown = JSON.parse(text);
    if (typeof frame === 'object' && frame !== null && LONG_DIGITS.test(text)) sourceText.set(frame, text);
    return frame;
  },
  dumps: frameJson,
};

/** A frame as JSON text; `JsonText` values anywhere in its plain objects and lists are spliced in. */
export function frameJson(frame: Frame): string {
  return valueJson(frame);
}

function valueJson(v: unknown): string {
  if (v instanceof JsonText || v instanceof SplicedJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(valueJson).join(',')}]`;
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    let out = '{';
    for (const key in v) {
      const x = (v as Record<string, unknown>)[key];
      if (x === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(key)}:${valueJson(x)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * A frame as a plain value, `JsonText` parsed back (for payloads other than JSON). Integers
 * beyond 2^53 in it (int64 results) come back as bigints, exact, not rounded by `JSON.parse`.
 */
export function frameValue(frame: Frame): unknown {
  return plain(frame);
}

function plain(v: unknown): unknown {
  if (v instanceof JsonText || v instanceof SplicedJson) return parseExact(v.text);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key in v) {
      const x = (v as Record<string, unknown>)[key];
      if (x !== undefined) out[key] = plain(x);
    }
    return out;
  }
  return v;
}

// A string literal (skipped whole) or a bare integer of 16+ digits outside a fraction or exponent.
const LONG_INT = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])(-?\d{16,})(?![.eE\d])/g;
const MARK = '\u0000int64:';

/** `JSON.parse`, with integers that a number cannot hold exactly read as bigints. */
function parseExact(text: string): unknown {
  // The usual case (no long digit run) and the odd one that spells the marker: plain parsing.
  if (!/\d{16}/.test(text) || text.includes('\\u0000int64:')) return JSON.parse(text);
  const marked = text.replace(LONG_INT, (m, digits: string | undefined) => (digits && !Number.isSafeInteger(Number(digits)) ? `"\\u0000int64:${digits}"` : m));
  return JSON.parse(marked, (_key, x) => (typeof x === 'string' && x.startsWith(MARK) ? BigInt(x.slice(MARK.length)) : x));
}
