// Bearer tokens verified for real: keys generated here, their JWKS served over HTTP, rotated
// during the test; each way a token can be wrong, each auth level, scopes and client ids, the
// per-service and per-method overrides, the cache and the JWKS refetch limit.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import {
  type App,
  type CallContext,
  type CallStep,
  type MethodArgs,
  type Running,
  Service,
  autoMethod,
  bearerAuth,
  createApp,
  createEndpoints,
  serve,
  t,
} from '../src/index.ts';
import WebSocket from 'ws';
import { attachWebsocket } from '../src/servers/ws/attach.ts';
import { drivers, openSocket as upgrade } from './helpers/endpoint-clients.ts';
import { AUDIENCE, EXPLORER, ISSUER, IdentityProvider } from './helpers/idp.ts';

const Who = t.complex('Who', { subject: t.string(), email: t.string(), scopes: t.array(t.string()), clientId: t.string(), issuer: t.string() });
const who = (ctx: CallContext) =>
  ctx.principal
    ? {
        subject: ctx.principal.subject,
        email: ctx.principal.email,
        scopes: [...(ctx.principal.scopes ?? [])],
        clientId: ctx.principal.clientId,
        issuer: String(ctx.principal.claims?.iss),
      }
    : { subject: 'anonymous' };

const idp = new IdentityProvider();
let app: App;
let running: Running;
let strictRunning: Running;
let sockets: ReturnType<typeof attachWebsocket>;
let strictSockets: ReturnType<typeof attachWebsocket>;

