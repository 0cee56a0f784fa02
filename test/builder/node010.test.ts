// The agent as the image carries it (taken out of overlay.tar) starts on the
// Node SmartOS ships, v0.10.26.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CI, ROOT, runBuild, tmpDir } from './_util.ts';

const NODE010 = process.env.NODE010 ? path.resolve(ROOT, process.env.NODE010) : path.join(ROOT, '.cache/node010/bin/node');

test('the agent extracted from overlay.tar prints --version on Node v0.10.26', async (t) => {
  if (!fs.existsSync(NODE010)) {
    assert.ok(!CI, `${NODE010} is missing on CI (make node010 fetches it)`);
    return t.skip(`${NODE010} is missing; run make node010 to fetch Node v0.10.26`);
  }
  const dir = tmpDir('n010');
  const out = path.join(dir, 'out');
  const r = await runBuild({ out });
  assert.equal(r.code, 0, r.err);
  const root = path.join(dir, 'root');
  fs.mkdirSync(root);
  execFileSync('tar', ['-xf', path.join(out, 'overlay.tar'), '-C', root, '--no-same-owner']);
  assert.equal(execFileSync(NODE010, ['--version'], { encoding: 'utf8' }).trim(), 'v0.10.26');
  const v = execFileSync(NODE010, [path.join(root, 'usr/lib/kiln/kiln-agent.js'), '--version'], { encoding: 'utf8' });
  assert.match(v, /^kiln \d+\.\d+\.\d+/);
  // and it reads the profile embedded next to it
  const ok = execFileSync(NODE010, [path.join(root, 'usr/lib/kiln/kiln-agent.js'), 'validate', path.join(root, 'etc/kiln/profile.yaml')], { encoding: 'utf8' });
  assert.match(ok, /valid/);
});
