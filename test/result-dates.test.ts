/** A handler may return a `Date` where a date or datetime is declared, at any depth; the types say so. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../src/protocols/app.ts';
import { t } from '../src/schema/types.ts';
import { controller } from '../src/api/controller.ts';
import { expose } from '../src/api/expose.ts';
import { root } from '../src/api/root.ts';

const Event = t.complex('Event', { name: t.string(), day: t.date(), at: t.datetime(), log: t.array(t.datetime()) });

describe('ResultOf', () => {
  it('accepts a Date for a date or datetime, and the codecs write it', async () => {
    const when = new Date(Date.UTC(2024, 1, 29, 12, 30, 0));
    const f = expose({ returns: Event }, () => ({ name: 'leap', day: when, at: when, log: [when, '2024-03-01T00:00:00Z'] }));
    const g = expose({ returns: t.date() }, () => when);
    // @ts-expect-error a number is not a date
    expose({ returns: t.date() }, () => 5);
    // @ts-expect-error a Date is not a plain string
    expose({ returns: t.string() }, () => when);
    const app = createApp(root({ controllers: { c: controller({ f, g }) } }));
    const fn = app.api.byName.get('c.f')!;
    assert.equal(fn.name, 'c.f');
    const req = {
      method: 'GET',
      path: '/c/f',
      query: '',
      header: () => undefined,
      remoteAddress: undefined,
      signal: new AbortController().signal,
      hasBody: false,
      body: async () => new Uint8Array(),
    };
    const r = await app.handle(req);
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(String(r.body)), {
      name: 'leap',
      day: '2024-02-29',
      at: '2024-02-29T12:30:00.000Z',
      log: ['2024-02-29T12:30:00.000Z', '2024-03-01T00:00:00Z'],
    });
    const d = await app.handle({ ...req, path: '/c/g' });
    assert.equal(d.body, '"2024-02-29"');
  });
});
