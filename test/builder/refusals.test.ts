// What kiln build refuses, with a clear message, exit 2 and nothing written:
// an invalid profile, `files:` that escape the image root or the profile's
// directory, files that would replace kiln's own, bad keys and bad options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, profileText, runBuild, tmpDir } from './_util.ts';

/** A profile dir with profile.yaml (+ extra files), and a not-yet-existing out dir beside it. */
function setup(extraYaml: string, files: Record<string, string> = {}): { dir: string; profile: string; out: string } {
  const dir = tmpDir('ref');
  const pdir = path.join(dir, 'profile');
  fs.mkdirSync(pdir);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(pdir, f)), { recursive: true });
    fs.writeFileSync(path.join(pdir, f), text);
  }
  const profile = path.join(pdir, 'host.yaml');
  fs.writeFileSync(profile, profileText(extraYaml));
  return { dir, profile, out: path.join(dir, 'out') };
}

async function refused(profile: string, out: string, message: RegExp, extra: Record<string, unknown> = {}): Promise<void> {
  const r = await runBuild({ profile, out, ...extra });
  assert.equal(r.code, 2, `exit code; stderr: ${r.err}`);
  assert.match(r.err, message);
  assert.equal(r.out, '');
  assert.ok(!fs.existsSync(out), 'the out dir must not exist');
  assert.deepEqual(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('kiln-')), [], 'no temp dir left behind');
}

test('a broken profile prints the validate diagnostics and builds nothing', async () => {
  const dir = tmpDir('broken');
  const out = path.join(dir, 'out');
  const broken = path.join(ROOT, 'test/profiles/broken/zone-name-global.yaml');
  const r = await runBuild({ profile: broken, out });
  assert.equal(r.code, 2);
  // exactly what `kiln validate` prints (here: the agent bundle's validate, the same code)
  const v = spawnSync('node', [path.join(ROOT, 'dist/kiln-agent.js'), 'validate', broken], { encoding: 'utf8' });
  assert.equal(v.status, 2);
  assert.equal(r.err, v.stderr);
  assert.match(r.err, /zone-name-global\.yaml:\d+:\d+: error: \$\.zones\[0\]\.name: the name "global" is reserved/);
  assert.equal(r.out, '');
  assert.ok(!fs.existsSync(out));
});

test('a missing profile is a diagnostic too, and nothing is built', async () => {
  const dir = tmpDir('missing');
  await refused(path.join(dir, 'nope.yaml'), path.join(dir, 'out'), /nope\.yaml.*no such file/);
});

test('files: a path with ".." or "//" is refused by validation', async () => {
  const a = setup('files:\n  - { path: /etc/../root/x, content: "x" }');
  await refused(a.profile, a.out, /\$\.files\[0\]\.path/);
  const b = setup('files:\n  - { path: //etc/x, content: "x" }');
  await refused(b.profile, b.out, /\$\.files\[0\]\.path/);
  const c = setup('files:\n  - { path: /etc/./x, content: "x" }');
  await refused(c.profile, c.out, /\$\.files\[0\]\.path/);
});

