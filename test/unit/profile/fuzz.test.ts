// Seeded fuzzing of the validator with mutated example profiles. Whatever the
// input, parseProfile must not throw, and must return either a profile with no
// errors or at least one well-formed error. A failure prints the seed that
// reproduces it: KILN_FUZZ_SEED=<seed> re-runs exactly that case first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as yaml from 'js-yaml';
import { formatDiagnostic, hasErrors, parseProfile } from '../../../agent/profile/index.ts';
import { filesIn } from './_repo.ts';

const SEED = Number(process.env.KILN_FUZZ_SEED) || 0x6b696c6e;
/** Cases in all, over whatever examples there are: 5,100, a few seconds. */
const TEXT_CASES = 3400;
const TREE_CASES = 1700;

type Rng = () => number;

/** mulberry32: small, fast, good enough to spread mutations. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: Rng, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const BYTES = ['\u0000', '\t', '\r', '\n', ' ', '\u00e9', '\uFEFF', '\u2028', '\uFFFD', '{', '}', '[', ']', ':', '-', '#', '&', '*', '!', '|', '>', '"', "'", '%', '@', '`', ',', '?', '\\', '0', 'x'];
const TOKENS = ['&a ', '*a', ': ', '- ', '\t', '"', "'", '---\n', '...\n', '? ', '!!str ', '!!binary ', '<<: *a\n', '~', '{', '[', '}', ']', ' #', '|\n', '>-\n', '0x1F', '0644', 'no', '1e999', '.nan'];

// ------------------------------------------------------------ text mutations

type TextMutation = (t: string, r: Rng) => string;

const onLines = (f: (ls: string[], r: Rng) => void): TextMutation => (t, r) => {
  const ls = t.split('\n');
  f(ls, r);
  return ls.join('\n');
};
const at = (t: string, r: Rng): number => int(r, t.length + 1);

const TEXT: Record<string, TextMutation> = {
  deleteLine: onLines((ls, r) => ls.splice(int(r, ls.length), 1)),
  duplicateLine: onLines((ls, r) => { const i = int(r, ls.length); ls.splice(i, 0, ls[i] as string); }),
  swapLines: onLines((ls, r) => { const i = int(r, ls.length); const j = int(r, ls.length); const x = ls[i] as string; ls[i] = ls[j] as string; ls[j] = x; }),
  indent: onLines((ls, r) => { const i = int(r, ls.length); const n = 1 + int(r, 3); ls[i] = r() < 0.5 ? ' '.repeat(n) + ls[i] : (ls[i] as string).replace(new RegExp(`^ {1,${n}}`), ''); }),
  insertBytes: (t, r) => { const i = at(t, r); let s = ''; for (let n = 1 + int(r, 4); n > 0; n--) s += pick(r, BYTES); return t.slice(0, i) + s + t.slice(i); },
  flipChar: (t, r) => { const i = int(r, t.length); return t.slice(0, i) + (r() < 0.5 ? pick(r, BYTES) : String.fromCharCode(32 + int(r, 95))) + t.slice(i + 1); },
  truncate: (t, r) => t.slice(0, at(t, r)),
  inject: (t, r) => { const i = at(t, r); return t.slice(0, i) + pick(r, TOKENS) + t.slice(i); },
};

// ------------------------------------------------------------ tree mutations

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
}

function slots(v: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push({ parent: v, key: i }); slots(x, out); });
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) { out.push({ parent: v as Record<string, unknown>, key: k }); slots((v as Record<string, unknown>)[k], out); }
  return out;
}

function deep(r: Rng, depth: number): unknown {
  let v: unknown = pick(r, [1, 'x', null, true]);
  for (let i = 0; i < depth; i++) v = r() < 0.5 ? [v] : { [pick(r, ['a', 'name', 'zones', 'nets'])]: v };
  return v;
}

function randomValue(r: Rng): unknown {
  switch (int(r, 14)) {
    case 0: return int(r, 2) ? int(r, 100000) : -int(r, 100000);
    case 1: return pick(r, [1e308, -1e308, 2 ** 53 + 1, -(2 ** 31), 0, -0, 1.5, 0.1, 4095, 65536]);
    case 2: return pick(r, ['NaN', '.nan', '-.inf', 'Infinity', '1e999', '0x10', '0o17', '1_000', '', ' ', '-1G', '0', '00']);
    case 3: return 'x'.repeat(1 + int(r, 5000));
    case 4: return r() < 0.5;
    case 5: return null;
    case 6: return [];
    case 7: return {};
    case 8: return deep(r, 1 + int(r, 120));
    case 9: return [randomValue(r), randomValue(r)];
    case 10: return pick(r, ['net0;rm -rf /', '$(reboot)', '../../etc', '/etc/../x', '//x', 'global', 'SUNWx', 'mirror', 'c0pool', 'auto', '01:00:5e:00:00:01']);
    case 11: return pick(r, ['\u00e9t\u00e9', '\u202e', '\u0000', 'a\nb', 'yes', 'no', 'on', 'off', '~']);
    case 12: return pick(r, ['512M', '4G', '1200K', '30s', '10.0.0.1/24', 'e1000g0', 'web0', 'zones', 'joyent', 'bhyve', 'kvm']);
    default: return { [pick(r, ['name', 'brand', 'size', 'boot', 'physical', 'over', 'disks'])]: randomValue(r) };
  }
}

const REQUIRED = ['apiVersion', 'kind', 'metadata', 'name', 'brand', 'over', 'physical', 'disks', 'vdevs', 'size', 'path', 'ram'];

/** Set an own property even for `__proto__`, as a YAML loader would. */
function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

