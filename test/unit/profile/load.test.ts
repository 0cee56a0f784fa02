// The loader maps every path to where it stands in the file, so diagnostics
// can say FILE:LINE:COL. Positions are 1-based; a key's and its value's differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadYaml, MAX_PROFILE_BYTES } from '../../../agent/profile/load.ts';
import type { Loaded } from '../../../agent/profile/load.ts';

function load(text: string): Loaded {
  const l = loadYaml(text, 't.yaml');
  assert.deepEqual(l.diagnostics, [], 'unexpected diagnostics');
  return l;
}

/** "line:col" of a path's value (or key), or "-" when unrecorded. */
function at(l: Loaded, path: string, which: 'value' | 'key' = 'value'): string {
  const info = l.positions.get(path);
  const p = info && (which === 'key' ? info.key : info.value);
  return p ? `${p.line}:${p.column}` : '-';
}

function codes(text: string): string[] {
  return loadYaml(text, 't.yaml').diagnostics.map((d) => `${d.loc ? `${d.loc.line}:${d.loc.column}` : '-'} ${d.code} ${d.path}`);
}

test('block style: keys and values, nested mappings', () => {
  const l = load('apiVersion: kiln/v1\nmetadata:\n  name: homelab\n  labels:\n    site:   home\n');
  const table: Array<[string, 'value' | 'key', string]> = [
    ['$', 'value', '1:1'],
    ['$.apiVersion', 'key', '1:1'],
    ['$.apiVersion', 'value', '1:13'],
    ['$.metadata', 'key', '2:1'],
    ['$.metadata', 'value', '3:3'],
    ['$.metadata.name', 'key', '3:3'],
    ['$.metadata.name', 'value', '3:9'],
    ['$.metadata.labels.site', 'key', '5:5'],
    ['$.metadata.labels.site', 'value', '5:13'],
  ];
  for (const [path, which, want] of table) assert.equal(at(l, path, which), want, `${path} ${which}`);
});

test('block sequences: items, nested sequences, mappings in sequences', () => {
  const l = load('zones:\n  - name: web\n    nets:\n      - physical: web0\n      - physical: web1\n  - name: db\nm:\n  - - a\n    - b\n  -\n    - c\n');
  const table: Array<[string, string]> = [
    ['$.zones[0]', '2:5'],
    ['$.zones[0].name', '2:11'],
    ['$.zones[0].nets[0].physical', '4:19'],
    ['$.zones[0].nets[1].physical', '5:19'],
    ['$.zones[1].name', '6:11'],
    ['$.m[0][0]', '8:7'],
    ['$.m[0][1]', '9:7'],
    ['$.m[1][0]', '11:7'],
  ];
  for (const [path, want] of table) assert.equal(at(l, path), want, path);
  assert.equal(at(l, '$.zones[1].name', 'key'), '6:5');
});

test('flow style: mappings and sequences on one line, nested', () => {
  const l = load('vnics:\n  - { name: wan0, over: e1000g0, tags: [a, "b", [c, d]] }\nstubs: [ s0, s1 ]\nx: {a: {b: 1}}\n');
  const table: Array<[string, 'value' | 'key', string]> = [
    ['$.vnics[0].name', 'key', '2:7'],
    ['$.vnics[0].name', 'value', '2:13'],
    ['$.vnics[0].over', 'key', '2:19'],
    ['$.vnics[0].over', 'value', '2:25'],
    ['$.vnics[0].tags[0]', 'value', '2:41'],
    ['$.vnics[0].tags[1]', 'value', '2:44'],
    ['$.vnics[0].tags[2][1]', 'value', '2:53'],
    ['$.stubs[0]', 'value', '3:10'],
    ['$.stubs[1]', 'value', '3:14'],
    ['$.x.a.b', 'key', '4:9'],
    ['$.x.a.b', 'value', '4:12'],
  ];
  for (const [path, which, want] of table) assert.equal(at(l, path, which), want, `${path} ${which}`);
});

test('comments and blank lines before a value are skipped; keys with odd characters get quoted paths', () => {
  const l = load('# head\n\na:\n  # note\n\n  b: 1 # trailing\n"x y": 2\nc/d: 3\n');
  assert.equal(at(l, '$.a.b'), '6:6');
  assert.equal(at(l, '$.a.b', 'key'), '6:3');
  assert.equal(at(l, '$["x y"]'), '7:8');
  assert.equal(at(l, '$["c/d"]'), '8:6');
  assert.equal(l.positions.get('$.a.b')?.raw, '1');
});

test('scalars keep their source text and whether they were quoted', () => {
  const l = load("a: 0644\nb: '0644'\nc: \"x\"\nd: |\n  text\ne: 0x1F\n");
  const info = (p: string) => l.positions.get(p);
  assert.equal(info('$.a')?.raw, '0644');
  assert.equal(info('$.a')?.plain, true);
  assert.equal(info('$.b')?.plain, false);
  assert.equal(info('$.c')?.plain, false);
  assert.equal(info('$.d')?.plain, false);
  assert.equal(info('$.e')?.raw, '0x1F');
  assert.deepEqual(l.doc, { a: 644, b: '0644', c: 'x', d: 'text\n', e: 31 });
});

