import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, sbError } from '../../errors/index.ts';
import { faultEnvelope, faultResponse } from './fault.ts';
import { SOAP11, SOAP12 } from './version.ts';

describe('SOAP faults', () => {
  it('1.1: faultcode soap:Client/soap:Server and faultstring, escaped', () => {
    const text = faultEnvelope(SOAP11, new ClientError('a < b & c'), false);
    assert.match(text, /<soap:Fault><faultcode>soap:Client<\/faultcode><faultstring>a &lt; b &amp; c<\/faultstring><\/soap:Fault>/);
    assert.match(faultEnvelope(SOAP11, sbError('SB_SERVER_ERROR'), false), /<faultcode>soap:Server<\/faultcode>/);
  });

  it('1.2: Code/Value soap:Sender/soap:Receiver and Reason/Text with xml:lang', () => {
    const text = faultEnvelope(SOAP12, new ClientError('Unknown ID'), false);
    assert.match(text, /<soap:Code><soap:Value>soap:Sender<\/soap:Value><\/soap:Code><soap:Reason><soap:Text xml:lang="en">Unknown ID<\/soap:Text><\/soap:Reason>/);
    assert.match(faultEnvelope(SOAP12, sbError('SB_SERVER_ERROR'), false), /soap:Receiver/);
  });

  it('envelope-level codes, detail only in debug, always HTTP 500', () => {
    assert.match(faultEnvelope(SOAP12, new ClientError('x'), false, 'MustUnderstand'), /<soap:Value>soap:MustUnderstand<\/soap:Value>/);
    assert.ok(!faultEnvelope(SOAP11, new ClientError('x'), false).includes('detail'));
    assert.match(faultEnvelope(SOAP11, new ClientError('x'), true), /<detail><debuginfo>ClientError: x/);
    assert.match(faultEnvelope(SOAP12, new ClientError('x'), true), /<soap:Detail><debuginfo>/);
    const r = faultResponse(SOAP12, new ClientError('x', { status: 404 }), false);
    assert.deepEqual([r.status, r.headers['content-type']], [500, 'application/soap+xml; charset=utf-8']);
  });
});
