/** The root of an API: its webpath and top-level controllers (WSME's `WSRoot`). */
import { type ControllerDef, type Member, controller } from './controller.ts';

export interface RootOptions {
  /** URL prefix of every function, e.g. `ws` → `/ws/person/get`. */
  webpath?: string;
  /** Top-level controllers and functions by name. */
  controllers: Record<string, Member>;
  /** Name of the API in documents (WSDL service name, OpenAPI title). */
  name?: string;
  doc?: string;
}

export interface RootDef {
  readonly kind: 'root';
  /** Normalised: leading slash, no trailing slash; `''` for the server root. */
  readonly webpath: string;
  readonly name: string;
  readonly doc: string | undefined;
  readonly tree: ControllerDef;
}

/** Declares an API root. */
export function root(options: RootOptions): RootDef {
  const trimmed = (options.webpath ?? '').replace(/^\/+|\/+$/g, '');
  return Object.freeze({
    kind: 'root' as const,
    webpath: trimmed === '' ? '' : `/${trimmed}`,
    name: options.name ?? (trimmed || 'api'),
    doc: options.doc,
    tree: controller(options.controllers, { doc: options.doc }),
  });
}

/** True for a value built by `root()`. */
export function isRoot(v: unknown): v is RootDef {
  return typeof v === 'object' && v !== null && (v as RootDef).kind === 'root';
}
