import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intern } from './intern.ts';

describe('intern', () => {
  it('gives back an equal string, for any text', () => {
    const sliced = 'xx http://schemas.xmlsoap.org/soap/envelope/ xx'.slice(3, -3);
    for (const s of [sliced, '', '0', '12', '__proto__', 'constructor', 'é\u{1F600}', 'a'.repeat(5000)]) assert.equal(intern(s), s);
  });
});
