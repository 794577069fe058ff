/** The explorer's HTML page and its style sheet: static, every asset served beside it (no network fetches). */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page, its assets below `path` (the API's public base path, `/ws`). */
export const explorerPage = (path: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${esc(path)}/explorer/explorer.css">
</head><body>
<header><h1 id="api-name">…</h1><p id="api-doc"></p>
<label class="picker">API <select id="api-picker" aria-label="API"></select></label></header>
<main>
<nav id="apis" aria-label="Functions"></nav>
<section id="method">
  <h2 id="method-title"></h2>
  <p id="method-doc"></p>
  <p><code id="method-binding"></code></p>
  <form id="form" onsubmit="return false"></form>
  <div class="controls">
    <label>Protocol <select id="protocol">
      <option value="restjson">REST+JSON</option>
      <option value="restxml">REST+XML</option>
      <option value="soap">SOAP 1.1</option>
      <option value="extdirect">Ext Direct</option>
      <option value="jsonrpc">JSON-RPC 2.0</option>
      <option value="ws">WebSocket</option>
    </select></label>
    <label>Bearer token <input id="token" type="text" autocomplete="off" placeholder="none"></label>
    <button id="dev-token" type="button" hidden title="A token signed with the development key, holding every scope this API asks for">Development token</button>
    <button id="call" type="button">Call</button>
    <span>Status <b id="status"></b></span> <span id="timing"></span>
  </div>
  <div class="raw">
    <div><h3>Request</h3><pre id="request"></pre></div>
    <div><h3>Response</h3><pre id="response"></pre></div>
  </div>
  <section id="console">
    <h3>WebSocket console</h3>
    <div class="controls">
      <input id="ws-url" type="text" size="40" aria-label="WebSocket URL">
      <button id="ws-connect" type="button">Connect</button> <span id="ws-state">not connected</span>
      <button id="ws-cancel" type="button">Cancel the last stream</button>
    </div>
    <div class="controls">
      <textarea id="ws-frame" rows="2" cols="60" aria-label="Frame">{"id": 1, "method": "", "params": {}}</textarea>
      <button id="ws-send" type="button">Send</button>
    </div>
    <ol id="ws-log"></ol>
  </section>
</section>
</main>
<script src="${esc(path)}/explorer/explorer.js"></script>
</body></html>
`;

export const EXPLORER_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
header { background: #1d2330; color: #fff; padding: 8px 16px; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 2px 0 0; color: #c9d0dc; }
header .picker { float: right; margin-top: -24px; }
main { display: flex; gap: 16px; padding: 12px 16px; }
nav { min-width: 180px; }
nav h3 { margin: 8px 0 2px; font-size: 13px; text-transform: uppercase; color: #667; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li a { display: block; padding: 2px 6px; color: #1d4fd8; text-decoration: none; border-radius: 4px; }
nav li.current a { background: #dfe7fd; }
#method { flex: 1; min-width: 0; }
#method h2 { margin: 0; }
fieldset { border: 1px solid #ccd; border-radius: 4px; margin: 2px 0; }
.row { display: flex; align-items: flex-start; gap: 6px; margin: 3px 0; }
.row > label { min-width: 90px; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
.raw { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
pre { background: #fff; border: 1px solid #ccd; border-radius: 4px; padding: 8px; min-height: 120px; max-height: 360px; overflow: auto; white-space: pre-wrap; word-break: break-all; }
#status.ok { color: #087a2a; } #status.fail { color: #b3261e; }
#ws-log { background: #fff; border: 1px solid #ccd; border-radius: 4px; max-height: 200px; overflow: auto; padding: 4px 4px 4px 32px; font: 12px ui-monospace, monospace; }
#ws-log li.in .dir { color: #087a2a; } #ws-log li.out .dir { color: #1d4fd8; }
button { cursor: pointer; }
`;
