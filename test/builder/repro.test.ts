// Reproducible output (HOUSE-STYLE 13): the same inputs built twice give the
// same bytes everywhere; SOURCE_DATE_EPOCH is the only clock the archives see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Volume } from 'memfs';
import type { BuildFs } from '../../image-builder/build/fs.ts';
import { AGENT, HOME_LAB, listFiles, runBuild, tmpDir } from './_util.ts';

test('two builds of the same inputs into different dirs are byte-identical', async () => {
  const dir = tmpDir('repro');
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'nested', 'b');
  assert.equal((await runBuild({ out: a })).code, 0);
  assert.equal((await runBuild({ out: b })).code, 0);
  const files = listFiles(a);
  assert.deepEqual(listFiles(b), files);
  assert.ok(files.length > 10);
  for (const f of files) assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), `${f} differs`);
});

test('a different SOURCE_DATE_EPOCH changes the archives and nothing else but build.json', async () => {
  const dir = tmpDir('sde');
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  assert.equal((await runBuild({ out: a, sourceDateEpoch: 0 })).code, 0);
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  try {
    const r = await runBuild({ out: b, sourceDateEpoch: undefined });
    assert.equal(r.code, 0, r.err);
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
  const changed = listFiles(a).filter((f) => !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
  assert.deepEqual(changed, ['build.json', 'overlay.cpio', 'overlay.tar']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(b, 'build.json'), 'utf8')).source_date_epoch, 1700000000);
});

test('build.json records the inputs and the sha256 and size of every other output, sorted', async () => {
  const out = path.join(tmpDir('rec'), 'o');
  const r = await runBuild({ out, json: true });
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, fs.readFileSync(path.join(out, 'build.json'), 'utf8'), '--json prints build.json');
  const rec = JSON.parse(r.out);
  assert.equal(rec.target, 'smartos');
  assert.equal(rec.profile.name, 'homelab');
  assert.match(rec.profile.sha256, /^[0-9a-f]{64}$/);
  assert.equal(rec.agent.size, fs.statSync(AGENT).size);
  const paths = rec.outputs.map((o: { path: string }) => o.path);
  assert.deepEqual(paths, listFiles(out).filter((f) => f !== 'build.json'));
  assert.deepEqual(paths, [...paths].sort());
});

test('without --json a short summary with sizes goes to stdout', async () => {
  const r = await runBuild({ out: path.join(tmpDir('sum'), 'o') });
  assert.match(r.out, /overlay\.tar +[\d.]+ KB/);
  assert.match(r.out, /built in \d+ ms/);
});

test('the build stages take the file system as a parameter: a whole build on memfs', async () => {
  const vol = Volume.fromJSON({
    '/p/host.yaml': fs.readFileSync(HOME_LAB, 'utf8') + 'files:\n  - { path: /etc/motd, source: motd.txt, mode: "0644", owner: root, group: sys }\n',
    '/p/motd.txt': 'welcome\n',
    '/dist/kiln-agent.js': '// agent\n',
  });
  const r = await runBuild({ profile: '/p/host.yaml', out: '/out', agent: '/dist/kiln-agent.js' }, vol.promises as unknown as BuildFs);
  assert.equal(r.code, 0, r.err);
  const tree = vol.toJSON();
  assert.equal(tree['/out/smartos/proto/etc/motd'], 'welcome\n');
  assert.equal(tree['/out/smartos/proto/usr/lib/kiln/kiln-agent.js'], '// agent\n');
  assert.ok(tree['/out/build.json']);
  assert.deepEqual(Object.keys(tree).filter((k) => !k.startsWith('/out/') && !k.startsWith('/p/') && k !== '/dist/kiln-agent.js'), [], 'no temp dir left behind');
});
