/**
 * An app whose API can be replaced while it serves (`serve x.edl --watch`): requests in flight
 * finish on the app they started on; new ones go to the current one; the old one is closed.
 */
import type { App } from '../protocols/app.ts';

export interface SwappableApp extends App {
  /** Serves `next` from now on and closes the previous app. */
  swap(next: App): void;
}

export function swappable(initial: App): SwappableApp {
  let current = initial;
  return {
    get api() {
      return current.api;
    },
    get apis() {
      return current.apis;
    },
    get protocols() {
      return current.protocols;
    },
    get streams() {
      return current.streams;
    },
    get sockets() {
      return current.sockets;
    },
    handle: (req) => current.handle(req),
    close: () => current.close(),
    swap(next) {
      const old = current;
      current = next;
      old.close();
    },
  };
}