type TreeMutation = (doc: Record<string, unknown>, r: Rng) => void;

const TREE: Record<string, TreeMutation> = {
  replaceValue: (doc, r) => {
    const s = pick(r, slots(doc));
    if (s) (s.parent as Record<string | number, unknown>)[s.key] = randomValue(r);
  },
  deleteKey: (doc, r) => {
    const all = slots(doc).filter((s) => !Array.isArray(s.parent));
    const req = all.filter((s) => REQUIRED.indexOf(s.key as string) >= 0);
    const s = pick(r, req.length && r() < 0.7 ? req : all);
    if (s) delete (s.parent as Record<string, unknown>)[s.key as string];
  },
  renameKey: (doc, r) => {
    const s = pick(r, slots(doc).filter((x) => !Array.isArray(x.parent)));
    if (!s) return;
    const o = s.parent as Record<string, unknown>;
    const k = s.key as string;
    const i = int(r, k.length + 1);
    const to = pick(r, [k + 's', k.toUpperCase(), k.slice(0, i) + k.slice(i + 1), k.replace(/_/g, '-'), '__proto__', 'constructor', 'toString', k.slice(0, i) + 'x' + k.slice(i)]);
    const v = o[k];
    delete o[k];
    define(o, to, v);
  },
  duplicateItem: (doc, r) => {
    const arrays = slots(doc).map((s) => (s.parent as Record<string | number, unknown>)[s.key]).filter((v): v is unknown[] => Array.isArray(v) && v.length > 0);
    const a = pick(r, arrays);
    if (a) a.push(JSON.parse(JSON.stringify(a[int(r, a.length)]) ?? 'null'));
  },
  swapValues: (doc, r) => {
    const all = slots(doc);
    const a = pick(r, all);
    const b = pick(r, all);
    if (!a || !b) return;
    const pa = a.parent as Record<string | number, unknown>;
    const pb = b.parent as Record<string | number, unknown>;
    const x = pa[a.key];
    pa[a.key] = pb[b.key];
    pb[b.key] = x;
  },
};

// ------------------------------------------------------------ the invariants

