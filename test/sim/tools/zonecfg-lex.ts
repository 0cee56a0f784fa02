// zonecfg's command language: tokens, `;`/newline separated commands, `#`
// comments, quoted strings, `prop=value`, `[a,b]` lists and `(k=v,...)` complex values.

export type Val = { t: 'simple'; v: string } | { t: 'list'; items: string[] } | { t: 'complex'; pairs: Array<[string, string]> };

export interface Cmd {
  line: number;
  name: string;
  flags: string[];
  words: string[];
  assigns: Array<[string, Val]>;
  vals: Val[];
}

interface Tok {
  kind: 'word' | 'str' | 'sym' | 'sep';
  text: string;
  line: number;
}

const SYMS = '=()[],';

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\n') {
      toks.push({ kind: 'sep', text: '\n', line });
      line++;
      i++;
    } else if (c === ';') {
      toks.push({ kind: 'sep', text: ';', line });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') v += text[j++];
      toks.push({ kind: 'str', text: v, line });
      i = j + 1;
    } else if (SYMS.includes(c)) {
      toks.push({ kind: 'sym', text: c, line });
      i++;
    } else {
      let j = i;
      while (j < text.length && !' \t\r\n;"#'.includes(text[j] ?? '') && !SYMS.includes(text[j] ?? '')) j++;
      toks.push({ kind: 'word', text: text.slice(i, j), line });
      i = j;
    }
  }
  return toks;
}

export class ZSyntaxError extends Error {
  line: number;
  near: string;
  constructor(line: number, near: string) {
    super('syntax error');
    this.line = line;
    this.near = near;
  }
}

function isValueTok(t: Tok | undefined): boolean {
  return t !== undefined && (t.kind === 'word' || t.kind === 'str');
}

/** Parse one command's tokens. */
function parseCmd(toks: Tok[]): Cmd {
  const first = toks[0] as Tok;
  const cmd: Cmd = { line: first.line, name: first.text, flags: [], words: [], assigns: [], vals: [] };
  if (first.kind !== 'word') throw new ZSyntaxError(first.line, first.text);
  let i = 1;
  const fail = (t: Tok | undefined): never => {
    throw new ZSyntaxError(t?.line ?? first.line, t?.text ?? '');
  };
  const parseList = (): Val => {
    const items: string[] = [];
    i++; // [
    while (toks[i]?.text !== ']') {
      const t = toks[i];
      if (!isValueTok(t)) fail(t);
      items.push((t as Tok).text);
      i++;
      if (toks[i]?.text === ',') i++;
      else if (toks[i]?.text !== ']') fail(toks[i]);
    }
    i++;
    return { t: 'list', items };
  };
  const parseComplex = (): Val => {
    const pairs: Array<[string, string]> = [];
    i++; // (
    while (toks[i]?.text !== ')') {
      const k = toks[i];
      if (k?.kind !== 'word' || toks[i + 1]?.text !== '=') fail(k);
      const v = toks[i + 2];
      if (!isValueTok(v)) fail(v);
      pairs.push([(k as Tok).text, (v as Tok).text]);
      i += 3;
      if (toks[i]?.text === ',') i++;
      else if (toks[i]?.text !== ')') fail(toks[i]);
    }
    i++;
    return { t: 'complex', pairs };
  };
  const parseVal = (): Val => {
    const t = toks[i];
    if (t?.text === '[' && t.kind === 'sym') return parseList();
    if (t?.text === '(' && t.kind === 'sym') return parseComplex();
    if (!isValueTok(t)) fail(t);
    i++;
    return { t: 'simple', v: (t as Tok).text };
  };
  while (i < toks.length) {
    const t = toks[i] as Tok;
    if (t.kind === 'word' && toks[i + 1]?.text === '=' && toks[i + 1]?.kind === 'sym') {
      i += 2;
      if (i >= toks.length) {
        // `set autoboot=` : an empty value
        cmd.assigns.push([t.text, { t: 'simple', v: '' }]);
        break;
      }
      cmd.assigns.push([t.text, parseVal()]);
    } else if (t.kind === 'word' && t.text.startsWith('-') && cmd.words.length === 0 && cmd.assigns.length === 0) {
      cmd.flags.push(t.text);
      i++;
    } else if (t.kind === 'word' || t.kind === 'str') {
      cmd.words.push(t.text);
      i++;
    } else if (t.text === '(' || t.text === '[') {
      cmd.vals.push(parseVal());
    } else fail(t);
  }
  return cmd;
}

/** Split text into commands; a malformed command becomes a ZSyntaxError in place. */
export function parseScript(text: string): Array<Cmd | ZSyntaxError> {
  const toks = tokenize(text);
  const cmds: Array<Cmd | ZSyntaxError> = [];
  let cur: Tok[] = [];
  for (const t of [...toks, { kind: 'sep', text: '\n', line: 0 } as Tok]) {
    if (t.kind === 'sep') {
      if (cur.length > 0) {
        try {
          cmds.push(parseCmd(cur));
        } catch (e) {
          if (e instanceof ZSyntaxError) cmds.push(e);
          else throw e;
        }
      }
      cur = [];
    } else cur.push(t);
  }
  return cmds;
}

const READ_ONLY = new Set(['info', 'export', 'verify', 'help', 'exit', 'quit', 'end', 'cancel']);

/** True when a script would change the configuration (invocation log). */
export function scriptIsMutating(text: string): boolean {
  return parseScript(text).some((c) => c instanceof ZSyntaxError || !READ_ONLY.has(c.name));
}
