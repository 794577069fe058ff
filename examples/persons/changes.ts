/**
 * The demo's change bus: every change to the stored persons, whichever protocol made it, goes
 * to every watcher. It is the runtime's `Broadcast`: each change gets a sequence number (its
 * event id) and the last hundred are kept, so a watcher that reconnects with `Last-Event-ID`
 * gets what it missed; publishing returns at once (the fan-out runs in the background), each
 * watcher's queue is bounded, and a change goes out encoded once per wire format.
 */
import { Broadcast, type Subscription } from '../../src/index.ts';

export class ChangeBus<T extends object> extends Broadcast<T> {
  /** A stream of the changes after `since` (those still kept), then every new one, until closed. */
  watch(since?: number): Subscription<T> {
    return this.subscribe({ since });
  }
}
