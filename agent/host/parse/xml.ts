// A small, tolerant XML reader for the files libzonecfg writes: elements and
// attributes only. Text, comments, processing instructions, CDATA and the
// DOCTYPE are skipped. Malformed markup throws ParseError.
import { ParseError } from './errors.ts';

/** One element: its attributes (entities already decoded) and child elements. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCodePoint(cp: number): string {
  if (cp <= 0xffff) return String.fromCharCode(cp);
  const v = cp - 0x10000;
  return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
}

/** Decode `&amp;`-style and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]*);/g, (whole, ref: string) => {
    if (ref.charAt(0) === '#') {
      const hex = ref.charAt(1) === 'x' || ref.charAt(1) === 'X';
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) throw new ParseError(`bad character reference ${whole}`);
      const cp = parseInt(digits, hex ? 16 : 10);
      if (cp > 0x10ffff) throw new ParseError(`bad character reference ${whole}`);
      return fromCodePoint(cp);
    }
    const named = NAMED[ref];
    if (named === undefined) throw new ParseError(`unknown entity ${whole}`);
    return named;
  });
}

function lineAt(text: string, pos: number): number {
  return text.slice(0, pos).split('\n').length;
}

/** Index just past `end`, searching from `from`; throws when it never comes. */
function skipPast(text: string, from: number, end: string, what: string): number {
  const at = text.indexOf(end, from);
  if (at < 0) throw new ParseError(`unterminated ${what}`, lineAt(text, from));
  return at + end.length;
}

/** Skip `<!DOCTYPE ...>`, including a `[...]` internal subset and quoted strings. */
function skipDeclaration(text: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from + 2; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  throw new ParseError('unterminated declaration', lineAt(text, from));
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

/** Parse a document and return its root element. */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail = (msg: string, at: number): never => {
    throw new ParseError(msg, lineAt(text, at));
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break; // trailing text
    i = lt;
    if (text.startsWith('<!--', i)) i = skipPast(text, i + 4, '-->', 'comment');
    else if (text.startsWith('<?', i)) i = skipPast(text, i + 2, '?>', 'processing instruction');
    else if (text.startsWith('<![CDATA[', i)) i = skipPast(text, i + 9, ']]>', 'CDATA section');
    else if (text.startsWith('<!', i)) i = skipDeclaration(text, i);
    else if (text.startsWith('</', i)) {
      const m = NAME.exec(text.slice(i + 2));
      const name = m ? m[0] : fail('bad closing tag', i);
      const open = stack.pop();
      if (!open || open.name !== name) fail(`closing tag </${name}> does not match`, i);
      let j = i + 2 + name.length;
      while (/\s/.test(text.charAt(j))) j++;
      if (text.charAt(j) !== '>') fail(`bad closing tag </${name}`, i);
      i = j + 1;
    } else {
      i = openTag(text, i, stack, fail, (el) => {
        if (stack.length > 0) (stack[stack.length - 1] as XmlElement).children.push(el);
        else if (root) fail('more than one root element', i);
        else root = el;
      });
    }
  }
  if (stack.length > 0) fail(`element <${(stack[stack.length - 1] as XmlElement).name}> is not closed`, text.length);
  if (!root) throw new ParseError('no root element');
  return root;
}

/** Read `<name attr="v" ...>` or `.../>` at `start`; returns the index after it. */
function openTag(
  text: string,
  start: number,
  stack: XmlElement[],
  fail: (msg: string, at: number) => never,
  attach: (el: XmlElement) => void,
): number {
  const m = NAME.exec(text.slice(start + 1));
  if (!m) return fail('bad tag', start);
  const el: XmlElement = { name: m[0], attrs: {}, children: [] };
  let i = start + 1 + m[0].length;
  for (;;) {
    while (/\s/.test(text.charAt(i))) i++;
    if (i >= text.length) return fail(`unterminated tag <${el.name}>`, start);
    if (text.startsWith('/>', i)) {
      attach(el);
      return i + 2;
    }
    if (text.charAt(i) === '>') {
      attach(el);
      stack.push(el);
      return i + 1;
    }
    const a = NAME.exec(text.slice(i));
    if (!a) return fail(`bad attribute in <${el.name}>`, i);
    i += a[0].length;
    while (/\s/.test(text.charAt(i))) i++;
    if (text.charAt(i) !== '=') return fail(`attribute ${a[0]} without a value`, i);
    i++;
    while (/\s/.test(text.charAt(i))) i++;
    const q = text.charAt(i);
    if (q !== '"' && q !== "'") return fail(`unquoted value for ${a[0]}`, i);
    const end = text.indexOf(q, i + 1);
    if (end < 0) return fail(`unterminated value for ${a[0]}`, i);
    const raw = text.slice(i + 1, end);
    if (raw.indexOf('<') >= 0) return fail(`'<' in value of ${a[0]}`, i);
    // attribute-value normalisation: literal whitespace becomes a space
    el.attrs[a[0]] = decodeEntities(raw.replace(/[\t\n\r]/g, ' '));
    i = end + 1;
  }
}
