// The protocol conformance suite: every case of test/conformance/protocol/cases.ts against
// every protocol's driver, one server per driver for all its cases. A driver turns a case's
// call into its protocol's request and checks the wire shape; the case checks the meaning.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultProtocols } from '../src/protocols/defaults.ts';
import { closeJwksProvider } from './conformance/protocol/auth.ts';
import { cases } from './conformance/protocol/cases.ts';
import { drivers } from './conformance/protocol/drivers/index.ts';

const all = drivers.map((make) => make());
// The JWKS server the kitchens' `rotating` controller fetches its keys from.
after(closeJwksProvider);

it('every registered protocol has a driver', () => {
  // Protocols that only serve documents take no calls: their documents have tests of their own.
  const calling = defaultProtocols().filter((p) => !p.documentsOnly);
  for (const name of calling.flatMap((p) => p.aliases ?? [p.name])) {
    assert.ok(
      all.some((d) => d.protocol === name),
      `no protocol conformance driver for "${name}": add one to test/conformance/protocol/drivers/`,
    );
  }
});

for (const d of all) {
  describe(`protocol conformance: ${d.name}`, () => {
    before(() => d.start());
    after(() => d.close());
    for (const c of cases) it(c.name, { skip: c.skip?.(d) ?? false }, () => c.run(d));
  });
}
