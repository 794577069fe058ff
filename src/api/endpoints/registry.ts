/**
 * The seed's endpoint registry: `endpoints.add(fileOrObject, { default: true })`,
 * `endpoints.get(name)`, `endpoints.default()`. Services decorated with `@autoService` are
 * recorded here and placed on their endpoints when `apis()` builds the APIs to serve.
 */
import { resolve } from 'node:path';
import { declarationError } from '../../errors/declaration.ts';
import type { ApiDef } from '../api.ts';
import type { CallStep } from '../steps.ts';
import { buildEndpoint } from './build.ts';
import { type EndpointConfig, checkEndpointConfig, objectSource, readEndpointFile } from './config.ts';
import { type AutoService, type ServiceClass, type ServiceEntry, type ServiceOptions, autoServiceOf } from './service.ts';

/** One registered endpoint. */
export class Endpoint {
  constructor(
    private readonly registry: Endpoints,
    readonly config: EndpointConfig,
    /** The file it was read from, or `<object>`. */
    readonly source: string,
  ) {}

  get name(): string {
    return this.config.name;
  }

  /**
   * Cloud Endpoints' `api_class`: adds a service to this endpoint, as a decorator or a call.
   *
   * @example
   * endpoints.get('ferris').apiClass({ resourceName: 'shelves' })(ShelvesService);
   */
  apiClass(options: Omit<ServiceOptions, 'endpoint'> = {}): (cls: ServiceClass, context?: ClassDecoratorContext) => void {
    const service = this.registry.autoService({ ...options, endpoint: this.config.name });
    return (cls, context) => service(cls, context);
  }
}

/** Options of `apis()`. */
export interface EndpointApisOptions {
  /**
   * The authentication step of every endpoint (e.g. `bearerAuth(...)`). Required when an
   * endpoint, service or method has an auth level other than `none`.
   */
  auth?: CallStep;
  /** Further call steps of every endpoint, after the auth step. */
  steps?: readonly CallStep[];
}

/** A registry of endpoints and the services on them. */
export class Endpoints {
  private readonly byName = new Map<string, Endpoint>();
  private defaultName: string | undefined;
  private explicitDefault = false;
  private readonly services: ServiceEntry[] = [];
  /** `@autoService` for this registry. */
  readonly autoService: AutoService = autoServiceOf(this);

  /** Adds an endpoint from a YAML file or a configuration object. Two with one name are an error. */
  add(fileOrConfig: string | EndpointConfig, options: { default?: boolean } = {}): Endpoint {
    const source = typeof fileOrConfig === 'string' ? resolve(fileOrConfig) : '<object>';
    const config = typeof fileOrConfig === 'string' ? readEndpointFile(fileOrConfig) : checkEndpointConfig(fileOrConfig, objectSource());
    const clash = this.byName.get(config.name);
    if (clash) throw declarationError('SB_DECL_DUPLICATE_ENDPOINT', { name: config.name, first: clash.source, second: source });
    const ep = new Endpoint(this, config, source);
    this.byName.set(config.name, ep);
    if (options.default) {
      if (this.explicitDefault) throw declarationError('SB_DECL_DUPLICATE_ENDPOINT', { name: 'default', first: this.defaultName, second: config.name });
      this.explicitDefault = true;
      this.defaultName = config.name;
    } else if (this.defaultName === undefined) this.defaultName = config.name;
    return ep;
  }

  /** The endpoint of that name; without one, the default endpoint. */
  get(name?: string): Endpoint {
    if (name === undefined) return this.default();
    const ep = this.byName.get(name);
    if (!ep) throw declarationError('SB_DECL_UNKNOWN_ENDPOINT', { service: 'endpoints.get', name, known: this.known() });
    return ep;
  }

  /** The endpoint added with `{ default: true }`, else the first one added. */
  default(): Endpoint {
    if (this.defaultName === undefined) throw declarationError('SB_DECL_UNKNOWN_ENDPOINT', { service: 'endpoints.default', name: '(default)', known: 'none' });
    return this.byName.get(this.defaultName)!;
  }

  /** Every endpoint, in the order added. */
  list(): readonly Endpoint[] {
    return [...this.byName.values()];
  }

  /** Records a service (what `@autoService` and `apiClass` do). */
  register(cls: ServiceClass, options: ServiceOptions): void {
    this.services.push(Object.freeze({ cls, options: Object.freeze({ ...options }) }));
  }

  /** How many services are recorded (discovery checks that a service file added one). */
  get serviceCount(): number {
    return this.services.length;
  }

  /**
   * The APIs to serve: one per endpoint that has services, each under its base path. Every
   * service's endpoint must exist, every method must follow the seed's rules.
   */
  apis(options: EndpointApisOptions = {}): ApiDef[] {
    const on = new Map<string, ServiceEntry[]>();
    for (const s of this.services) {
      const name = s.options.endpoint ?? this.defaultName;
      if (name === undefined || !this.byName.has(name)) {
        throw declarationError('SB_DECL_UNKNOWN_ENDPOINT', { service: s.cls.name, name: name ?? '(default)', known: this.known() });
      }
      on.set(name, [...(on.get(name) ?? []), s]);
    }
    const steps = [...(options.auth ? [options.auth] : []), ...(options.steps ?? [])];
    const out: ApiDef[] = [];
    for (const ep of this.byName.values()) {
      const services = on.get(ep.name);
      if (!services) continue;
      if (!options.auth) {
        const level = [ep.config.auth_level, ...services.flatMap((s) => s.options.authLevel)].find((l) => l !== undefined && l !== 'none');
        if (level) throw declarationError('SB_DECL_NO_AUTH_STEP', { name: ep.name, level });
      }
      out.push(buildEndpoint(ep.config, services, steps));
    }
    return out;
  }

  private known(): string {
    return [...this.byName.keys()].join(', ') || 'none';
  }
}

/** A new, empty registry (tests, several apps in one process). */
export function createEndpoints(): Endpoints {
  return new Endpoints();
}

/** The process's registry: the seed's `ferris3.endpoints`. */
export const endpoints: Endpoints = new Endpoints();

/** `@autoService` of the process's registry. */
export const autoService: AutoService = endpoints.autoService;
