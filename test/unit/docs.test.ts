// The committed files derived from the field table are current (run `make docs`
// when this fails), and every example profile points editors at the schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { profileJsonSchema } from '../../agent/profile/json-schema.ts';
import { formatDiagnostic, parseProfile } from '../../agent/profile/index.ts';
import { renderReference } from '../../scripts/reference.ts';
import { repoRoot } from '../repo.ts';


const ROOT = repoRoot();
const PROFILES = path.join(ROOT, 'profiles');
const MODELINE = '# yaml-language-server: $schema=./kiln.schema.json';
const STALE = 'is stale: run `make docs` and commit the result';

function examples(): string[] {
  return fs.readdirSync(PROFILES).filter((f) => f.endsWith('.yaml')).sort();
}

test('profiles/kiln.schema.json equals profileJsonSchema()', () => {
  const committed = fs.readFileSync(path.join(PROFILES, 'kiln.schema.json'), 'utf8');
  assert.equal(committed, JSON.stringify(profileJsonSchema(), null, 2) + '\n', `profiles/kiln.schema.json ${STALE}`);
});

test('profiles/REFERENCE.md equals a fresh render of the field table', () => {
  const committed = fs.readFileSync(path.join(PROFILES, 'REFERENCE.md'), 'utf8');
  assert.equal(committed, renderReference(), `profiles/REFERENCE.md ${STALE}`);
});

test('REFERENCE.md has a section for every mapping of the profile', () => {
  const text = renderReference();
  for (const s of ['Top level', 'metadata', 'boot', 'boot.timeouts', 'pools[]', 'pools[].create', 'pools[].create.vdevs[]', 'pools[].datasets[]', 'pools[].datasets[].volume', 'arc', 'network', 'network.nic_tags[]', 'network.vnics[]', 'zones[]', 'zones[].nets[]', 'zones[].disks[]', 'files[]']) {
    assert.ok(text.indexOf(`\n## ${s}\n`) >= 0, `no section "## ${s}"`);
  }
});

test('there are example profiles', () => {
  assert.ok(examples().length >= 4, `profiles/*.yaml: ${examples().join(', ')}`);
});

for (const f of examples()) {
  test(`profiles/${f} starts with the schema modeline and is valid`, () => {
    const text = fs.readFileSync(path.join(PROFILES, f), 'utf8');
    assert.equal(text.split('\n')[0], MODELINE, `profiles/${f}: the first line must be ${MODELINE}`);
    const r = parseProfile(text, `profiles/${f}`);
    assert.deepEqual(r.diagnostics.map(formatDiagnostic), []);
    assert.ok(r.profile, `profiles/${f} did not parse`);
  });
}
