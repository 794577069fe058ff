/** Ferris' naming convention: a service class's name, without `Service`, in snake case. */

/** `PostsService` → `posts`, `FuzzyBearsService` → `fuzzy_bears`, `ImagesApi` → `images_api`. */
export function serviceName(className: string): string {
  const bare = className.endsWith('Service') && className.length > 'Service'.length ? className.slice(0, -'Service'.length) : className;
  return bare
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Resource names and paths Cloud Endpoints accepts: snake-case words. */
export const RESOURCE_NAME = /^[a-z][a-z0-9_]*$/;
