/**
 * Two-process live tests' shared parts: `switchboard serve` on the polls example, plain
 * requests on connections of their own, SSE events read with bounded waits, and the clean-up
 * of a run's tables and change logs.
 */
import { request } from 'node:http';
import pg from 'pg';
import { type Child, run } from './spawn.ts';
import type { SseReader } from './sse.ts';

/** A request on a connection of its own, so no pooled socket outlives the processes. */
export function send(url: string, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { connection: 'close' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const req = request(url, { method, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => {
        text += d;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
    });
    req.once('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Starts `switchboard serve` on the polls example; resolves with its base URL. */
export async function server(env: Record<string, string>, children: Child[]): Promise<string> {
  const child = run('node', ['bin/switchboard.js', 'serve', 'examples/polls/main.ts', '--port', '0', '--quiet'], env, true);
  children.push(child);
  const [, url] = await child.waitFor(/at (http:\/\/[^/\s]+)\//, 'stdout', 60_000);
  return `${url}/polls`;
}

export interface Seen {
  readonly id: number;
  readonly action: string;
  readonly text?: string;
}

/** SSE events with bounded waits; an event still coming when a wait ends is kept for the next. */
export class Events {
  private pending: Promise<Seen | undefined> | undefined;
  constructor(private readonly sse: SseReader) {}

  /** The next event, or a clear failure when none comes within `ms`. */
  async next(what: string, ms = 30_000): Promise<Seen> {
    this.pending ??= this.sse.next().then((e) => {
      if (!e) return undefined;
      const d = JSON.parse(e.data) as { action: string; data?: { question_text: string } };
      return { id: Number(e.id), action: d.action, text: d.data?.question_text };
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event within ${ms} ms while waiting for ${what}`)), ms);
    });
    try {
      const e = await Promise.race([this.pending, late]);
      this.pending = undefined;
      if (!e) throw new Error(`the stream ended while waiting for ${what}`);
      return e;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Drops the polls tables of each prefix and their change logs. */
export async function dropPolls(url: string, prefixes: readonly string[]): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    for (const p of prefixes) {
      await db.query(`drop table if exists ${p}_question, ${p}_user`);
      await db.query(`delete from sb_changes where log like $1`, [`${p}\\_%`]).catch(() => {});
      await db.query(`delete from sb_change_heads where log like $1`, [`${p}\\_%`]).catch(() => {});
    }
  } finally {
    await db.end();
  }
}
