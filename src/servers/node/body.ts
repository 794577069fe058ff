/** Reading a request body from a node stream (HTTP/1 message or HTTP/2 stream) under a limit. */
import type { Readable } from 'node:stream';
import { sbError } from '../../errors/index.ts';

/**
 * The whole body. Past `limit` bytes it stops reading (the stream is paused, the rest never held
 * in memory), calls `onRefused` so the adapter can end the connection or stream, and rejects
 * with `SB_BODY_TOO_LARGE`. A client that goes away mid-body settles it as a client error, so
 * nothing waits forever.
 */
export function readBody(stream: Readable, limit: number, onRefused: () => void): Promise<Uint8Array> {
  if (stream.destroyed) return Promise.reject(sbError('SB_BODY_ENDED_EARLY'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        onRefused();
        stream.pause();
        reject(sbError('SB_BODY_TOO_LARGE', { limit }));
        return;
      }
      chunks.push(chunk);
    };
    let ended = false;
    // The listeners stay on a stream that ended (it emits nothing more but 'close', ignored
    // here): removing four of them cost more per request than they hold.
    const onEnd = () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    // 'error', or 'close' without 'end': the client went away mid-body.
    const onGone = () => {
      if (ended) return;
      cleanup();
      reject(sbError('SB_BODY_ENDED_EARLY'));
    };
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onGone);
      stream.off('close', onGone);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onGone);
    stream.on('close', onGone);
  });
}