function check(text: string, what: string): void {
  let r;
  try {
    r = parseProfile(text, 'fuzz.yaml');
  } catch (e) {
    assert.fail(`${what}: parseProfile threw ${(e as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`);
  }
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const input = `\n--- input ---\n${text.slice(0, 1500)}`;
  assert.equal(!!r.profile, !hasErrors(r.diagnostics), `${what}: a profile must come back exactly when there is no error${input}`);
  if (!r.profile) assert.ok(r.diagnostics.length >= 1, `${what}: invalid without a diagnostic${input}`);
  for (const d of r.diagnostics) {
    const where = `${what}: ${JSON.stringify(d)}${input}`;
    assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, `${where}: empty message`);
    assert.ok(typeof d.path === 'string' && d.path.charAt(0) === '$', `${where}: path`);
    assert.match(d.code, /^E_[A-Z0-9_]+$/, where);
    if (d.loc) {
      assert.ok(d.loc.line >= 1 && d.loc.line <= lines.length, `${where}: line outside the file (${lines.length} lines)`);
      assert.ok(d.loc.column >= 1 && d.loc.column <= (lines[d.loc.line - 1] as string).length + 1, `${where}: column outside its line`);
    }
    assert.ok(formatDiagnostic(d).length > 0);
  }
}

const EXAMPLES = filesIn('profiles', ['.yaml', '.yml']).map((f) => fs.readFileSync(f, 'utf8'));

/** Each case gets its own generator, so one seed reproduces one case. */
const caseSeed = (kind: number, i: number): number => (SEED ^ Math.imul(kind * 100003 + i + 1, 0x9e3779b1)) >>> 0;

function textCase(seed: number, base: string): void {
  const r = mulberry32(seed);
  let t = base;
  const done: string[] = [];
  for (let n = 1 + int(r, 3); n > 0; n--) {
    const name = pick(r, Object.keys(TEXT));
    t = (TEXT[name] as TextMutation)(t, r);
    done.push(name);
  }
  check(t, `seed ${seed} (KILN_FUZZ_SEED=${SEED}) text ${done.join('+')}`);
}

function treeCase(seed: number, base: string): void {
  const r = mulberry32(seed);
  const doc = yaml.load(base, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
  const done: string[] = [];
  for (let n = 1 + int(r, 3); n > 0; n--) {
    const name = pick(r, Object.keys(TREE));
    (TREE[name] as TreeMutation)(doc, r);
    done.push(name);
  }
  const text = yaml.dump(doc, { noRefs: r() < 0.5, flowLevel: r() < 0.3 ? int(r, 4) : -1, lineWidth: -1 });
  check(text, `seed ${seed} (KILN_FUZZ_SEED=${SEED}) tree ${done.join('+')}`);
}

test('fuzz: the examples themselves hold the invariants', () => {
  assert.ok(EXAMPLES.length > 0);
  for (const e of EXAMPLES) check(e, 'unmutated example');
});

test(`fuzz: ${TEXT_CASES} text mutations of the examples (seed ${SEED})`, () => {
  const r = mulberry32(SEED);
  for (let i = 0; i < TEXT_CASES; i++) textCase(caseSeed(1, i), pick(r, EXAMPLES));
});

test(`fuzz: ${TREE_CASES} structure mutations of the examples (seed ${SEED})`, () => {
  const r = mulberry32(SEED + 1);
  for (let i = 0; i < TREE_CASES; i++) treeCase(caseSeed(2, i), pick(r, EXAMPLES));
});

test('fuzz: mutations do reach the validator (most mutated profiles are invalid)', () => {
  let invalid = 0;
  const n = 400;
  for (let i = 0; i < n; i++) {
    const r = mulberry32(caseSeed(3, i));
    const base = EXAMPLES[i % EXAMPLES.length] as string;
    if (!parseProfile((TEXT.flipChar as TextMutation)((TEXT.inject as TextMutation)(base, r), r), 'f.yaml').profile) invalid++;
  }
  assert.ok(invalid > n / 3, `only ${invalid} of ${n} mutated profiles were invalid`);
});
