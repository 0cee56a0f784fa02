// Load YAML while remembering where every value came from, so diagnostics can
// point at FILE:LINE:COL. js-yaml's listener reports node open/close events;
// we rebuild the node tree from them and map each path to its position.
import * as yaml from 'js-yaml';
import type { Diagnostic, Position } from './diagnostics.ts';
import type { PathSeg } from './path.ts';
import { formatPath } from './path.ts';

/** 1 MiB: a profile larger than this is a mistake, not a host description. */
export const MAX_PROFILE_BYTES = 1024 * 1024;
/** Nodes an alias-expanded document may hold before it counts as an alias bomb. */
const MAX_EXPANDED_NODES = 100000;
/** Nodes open at once, about one per level; a real profile nests a dozen. */
const MAX_DEPTH = 200;

/** Thrown from the listener to stop js-yaml before deep nesting exhausts the stack. */
class TooDeep {
  position: number;
  constructor(position: number) {
    this.position = position;
  }
}

export interface NodeInfo {
  /** where the value starts */
  value: Position;
  /** where its key starts (mapping members only) */
  key?: Position;
  /** the scalar's source text, for traps like 0644 */
  raw?: string;
  /** plain (unquoted) scalar */
  plain?: boolean;
}

export interface Loaded {
  doc: unknown;
  /** formatPath(path) → where it is */
  positions: Map<string, NodeInfo>;
  diagnostics: Diagnostic[];
}

