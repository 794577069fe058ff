/**
 * The MessagePack payload (subprotocol `msgpack`), with msgpackr. Results still go through the
 * schema's JSON encoder first, so every type has one wire form whatever the payload.
 */
import { Packr } from 'msgpackr';
import { type Payload, frameValue } from './payload.ts';

// Plain maps and no records extension: any MessagePack library can read the frames.
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

export const msgpackPayload: Payload = {
  name: 'msgpack',
  binary: true,
  loads: (data) => packr.unpack(data),
  dumps: (frame) => packr.pack(frameValue(frame)),
};