function registry(auth: CallStep) {
  const eps = createEndpoints();
  eps.add(
    { name: 'secure', version: 'v1', auth_level: 'required', scopes: ['USERINFO'], allowed_client_ids: ['API_EXPLORER_CLIENT_ID', 'web-client'] },
    { default: true },
  );
  const params = { note: [t.string(), ''] } as const;
  @eps.autoService
  class WhoService extends Service {
    @autoMethod({ returns: Who, params })
    me(_: MethodArgs<typeof params, undefined>, ctx: CallContext) {
      return who(ctx);
    }
    @autoMethod({ returns: Who, authLevel: 'none' })
    open(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
    @autoMethod({ returns: Who, authLevel: 'optional' })
    maybe(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
    @autoMethod({ returns: Who, authLevel: 'optional_continue' })
    lenient(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
    @autoMethod({ returns: Who, scopes: ['https://example.com/admin'] })
    admin(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
  }
  @eps.autoService({ authLevel: 'none' })
  class PublicService extends Service {
    @autoMethod({ returns: Who })
    me(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
  }
  // Every function of this endpoint needs a token: a socket with a bad one is refused at its handshake.
  eps.add({ name: 'strict', version: 'v1', auth_level: 'required' });
  @eps.autoService({ endpoint: 'strict' })
  class VaultService extends Service {
    @autoMethod({ returns: Who })
    me(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
    @autoMethod({ returns: Who, authLevel: 'optional' })
    maybe(_: unknown, ctx: CallContext) {
      return who(ctx);
    }
  }
  void [WhoService, PublicService, VaultService];
  return eps.apis({ auth });
}

before(async () => {
  await idp.start();
  const issuers = [{ issuer: ISSUER, audiences: [AUDIENCE], jwksUrl: idp.jwksUrl }];
  app = createApp(registry(bearerAuth({ issuers, jwksCooldownMs: 0 })));
  running = await serve(app, { port: 0, host: '127.0.0.1' });
  sockets = attachWebsocket(running);
  // The same, with the default cooldown: an unknown kid does not make it fetch the JWKS again at once.
  // No clock skew allowed there either, so a token expires on the second.
  strictRunning = await serve(createApp(registry(bearerAuth({ issuers, clockToleranceSeconds: 0 }))), { port: 0, host: '127.0.0.1' });
  strictSockets = attachWebsocket(strictRunning);
});
after(async () => {
  await sockets.close();
  await strictSockets.close();
  await running.close();
  await strictRunning.close();
  await idp.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  challenge: string | null;
}

async function get(path: string, token?: string, base = running.url): Promise<Answer> {
  const r = await fetch(`${base}/_ah/api/secure/v1/${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, challenge: r.headers.get('www-authenticate') };
}

const now = () => Math.floor(Date.now() / 1000);

/** The 401 a token gets: its description, as the fault and the challenge say it. */
async function refusal(token: string, path = 'who/me'): Promise<string> {
  const a = await get(path, token);
  assert.equal(a.status, 401, JSON.stringify(a.body));
  assert.equal(a.body.code, 'SB_INVALID_TOKEN');
  const description = String(a.body.faultstring).replace(/^Invalid token: /, '');
  assert.equal(a.challenge, `Bearer realm="secure", error="invalid_token", error_description="${description}"`);
  return description;
}

describe('bearer tokens', () => {
  it("a valid token: the principal (subject, email, scopes, client id, claims) is in the handler's context", async () => {
    const a = await get('who/me', await idp.sign());
    assert.deepEqual(a, {
      status: 200,
      challenge: null,
      body: { subject: 'alice', email: 'alice@example.com', scopes: ['https://www.googleapis.com/auth/userinfo.email'], clientId: EXPLORER, issuer: ISSUER },
    });
  });

  it('refuses expired, not yet valid, foreign-issuer and foreign-audience tokens; allows a bounded clock skew', async () => {
    assert.equal(await refusal(await idp.sign({ claims: { exp: now() - 120 } })), 'The token expired');
    assert.equal(await refusal(await idp.sign({ claims: { nbf: now() + 600 } })), 'The token is not valid yet');
    assert.equal(await refusal(await idp.sign({ claims: { iss: 'https://evil.invalid' } })), "The token's issuer is not trusted here");
    assert.equal(await refusal(await idp.sign({ claims: { aud: 'another-api' } })), 'The token is for another audience');
    assert.equal(await refusal(await idp.sign({ claims: { exp: undefined } })), "The token's exp claim is not valid");
    // 30 s past its expiry is within the default 60 s of skew.
    assert.equal((await get('who/me', await idp.sign({ claims: { exp: now() - 30 } }))).status, 200);
  });

  it('refuses an unknown kid, a bad signature, alg none, HMAC keyed with the public key, and what is not a JWT', async () => {
    const stranger = await idp.stranger('k1');
    assert.equal(await refusal(await idp.sign({ key: await idp.stranger('zz') })), 'No key of the issuer matches the token');
    assert.equal(await refusal(await idp.sign({ key: stranger })), "The token's signature is not valid");
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'mallory', scope: 'email', azp: EXPLORER, exp: now() + 600 };
    assert.equal(await refusal(new UnsecuredJWT(claims).encode()), "The token's signature algorithm is not accepted");
    // The classic confusion: HS256 "signed" with the issuer's public key as the HMAC secret.
    const pem = new TextEncoder().encode(await exportSPKI(await publicKeyOf()));
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(pem);
    assert.equal(await refusal(hs), "The token's signature algorithm is not accepted");
    assert.equal(await refusal('not-a-jwt'), 'The token is not a JWT');
    const basic = await fetch(`${running.url}/_ah/api/secure/v1/who/me`, { method: 'POST', headers: { authorization: 'Basic YWxpY2U6cHc=' } });
    assert.equal(basic.status, 401);
  });

  it('a missing scope is 403 insufficient_scope; a client not allowed is 403; client_id and aud stand in for azp', async () => {
    const scope = await get('who/me', await idp.sign({ claims: { scope: 'profile' } }));
    assert.deepEqual([scope.status, scope.body.code], [403, 'SB_INSUFFICIENT_SCOPE']);
    assert.equal(scope.challenge, 'Bearer realm="secure", error="insufficient_scope", scope="https://www.googleapis.com/auth/userinfo.email"');
    // USERINFO also stands for `email`, and `scp` lists may carry it.
    assert.equal((await get('who/me', await idp.sign({ claims: { scope: undefined, scp: ['email'] } }))).status, 200);
    const client = await get('who/me', await idp.sign({ claims: { azp: 'mallory-app' } }));
    assert.deepEqual([client.status, client.body.code], [403, 'SB_CLIENT_NOT_ALLOWED']);
    assert.equal((await get('who/me', await idp.sign({ claims: { azp: undefined, client_id: 'web-client' } }))).body.clientId, 'web-client');
    assert.equal((await get('who/me', await idp.sign({ claims: { azp: undefined, aud: AUDIENCE } }))).status, 403);
    // A method's own scopes replace its endpoint's.
    assert.equal((await get('who/admin', await idp.sign())).status, 403);
    assert.equal((await get('who/admin', await idp.sign({ claims: { scope: 'https://example.com/admin' } }))).status, 200);
  });

  it('the auth levels: required, optional, optional_continue, none — per method and per service', async () => {
    const bad = await idp.sign({ claims: { exp: now() - 3600 } });
    const weak = await idp.sign({ claims: { scope: 'profile' } });
    const good = await idp.sign();
    assert.deepEqual([(await get('who/me')).status, (await get('who/me')).challenge], [401, 'Bearer realm="secure"']);
    // optional: without a token, anonymous; a bad token is still refused.
    assert.equal((await get('who/maybe')).body.subject, 'anonymous');
    assert.equal((await get('who/maybe', good)).body.subject, 'alice');
    assert.equal((await get('who/maybe', bad)).status, 401);
    // optional_continue: a bad or insufficient token is no token.
    assert.equal((await get('who/lenient', bad)).body.subject, 'anonymous');
    assert.equal((await get('who/lenient', weak)).body.subject, 'anonymous');
    assert.equal((await get('who/lenient', good)).body.subject, 'alice');
    // none: the token is not even read.
    assert.equal((await get('who/open', bad)).body.subject, 'anonymous');
    assert.equal((await get('public/me', 'garbage')).body.subject, 'anonymous');
  });

  it('the per-service and per-method overrides hold on every protocol (REST JSON and XML, SOAP, Ext Direct, JSON-RPC, WebSocket)', async () => {
    const bad = await idp.sign({ claims: { exp: now() - 3600 } });
    const good = await idp.sign();
    const admin = await idp.sign({ claims: { sub: 'root', scope: 'https://example.com/admin' } });
    // [method id, token, the subject answered or the code of the refusal]
    const expected: [string, string | undefined, string][] = [
      ['secure.who.me', undefined, 'SB_UNAUTHENTICATED'],
      ['secure.who.me', good, 'alice'],
      // method auth_level none: the token is not read
      ['secure.who.open', bad, 'anonymous'],
      // service auth_level none
      ['secure.public.me', 'garbage', 'anonymous'],
      // method optional: no token is anonymous, a bad one refused
      ['secure.who.maybe', undefined, 'anonymous'],
      ['secure.who.maybe', bad, 'SB_INVALID_TOKEN'],
      // method optional_continue: a bad token is no token
      ['secure.who.lenient', bad, 'anonymous'],
      // method scopes replace the endpoint's
      ['secure.who.admin', good, 'SB_INSUFFICIENT_SCOPE'],
      ['secure.who.admin', admin, 'root'],
    ];
    for (const [protocol, call] of Object.entries(drivers(running.url, app))) {
      for (const [id, token, answer] of expected) {
        const out = await call(id, {}, token);
        const got = out.ok ? (out.value as { subject: string }).subject : out.code;
        assert.equal(
          got,
          answer,
          `${protocol} ${id} with ${token === undefined ? 'no token' : token === bad ? 'an expired token' : 'a token'}: ${JSON.stringify(out)}`,
        );
      }
    }
  });

  it("over a WebSocket, takes the token from access_token in the handshake's query (browsers cannot set headers)", async () => {
    const ws = new WebSocket(`${running.url.replace('http', 'ws')}/_ah/api/secure/v1?access_token=${await idp.sign()}`);
    try {
      await once(ws, 'open');
      ws.send(JSON.stringify({ id: 1, method: 'secure.who.me', params: {} }));
      const [data] = await once(ws, 'message');
      assert.equal((JSON.parse(String(data)) as { result: { subject: string } }).result.subject, 'alice');
    } finally {
      ws.close();
    }
    // Over HTTP a token in the URL is not read (URLs end up in logs): the call is unauthenticated.
    const r = await fetch(`${running.url}/_ah/api/secure/v1/who/open?access_token=${await idp.sign()}`, { method: 'POST' });
    assert.equal(r.status, 400, 'access_token is an unknown argument of the function');
  });

  it('follows a key rotation (an unknown kid fetches the JWKS again), and trusts a verified token until it expires', async () => {
    const old = await idp.sign({ claims: { sub: 'before-rotation' } });
    assert.equal((await get('who/me', old)).status, 200);
    const fetched = idp.fetches;
    await idp.rotate('k2');
    const fresh = await idp.sign({ claims: { sub: 'after-rotation' } });
    assert.equal((await get('who/me', fresh)).body.subject, 'after-rotation');
    assert.equal(idp.fetches, fetched + 1);
    // Verified once, the old token is trusted from the cache until its expiry.
    assert.equal((await get('who/me', old)).body.subject, 'before-rotation');
    assert.equal(idp.fetches, fetched + 1);
  });

  it('does not fetch the JWKS again for every unknown kid: the refetch is rate-limited', async () => {
    assert.equal((await get('who/me', await idp.sign(), strictRunning.url)).status, 200);
    const fetched = idp.fetches;
    for (let i = 0; i < 5; i++) {
      const a = await get('who/me', await idp.sign({ key: await idp.stranger(`unknown-${i}`) }), strictRunning.url);
      assert.equal(a.status, 401);
    }
    assert.equal(idp.fetches, fetched);
  });

  it('over a WebSocket, a call after the token expired is refused and the socket closed with 1008', async () => {
    const exp = now() + 2;
    const ws = new WebSocket(`${strictRunning.url.replace('http', 'ws')}/_ah/api/secure/v1`, {
      headers: { authorization: `Bearer ${await idp.sign({ claims: { exp } })}` },
    });
    const closed = once(ws, 'close');
    await once(ws, 'open');
    const ask = async (id: number) => {
      ws.send(JSON.stringify({ id, method: 'secure.who.me', params: {} }));
      return JSON.parse(String((await once(ws, 'message'))[0])) as { result?: { subject: string }; status?: number; error?: { code: string } };
    };
    assert.equal((await ask(1)).result?.subject, 'alice');
    // Wait (bounded: about two seconds) until the token's expiry has passed.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 50));
    const late = await ask(2);
    assert.deepEqual([late.status, late.error?.code], [401, 'SB_INVALID_TOKEN']);
    const [code] = (await closed) as [number];
    assert.equal(code, 1008);
  });

  it('over a WebSocket speaking JSON-RPC, the same: an error response, then 1008', async () => {
    const ws = new WebSocket(`${strictRunning.url.replace('http', 'ws')}/_ah/api/secure/v1`, 'jsonrpc', {
      headers: { authorization: `Bearer ${await idp.sign({ claims: { exp: now() - 5 } })}` },
    });
    const closed = once(ws, 'close');
    await once(ws, 'open');
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'secure.who.me' }));
    const answer = JSON.parse(String((await once(ws, 'message'))[0])) as { error: { code: number; data: { code: string } } };
    assert.deepEqual([answer.error.code, answer.error.data.code], [-32001, 'SB_INVALID_TOKEN']);
    assert.equal(((await closed) as [number])[0], 1008);
  });

  it('over a WebSocket, a bad token at the handshake of an endpoint whose every method needs one is refused: HTTP 401 at the upgrade', async () => {
    const url = `${running.url.replace('http', 'ws')}/_ah/api/strict/v1`;
    const expired = await idp.sign({ claims: { exp: now() - 3600 } });
    const cases: [string, Record<string, string>, string][] = [
      ['expired, in the header', { authorization: `Bearer ${expired}` }, 'The token expired'],
      ['expired, as access_token', {}, 'The token expired'],
      ['a bad signature', { authorization: `Bearer ${await idp.sign({ key: await idp.stranger(idp.current.kid) })}` }, "The token's signature is not valid"],
      ['of another audience', { authorization: `Bearer ${await idp.sign({ claims: { aud: 'another-api' } })}` }, 'The token is for another audience'],
      ['not a bearer token', { authorization: 'Basic YWxpY2U6cHc=' }, 'The Authorization header is not a bearer token'],
    ];
    // The same whatever the socket would speak (the RPC frames, or JSON-RPC 2.0).
    for (const [what, headers, description, subprotocol] of [...cases, ...cases.map(([w, h, d]) => [`${w} (jsonrpc)`, h, d, 'jsonrpc'] as const)]) {
      const r = await upgrade(what.startsWith('expired, as access_token') ? `${url}?access_token=${expired}` : url, headers, subprotocol);
      assert.ok(!(r instanceof WebSocket), `${what}: the socket opened`);
      assert.equal(r.status, 401, what);
      assert.equal(r.challenge, `Bearer realm="strict", error="invalid_token", error_description="${description}"`, what);
      assert.deepEqual([r.body.code, r.body.faultstring], ['SB_INVALID_TOKEN', `Invalid token: ${description}`], what);
    }
    // The API's Channels socket is judged the same way, at its upgrade.
    const channels = await upgrade(`${url}/channels`, { authorization: `Bearer ${expired}` });
    assert.ok(!(channels instanceof WebSocket), 'the Channels socket opened with an expired token');
    assert.equal(channels.status, 401);
    assert.equal(channels.challenge, 'Bearer realm="strict", error="invalid_token", error_description="The token expired"');
    const channelsOk = await upgrade(`${url}/channels`, { authorization: `Bearer ${await idp.sign()}` });
    assert.ok(channelsOk instanceof WebSocket, 'the Channels socket with a good token');
    channelsOk.close();
    // A good token opens the socket and its calls pass.
    const ws = await upgrade(url, { authorization: `Bearer ${await idp.sign()}` });
    assert.ok(ws instanceof WebSocket);
    try {
      ws.send(JSON.stringify({ id: 1, method: 'strict.vault.me', params: {} }));
      assert.equal((JSON.parse(String((await once(ws, 'message'))[0])) as { result: { subject: string } }).result.subject, 'alice');
    } finally {
      ws.close();
    }
  });

  it('over a WebSocket, no token at the handshake is let in (a seed-form frame may bring its own): each call needing one is refused with 401', async () => {
    const ws = await upgrade(`${running.url.replace('http', 'ws')}/_ah/api/strict/v1`, {});
    assert.ok(ws instanceof WebSocket);
    try {
      ws.send(JSON.stringify({ id: 1, method: 'strict.vault.maybe', params: {} }));
      assert.equal((JSON.parse(String((await once(ws, 'message'))[0])) as { result: { subject: string } }).result.subject, 'anonymous');
      ws.send(JSON.stringify({ id: 2, method: 'strict.vault.me', params: {} }));
      const refused = JSON.parse(String((await once(ws, 'message'))[0])) as { status: number; error: { code: string } };
      assert.deepEqual([refused.status, refused.error.code], [401, 'SB_UNAUTHENTICATED']);
    } finally {
      ws.close();
    }
  });

  it('over a WebSocket, an endpoint with a method that reads no token (or takes a bad one as none) lets a bad token in: that method answers', async () => {
    const ws = await upgrade(`${running.url.replace('http', 'ws')}/_ah/api/secure/v1`, {
      authorization: `Bearer ${await idp.sign({ claims: { exp: now() - 3600 } })}`,
    });
    assert.ok(ws instanceof WebSocket, 'secure has methods with auth_level none and optional_continue');
    try {
      ws.send(JSON.stringify({ id: 1, method: 'secure.who.open', params: {} }));
      assert.equal((JSON.parse(String((await once(ws, 'message'))[0])) as { result: { subject: string } }).result.subject, 'anonymous');
    } finally {
      ws.close();
    }
  });

  it("an endpoint's own issuers (its YAML's issuers) replace the step's", async () => {
    const eps = createEndpoints();
    eps.add({
      name: 'partners',
      version: 'v1',
      auth_level: 'required',
      issuers: { corp: { issuer: ISSUER, jwks_uri: idp.jwksUrl, audiences: ['partners-api'] } },
    });
    @eps.autoService
    class MeService extends Service {
      @autoMethod({ returns: Who })
      me(_: unknown, ctx: CallContext) {
        return who(ctx);
      }
    }
    void MeService;
    // The step's own issuer is another one: only the endpoint's may sign for it.
    const auth = bearerAuth({ issuers: [{ issuer: 'https://elsewhere.invalid', audiences: [AUDIENCE], jwksUrl: 'http://127.0.0.1:1/jwks' }] });
    const partners = await serve(createApp(eps.apis({ auth })), { port: 0, host: '127.0.0.1' });
    try {
      const call = async (token: string) =>
        (await fetch(`${partners.url}/_ah/api/partners/v1/me/me`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status;
      assert.equal(await call(await idp.sign({ claims: { aud: 'partners-api' } })), 200);
      assert.equal(await call(await idp.sign()), 401);
    } finally {
      await partners.close();
    }
  });

  it("an endpoint's YAML may hold its issuer's public keys (jwks), or name a JWKS file beside it (jwks_file)", async () => {
    const local = await generateKeyPair('ES256', { extractable: true });
    const other = await generateKeyPair('ES256', { extractable: true });
    const pub = { ...(await exportJWK(local.publicKey)), kid: 'corp-1', alg: 'ES256', use: 'sig' };
    const dir = mkdtempSync(join(tmpdir(), 'sb-endpoint-keys-'));
    const issuer = 'https://id.corp.test.invalid';
    const yaml = (name: string, keys: string) =>
      `name: ${name}\nversion: v1\nauth_level: required\nissuers:\n  corp:\n    issuer: ${issuer}\n    audiences:\n    - corp-api\n${keys}`;
    writeFileSync(join(dir, 'inline.yaml'), yaml('inline', `    jwks:\n      keys:\n      - ${JSON.stringify(pub)}\n`));
    writeFileSync(join(dir, 'corp.jwks.json'), JSON.stringify({ keys: [pub] }));
    writeFileSync(join(dir, 'beside.yaml'), yaml('beside', '    jwks_file: corp.jwks.json\n'));
    const eps = createEndpoints();
    eps.add(join(dir, 'inline.yaml'));
    eps.add(join(dir, 'beside.yaml'));
    rmSync(dir, { recursive: true, force: true });
    for (const endpoint of ['inline', 'beside']) {
      @eps.autoService({ endpoint })
      class MeService extends Service {
        @autoMethod({ returns: Who })
        me(_: unknown, ctx: CallContext) {
          return who(ctx);
        }
      }
      void MeService;
    }
    // The step's own issuer is the JWKS server's: only the endpoint's keys may sign for these endpoints.
    const app = createApp(eps.apis({ auth: bearerAuth({ issuers: [{ issuer: ISSUER, audiences: [AUDIENCE], jwksUrl: idp.jwksUrl }] }) }));
    const served = await serve(app, { port: 0, host: '127.0.0.1' });
    const wss = attachWebsocket(served);
    try {
      const sign = (key: CryptoKey, claims: Record<string, unknown> = {}) =>
        new SignJWT({ sub: 'dora', aud: 'corp-api', iss: issuer, ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: 'corp-1' })
          .setExpirationTime('1h')
          .sign(key);
      for (const endpoint of ['inline', 'beside']) {
        const call = async (token: string) => {
          const r = await fetch(`${served.url}/_ah/api/${endpoint}/v1/me/me`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
          return [r.status, ((await r.json()) as { subject?: string }).subject] as const;
        };
        assert.deepEqual(await call(await sign(local.privateKey)), [200, 'dora'], endpoint);
        assert.equal((await call(await sign(other.privateKey)))[0], 401, `${endpoint}: a key not in the set`);
        assert.equal((await call(await sign(local.privateKey, { aud: 'another-api' })))[0], 401, `${endpoint}: another audience`);
        assert.equal((await call(await idp.sign()))[0], 401, `${endpoint}: the step's issuer is not this endpoint's`);
        // The WebSocket's handshake is judged with the endpoint's keys too.
        const bad = await upgrade(`${served.url.replace('http', 'ws')}/_ah/api/${endpoint}/v1`, { authorization: `Bearer ${await sign(other.privateKey)}` });
        assert.ok(!(bad instanceof WebSocket) && bad.status === 401, `${endpoint}: the handshake with a key not in the set`);
        const good = await upgrade(`${served.url.replace('http', 'ws')}/_ah/api/${endpoint}/v1`, { authorization: `Bearer ${await sign(local.privateKey)}` });
        assert.ok(good instanceof WebSocket, `${endpoint}: the handshake with the endpoint's key`);
        good.close();
      }
    } finally {
      await wss.close();
      await served.close();
    }
  });

  it('refuses HMAC algorithms and an unbounded clock skew in its options', () => {
    const issuers = [{ issuer: ISSUER, audiences: [AUDIENCE], jwksUrl: 'http://127.0.0.1:1/jwks' }];
    assert.throws(() => bearerAuth({ issuers, algorithms: ['RS256', 'HS256'] }), /HS256 is not accepted/);
    assert.throws(() => bearerAuth({ issuers, clockToleranceSeconds: 3600 }), /clockToleranceSeconds/);
    assert.throws(() => bearerAuth({ issuers: [{ issuer: ISSUER, audiences: [], jwksUrl: 'http://x/' }] }), /lists no audience/);
  });
});

/** The current public key, as the JWKS publishes it. */
async function publicKeyOf() {
  return (await importJWK(idp.current.jwk, 'RS256')) as CryptoKey;
}
