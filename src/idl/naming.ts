/**
 * Naming methods (`naming entity { method dashesLowercase }`): how a domain renders a name.
 * Words are split at camel-case boundaries (`TrainingPlan` → Training, Plan; `HTTPServer` →
 * HTTP, Server), as entity-compiler's CamelToSeparator does.
 */

export const NAMING_METHODS = [
  'standard',
  'underscore',
  'underscoreLowercase',
  'underscoreUppercase',
  'lowercase',
  'uppercase',
  'capitalize',
  'dashesLowercase',
  'dashesUppercase',
  'parentPrefix',
] as const;

export type NamingMethod = (typeof NAMING_METHODS)[number];

export function isNamingMethod(s: string): s is NamingMethod {
  return (NAMING_METHODS as readonly string[]).includes(s);
}

/** `TrainingPlan` → `Training Plan` words. */
export function words(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[A-Z]/g) ?? [name];
}

/** `TrainingPlan` → `Training-Plan` (ETL's `dashes`). */
export function dashes(name: string): string {
  return words(name).join('-');
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function uncapitalize(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The name as the method renders it; `parentPrefix` (a parent's name first) has no parent here and keeps the name. */
export function applyNaming(method: NamingMethod, name: string): string {
  switch (method) {
    case 'underscore':
      return words(name).join('_');
    case 'underscoreLowercase':
      return words(name).join('_').toLowerCase();
    case 'underscoreUppercase':
      return words(name).join('_').toUpperCase();
    case 'lowercase':
      return name.toLowerCase();
    case 'uppercase':
      return name.toUpperCase();
    case 'capitalize':
      return capitalize(name);
    case 'dashesLowercase':
      return dashes(name).toLowerCase();
    case 'dashesUppercase':
      return dashes(name).toUpperCase();
    default:
      return name;
  }
}