test('an empty value points at its key, not at the next line', () => {
  const l = load('a:\n  brand:\n  nets: 1\nb:\n');
  assert.equal(at(l, '$.a.brand'), '2:3');
  assert.equal(at(l, '$.b'), '4:1');
});

test('YAML 1.2 core schema: no yes/no/on/off booleans, no timestamps, no merge keys', () => {
  const l = load('a: yes\nb: off\nc: true\nd: 2024-01-02\ne: ~\nf: .inf\n');
  assert.deepEqual(l.doc, { a: 'yes', b: 'off', c: true, d: '2024-01-02', e: null, f: Infinity });
});

test('a byte-order mark is not part of the first key', () => {
  const l = load('\uFEFFapiVersion: kiln/v1\n');
  assert.deepEqual(l.doc, { apiVersion: 'kiln/v1' });
  assert.equal(at(l, '$.apiVersion'), '1:13');
});

test('duplicate keys: every one, at the repeat, with its path', () => {
  assert.deepEqual(codes('a: 1\nb:\n  - { x: 1, x: 2 }\n  - y: 1\n    y: 2\na: 3\n'), [
    '3:13 E_YAML_DUPLICATE_KEY $.b[0].x',
    '5:5 E_YAML_DUPLICATE_KEY $.b[1].y',
    '6:1 E_YAML_DUPLICATE_KEY $.a',
  ]);
  const d = loadYaml('a: 1\na: 2\n', 't.yaml').diagnostics[0];
  assert.match(d?.message ?? '', /duplicate key "a"/);
  assert.match(d?.hint ?? '', /line 1/);
});

test('the loader refuses what is not one YAML mapping document', () => {
  const table: Array<[string, string[]]> = [
    ['', ['1:1 E_EMPTY $']],
    ['# only\n# comments\n', ['1:1 E_EMPTY $']],
    ['a: 1\n---\nb: 2\n', ['2:1 E_YAML_MULTIDOC $']],
    ['---\na: 1\n---\nb: 2\n', ['3:1 E_YAML_MULTIDOC $']],
    ['# c\n---\na: 1\n...\n---\nb: 2\n', ['5:1 E_YAML_MULTIDOC $']],
    ['a: 1\n\tb: 2\n', ['2:1 E_YAML_SYNTAX $']],
    ['a: [1, 2\n', ['2:1 E_YAML_SYNTAX $']],
    ['a: *nope\n', ['1:9 E_YAML_SYNTAX $']],
    ['a: 1\nb: \u0000\n', ['2:4 E_NOT_YAML $']],
    ['\u001b[1mx', ['1:1 E_NOT_YAML $']],
    // U+2028 ends no comment in YAML, though it ends a line for a JS regex.
    ['# a\u2028b: c\n# x\n  ', ['1:1 E_EMPTY $']],
    // No final newline: js-yaml marks past the end; the position stays in the text.
    ['a: [1, 2', ['1:9 E_YAML_SYNTAX $']],
    ['a:\n  b: [', ['2:7 E_YAML_SYNTAX $']],
  ];
  for (const [text, want] of table) assert.deepEqual(codes(text), want, JSON.stringify(text));
});

test('syntax errors carry a hint about the usual cause', () => {
  const hint = (t: string) => loadYaml(t, 't.yaml').diagnostics[0]?.hint ?? '';
  assert.match(hint('a: 1\n\tb: 2\n'), /spaces/);
  assert.match(hint('a: b: c\n'), /": " must be quoted/);
  assert.match(hint('a: {b: 1\n'), /closed/);
  assert.match(hint('a: "x\n'), /quote/);
  assert.match(hint('a:\n  b: 1\n c: 2\n'), /one column/);
});

test('an alias bomb is refused, pointing at the first alias', () => {
  let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
  for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']] as const) text += `${name}: &${name} [${Array(10).fill('*' + prev).join(', ')}]\n`;
  assert.deepEqual(codes(text), ['2:8 E_YAML_ALIAS_BOMB $']);
  // A few honest aliases are fine.
  assert.deepEqual(codes('x: &x { a: 1 }\ny: *x\nz: *x\n'), []);
});

test('the size limit is checked on the byte length given, before parsing', () => {
  assert.deepEqual(codes('a: 1\n'), []);
  assert.deepEqual(loadYaml('a: 1\n', 't.yaml', MAX_PROFILE_BYTES + 1).diagnostics.map((d) => d.code), ['E_TOO_LARGE']);
  assert.deepEqual(loadYaml('a: 1\n', 't.yaml', MAX_PROFILE_BYTES).diagnostics, []);
});
