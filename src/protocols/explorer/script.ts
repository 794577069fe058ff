/**
 * The explorer's script, as the browser runs it (plain JavaScript, no build step): it fetches
 * `explorer/api.json`, lists the functions, builds a form from each one's JSON Schema (nested
 * types, lists, enums, optional fields, nullable, dates), builds the raw request of the chosen
 * protocol (REST+JSON, REST+XML, SOAP, Ext Direct, JSON-RPC, WebSocket), sends it to the real
 * endpoint with the bearer token, and shows request and response side by side with status and
 * timing; a WebSocket console sends frames by hand and shows every frame as it arrives, its
 * handshake carrying the token as `access_token` (browsers cannot set its headers). A picker
 * switches to the explorer of every other API the server serves; where the server offers one,
 * a button fills the token box with a development token.
 */
export const EXPLORER_SCRIPT = String.raw`'use strict';
(function () {
  var base = location.pathname.replace(/\/explorer\/?$/, '');
  var desc = null;
  var current = null;
  var tid = 0;
  var socket = null;
  var socketUrl = null;
  var wsWaiters = {};
  var lastStreamId = null;
  var wsdlNamespace = null;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  function resolve(schema) {
    var seen = 0;
    while (schema && schema.$ref && seen++ < 32) schema = desc.schemas[schema.$ref.replace('#/components/schemas/', '')];
    return schema || {};
  }

  function nullableInner(schema) {
    if (schema.oneOf && schema.oneOf.length === 2 && schema.oneOf[1].type === 'null') return schema.oneOf[0];
    return null;
  }

  /** A form field for a schema: its element and a reader of its value (undefined: unset). */
  function field(schema, name, depth) {
    var inner = nullableInner(schema);
    if (inner) {
      var f = field(inner, name, depth);
      var isNull = el('input', { type: 'checkbox', 'data-null': name });
      var box = el('span', { class: 'nullable' }, [f.el, el('label', {}, [isNull, document.createTextNode(' null')])]);
      return { el: box, get: function () { return isNull.checked ? null : f.get(); } };
    }
    var s = resolve(schema);
    if (depth > 6) return textJson(name);
    if (s.enum) {
      var sel = el('select', { name: name }, s.enum.map(function (v) { return el('option', { value: String(v), text: String(v) }); }));
      return { el: sel, get: function () { return s.type === 'integer' ? Number(sel.value) : sel.value; } };
    }
    if (s.type === 'object' && s.properties) return objectField(s, name, depth);
    if (s.type === 'array') return arrayField(s, name, depth);
    if (s.type === 'boolean') {
      var cb = el('input', { type: 'checkbox', name: name });
      return { el: cb, get: function () { return cb.checked; } };
    }
    if (s.type === 'integer' || s.type === 'number') {
      var big = s.format === 'int64';
      var num = el('input', { type: big ? 'text' : 'number', name: name, step: s.type === 'integer' ? '1' : 'any', inputmode: 'numeric' });
      return { el: num, get: function () { return num.value === '' ? undefined : big ? num.value : Number(num.value); } };
    }
    if (s.type === 'string') {
      var kind = s.format === 'date' ? 'date' : s.format === 'date-time' ? 'datetime-local' : s.format === 'time' ? 'time' : 'text';
      var input = el('input', { type: kind, name: name, placeholder: s.contentEncoding === 'base64' ? 'base64' : s.format || '' });
      if (kind === 'time' || kind === 'datetime-local') input.setAttribute('step', '1');
      return {
        el: input,
        get: function () {
          if (kind === 'datetime-local' && input.value) return input.value.length === 16 ? input.value + ':00Z' : input.value + 'Z';
          return kind === 'text' || input.value !== '' ? input.value : undefined;
        },
      };
    }
    return textJson(name);
  }

  function textJson(name) {
    var ta = el('textarea', { name: name, placeholder: 'JSON', rows: '2' });
    return { el: ta, get: function () { return ta.value.trim() === '' ? undefined : JSON.parse(ta.value); } };
  }

  function objectField(s, name, depth) {
    var rows = [];
    var required = s.required || [];
    var box = el('fieldset', { class: 'object' }, [el('legend', { text: s.title || name })]);
    Object.keys(s.properties).forEach(function (key) {
      var f = field(s.properties[key], name + '.' + key, depth + 1);
      var set = required.indexOf(key) === -1 ? el('input', { type: 'checkbox', title: 'set', 'data-set': name + '.' + key }) : null;
      if (set) set.checked = true;
      rows.push({ key: key, f: f, set: set });
      box.appendChild(el('div', { class: 'row' }, [el('label', { text: key }), set, f.el]));
    });
    return {
      el: box,
      get: function () {
        var out = {};
        rows.forEach(function (r) {
          if (r.set && !r.set.checked) return;
          var v = r.f.get();
          if (v !== undefined) out[r.key] = v;
        });
        return out;
      },
    };
  }

  function arrayField(s, name, depth) {
    var items = [];
    var list = el('div', { class: 'items' });
    var add = el('button', {
      type: 'button',
      text: '+ item',
      'data-add': name,
      onclick: function () {
        var f = field(s.items || {}, name + '[]', depth + 1);
        var row = el('div', { class: 'row' }, [f.el]);
        var entry = { f: f, row: row };
        row.appendChild(el('button', { type: 'button', text: '×', onclick: function () { items.splice(items.indexOf(entry), 1); row.remove(); } }));
        items.push(entry);
        list.appendChild(row);
      },
    });
    return { el: el('div', { class: 'array' }, [list, add]), get: function () { return items.map(function (i) { return i.f.get(); }); } };
  }

  function showFunction(fn) {
    current = { fn: fn, fields: [] };
    $('method-title').textContent = fn.name + (fn.stream ? ' (stream)' : '');
    $('method-doc').textContent = fn.doc || '';
    $('method-binding').textContent = fn.verbs.join(' ') + ' ' + base + '/' + fn.path;
    var form = $('form');
    form.textContent = '';
    fn.args.forEach(function (a) {
      var f = field(a.schema, a.name, 0);
      var set = a.required ? null : el('input', { type: 'checkbox', title: 'set', 'data-set': a.name });
      current.fields.push({ arg: a, f: f, set: set });
      form.appendChild(el('div', { class: 'row arg' }, [el('label', { text: a.name + (a.required ? ' *' : '') }), set, f.el]));
    });
    if (fn.args.length === 0) form.appendChild(el('p', { class: 'none', text: 'No arguments.' }));
    document.querySelectorAll('#apis li').forEach(function (li) { li.classList.toggle('current', li.dataset.name === fn.name); });
  }

  function args() {
    var out = {};
    current.fields.forEach(function (x) {
      if (x.set && !x.set.checked) return;
      var v = x.f.get();
      if (v !== undefined) out[x.arg.name] = v;
    });
    return out;
  }

  function escXml(s) { return String(s).replace(/[&<>]/g, function (c) { return c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'; }); }

  function xml(name, v) {
    if (v === null || v === undefined) return '<' + name + ' xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
    if (Array.isArray(v)) return '<' + name + '>' + v.map(function (i) { return xml('item', i); }).join('') + '</' + name + '>';
    if (typeof v === 'object') return '<' + name + '>' + Object.keys(v).map(function (k) { return xml(k, v[k]); }).join('') + '</' + name + '>';
    return '<' + name + '>' + escXml(v) + '</' + name + '>';
  }

  function headers(extra) {
    var h = extra || {};
    var token = $('token').value.trim();
    if (token) h.Authorization = 'Bearer ' + token;
    return h;
  }

  /** The REST request of the call: path parameters, query, headers, body members or the whole body. */
  function restRequest(fn, a, asXml) {
    var verb = fn.verbs.indexOf('POST') !== -1 && fn.args.length > 0 ? 'POST' : fn.verbs[0];
    var path = fn.path;
    var query = [];
    var h = {};
    var members = {};
    var whole;
    var hasMembers = false;
    fn.args.forEach(function (spec) {
      if (!(spec.name in a)) return;
      var v = a[spec.name];
      var where = spec.in === 'auto' ? (verb === 'GET' || verb === 'DELETE' ? 'query' : 'member') : spec.in;
      if (where === 'path') path = path.replace('{' + spec.name + '}', encodeURIComponent(String(v)));
      else if (where === 'header') h[spec.key] = String(v);
      else if (where === 'query') (Array.isArray(v) ? v : [v]).forEach(function (x) { query.push(encodeURIComponent(spec.key) + '=' + encodeURIComponent(typeof x === 'object' ? JSON.stringify(x) : String(x))); });
      else if (where === 'body') whole = v;
      else { members[spec.key] = v; hasMembers = true; }
    });
    var body = null;
    if (whole !== undefined) body = asXml ? xml('value', whole) : JSON.stringify(whole);
    else if (hasMembers) body = asXml ? xml('parameters', members) : JSON.stringify(members);
    if (body !== null) h['Content-Type'] = asXml ? 'text/xml' : 'application/json';
    h.Accept = fn.stream ? 'text/event-stream' : asXml ? 'text/xml' : 'application/json';
    return { method: verb, url: base + '/' + path + (query.length ? '?' + query.join('&') : ''), headers: headers(h), body: body };
  }

  function namespace() {
    if (wsdlNamespace) return Promise.resolve(wsdlNamespace);
    return fetch(base + '/api.wsdl').then(function (r) { return r.text(); }).then(function (t) {
      var m = /<xs:schema targetNamespace="([^"]+)"/.exec(t);
      wsdlNamespace = m ? m[1] : '';
      return wsdlNamespace;
    });
  }

  function request(protocol) {
    var fn = current.fn;
    var a = args();
    if (protocol === 'restjson') return Promise.resolve(restRequest(fn, a, false));
    if (protocol === 'restxml') return Promise.resolve(restRequest(fn, a, true));
    if (protocol === 'jsonrpc') {
      return Promise.resolve({ method: 'POST', url: base + '/jsonrpc', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ jsonrpc: '2.0', id: ++tid, method: fn.name, params: a }) });
    }
    if (protocol === 'extdirect') {
      var data = fn.args.length ? a : null;
      return Promise.resolve({ method: 'POST', url: base + '/extdirect/router', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ type: 'rpc', tid: ++tid, action: fn.extdirect.action, method: fn.extdirect.method, data: data }) });
    }
    if (protocol === 'soap') {
      return namespace().then(function (ns) {
        var parts = Object.keys(a).map(function (k) { return xml(k, a[k]); }).join('');
        var envelope = '<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><' + fn.soap + ' xmlns="' + ns + '">' + parts + '</' + fn.soap + '></soap:Body></soap:Envelope>';
        return { method: 'POST', url: base + '/', headers: headers({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"' + fn.soap + '"' }), body: envelope };
      });
    }
    return Promise.resolve(null);
  }

  function rawRequest(r) {
    var lines = [r.method + ' ' + r.url];
    Object.keys(r.headers).forEach(function (k) { lines.push(k + ': ' + r.headers[k]); });
    return lines.join('\n') + '\n\n' + (r.body || '');
  }

  function pretty(text, type) {
    if (/json/.test(type || '')) {
      try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
    }
    return text;
  }

  function call() {
    var protocol = $('protocol').value;
    $('response').textContent = '';
    $('status').textContent = '…';
    $('timing').textContent = '';
    if (protocol === 'ws') return wsCall();
    request(protocol).then(function (r) {
      $('request').textContent = rawRequest(r);
      var started = performance.now();
      return fetch(r.url, { method: r.method, headers: r.headers, body: r.body }).then(function (res) {
        var head = ['HTTP ' + res.status + ' ' + res.statusText];
        res.headers.forEach(function (v, k) { head.push(k + ': ' + v); });
        $('status').textContent = String(res.status);
        $('status').className = res.ok ? 'ok' : 'fail';
        // Read as it arrives, so a stream (Server-Sent Events) shows each event.
        var reader = res.body ? res.body.getReader() : null;
        var decoder = new TextDecoder();
        var text = '';
        var show = function (done) {
          $('timing').textContent = (performance.now() - started).toFixed(1) + ' ms';
          $('response').textContent = head.join('\n') + '\n\n' + (done ? pretty(text, res.headers.get('content-type')) : text);
        };
        var pump = function () {
          if (!reader) return show(true);
          return reader.read().then(function (chunk) {
            if (chunk.done) return show(true);
            text += decoder.decode(chunk.value, { stream: true });
            show(false);
            return pump();
          });
        };
        return pump();
      });
    }).catch(function (e) {
      $('status').textContent = 'error';
      $('response').textContent = String(e);
    });
  }

  /** The console's URL, with the token box's token as access_token (RFC 6750 §2.3). */
  function wsUrl() {
    var url = $('ws-url').value;
    var token = $('token').value.trim();
    if (!token) return url;
    return url + (url.indexOf('?') === -1 ? '?' : '&') + 'access_token=' + encodeURIComponent(token);
  }

  function wsConnect() {
    var url = wsUrl();
    if (socket && socket.readyState <= 1 && socketUrl === url) return Promise.resolve(socket);
    // Another URL or token: a new connection, since the handshake is where the token goes.
    if (socket && socket.readyState <= 1) socket.close(1000);
    socketUrl = url;
    return new Promise(function (resolveOpen, reject) {
      socket = new WebSocket(url);
      socket.onopen = function () { $('ws-state').textContent = 'connected'; resolveOpen(socket); };
      socket.onerror = function () { reject(new Error('the WebSocket failed')); };
      socket.onclose = function () { $('ws-state').textContent = 'closed'; };
      socket.onmessage = function (m) {
        log('in', m.data);
        var frame;
        try { frame = JSON.parse(m.data); } catch (e) { return; }
        var w = wsWaiters[frame.id];
        if (w) w(frame, m.data);
      };
    });
  }

  function log(dir, text) {
    var li = el('li', { class: dir }, [el('span', { class: 'dir', text: dir === 'in' ? '⇐' : '⇒' }), el('code', { text: text })]);
    $('ws-log').appendChild(li);
    $('ws-log').scrollTop = $('ws-log').scrollHeight;
  }

  function wsSend(text) {
    return wsConnect().then(function (s) { s.send(text); log('out', text); });
  }

  function wsCall() {
    var fn = current.fn;
    var id = 'c' + ++tid;
    var frame = JSON.stringify({ id: id, method: fn.name, params: args() });
    $('request').textContent = 'WebSocket ' + $('ws-url').value + ($('token').value.trim() ? '?access_token=…' : '') + '\n\n' + frame;
    var started = performance.now();
    var events = [];
    if (fn.stream) lastStreamId = id;
    wsWaiters[id] = function (f, raw) {
      $('timing').textContent = (performance.now() - started).toFixed(1) + ' ms';
      if ('event' in f) events.push(raw);
      else {
        $('status').textContent = String(f.status);
        $('status').className = f.status === 200 ? 'ok' : 'fail';
        delete wsWaiters[id];
        events.push(raw);
      }
      if (fn.stream && 'event' in f) {
        $('status').textContent = events.length + ' event(s)';
        $('status').className = 'ok';
      }
      $('response').textContent = events.map(function (e) { return pretty(e, 'json'); }).join('\n');
    };
    wsSend(frame).catch(function (e) { $('status').textContent = 'error'; $('response').textContent = String(e); });
  }

  function init(d) {
    desc = d;
    document.title = d.name + ' — Switchboard explorer';
    $('api-name').textContent = d.name + (d.version ? ' ' + d.version : '');
    $('api-doc').textContent = d.doc || '';
    var groups = {};
    d.functions.forEach(function (fn) {
      var group = fn.name.indexOf('.') === -1 ? '' : fn.name.slice(0, fn.name.lastIndexOf('.'));
      (groups[group] = groups[group] || []).push(fn);
    });
    var nav = $('apis');
    Object.keys(groups).forEach(function (g) {
      nav.appendChild(el('h3', { text: g || d.name }));
      nav.appendChild(el('ul', {}, groups[g].map(function (fn) {
        var li = el('li', { 'data-name': fn.name, title: fn.doc || '' }, [el('a', { href: '#' + fn.name, text: fn.name.slice(g ? g.length + 1 : 0), onclick: function (e) { e.preventDefault(); showFunction(fn); } })]);
        return li;
      })));
    });
    $('ws-url').value = location.origin.replace(/^http/, 'ws') + base;
    var picker = $('api-picker');
    (d.apis || []).forEach(function (a) {
      var o = el('option', { value: a.explorer, text: a.name + (a.version ? ' ' + a.version : '') });
      if (a.current) o.selected = true;
      picker.appendChild(o);
    });
    picker.addEventListener('change', function () { location.href = picker.value; });
    if (d.devToken) {
      $('dev-token').hidden = false;
      $('dev-token').addEventListener('click', function () {
        fetch(base + '/explorer/token', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (j) {
          $('token').value = j.token || '';
        });
      });
    }
    $('call').addEventListener('click', call);
    $('ws-connect').addEventListener('click', function () { wsConnect().catch(function (e) { $('ws-state').textContent = String(e.message); }); });
    $('ws-send').addEventListener('click', function () { wsSend($('ws-frame').value); });
    $('ws-cancel').addEventListener('click', function () { if (lastStreamId) wsSend(JSON.stringify({ id: lastStreamId, cancel: true })); });
    var wanted = decodeURIComponent(location.hash.slice(1));
    showFunction(d.functions.filter(function (f) { return f.name === wanted; })[0] || d.functions[0]);
    document.body.dataset.ready = 'true';
  }

  fetch(base + '/explorer/api.json').then(function (r) { return r.json(); }).then(init);
})();
`;
