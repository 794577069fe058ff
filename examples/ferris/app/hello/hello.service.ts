/** The seed's HelloService, exposed as `ferris.hello`, with each of its variants as a method. */
import { type MethodArgs, Service, autoMethod, autoService, t } from '../../../../src/index.ts';
import { HelloMessage, PeopleMessage } from './messages.ts';

const helloParams = { name: [t.string(), 'Unknown'] } as const;
const ageParams = { name: [t.string()], age: [t.integer(), 18] } as const;
const peopleParams = { greeting: [t.string(), 'Hello'] } as const;

@autoService
export class HelloService extends Service {
  /** "Hello, <name>!" */
  @autoMethod({ returns: HelloMessage, params: helloParams })
  hello({ name }: MethodArgs<typeof helloParams, undefined>) {
    return { greeting: `Hello, ${name}!` };
  }

  /** Takes nothing, returns nothing (204 over REST). */
  @autoMethod
  log() {
    console.info("Hello, is it me you're looking for?");
  }

  /** `name` is required, `age` is 18 unless given. */
  @autoMethod({ returns: HelloMessage, params: ageParams })
  age({ name, age }: MethodArgs<typeof ageParams, undefined>) {
    return { greeting: `Hello, ${name}! You are ${age}` };
  }

  /** A request message and a parameter together. */
  @autoMethod({ returns: HelloMessage, params: peopleParams, request: [PeopleMessage] })
  people({ request, greeting }: MethodArgs<typeof peopleParams, typeof PeopleMessage>) {
    return { greeting: `${greeting} ${(request.people ?? []).join(', ')}!` };
  }
}
