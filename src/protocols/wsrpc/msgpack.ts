/**
 * The MessagePack payload (subprotocol `msgpack`), with msgpackr. Incoming values go straight
 * to the schema's decoders (no JSON in between); results still go through the schema's JSON
 * encoder first, so every type has one wire form whatever the payload.
 */
import { Packr } from 'msgpackr';
import { type Payload, frameValue } from './payload.ts';

// Plain maps and no records extension: any MessagePack library can read the frames. A 64-bit
// integer is read as a number while that is exact (|n| ≤ 2^53) and as a bigint beyond, so an
// int64 argument keeps every digit ('auto' is msgpackr's, missing from its type declarations).
const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'auto' as 'bigint' });

export const msgpackPayload: Payload = {
  name: 'msgpack',
  binary: true,
  loads: (data) => packr.unpack(data),
  dumps: (frame) => packr.pack(frameValue(frame)),
};
