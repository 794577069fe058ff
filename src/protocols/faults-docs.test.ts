/**
 * Each protocol's fault table and its table in `docs/errors.md` ("## Fault tables") agree:
 * every kind, in the table's order, with the same wire form.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { type ErrorKind, errorKinds } from '../errors/index.ts';
import { extDirectFaults } from './extdirect/faults.ts';
import { jsonRpcFaults } from './jsonrpc/faults.ts';
import { restFaults } from './rest/faults.ts';
import { soapFaults } from './soap/faults.ts';
import { wsRpcFaults } from './wsrpc/faults.ts';

const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

/** The rows (cells without backticks) of the first table after the `### heading` line. */
function tableAfter(heading: string): string[][] {
  const lines = page.split('\n');
  const at = lines.indexOf(`### ${heading}`);
  assert.ok(at >= 0, `docs/errors.md has a "### ${heading}" section`);
  const rows: string[][] = [];
  for (let i = at + 1; i < lines.length && !lines[i].startsWith('#'); i++) {
    const line = lines[i];
    if (!line.startsWith('| `')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/^`(.*)`$/, '$1')),
    );
  }
  return rows;
}

const kinds = Object.keys(errorKinds) as ErrorKind[];

const tables: [string, (kind: ErrorKind) => string[]][] = [
  ['REST', (k) => [k, String(restFaults[k].status), restFaults[k].faultcode]],
  ['SOAP', (k) => [k, `soap:${soapFaults[k].soap11}`, `soap:${soapFaults[k].soap12}`, String(soapFaults[k].status)]],
  ['Ext Direct', (k) => [k, extDirectFaults[k].faultcode]],
  ['JSON-RPC', (k) => [k, String(jsonRpcFaults[k].code), jsonRpcFaults[k].faultcode]],
  ['WebSocket RPC', (k) => [k, String(wsRpcFaults[k].status), wsRpcFaults[k].faultcode]],
];

describe("docs/errors.md: each protocol's fault table", () => {
  for (const [heading, row] of tables) {
    test(heading, () => assert.deepEqual(tableAfter(heading), kinds.map(row)));
  }
});
