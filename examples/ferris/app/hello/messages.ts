/** The seed's messages: one greeting, a list of names. */
import { t } from '../../../../src/index.ts';

export const HelloMessage = t.complex('HelloMessage', { greeting: t.string() });
export const PeopleMessage = t.complex('PeopleMessage', { people: t.array(t.string()) });