test('files: a source with ".." is refused', async () => {
  const s = setup('files:\n  - { path: /etc/x, source: ../secret.txt }');
  fs.writeFileSync(path.join(s.dir, 'secret.txt'), 'secret');
  await refused(s.profile, s.out, /\$\.files\[0\]\.source "\.\.\/secret\.txt": leaves the profile's directory/);
});

test('files: an absolute source is refused even when it exists', async () => {
  const s = setup('files:\n  - { path: /etc/x, source: /etc/hostname }');
  await refused(s.profile, s.out, /must be relative to the profile's directory/);
});

test('files: a source that is a symlink is refused, even one pointing inside', async () => {
  const s = setup('files:\n  - { path: /etc/x, source: link.txt }', { 'real.txt': 'x' });
  fs.symlinkSync('real.txt', path.join(path.dirname(s.profile), 'link.txt'));
  await refused(s.profile, s.out, /is a symlink/);
});

test('files: a source reached through a symlinked directory is refused', async () => {
  const s = setup('files:\n  - { path: /etc/x, source: sub/secret.txt }');
  fs.mkdirSync(path.join(s.dir, 'outside'));
  fs.writeFileSync(path.join(s.dir, 'outside', 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(s.dir, 'outside'), path.join(path.dirname(s.profile), 'sub'));
  await refused(s.profile, s.out, /passes through the symlink/);
});

test('files: a missing source is refused', async () => {
  const s = setup('files:\n  - { path: /etc/x, source: nope.txt }');
  await refused(s.profile, s.out, /nope\.txt": no such file/);
});

test('files: may not replace or nest inside what kiln installs', async () => {
  const a = setup('files:\n  - { path: /etc/kiln/profile.yaml, content: "x" }');
  await refused(a.profile, a.out, /etc\/kiln\/profile\.yaml is already in the image \(a file kiln itself installs\)/);
  const b = setup('files:\n  - { path: /usr/lib/kiln/kiln-agent.js/x, content: "x" }');
  await refused(b.profile, b.out, /inside usr\/lib\/kiln\/kiln-agent\.js, which is a file/);
  const c = setup('files:\n  - { path: /etc/a, content: "x" }\n  - { path: /etc/a, content: "y" }');
  await refused(c.profile, c.out, /\$\.files\[1\]: etc\/a is already in the image \(from \$\.files\[0\]\)/);
});

test('files: an owner without a known numeric id is refused', async () => {
  const s = setup('files:\n  - { path: /etc/x, content: "x", owner: alice }');
  await refused(s.profile, s.out, /owner "alice" has no known numeric id/);
});

test('files: content and safe sources land in the image with their modes and owners', async () => {
  const s = setup([
    'files:',
    '  - { path: /etc/motd, content: "hi\\n", mode: "0644", owner: root, group: sys }',
    '  - { path: /opt/custom/bin/tool, source: bin/tool.sh, mode: "0755", owner: root, group: bin }',
  ].join('\n'), { 'bin/tool.sh': '#!/bin/sh\necho tool\n' });
  const r = await runBuild({ profile: s.profile, out: s.out });
  assert.equal(r.code, 0, r.err);
  const listing = execFileSync('tar', ['-tvf', path.join(s.out, 'overlay.tar')], { encoding: 'utf8' });
  assert.match(listing, /-rw-r--r-- root\/sys +3 .* etc\/motd/);
  assert.match(listing, /-rwxr-xr-x root\/bin +20 .* opt\/custom\/bin\/tool/);
  assert.match(listing, /drwxr-xr-x root\/sys .* opt\/custom\/bin\//);
  assert.match(fs.readFileSync(path.join(s.out, 'smartos/manifest'), 'utf8'), /^f opt\/custom\/bin\/tool 0755 root bin$/m);
});

test('--pubkey: PEM SPKI and raw base64 both become base64 of the 32 raw bytes; junk is refused', async () => {
  const { publicKey } = crypto.generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
  const s = setup('');
  const pem = path.join(s.dir, 'k.pem');
  fs.writeFileSync(pem, publicKey.export({ format: 'pem', type: 'spki' }));
  const b64 = path.join(s.dir, 'k.b64');
  fs.writeFileSync(b64, raw + '\n');
  for (const key of [pem, b64]) {
    const out = path.join(s.dir, `out-${path.basename(key)}`);
    const r = await runBuild({ profile: s.profile, out, pubkey: key });
    assert.equal(r.code, 0, r.err);
    const got = execFileSync('tar', ['-xOf', path.join(out, 'overlay.tar'), 'etc/kiln/profile-signing.pub'], { encoding: 'utf8' });
    assert.equal(got, raw + '\n');
    assert.match(execFileSync('tar', ['-tvf', path.join(out, 'overlay.tar')], { encoding: 'utf8' }), /-r--r--r-- root\/sys +45 .* etc\/kiln\/profile-signing\.pub/);
  }
  const bad = path.join(s.dir, 'bad.pub');
  fs.writeFileSync(bad, 'AAAA\n');
  await refused(s.profile, s.out, /decodes to 3 bytes; a raw ed25519 public key is 32/, { pubkey: bad });
  const rsa = path.join(s.dir, 'rsa.pem');
  fs.writeFileSync(rsa, crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }));
  await refused(s.profile, s.out, /a rsa key; kiln verifies profiles with ed25519/, { pubkey: rsa });
  const priv = path.join(s.dir, 'priv.pem');
  fs.writeFileSync(priv, crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
  await refused(s.profile, s.out, /never the private key/, { pubkey: priv });
});

test('a missing agent bundle says to run make first', async () => {
  const s = setup('');
  await refused(s.profile, s.out, /cannot read the agent bundle .*kiln-agent\.js: no such file: run make first/, { agent: undefined });
});

test('bad options: an unknown target, a bad SOURCE_DATE_EPOCH, a platform prefix SmartOS cannot boot', async () => {
  const s = setup('');
  await refused(s.profile, s.out, /unknown target "solaris"/, { target: 'solaris' });
  await refused(s.profile, s.out, /SOURCE_DATE_EPOCH must be whole seconds/, { sourceDateEpoch: -1 });
  await refused(s.profile, s.out, /must name the SmartOS "platform" directory/, { platform: 'os/latest' });
});

test('--out: a foreign non-empty directory is never replaced; an earlier build is', async () => {
  const s = setup('');
  fs.mkdirSync(s.out);
  fs.writeFileSync(path.join(s.out, 'precious.txt'), 'keep me');
  const r = await runBuild({ profile: s.profile, out: s.out });
  assert.equal(r.code, 2);
  assert.match(r.err, /non-empty directory without build\.json/);
  assert.equal(fs.readFileSync(path.join(s.out, 'precious.txt'), 'utf8'), 'keep me');
  fs.rmSync(s.out, { recursive: true });
  assert.equal((await runBuild({ profile: s.profile, out: s.out })).code, 0);
  fs.writeFileSync(path.join(s.out, 'stale.txt'), 'old');
  assert.equal((await runBuild({ profile: s.profile, out: s.out })).code, 0);
  assert.ok(!fs.existsSync(path.join(s.out, 'stale.txt')), 'the new build replaces the old one whole');
  assert.deepEqual(fs.readdirSync(s.dir).filter((n) => n.includes('kiln-')), [], 'no temp or old dir left behind');
});
