// Every profile under test/profiles/broken/ declares, in its leading comment
// lines, exactly the diagnostics it must produce:
//   # expect: LINE:COL CODE PATH     (or `- CODE PATH` for one without a position)
// The reported set must equal the declared set: a missing diagnostic lets a
// typo reach a USB stick, an extra one buries the real mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, parseProfile } from '../../../agent/profile/index.ts';
import type { Diagnostic } from '../../../agent/profile/index.ts';
import { MAX_PROFILE_BYTES } from '../../../agent/profile/load.ts';
import { filesIn } from './_repo.ts';

const CORPUS = filesIn('test/profiles/broken', ['.yaml', '.yml']);

/** The `# expect:` lines of the leading comment block. */
function expectations(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = /^# expect: (\d+:\d+|-) (E_[A-Z0-9_]+) (\$.*)$/.exec(line);
    if (m) out.push(`${m[1]} ${m[2]} ${m[3]}`);
    else assert.ok(!/^#\s*expect\b/i.test(line), `malformed expectation: ${line}`);
  }
  return out.sort();
}

function key(d: Diagnostic): string {
  return `${d.loc ? `${d.loc.line}:${d.loc.column}` : '-'} ${d.code} ${d.path}`;
}

/** Mistakes whose fix is not obvious from the message alone always carry a hint. */
const NEEDS_HINT = new Set(['E_UNKNOWN_KEY', 'E_OCTAL', 'E_API_VERSION', 'E_EXCLUSIVE', 'E_EMPTY', 'E_NOT_PROFILE', 'E_TOO_LARGE', 'E_YAML_SYNTAX', 'E_YAML_DUPLICATE_KEY', 'E_YAML_MULTIDOC', 'E_YAML_ALIAS_BOMB', 'E_YAML_TOO_DEEP']);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The contract every diagnostic line keeps, whatever the mistake. A path holds
 * no colon except inside a quoted key (zfs user properties are named a:b).
 */
function assertWellFormed(ds: readonly Diagnostic[], file: string): void {
  const line = new RegExp(`^${escape(file)}:\\d+:\\d+: error: \\$(?:[^:"]|"(?:[^"\\\\]|\\\\.)*")*: .+`);
  for (const d of ds) {
    assert.equal(d.severity, 'error');
    assert.ok(d.message.trim().length > 0, `empty message for ${d.path}`);
    if (NEEDS_HINT.has(d.code)) assert.ok(d.hint, `${d.code} at ${d.path} has no hint`);
    const [first, ...rest] = formatDiagnostic(d).split('\n');
    assert.match(first as string, line);
    for (const r of rest) assert.match(r, /^ {2}hint: \S/);
  }
}

test('the corpus holds at least 45 broken profiles', () => {
  assert.ok(CORPUS.length >= 45, `only ${CORPUS.length} files`);
});

for (const file of CORPUS) {
  const name = path.basename(file);
  test(`broken/${name}`, () => {
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('utf8');
    const want = expectations(text);
    assert.ok(want.length > 0, 'declares no `# expect:` line');
    const r = parseProfile(text, name, bytes.length);
    assert.equal(r.profile, undefined, 'an invalid profile must not come back normalised');
    const got = r.diagnostics.map(key).sort();
    assert.deepEqual(got, want, r.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    assertWellFormed(r.diagnostics, name);
  });
}

// Files that cannot carry their own expectations: generated here.

test('generated: a profile over 1 MiB is refused before it is parsed', () => {
  const valid = 'apiVersion: kiln/v1\nkind: Host\nmetadata:\n  name: big\n';
  const text = valid + `# ${'x'.repeat(MAX_PROFILE_BYTES)}\n`;
  const r = parseProfile(text, 'big.yaml', Buffer.byteLength(text));
  assert.deepEqual(r.diagnostics.map(key), ['- E_TOO_LARGE $']);
  assert.match(r.diagnostics[0]?.message ?? '', /1 MiB/);
  assertWellFormed(r.diagnostics, 'big.yaml');
});

test('generated: the size limit counts bytes, not characters', () => {
  // 600k three-byte characters: under the limit in characters, over it in bytes.
  const text = 'apiVersion: kiln/v1\nkind: Host\nmetadata:\n  name: big\n  description: ' + '\u20ac'.repeat(600 * 1024) + '\n';
  assert.ok(text.length < MAX_PROFILE_BYTES);
  const r = parseProfile(text, 'big.yaml', Buffer.byteLength(text));
  assert.deepEqual(r.diagnostics.map(key), ['- E_TOO_LARGE $']);
});

test('generated: an empty file, blank lines and a bare --- are empty profiles', () => {
  for (const text of ['', '\n\n', '   \n', '---\n', '---\n...\n', '\uFEFF']) {
    const r = parseProfile(text, 'empty.yaml');
    assert.deepEqual(r.diagnostics.map(key), ['1:1 E_EMPTY $'], JSON.stringify(text));
    assertWellFormed(r.diagnostics, 'empty.yaml');
  }
});
