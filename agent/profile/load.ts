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
    listener(event: string, state: { position: number; kind: string | null; result: unknown }) {
      if (event === 'open') {
        stack.push({ start: skipBlanks(src, state.position), end: 0, kind: null, result: undefined, children: [] });
      } else {
        const f = stack.pop() as Frame;
        f.end = state.position;
        f.kind = state.kind;
        f.result = state.result;
        (stack[stack.length - 1] as Frame).children.push(f);
      }
    },
  } as yaml.LoadOptions);
  const root = stack[0] as Frame;
  return root.children[0];
}

function record(src: string, starts: number[], frame: Frame, path: PathSeg[], out: Map<string, NodeInfo>, key?: Frame): void {
  let f = frame;
  // Flow collections arrive wrapped in a second frame holding the same value.
  while (f.children.length === 1 && (f.children[0] as Frame).result === f.result && f.result !== null && typeof f.result === 'object') f = f.children[0] as Frame;
  const info: NodeInfo = { value: toPosition(starts, f.start) };
  if (key) info.key = toPosition(starts, key.start);
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

/** Parse a profile's text. Never throws: problems come back as diagnostics. */
export function loadYaml(text: string, file: string, byteLength?: number): Loaded {
  const positions = new Map<string, NodeInfo>();
  const bytes = byteLength !== undefined ? byteLength : text.length;
  if (bytes > MAX_PROFILE_BYTES) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_TOO_LARGE', `the profile is ${bytes} bytes; the limit is ${MAX_PROFILE_BYTES} (1 MiB)`, undefined, 'a profile describes one host; keep large files out of it and reference them with files[].source')] };
  }
  const src = text.charAt(0) === '\uFEFF' ? text.slice(1) : text;
  if (/\u0000/.test(src) || /[\u0001-\u0008\u000e-\u001f]/.test(src)) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_NOT_YAML', 'the file is not text (it contains control characters); is this the right file?')] };
  }
  if (src.replace(/#.*$/gm, '').trim() === '' || /^\s*(---\s*)?(\.\.\.\s*)?$/.test(src.replace(/#.*$/gm, ''))) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_EMPTY', 'the profile is empty', { line: 1, column: 1 }, 'start with `apiVersion: kiln/v1` and `kind: Host`; see `kiln schema`')] };
  }
  let tree: Frame | undefined;
  try {
    tree = buildTree(src);
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { line: number; column: number } };
    const loc = err.mark ? { line: err.mark.line + 1, column: err.mark.column + 1 } : undefined;
    const reason = err.reason || String(err.message);
    if (/duplicated mapping key/.test(reason)) {
      return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_DUPLICATE_KEY', 'duplicate key: a key may appear once in a mapping', loc, 'YAML would silently keep only one of them; merge the two entries')] };
    }
    if (/expected a single document/.test(reason)) {
      return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_MULTIDOC', 'the file holds more than one YAML document; a profile is one document', loc)] };
    }
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_YAML_SYNTAX', `not valid YAML: ${reason}`, loc)] };
  }
  if (!tree) {
    return { doc: undefined, positions, diagnostics: [diag(file, 'E_EMPTY', 'the profile is empty', { line: 1, column: 1 })] };
  }
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
