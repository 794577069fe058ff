/**
 * Services: classes extending `Service`, exposed on an endpoint by `@autoService` (the naming
 * convention) or by `endpoint.apiClass({...})` (the lower-level way). Decorating only records
 * the service in a registry; the endpoint it names is looked up when the registry builds its
 * APIs at start-up, so an unknown endpoint is a start-up error and the order of files is free.
 */
import type { AccessOptions } from './method.ts';

/** The base class of every service (Ferris' `ferris3.Service`). */
export class Service {}

/** A service class: any constructor without arguments of a `Service`. */
export type ServiceClass = abstract new () => Service;

/** The seed's options of `auto_service` and `api_class`. */
export interface ServiceOptions extends AccessOptions {
  /** Both its resource name and its path, e.g. `photos`. */
  name?: string;
  /** The endpoint it belongs to, by name; default: the registry's default endpoint. */
  endpoint?: string;
  /** Its part of the method ids (`ferris.<resourceName>.list`); default: from the class name. */
  resourceName?: string;
  /** Its REST path below the endpoint's base; default: the resource name. */
  path?: string;
  doc?: string;
}

/** A service as a registry holds it. */
export interface ServiceEntry {
  readonly cls: ServiceClass;
  readonly options: ServiceOptions;
}

/** Where decorated services are recorded (an `Endpoints` registry). */
export interface ServiceSink {
  register(cls: ServiceClass, options: ServiceOptions): void;
}

type ClassDecorator = (cls: ServiceClass, context?: ClassDecoratorContext) => void;

/** The `@autoService` decorator of a registry (bare, or with options). */
export interface AutoService {
  (cls: ServiceClass, context?: ClassDecoratorContext): void;
  (options: ServiceOptions): ClassDecorator;
}

/** Builds the `@autoService` of a registry. */
export function autoServiceOf(sink: ServiceSink): AutoService {
  const decorate =
    (options: ServiceOptions): ClassDecorator =>
    (cls, context) => {
      if (context !== undefined && context.kind !== 'class') throw new TypeError('@autoService decorates classes');
      if (typeof cls !== 'function' || !(cls.prototype instanceof Service)) {
        throw new TypeError(`@autoService: ${(cls as { name?: string })?.name ?? String(cls)} must extend Service`);
      }
      sink.register(cls, options);
    };
  function autoService(a: ServiceClass | ServiceOptions, context?: ClassDecoratorContext): undefined | ClassDecorator {
    if (typeof a === 'function') {
      decorate({})(a, context);
      return undefined;
    }
    if (typeof a !== 'object' || a === null) throw new TypeError('@autoService takes options ({ name, endpoint, … }) or decorates a class as it is');
    return decorate(a);
  }
  return autoService as AutoService;
}