interface Frame {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function toPosition(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** js-yaml reads a missing final newline as present and may mark past the end; keep marks in the text. */
function inText(src: string, p: Position): Position {
  const lines = src.split('\n');
  if (p.line > lines.length) return { line: lines.length, column: (lines[lines.length - 1] as string).length + 1 };
  const len = (lines[p.line - 1] as string).length;
  return p.column > len + 1 ? { line: p.line, column: len + 1 } : p;
}

/** js-yaml reports a node's start before its leading blanks and comments. */
function skipBlanks(src: string, pos: number): number {
  let p = pos;
  for (;;) {
    const c = src.charAt(p);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') p++;
    else if (c === '#') {
      while (p < src.length && src.charAt(p) !== '\n') p++;
    } else if (c === '-' && /[ \t\n]/.test(src.charAt(p + 1))) p += 2;
    else return p;
  }
}

function buildTree(src: string): Frame | undefined {
  const stack: Frame[] = [{ start: 0, end: 0, kind: 'root', result: undefined, children: [] }];
  yaml.load(src, {
    schema: yaml.CORE_SCHEMA,
    // Duplicate keys are found by findDuplicates, which can name every one
    // with its path; js-yaml would stop at the first without saying where.
    json: true,
    listener(event: string, state: { position: number; kind: string | null; result: unknown }) {
      if (event === 'open') {
        if (stack.length > MAX_DEPTH) throw new TooDeep(state.position);
        // js-yaml reads a missing final newline as present: keep positions in the text.
        stack.push({ start: skipBlanks(src, Math.min(state.position, src.length)), end: 0, kind: null, result: undefined, children: [] });
      } else {
        const f = stack.pop() as Frame;
        f.end = Math.min(state.position, src.length);
        f.kind = state.kind;
        f.result = state.result;
        (stack[stack.length - 1] as Frame).children.push(f);
      }
    },
  } as yaml.LoadOptions);
  const root = stack[0] as Frame;
  return root.children[0];
}

/** Flow collections arrive wrapped in a second frame holding the same value. */
function unwrap(frame: Frame): Frame {
  let f = frame;
  while (f.children.length === 1 && (f.children[0] as Frame).result === f.result && f.result !== null && typeof f.result === 'object') f = f.children[0] as Frame;
  return f;
}

function record(src: string, starts: number[], frame: Frame, path: PathSeg[], out: Map<string, NodeInfo>, key?: Frame): void {
  const f = unwrap(frame);
  const info: NodeInfo = { value: toPosition(starts, f.start) };
  if (key) info.key = toPosition(starts, key.start);
  // An empty value (`brand:` and nothing) would otherwise point at the next line.
  if (f.start >= f.end && info.key) info.value = info.key;
  if (f.kind === 'scalar') {
    const raw = src.slice(f.start, f.end).replace(/\s+#.*$/, '').trim();
    info.raw = raw;
    const c = raw.charAt(0);
    info.plain = c !== '"' && c !== "'" && c !== '|' && c !== '>';
  }
  out.set(formatPath(path), info);
  if (f.kind === 'mapping' && f.result && typeof f.result === 'object') {
    const keys = Object.keys(f.result as object);
    if (f.children.length !== keys.length * 2) return;
    for (let i = 0; i < f.children.length; i += 2) {
      const k = f.children[i] as Frame;
      const v = f.children[i + 1] as Frame;
      record(src, starts, v, path.concat([String(k.result)]), out, k);
    }
  } else if (f.kind === 'sequence') {
    f.children.forEach((c, i) => record(src, starts, c, path.concat([i]), out));
  }
}

/** Every repeated key, at the repeat, with the path it would have had. */
function findDuplicates(starts: number[], frame: Frame, path: PathSeg[], file: string, out: Diagnostic[]): void {
  const f = unwrap(frame);
  if (f.kind === 'mapping') {
    const seen = new Map<string, Position>();
    for (let i = 0; i + 1 < f.children.length; i += 2) {
      const k = f.children[i] as Frame;
      const key = String(k.result);
      const at = toPosition(starts, k.start);
      const first = seen.get(key);
      if (first) {
        const d = diag(file, 'E_YAML_DUPLICATE_KEY', `duplicate key "${key}": a key may appear once in a mapping`, at, `YAML would silently keep only one of them; merge this entry with the one at line ${first.line}`);
        d.path = formatPath(path.concat([key]));
        out.push(d);
      } else seen.set(key, at);
      findDuplicates(starts, f.children[i + 1] as Frame, path.concat([key]), file, out);
    }
  } else if (f.kind === 'sequence') {
    f.children.forEach((c, i) => findDuplicates(starts, c, path.concat([i]), file, out));
  }
}

/** Where the second document of a stream starts: its `---` line. */
function secondDocument(src: string): number | undefined {
  const re = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  const firstContent = src.search(/^[^#%\s]/m);
  let m: RegExpExecArray | null;
  let docs = 0;
  let ended = false;
  while ((m = re.exec(src))) {
    if (m[1] === '...') { ended = true; continue; }
    if (docs === 0 && firstContent >= 0 && firstContent < m.index) docs = 1;
    docs++;
    if (docs >= 2 || ended) return m.index;
  }
  return undefined;
}

/** Count nodes with aliases expanded, giving up at the limit. */
function expandedSize(v: unknown, budget: { left: number }): void {
  if (budget.left <= 0) return;
  budget.left--;
  if (Array.isArray(v)) for (const x of v) expandedSize(x, budget);
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) expandedSize((v as Record<string, unknown>)[k], budget);
}

function diag(file: string, code: string, message: string, loc?: Position, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, path: '$', message, file };
  if (loc) d.loc = loc;
  if (hint) d.hint = hint;
  return d;
}

/** What usually causes js-yaml's terser complaints; `line` is the text up to the error. */
function syntaxHint(reason: string, line: string): string | undefined {
  if (/tab characters/.test(reason)) return 'indent with spaces only';
  if (/bad indentation/.test(reason) && /:\s.*:(\s|$)/.test(line)) return 'a value that holds ": " must be quoted';
  if (/bad indentation/.test(reason) && /:\s+[@`]$/.test(line)) return 'a value starting with @ or ` must be quoted';
  if (/indentation|document separator/.test(reason)) return 'indent with spaces, and start the keys of one mapping in one column';
  if (/flow collection/.test(reason)) return 'check that every { and [ on the lines above is closed';
  if (/quoted scalar/.test(reason)) return 'a quote opened on this line or above is never closed';
  if (/unidentified alias/.test(reason)) return 'an *alias needs an &anchor of the same name earlier in the file';
  if (/unknown tag/.test(reason)) return 'kiln reads plain YAML; remove the !tag';
  return undefined;
}

/** Parse a profile's text. Never throws: problems come back as diagnostics. */
export function loadYaml(text: string, file: string, byteLength?: number): Loaded {
  const positions = new Map<string, NodeInfo>();
  const bytes = byteLength !== undefined ? byteLength : text.length;
  if (bytes > MAX_PROFILE_BYTES) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_TOO_LARGE', `the profile is ${bytes} bytes; the limit is ${MAX_PROFILE_BYTES} (1 MiB)`, undefined, 'a profile describes one host; keep large files out of it and reference them with files[].source')] };
  }
  const src = text.charAt(0) === '\uFEFF' ? text.slice(1) : text;
  const control = src.search(/[\u0000-\u0008\u000e-\u001f]/);
  if (control >= 0) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_NOT_YAML', 'the file is not text (it contains control characters); is this the right file?', toPosition(lineStarts(src), control))] };
  }
  // Comments run to \n only: `.` and `$` would also stop at U+2028, which YAML reads as text.
  const uncommented = src.replace(/#[^\n]*/g, '');
  if (uncommented.trim() === '' || /^\s*(---\s*)?(\.\.\.\s*)?$/.test(uncommented)) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_EMPTY', 'the profile is empty', { line: 1, column: 1 }, 'start with `apiVersion: kiln/v1` and `kind: Host`; see `kiln schema`')] };
  }
  let tree: Frame | undefined;
  try {
    tree = buildTree(src);
  } catch (e) {
    if (e instanceof TooDeep || e instanceof RangeError) {
      const at = e instanceof TooDeep ? toPosition(lineStarts(src), skipBlanks(src, Math.min(e.position, src.length))) : undefined;
      return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_TOO_DEEP', `values are nested more than ${MAX_DEPTH} levels deep`, at, 'a host profile nests a dozen levels at most; look for an unclosed [ or { or runaway indentation')] };
    }
    const err = e as { reason?: string; message?: string; mark?: { line: number; column: number } };
    const loc = err.mark ? inText(src, { line: err.mark.line + 1, column: err.mark.column + 1 }) : undefined;
    const reason = err.reason || String(err.message);
    if (/expected a single document/.test(reason)) {
      const at = secondDocument(src);
      return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_MULTIDOC', 'the file holds more than one YAML document; a profile is one document', at !== undefined ? toPosition(lineStarts(src), at) : loc, 'remove the second `---` and what follows, or merge it into the first document')] };
    }
    const before = err.mark ? (src.split('\n')[err.mark.line] || '').slice(0, err.mark.column + 1) : '';
    // js-yaml marks the end of a tagged value; the tag itself is the mistake.
    const tag = /unknown tag/.test(reason) ? before.search(/(^|[\s[{,])!/) : -1;
    if (loc && tag >= 0) loc.column = tag + (before.charAt(tag) === '!' ? 1 : 2);
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_SYNTAX', `not valid YAML: ${reason}`, loc, syntaxHint(reason, before))] };
  }
  if (!tree) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_EMPTY', 'the profile is empty', { line: 1, column: 1 })] };
  }
  const dups: Diagnostic[] = [];
  findDuplicates(lineStarts(src), tree, [], file, dups);
  if (dups.length) return { doc: undefined, positions, diagnostics: dups };
  const budget = { left: MAX_EXPANDED_NODES };
  expandedSize(tree.result, budget);
  if (budget.left <= 0) {
    const at = src.search(/(^|[\s,[{:])\*[^\s,\]}]/);
    const loc = at >= 0 ? toPosition(lineStarts(src), at + (src.charAt(at) === '*' ? 0 : 1)) : undefined;
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_ALIAS_BOMB', `aliases expand to more than ${MAX_EXPANDED_NODES} values`, loc, 'a profile this large is an alias bomb, not a host; write the values out or use fewer aliases')] };
  }
  record(src, lineStarts(src), tree, [], positions);
  return { doc: tree.result, positions, diagnostics: [] };
}
