/**
 * One subscription's delivery from a store's change log (`SubscribeOptions.replay`), shared by
 * the buses: the bus's messages are only notifications. Ids are contiguous, so an event past
 * the next expected id (another process's publication overtook an earlier one, or messages were
 * lost while the bus was away) is a gap, filled from the log before it; a catch-up (`since`, a
 * reconnect) reads the log too. Only a log that no longer reaches back gives a `resync`.
 * Duplicates are dropped by id. Work runs in one chain per subscription, in order.
 */
import type { BusEvent, ChangeEvent, Listener } from './bus.ts';
import { type ChangeLog, REPLAY_BATCH } from './change-log.ts';

/** Rounds of one catch-up at most (each `REPLAY_BATCH` events): a log is bounded, so this is never reached but by a bug. */
const MAX_ROUNDS = 10_000;

export class ReplayCursor {
  /** The last id delivered. */
  private last = 0;
  private chain: Promise<void> = Promise.resolve();
  /** A read failed: the next notification (or reconnect) catches up from the log first. */
  private behind = false;
  private closed = false;

  constructor(
    private readonly topic: string,
    private readonly log: ChangeLog,
    private readonly listener: Listener,
  ) {}

  /** Starts after `since` (catching up from the log) or from the log's head; resolves once caught up. */
  start(since: number | undefined): Promise<void> {
    const ready = this.run(async () => {
      if (since === undefined) this.last = await this.log.head(this.topic);
      else {
        this.last = since;
        await this.fill();
      }
    });
    return ready;
  }

  /** A notification: delivered if it is the next id, after a catch-up if it is past it, dropped if seen. */
  offer(e: ChangeEvent): void {
    void this.run(async () => {
      if (this.behind) await this.fill();
      if (e.id <= this.last) return;
      if (e.id > this.last + 1) await this.fill();
      if (e.id === this.last + 1) this.deliver(e);
    }).catch(() => {});
  }

  /** Something may have been missed (a reconnect, a lost notification): catch up from the log. */
  catchUp(before: Promise<unknown> = Promise.resolve()): void {
    void this.run(async () => {
      await before;
      await this.fill();
    }).catch(() => {});
  }

  close(): void {
    this.closed = true;
  }

  /** Queues `work`; a failure leaves the cursor behind (caught up at the next chance) and is returned. */
  private run(work: () => Promise<void>): Promise<void> {
    const done = this.chain.then(work);
    this.chain = done.then(
      () => {
        this.behind = false;
      },
      () => {
        this.behind = true;
      },
    );
    return done;
  }

  /** Delivers what the log holds after `last`, or a resync when it no longer reaches back (or never gave `last`). */
  private async fill(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS && !this.closed; round++) {
      const s = await this.log.read(this.topic, this.last, REPLAY_BATCH);
      if (this.closed) return;
      const first = s.events[0];
      if (this.last + 1 < s.start || this.last > s.head || (first !== undefined && first.id > this.last + 1)) {
        const since = this.last;
        this.last = s.head;
        this.deliver({ action: 'resync', id: s.head, topic: this.topic, since });
        return;
      }
      for (const e of s.events) if (e.id === this.last + 1) this.deliver(e);
      if (s.events.length < REPLAY_BATCH) return;
    }
  }

  private deliver(e: BusEvent): void {
    if (this.closed) return;
    this.last = e.id;
    try {
      this.listener(e);
    } catch {
      // The subscriber's own failure; delivery goes on.
    }
  }
}
