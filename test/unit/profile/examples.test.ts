// Every example under profiles/ must validate cleanly: users copy them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, parseProfile } from '../../../agent/profile/index.ts';
import { filesIn } from './_repo.ts';

const EXAMPLES = filesIn('profiles', ['.yaml', '.yml']);

test('profiles/ holds at least one example', () => {
  assert.ok(EXAMPLES.length > 0);
});

for (const file of EXAMPLES) {
  test(`profiles/${path.basename(file)} validates with no diagnostics`, () => {
    const bytes = fs.readFileSync(file);
    const r = parseProfile(bytes.toString('utf8'), path.basename(file), bytes.length);
    assert.deepEqual(r.diagnostics.map((d) => formatDiagnostic(d)), []);
    assert.ok(r.profile, 'no normalised profile');
  });
}
