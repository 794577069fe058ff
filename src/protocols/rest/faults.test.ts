import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorKinds } from '../../errors/index.ts';
import { restFaults } from './faults.ts';

describe("REST's fault table", () => {
  it("is each kind's HTTP status, and Client for the caller's kinds", () => {
    for (const [kind, f] of Object.entries(restFaults)) {
      const k = errorKinds[kind as keyof typeof errorKinds];
      assert.deepEqual(f, { status: k.status, faultcode: k.client ? 'Client' : 'Server' }, kind);
    }
  });
});
