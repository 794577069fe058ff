// The protocol conformance suite: every case of test/conformance/protocol/cases.ts against
// every protocol's driver, one server per driver for all its cases. A driver turns a case's
// call into its protocol's request and checks the wire shape; the case checks the meaning.
import { after, before, describe, it } from 'node:test';
import { cases } from './conformance/protocol/cases.ts';
import { drivers } from './conformance/protocol/drivers/index.ts';

for (const make of drivers) {
  const d = make();
  describe(`protocol conformance: ${d.name}`, () => {
    before(() => d.start());
    after(() => d.close());
    for (const c of cases) it(c.name, { skip: c.skip?.(d) ?? false }, () => c.run(d));
  });
}
