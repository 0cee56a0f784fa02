// The boot service: the manifest validates against SMF's DTD, and the start
// method maps kiln's exit codes to SMF's (run under sh with a fake node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINUX_BOOT_PATHS, SMF_METHOD_PATHS, smfManifest } from '../../image-builder/build/smf.ts';
import { CI, ROOT, runBuild, tmpDir } from './_util.ts';

const DTD = path.join(ROOT, '..', 'shared', 'reference', 'dtd', 'service_bundle.dtd.1');

function haveXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

for (const target of ['smartos', 'illumos'] as const) {
  test(`the ${target} SMF manifest validates against service_bundle.dtd.1`, (t) => {
    if (!fs.existsSync(DTD)) return t.skip(`${DTD} is not here (the shared reference tree is absent), so the DTD check cannot run`);
    if (!haveXmllint()) {
      assert.ok(!CI, 'xmllint is required on CI (apt-get install libxml2-utils)');
      return t.skip('xmllint is not installed');
    }
    const file = path.join(tmpDir('smf'), 'kiln.xml');
    fs.writeFileSync(file, smfManifest(target, 3600));
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--dtdvalid', DTD, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
}

test('the manifest says: transient, after filesystems and network, before zones (and vmadmd on SmartOS)', () => {
  const s = smfManifest('smartos', 3600);
  assert.match(s, /<!DOCTYPE service_bundle SYSTEM "\/usr\/share\/lib\/xml\/dtd\/service_bundle\.dtd\.1">/);
  assert.match(s, /<service name="system\/kiln" type="service" version="1">/);
  for (const fmri of ['svc:/system/filesystem/local', 'svc:/system/filesystem/smartdc', 'svc:/network/physical:default']) {
    assert.match(s, new RegExp(`<dependency [^>]*>\\s*<service_fmri value="${fmri}"/>`));
  }
  for (const fmri of ['svc:/system/zones:default', 'svc:/system/smartdc/vmadmd']) assert.match(s, new RegExp(`<dependent [^>]*>\\s*<service_fmri value="${fmri}"/>`));
  assert.match(s, /name="start" exec="\/lib\/svc\/method\/kiln" timeout_seconds="3600"/);
  assert.match(s, /name="stop" exec=":true"/);
  assert.match(s, /<propval name="duration" type="astring" value="transient"\/>/);
  const il = smfManifest('illumos', 3600);
  assert.doesNotMatch(il, /smartdc/);
});

// SMF's codes, as smf_include.sh defines them.
const SMF = { OK: 0, ERR_FATAL: 95, ERR_CONFIG: 96 };

/** The shipped script with its absolute paths pointed into `dir`. */
function retarget(script: string, paths: Partial<typeof SMF_METHOD_PATHS>, dir: string): string {
  let s = script;
  for (const [k, p] of Object.entries(paths)) s = s.split(p).join(path.join(dir, k));
  return s;
}

async function shippedScripts(): Promise<{ method: string; linux: string }> {
  const dir = tmpDir('method');
  const smartos = path.join(dir, 'smartos');
  const linux = path.join(dir, 'linux');
  assert.equal((await runBuild({ out: smartos })).code, 0);
  assert.equal((await runBuild({ out: linux, target: 'linux' })).code, 0);
  return {
    method: fs.readFileSync(path.join(smartos, 'smartos/proto/lib/svc/method/kiln'), 'utf8'),
    linux: execFileSync('tar', ['-xOf', path.join(linux, 'overlay.tar'), 'usr/lib/kiln/kiln-boot.sh'], { encoding: 'utf8' }),
  };
}

function runScript(script: string, dir: string, agentExit: number): { status: number | null; stdout: string; console: string } {
  fs.writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho "$@" > "${path.join(dir, 'argv')}"\nexit ${agentExit}\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'smfInclude'), `SMF_EXIT_OK=${SMF.OK}\nSMF_EXIT_ERR_FATAL=${SMF.ERR_FATAL}\nSMF_EXIT_ERR_CONFIG=${SMF.ERR_CONFIG}\n`);
  fs.writeFileSync(path.join(dir, 'console'), '');
  fs.writeFileSync(path.join(dir, 'method'), script, { mode: 0o755 });
  const r = spawnSync('sh', [path.join(dir, 'method')], { encoding: 'utf8', env: {} });
  return { status: r.status, stdout: r.stdout, console: fs.readFileSync(path.join(dir, 'console'), 'utf8') };
}

test('the start method maps 0/1/2/3 to SMF_EXIT_OK/OK/ERR_CONFIG/ERR_FATAL and tells the console', async () => {
  const { method } = await shippedScripts();
  assert.match(method, /^#!\/bin\/sh\n/);
  assert.match(method, /^\. \/lib\/svc\/share\/smf_include\.sh$/m);
  assert.match(method, /^PATH=\/usr\/sbin:\/usr\/bin:\/sbin:\/bin$/m);
  const cases: Array<[number, number, RegExp]> = [
    [0, SMF.OK, /converged/],
    [1, SMF.OK, /DEGRADED.*report\.json/],
    [2, SMF.ERR_CONFIG, /invalid or missing profile/],
    [3, SMF.ERR_FATAL, /internal error \(exit 3\)/],
    [8, SMF.ERR_FATAL, /internal error \(exit 8\)/],
  ];
  for (const [agentExit, want, line] of cases) {
    const dir = tmpDir('m');
    const r = runScript(retarget(method, SMF_METHOD_PATHS, dir), dir, agentExit);
    assert.equal(r.status, want, `agent exit ${agentExit}`);
    assert.match(r.console, line);
    assert.match(r.stdout, line);
    assert.equal(fs.readFileSync(path.join(dir, 'argv'), 'utf8').trim(), `${path.join(dir, 'agent')} agent`);
  }
});

test('an unwritable console does not change the outcome', async () => {
  const { method } = await shippedScripts();
  const dir = tmpDir('m');
  const script = retarget(method, SMF_METHOD_PATHS, dir).split(path.join(dir, 'console')).join(path.join(dir, 'no', 'such', 'console'));
  const r = runScript(script, dir, 1);
  assert.equal(r.status, SMF.OK);
  assert.match(r.stdout, /DEGRADED/);
});

test('the Linux boot script runs /usr/bin/node and passes the agent\'s exit code on', async () => {
  const { linux } = await shippedScripts();
  assert.match(linux, /^NODE=\/usr\/bin\/node$/m);
  assert.doesNotMatch(linux, /smf_include/);
  for (const code of [0, 1, 2, 3]) {
    const dir = tmpDir('l');
    const r = runScript(retarget(linux, LINUX_BOOT_PATHS, dir), dir, code);
    assert.equal(r.status, code);
    assert.ok(r.console.length > 0);
  }
});
