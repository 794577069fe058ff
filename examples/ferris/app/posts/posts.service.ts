/** `ferris.posts`: posts kept in memory, with a nested author and an enum status. */
import { type CallContext, type MethodArgs, NotFoundError, Service, autoMethod, autoService, t } from '../../../../src/index.ts';

const Author = t.complex('Author', { name: t.string(), email: t.string() });
const Status = t.enum(['draft', 'published'], { name: 'Status' });
export const PostMessage = t.complex('PostMessage', {
  id: t.integer(),
  title: t.string(),
  body: t.string(),
  tags: t.array(t.string()),
  author: Author,
  status: Status,
});
export const PostList = t.complex('PostList', { items: t.array(PostMessage) });
type Post = typeof PostMessage.static;

const byId = { id: [t.integer()] } as const;
const paging = { limit: [t.integer({ minimum: 1, maximum: 100 }), 20] } as const;

@autoService
export class PostsService extends Service {
  private readonly posts = new Map<number, Post>();
  private next = 1;

  /** Stores a post; the author is the caller unless the post names one. */
  @autoMethod({ returns: PostMessage, request: [PostMessage] })
  insert({ request }: MethodArgs<{}, typeof PostMessage>, ctx: CallContext) {
    const post: Post = { status: 'draft', tags: [], ...request, id: this.next++ };
    post.author ??= { name: ctx.principal?.subject, email: ctx.principal?.email };
    this.posts.set(post.id!, post);
    return post;
  }

  @autoMethod({ returns: PostMessage, params: byId, httpMethod: 'GET', path: '{id}' })
  get({ id }: MethodArgs<typeof byId, undefined>) {
    const post = this.posts.get(id);
    if (!post) throw new NotFoundError(`No post ${id}`);
    return post;
  }

  @autoMethod({ returns: PostList, params: paging, httpMethod: 'GET' })
  list({ limit }: MethodArgs<typeof paging, undefined>) {
    return { items: [...this.posts.values()].slice(0, limit) };
  }
}
