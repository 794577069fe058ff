/** Reading a request body from a node stream (HTTP/1 message or HTTP/2 stream) under a limit. */
import type { IncomingMessage } from 'node:http';
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

/** Bodies up to this many declared bytes are read before the app is asked (`readSmallBody`). */
export const SMALL_BODY = 16 * 1024;

/**
 * Whether a request declares a body of 1 to `SMALL_BODY` bytes. node's parser delivers no more
 * than the declared length, so reading such a body whole holds at most that much.
 */
export function smallBody(stream: IncomingMessage): boolean {
  const len = stream.headers['content-length'];
  return len !== undefined && len !== '0' && len.length <= 5 && Number(len) <= SMALL_BODY && stream.headers['transfer-encoding'] === undefined;
}

/**
 * Reads a small body whole, then calls `done` with it, or with undefined when the client went
 * away first (node emits 'close' without 'end'; 'error' reaches only its listeners, so none is
 * added). Three listeners and no promise: a call with a small body then runs in one go.
 */
export function readSmallBody(stream: IncomingMessage, done: (bytes: Uint8Array | undefined) => void): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let ended = false;
  stream.on('data', (chunk: Buffer) => {
    if (first === undefined) first = chunk;
    else if (chunks === undefined) chunks = [first, chunk];
    else chunks.push(chunk);
  });
  stream.on('end', () => {
    ended = true;
    done(chunks !== undefined ? Buffer.concat(chunks) : (first ?? EMPTY));
  });
  stream.on('close', () => {
    if (!ended) done(undefined);
  });
}

const EMPTY = new Uint8Array(0);
