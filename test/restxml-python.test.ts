// REST+XML with a client nobody here wrote: Python's standard library (urllib and
// xml.etree.ElementTree, as WSME's own REST+XML tests used) builds the request documents, calls
// the demo and reads the answers. Python is /usr/bin/python3 (installed here and by .ci/run).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';

const run = promisify(execFile);

const SCRIPT = String.raw`
import json, sys, urllib.request, urllib.error
import xml.etree.ElementTree as ET

base = sys.argv[1]

def call(path, args=None, method=None):
    data = None
    headers = {"Accept": "text/xml"}
    if args is not None:
        root = ET.Element("parameters")
        for name, value in args.items():
            root.append(to_xml(name, value))
        data = ET.tostring(root, encoding="utf-8")
        headers["Content-Type"] = "text/xml; charset=utf-8"
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method or ("POST" if data else "GET"))
    try:
        with urllib.request.urlopen(req) as r:
            status, ctype, body = r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as e:
        status, ctype, body = e.code, e.headers["Content-Type"], e.read()
    return status, ctype, ET.fromstring(body)

def to_xml(tag, value):
    el = ET.Element(tag)
    if value is None:
        el.set("nil", "true")
    elif isinstance(value, dict):
        for k, v in value.items():
            el.append(to_xml(k, v))
    elif isinstance(value, list):
        for v in value:
            el.append(to_xml("item", v))
    else:
        el.text = str(value)
    return el

def from_xml(el):
    if el.get("nil") == "true":
        return None
    kids = list(el)
    if not kids:
        return el.text or ""
    if all(k.tag == "item" for k in kids):
        return [from_xml(k) for k in kids]
    return {k.tag: from_xml(k) for k in kids}

def show(answer):
    status, ctype, root = answer
    return {"status": status, "type": ctype, "tag": root.tag, "value": from_xml(root)}

out = []
out.append(show(call("/ws/person/get?id=1")))
out.append(show(call("/ws/person/list")))
out.append(show(call("/ws/person/create", {"p": {"lastname": "Buffay", "firstname": "Phoebe", "age": 31, "hobbies": ["Guitar", u"Smelly Cat \u00e9\u4e16"]}})))
out.append(show(call("/ws/person/update", {"p": {"id": 3, "firstname": "Phoebe & Ursula", "hobbies": []}})))
out.append(show(call("/ws/person/get", {"id": 3})))
out.append(show(call("/ws/person/destroy", {"id": 3})))
out.append(show(call("/ws/person/get", {"id": 3})))
out.append(show(call("/ws/person/get", {"id": "three"})))
print(json.dumps(out))
`;

describe('REST+XML: Python urllib + ElementTree as the client', () => {
  let running: Running;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  it('calls every demo function and reads the answers', async () => {
    const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, running.url], { timeout: 60_000 });
    const out = JSON.parse(stdout) as { status: number; type: string; tag: string; value: unknown }[];
    for (const a of out) assert.match(a.type, /^text\/xml; charset=utf-8$/);
    const ross = { id: '1', lastname: 'Geller', firstname: 'Ross', age: '30', hobbies: ['Dinosaurs', 'Rachel'] };
    const monica = { id: '2', lastname: 'Geller', firstname: 'Monica', age: '28', hobbies: ['Food', 'Cleaning'] };
    const phoebe = { id: '3', lastname: 'Buffay', firstname: 'Phoebe', age: '31', hobbies: ['Guitar', 'Smelly Cat é世'] };
    assert.deepEqual(
      out.map((a) => [a.status, a.tag, a.value]),
      [
        [200, 'result', ross],
        [200, 'result', [ross, monica]],
        [200, 'result', phoebe],
        [200, 'result', { id: '3', firstname: 'Phoebe & Ursula', hobbies: '' }],
        [200, 'result', { id: '3', firstname: 'Phoebe & Ursula', hobbies: '' }],
        [200, 'result', null],
        [400, 'error', { faultcode: 'Client', faultstring: 'Unknown ID', debuginfo: '', code: 'SB_CLIENT_ERROR' }],
        // A validation fault also lists its field errors (read by ElementTree as text children).
        [
          400,
          'error',
          {
            faultcode: 'Client',
            faultstring: "Invalid input for field/attribute id. Value: 'three'. unable to convert to int",
            debuginfo: '',
            code: 'SB_INVALID_INPUT',
            fields: { field: "Invalid input for field/attribute id. Value: 'three'. unable to convert to int" },
          },
        ],
      ],
    );
  });
});
