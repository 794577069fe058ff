/**
 * Events as JSON text for buses that cross processes: a row may hold what JSON cannot (an
 * `int64` as a bigint, `binary` as bytes), so those travel tagged and come back as they were.
 */
const BIGINT = '$sb:bigint';
const BYTES = '$sb:bytes';

export function encodeEvent(v: unknown): string {
  return JSON.stringify(v, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (typeof raw === 'bigint') return { [BIGINT]: raw.toString() };
    if (raw instanceof Uint8Array) return { [BYTES]: Buffer.from(raw).toString('base64') };
    return value;
  });
}

export function decodeEvent(text: string): unknown {
  return JSON.parse(text, (_key, value) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (typeof value[BIGINT] === 'string' && Object.keys(value).length === 1) return BigInt(value[BIGINT]);
      if (typeof value[BYTES] === 'string' && Object.keys(value).length === 1) return new Uint8Array(Buffer.from(value[BYTES], 'base64'));
    }
    return value;
  });
}
