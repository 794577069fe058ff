/**
 * The parser's token cursor and its one list driver. `block` parses `{ item* }`: an item the
 * grammar does not know is reported once and skipped up to the next token that can start an
 * item on a new line, or the block's `}`; a guard forces progress so no input can loop it.
 */
import type { Ident, Literal, Str } from './ast.ts';
import type { Diagnostics } from './diagnostics.ts';
import { Tok, type Token } from './scanner.ts';

export class Reader {
  private i = 0;
  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly diags: Diagnostics,
  ) {}

  get tok(): Token {
    return this.tokens[this.i];
  }
  peek(k = 1): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }
  get index(): number {
    return this.i;
  }
  /** End of the last consumed token (a node's end). */
  get last(): number {
    return this.i === 0 ? 0 : this.tokens[this.i - 1].end;
  }
  next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== Tok.EOF) this.i++;
    return t;
  }
  /** The current token is this word or punctuation. */
  at(text: string): boolean {
    const t = this.tok;
    return (t.kind === Tok.Ident || t.kind === Tok.Punct) && t.text === text;
  }
  atWord(): boolean {
    return this.tok.kind === Tok.Ident;
  }
  eat(text: string): boolean {
    if (!this.at(text)) return false;
    this.next();
    return true;
  }
  /** True when the current token starts a line (or the file). */
  lineStart(): boolean {
    const prev = this.i === 0 ? 0 : this.tokens[this.i - 1].end;
    return this.i === 0 || this.text.slice(prev, this.tok.pos).includes('\n');
  }

  /** How the current token reads in a message: `'x'`, `string "…"`, `end of file`; adjacent punctuation reads as one (`']=]'`). */
  found(): string {
    const t = this.tok;
    if (t.kind === Tok.EOF) return 'end of file';
    if (t.kind === Tok.String) return `string ${JSON.stringify(t.text)}`;
    if (t.kind === Tok.Punct) {
      let k = this.i + 1;
      while (this.tokens[k].kind === Tok.Punct && !this.tokens[k].spaced) k++;
      return `'${this.text.slice(t.pos, this.tokens[k - 1].end)}'`;
    }
    return `'${t.text}'`;
  }
  private foundEnd(): number {
    const t = this.tok;
    if (t.kind !== Tok.Punct) return t.end;
    let k = this.i + 1;
    while (this.tokens[k].kind === Tok.Punct && !this.tokens[k].spaced) k++;
    return this.tokens[k - 1].end;
  }

  /** Reports the current token as unexpected. */
  unexpected(expected: string): void {
    this.diags.error('EDL004', { pos: this.tok.pos, end: this.foundEnd() }, { found: this.found(), expected });
  }

  expect(text: string, expected = `'${text}'`): boolean {
    if (this.eat(text)) return true;
    this.unexpected(expected);
    return false;
  }

  /** An identifier, or a missing one (reported) where it should be. */
  ident(expected: string): Ident {
    const t = this.tok;
    if (t.kind === Tok.Ident) {
      this.next();
      return { text: t.text, pos: t.pos, end: t.end, missing: false };
    }
    this.unexpected(expected);
    return { text: '', pos: t.pos, end: t.pos, missing: true };
  }

  /** An identifier if there is one here. */
  maybeIdent(): Ident | undefined {
    return this.atWord() ? this.ident('') : undefined;
  }

  string(expected: string): Str {
    const t = this.tok;
    if (t.kind === Tok.String) {
      this.next();
      return { value: t.text, pos: t.pos, end: t.end, inner: t.pos + 1 };
    }
    this.unexpected(expected);
    return { value: '', pos: t.pos, end: t.pos, inner: t.pos };
  }

  /** A constant: a name, a string, a number. */
  literal(expected: string): Literal {
    const t = this.tok;
    const kind = t.kind === Tok.Ident ? 'id' : t.kind === Tok.String ? 'string' : t.kind === Tok.Int ? 'int' : t.kind === Tok.Float ? 'float' : undefined;
    if (kind === undefined) {
      this.unexpected(expected);
      return { kind: 'id', text: '', pos: t.pos, end: t.pos };
    }
    this.next();
    return { kind, text: t.text, pos: t.pos, end: t.end };
  }

  /**
   * The list driver: `{ item* }`. `item` parses one item and returns false when the current
   * token starts none; `starts` says whether a token may start one (where recovery resumes).
   */
  block(expected: string, item: () => boolean, starts: (t: Token) => boolean): void {
    const open = this.tok;
    if (!this.expect('{')) return;
    for (;;) {
      if (this.eat('}')) return;
      if (this.tok.kind === Tok.EOF) {
        this.diags.error('EDL005', { pos: open.pos, end: open.end });
        return;
      }
      const before = this.i;
      if (!item()) {
        this.unexpected(expected);
        this.recover(starts);
      }
      // The progress guard: an item that consumed nothing must not be tried again.
      if (this.i === before) this.next();
    }
  }

  /** Skips to a `}` of this block, or a token that starts an item on a new line; nested braces are skipped whole. */
  recover(starts: (t: Token) => boolean): void {
    let depth = 0;
    const first = this.i;
    while (this.tok.kind !== Tok.EOF) {
      if (depth === 0 && this.at('}')) return;
      if (depth === 0 && this.i > first && starts(this.tok) && this.lineStart()) return;
      if (this.at('{')) depth++;
      else if (this.at('}')) depth--;
      this.next();
    }
  }

  /** Skips a construct we accept but do not model: up to its block, then the block whole. */
  skipOpaque(): void {
    while (this.tok.kind !== Tok.EOF && !this.at('{') && !this.at('}')) this.next();
    if (!this.at('{')) return;
    let depth = 0;
    do {
      if (this.at('{')) depth++;
      else if (this.at('}')) depth--;
      this.next();
    } while (depth > 0 && this.tok.kind !== Tok.EOF);
  }
}
