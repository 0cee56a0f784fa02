// Profile sources on the simulated host, under both Nodes: every source, every
// integrity failure, the fallback to the last good profile, the rescue knobs,
// and a profile missing everywhere.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeFatImage } from '../unit/sources/_fat-image.ts';
import { nodes, Scenario } from './_harness.ts';
import { HOME_TEXT, place, runAgent, setBootparams, TestServer } from './sources-harness.ts';

const sha = (t: string) => crypto.createHash('sha256').update(t).digest('hex');
const BAD = HOME_TEXT.replace('brand: joyent-minimal', 'brand: joyent-minimall');
const invoked = (s: Scenario) => s.host.invocations().map((i) => i.argv.join(' '));

function keypair(): { pub: string; sign: (t: string) => string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const pub = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('base64') + '\n';
  return { pub, sign: (t) => crypto.sign(null, Buffer.from(t), privateKey).toString('base64') };
}

for (const node of nodes()) {
  describe(`profile sources (${node.name})`, () => {
    const server = new TestServer();
    let base = '';
    before(async () => { base = await server.start(); });
    after(() => server.stop());

    test('embedded: found, applied, named in the report; bootparams is read first', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const p = place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal((run.report['profile'] as { source: string }).source, `embedded:${p}`);
      assert.equal((run.report['profile'] as { sha256: string }).sha256, sha(HOME_TEXT));
      assert.equal(invoked(s)[0], 'bootparams');
      const phases = run.report['phases'] as Record<string, number>;
      assert.deepEqual(Object.keys(phases), ['discover', 'validate', 'observe', 'plan', 'apply', 'report']);
      assert.equal(fs.readFileSync(path.join(s.root, 'zones/kiln/last-good.yaml'), 'utf8'), HOME_TEXT, 'kept as last good');
      assert.equal(fs.readFileSync(path.join(s.root, 'zones/kiln/last-good.sha256'), 'utf8'), sha(HOME_TEXT) + '\n');
    });

    test('the boot module wins over the mounted USB key, which wins over the embedded copy', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'etc/kiln/profile.yaml', BAD);
      const usb = place(s, 'usbkey/kiln/profile.yaml', HOME_TEXT);
      let run = await runAgent(s);
      assert.equal(run.code, 0, run.stderr);
      assert.equal((run.report['profile'] as { source: string }).source, `usbkey:${usb}`);
      const bootfs = place(s, 'system/boot/kiln/profile.yaml', HOME_TEXT);
      run = await runAgent(s);
      assert.equal((run.report['profile'] as { source: string }).source, `bootfs:${bootfs}`);
    });

    test('a PXE boot module pinned by kiln.sha256 on the kernel line: applied when it matches, refused when not', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const bootfs = place(s, 'system/boot/kiln/profile.yaml', HOME_TEXT);
      setBootparams(s, { 'kiln.sha256': sha(HOME_TEXT) });
      let run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal((run.report['profile'] as { source: string }).source, `bootfs:${bootfs}`);
      place(s, 'system/boot/kiln/profile.yaml', HOME_TEXT.replace('cpu_cap: 100', 'cpu_cap: 400'));
      run = await runAgent(s);
      assert.notEqual(run.code, 0);
      const rejected = run.report['rejected'] as Array<{ source: string; reason: string }>;
      assert.match(rejected[0]?.reason || '', /sha256 mismatch/);
      assert.equal(run.report.status, 'fallback');
    });

    test('an unmounted USB key: a FAT volume labelled KILN on a whole disk, read read-only', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const img = makeFatImage({ sizeMiB: 20, fat: 16, label: 'KILN', mbr: true, files: { 'KILN/PROFILE.YAML': HOME_TEXT } });
      const other = makeFatImage({ sizeMiB: 2, fat: 12, label: 'DATA', files: { 'kiln/profile.yaml': BAD } });
      place(s, 'dev/dsk/c1t0d0p0', fs.readFileSync(other));
      const dev = place(s, 'dev/dsk/c2t0d0p0', fs.readFileSync(img));
      place(s, 'dev/dsk/c2t0d0s0', 'not a whole disk');
      const before = fs.readFileSync(dev);
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal((run.report['profile'] as { source: string }).source, `usb-label:${dev}:kiln/profile.yaml`);
      assert.ok(before.equals(fs.readFileSync(dev)), 'the disk is unchanged');
    });

    test('a boot-param URL over http pinned by kiln.sha256; ${mac} and ${hostname} substituted', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      server.routes['/p/00:0c:29:5d:1a:10/node7.yaml'] = { body: HOME_TEXT };
      setBootparams(s, { 'kiln.profile': `${base}/p/\${mac}/\${hostname}.yaml`, 'kiln.sha256': sha(HOME_TEXT), hostname: 'node7' });
      place(s, 'etc/kiln/profile.yaml', BAD);
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal((run.report['profile'] as { source: string }).source, `url:${base}/p/00:0c:29:5d:1a:10/node7.yaml`);
      assert.ok(invoked(s).indexOf('dladm show-phys -m -p -o link,address') >= 0);
    });

    test('a signed profile: URL.sig verified with the key baked into the image', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const k = keypair();
      place(s, 'etc/kiln/profile-signing.pub', k.pub);
      server.routes['/signed.yaml'] = { body: HOME_TEXT };
      server.routes['/signed.yaml.sig'] = { body: k.sign(HOME_TEXT) + '\n' };
      setBootparams(s, { 'kiln.profile': `${base}/signed.yaml` });
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal((run.report['profile'] as { source: string }).source, `url:${base}/signed.yaml`);
    });

    for (const c of [
      { name: 'a hash mismatch', params: () => ({ 'kiln.profile': `${base}/home.yaml`, 'kiln.sha256': sha('something else') }), key: false, why: /sha256 mismatch/ },
      { name: 'a bad signature', params: () => ({ 'kiln.profile': `${base}/forged.yaml` }), key: true, why: /bad signature/ },
      { name: 'a missing .sig with a key baked in', params: () => ({ 'kiln.profile': `${base}/home.yaml` }), key: true, why: /\.sig could not be fetched/ },
      { name: 'plain http with neither hash nor signature', params: () => ({ 'kiln.profile': `${base}/home.yaml` }), key: false, why: /plain http/ },
    ]) {
      test(`${c.name}: refused loudly; no last good → exit 2, nothing touched`, async () => {
        const s = new Scenario('fresh-smartos', node.bin);
        server.routes['/home.yaml'] = { body: HOME_TEXT };
        server.routes['/forged.yaml'] = { body: HOME_TEXT };
        server.routes['/forged.yaml.sig'] = { body: keypair().sign(HOME_TEXT) };
        if (c.key) place(s, 'etc/kiln/profile-signing.pub', keypair().pub);
        place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
        setBootparams(s, c.params());
        const run = await runAgent(s);
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.equal(run.report.status, 'invalid');
        const rejected = run.report['rejected'] as Array<{ source: string; reason: string }>;
        assert.equal(rejected.length, 1);
        assert.match(rejected[0]!.reason, c.why);
        assert.match(run.stdout + run.stderr, /REFUSED/);
        assert.deepEqual(s.mutations(), []);
        assert.deepEqual(invoked(s), ['bootparams', 'zpool list -H -o name'], 'the embedded copy is not a way around a refusal');
      });
    }

    test('fallback: an invalid new profile is refused and the last good one applied (status fallback, exit 1)', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
      assert.equal((await runAgent(s)).code, 0);
      const boot = place(s, 'system/boot/kiln/profile.yaml', BAD);
      const run = await runAgent(s);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.report.status, 'fallback');
      assert.equal((run.report['profile'] as { source: string }).source, `last-good:${path.join(s.root, 'zones/kiln/last-good.yaml')}`);
      assert.match(String(run.report['fallback_reason']), new RegExp(`bootfs:${boot}: invalid`));
      assert.match(run.stdout, /FALLBACK/);
      assert.match(run.stderr, /error: \$\.zones\[1\]\.brand/);
      assert.deepEqual(s.mutations(), []);
      assert.equal(fs.readFileSync(path.join(s.root, 'zones/kiln/last-good.yaml'), 'utf8'), HOME_TEXT, 'the last good copy is kept');
    });

    test('fallback after an integrity failure, too', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
      assert.equal((await runAgent(s)).code, 0);
      server.routes['/home.yaml'] = { body: HOME_TEXT.replace('quota: 5G', 'quota: 6G') };
      setBootparams(s, { 'kiln.profile': `${base}/home.yaml`, 'kiln.sha256': sha(HOME_TEXT) });
      const run = await runAgent(s);
      assert.equal(run.code, 1);
      assert.equal(run.report.status, 'fallback');
      assert.match(String(run.report['fallback_reason']), /sha256 mismatch/);
    });

    test('an unreachable URL: every attempt logged, then the next source', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      server.routes['/down.yaml'] = { status: 503, body: 'busy' };
      setBootparams(s, { 'kiln.profile': `${base}/down.yaml`, 'kiln.sha256': sha(HOME_TEXT), 'kiln.fetch_timeout': '2' });
      place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /attempt 1: HTTP 503; retrying in 0\.5s/);
      assert.match(run.stdout, /attempt 2: HTTP 503; retrying in 1\.0s/);
      assert.match(String((run.report['profile'] as { source: string }).source), /^embedded:/);
      assert.match((run.report['rejected'] as Array<{ reason: string }>)[0]!.reason, /could not fetch/);
    });

    test('no profile anywhere: exit 2, one line naming every place looked, only bootparams run', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const run = await runAgent(s);
      assert.equal(run.code, 2);
      assert.deepEqual(invoked(s), ['bootparams']);
      const line = run.stderr.split('\n').filter((l) => /no profile found/.test(l))[0] || '';
      for (const where of ['kiln.profile', 'system/boot/kiln/profile.yaml', 'usbkey/kiln/profile.yaml', 'labelled KILN', 'etc/kiln/profile.yaml']) assert.ok(line.indexOf(where) >= 0, `${where} in: ${line}`);
      assert.equal(run.report.status, 'invalid');
    });
  });

  describe(`rescue knobs (${node.name})`, () => {
    test('kiln.noimport=true: no pool imported, nothing on a pool touched, all reported skipped', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
      setBootparams(s, { 'kiln.noimport': 'true' });
      const run = await runAgent(s);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.report.status, 'degraded');
      const o = s.outcomes(run);
      for (const id of ['pool/zones', 'dataset/zones/data', 'zone/web', 'zone/db', 'zone/win']) assert.equal(o[id], 'skipped', id);
      assert.equal(o['vnic/wan0'], 'created');
      assert.match(run.report.resources.filter((r) => r.id === 'zone/web')[0]!.error || '', /^kiln\.noimport=true/);
      assert.ok(!s.mutations().some((m) => /^(zpool|zfs|zonecfg|zoneadm)/.test(m)), s.mutations().join('\n'));
      assert.deepEqual(run.report['knobs'], ['kiln.noimport=true']);
      assert.ok(!fs.existsSync(path.join(s.root, 'zones/kiln/last-good.yaml')), 'a rescue run is not a last good one');
    });

    test('kiln.skip=guests and kiln.skip=zones', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'etc/kiln/profile.yaml', HOME_TEXT);
      setBootparams(s, { 'kiln.skip': 'guests' });
      let run = await runAgent(s);
      let o = s.outcomes(run);
      assert.equal(o['zone/win'], 'skipped');
      assert.equal(o['zone/web'], 'created');
      assert.ok(!s.mutations().some((m) => / win\b/.test(m) && /zonecfg|zoneadm/.test(m)));
      setBootparams(s, { 'kiln.skip': 'zones' });
      run = await runAgent(s);
      o = s.outcomes(run);
      assert.equal(o['zone/web'], 'skipped');
      assert.equal(o['zone/db'], 'skipped');
      assert.equal(o['zone/win'], 'created');
      assert.match(run.report.resources.filter((r) => r.id === 'zone/db')[0]!.error || '', /kiln\.skip=zones/);
    });

    test('kiln.disable=true: nothing read, nothing changed, status disabled, exit 0', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'etc/kiln/profile.yaml', BAD);
      setBootparams(s, { 'kiln.disable': 'true' });
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.report.status, 'disabled');
      assert.deepEqual(invoked(s), ['bootparams']);
      assert.match(run.stdout, /kiln: disabled/);
    });

    test('linux: the bare word kiln.disable on /proc/cmdline', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      place(s, 'proc/cmdline', 'BOOT_IMAGE=/vmlinuz ro kiln.disable quiet\n');
      const run = await runAgent(s, ['--platform', 'linux']);
      assert.equal(run.code, 0);
      assert.equal(run.report.status, 'disabled');
      assert.deepEqual(invoked(s), []);
    });
  });
}
