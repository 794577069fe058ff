/** The demo served by `npm start`: WSME's example under the root webpath `ws`. */
import { root } from '../../src/index.ts';
import { personController } from './person.ts';

/** A fresh demo root (its own copy of the two persons). */
export function personsRoot() {
  return root({
    webpath: 'ws',
    name: 'persons',
    doc: "WSME's protocol example: a person controller.",
    controllers: { person: personController() },
  });
}

/** The demo's API: its type is what a typed client is built from (`client<typeof personsApi>(url)`). */
export const personsApi = personsRoot();
export default personsApi;
