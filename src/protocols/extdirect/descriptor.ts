/**
 * The provider descriptor (the Ext Direct "API"): a JSON object that `Ext.direct.Manager`
 * turns into a `RemotingProvider`, served as JSON (`api.json`, for `loadProvider`) and as a
 * script assigning it under the app's namespace (`api.js`, for a `<script>` tag).
 */
import type { DescribedMethod } from './methods.ts';

export interface Descriptor {
  readonly url: string;
  readonly type: 'remoting';
  /** Where Ext JS puts the action objects: `Demo` → `Demo.person.get(…)`. */
  readonly namespace: string;
  readonly actions: Record<string, DescribedMethod[]>;
}

/** One `Ext.direct.PollingProvider`'s configuration, ready for `Ext.direct.Manager.addProvider`. */
export interface PollingConfig {
  readonly type: 'polling';
  readonly url: string;
  readonly interval: number;
}

/** The polled functions' providers, by the name of the events each delivers. */
export type PollingDescriptor = Record<string, PollingConfig>;

const JS_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** Throws at start-up when a name would not be a JavaScript property path (it is written into code). */
export function checkJsPath(what: string, path: string): string {
  if (!JS_PATH.test(path)) throw new TypeError(`extdirect: ${what} must be a dotted JavaScript name, not ${JSON.stringify(path)}`);
  return path;
}

/** A namespace made from the API's name: `persons` → `persons`, `my-api/v1` → `my_api_v1`. */
export function namespaceOf(apiName: string): string {
  const id = apiName.replace(/[^\w$]+/g, '_').replace(/^_+|_+$/g, '');
  if (id === '') return 'Api';
  return /^\d/.test(id) ? `_${id}` : id;
}

/** The script form: `Ext.ns('Demo'); Demo.REMOTING_API = {…};`. */
export function descriptorScript(descriptor: Descriptor | PollingDescriptor, variable: string): string {
  const dot = variable.lastIndexOf('.');
  const head = dot === -1 ? 'var ' : `Ext.ns(${JSON.stringify(variable.slice(0, dot))});\n`;
  return `${head}${variable} = ${JSON.stringify(descriptor, null, 2)};\n`;
}
