/**
 * The MessagePack payload (subprotocol `msgpack`), with msgpackr. Incoming values go straight
 * to the schema's decoders (no JSON in between); results still go through the schema's JSON
 * encoder first, so every type has one wire form whatever the payload.
 *
 * msgpackr is an optional peer dependency: it is loaded the first time a client asks for the
 * subprotocol, and a server without it refuses that handshake saying which package to install.
 */
import { createRequire } from 'node:module';
import type { Packr } from 'msgpackr';
import { type Payload, frameValue } from './payload.ts';

/** The package the MessagePack payload needs, named in the refusal when it is not installed. */
export const MSGPACK_PACKAGE = 'msgpackr';

let packr: Packr | null | undefined;

/** msgpackr's packer, loaded once; null when the package is not installed. */
function load(): Packr | null {
  if (packr !== undefined) return packr;
  try {
    // Synchronous, like a payload's loads/dumps; msgpackr ships a CommonJS build for require.
    const { Packr: P } = createRequire(import.meta.url)(MSGPACK_PACKAGE) as typeof import('msgpackr');
    // Plain maps and no records extension: any MessagePack library can read the frames. A 64-bit
    // integer is read as a number while that is exact (|n| ≤ 2^53) and as a bigint beyond, so an
    // int64 argument keeps every digit ('auto' is msgpackr's, missing from its type declarations).
    packr = new P({ useRecords: false, mapsAsObjects: true, int64AsType: 'auto' as 'bigint' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'MODULE_NOT_FOUND') throw err;
    packr = null;
  }
  return packr;
}

function loaded(): Packr {
  const p = load();
  if (!p) throw new Error(unavailable());
  return p;
}

function unavailable(): string {
  return `The msgpack subprotocol needs the ${MSGPACK_PACKAGE} package on the server, which is not installed (npm install ${MSGPACK_PACKAGE})`;
}

export const msgpackPayload: Payload = {
  name: 'msgpack',
  binary: true,
  loads: (data) => loaded().unpack(data),
  dumps: (frame) => loaded().pack(frameValue(frame)),
  unavailable: () => (load() ? undefined : unavailable()),
};
