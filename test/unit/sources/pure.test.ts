// The pure parts of the sources: boot line parsers, knobs, URL variables,
// integrity checks, the backoff schedule.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { backoffSchedule, FETCH_BACKOFF, retry } from '../../../agent/sources/backoff.ts';
import { parseBootparams, parseCmdline } from '../../../agent/sources/boot-line.ts';
import { checkSha256, checkSignature } from '../../../agent/sources/integrity.ts';
import { activeKnobs, applyKnobs, knobsFrom } from '../../../agent/sources/knobs.ts';
import { poolNames } from '../../../agent/sources/last-good.ts';
import { firstPhysMac, paddedMac, smbiosUuid, substituteUrl, urlVars } from '../../../agent/sources/substitute.ts';
import { fetchTimeoutMs } from '../../../agent/sources/url.ts';
import { parseProfile } from '../../../agent/profile/index.ts';

describe('boot line', () => {
  test('bootparams output', () => {
    assert.deepEqual(parseBootparams('console=text\nsmartos=true\nkiln.profile=http://h/p.yaml?a=b\n\nbad\n'), { console: 'text', smartos: 'true', 'kiln.profile': 'http://h/p.yaml?a=b' });
  });
  test('kernel command line: values, bare words, quotes', () => {
    assert.deepEqual(parseCmdline('BOOT_IMAGE=/vmlinuz ro  kiln.disable quiet kiln.profile="http://h/a b.yaml" "kiln.skip=zones,guests"\n'), {
      BOOT_IMAGE: '/vmlinuz', ro: 'true', 'kiln.disable': 'true', quiet: 'true', 'kiln.profile': 'http://h/a b.yaml', 'kiln.skip': 'zones,guests',
    });
  });
});

const PROFILE = parseProfile(`apiVersion: kiln/v1
kind: Host
metadata: { name: k }
pools:
  - name: zones
    datasets: [ { name: data } ]
network: { etherstubs: [ stub0 ] }
zones:
  - { name: web, brand: joyent }
  - { name: win, brand: bhyve, ram: 1G, vcpus: 1, disks: [ { size: 10G, boot: true } ] }
`, 'k.yaml').profile!;

describe('knobs', () => {
  test('read from the boot line; the platform noimport counts too', () => {
    const k = knobsFrom({ 'kiln.skip': 'zones, Guests,vms', 'kiln.disable': 'false' });
    assert.deepEqual(k, { disable: false, noimport: false, skipZones: true, skipGuests: true, unknownSkips: ['vms'] });
    assert.equal(knobsFrom({ noimport: 'true' }).noimport, true);
    assert.deepEqual(activeKnobs(knobsFrom({ noimport: 'true', 'kiln.disable': 'true' }), { noimport: 'true', 'kiln.disable': 'true' }), ['kiln.disable=true', 'noimport=true']);
  });
  test('none: the profile is untouched', () => {
    const r = applyKnobs(PROFILE, knobsFrom({}));
    assert.equal(r.profile, r.profile);
    assert.deepEqual(r.skipped, []);
    assert.equal(r.profile.zones.length, 2);
  });
  test('noimport: no pools, datasets or zones reach the planner; the network stays', () => {
    const r = applyKnobs(PROFILE, knobsFrom({ 'kiln.noimport': 'true' }));
    assert.deepEqual(r.profile.pools, []);
    assert.deepEqual(r.profile.zones, []);
    assert.deepEqual(r.profile.network.etherstubs, ['stub0']);
    assert.deepEqual(r.skipped.map((s) => s.id), ['pool/zones', 'dataset/zones/data', 'zone/web', 'zone/win']);
    assert.match(r.skipped[0]!.reason, /^kiln\.noimport=true: /);
  });
  test('skip=guests and skip=zones', () => {
    const g = applyKnobs(PROFILE, knobsFrom({ 'kiln.skip': 'guests' }));
    assert.deepEqual(g.profile.zones.map((z) => z.name), ['web']);
    assert.deepEqual(g.skipped, [{ id: 'zone/win', reason: 'kiln.skip=guests: kvm and bhyve guests are left alone' }]);
    const z = applyKnobs(PROFILE, knobsFrom({ 'kiln.skip': 'zones' }));
    assert.deepEqual(z.profile.zones.map((x) => x.name), ['win']);
    assert.equal(z.profile.pools.length, 1);
  });
});

describe('URL variables', () => {
  test('substitution, only what the URL names', () => {
    assert.deepEqual(urlVars('http://h/${hostname}/${mac}.yaml'), ['mac', 'hostname']);
    assert.deepEqual(substituteUrl('http://h/${mac}/${uuid}/${hostname}', { mac: '00:0c:29:5d:1a:10', uuid: 'ABCDEF01-2345-6789-ABCD-EF0123456789', hostname: 'n1.lab' }), { url: 'http://h/00:0c:29:5d:1a:10/abcdef01-2345-6789-abcd-ef0123456789/n1.lab' });
    assert.match((substituteUrl('http://h/${uuid}', {}) as { error: string }).error, /uuid is unknown/);
    assert.match((substituteUrl('http://h/${hostname}', { hostname: 'a/../b' }) as { error: string }).error, /is not one/);
  });
  test('MACs are zero-padded lower-case; the first physical link wins', () => {
    assert.equal(paddedMac('0:C:29:5d:1a:1'), '00:0c:29:5d:1a:01');
    assert.equal(paddedMac('zz'), null);
    assert.equal(firstPhysMac('e1000g0:0\\:c\\:29\\:5d\\:1a\\:10\ne1000g1:0\\:c\\:29\\:5d\\:1a\\:11\n'), '00:0c:29:5d:1a:10');
  });
  test('smbios UUID', () => {
    assert.equal(smbiosUuid('ID    SIZE TYPE\n0     111  SMB_TYPE_SYSTEM\n\n  Manufacturer: QEMU\n  UUID: 44454C4C-3000-1051-8052-B4C04F594D31\n'), '44454c4c-3000-1051-8052-b4c04f594d31');
  });
  test('zpool list names', () => {
    assert.deepEqual(poolNames('zones\ndata\n\n'), ['zones', 'data']);
  });
});

describe('integrity', () => {
  const bytes = Buffer.from('apiVersion: kiln/v1\n');
  const hex = crypto.createHash('sha256').update(bytes).digest('hex');
  test('sha256', () => {
    assert.equal(checkSha256(bytes, hex.toUpperCase()), null);
    assert.match(checkSha256(bytes, '0'.repeat(64))!, /sha256 mismatch/);
    assert.match(checkSha256(bytes, 'xyz')!, /not 64 hex digits/);
  });
  test('ed25519: a key made and a signature made by Node verify; anything else does not', () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('base64') + '\n';
    const sig = crypto.sign(null, bytes, privateKey).toString('base64');
    assert.equal(checkSignature(bytes, sig, raw), null);
    assert.match(checkSignature(Buffer.from('apiVersion: kiln/v2\n'), sig, raw)!, /bad signature/);
    const other = crypto.generateKeyPairSync('ed25519');
    assert.match(checkSignature(bytes, crypto.sign(null, bytes, other.privateKey).toString('base64'), raw)!, /bad signature/);
    assert.match(checkSignature(bytes, 'AAAA', raw)!, /64-byte/);
    assert.match(checkSignature(bytes, sig, 'short\n')!, /32-byte/);
  });
});

describe('backoff', () => {
  test('0.5 s doubling to 5 s inside the total', () => {
    assert.deepEqual(backoffSchedule(FETCH_BACKOFF), [500, 1000, 2000, 4000, 5000, 5000, 5000, 5000]);
    assert.deepEqual(backoffSchedule({ ...FETCH_BACKOFF, totalMs: 2000 }), [500, 1000]);
    assert.equal(fetchTimeoutMs('2.5'), 2500);
    assert.equal(fetchTimeoutMs('nope'), 30000);
  });
  test('retry stops at the deadline, logging each attempt', async () => {
    let t = 0;
    const lines: string[] = [];
    const r = await retry({ ...FETCH_BACKOFF, totalMs: 4000 }, { now: () => t, sleep: async (ms) => { t += ms; }, log: (l) => lines.push(l) }, 'x', async () => {
      t += 100;
      return { retry: 'ECONNREFUSED' };
    });
    assert.deepEqual(r, { error: 'ECONNREFUSED', attempts: 4 });
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /attempt 1: ECONNREFUSED; retrying in 0\.5s/);
    assert.match(lines[3]!, /out of time/);
    assert.ok(t <= 4000);
  });
  test('a final answer is not retried', async () => {
    const r = await retry(FETCH_BACKOFF, { now: () => 0, sleep: async () => undefined, log: () => undefined }, 'x', async () => ({ fail: 'HTTP 404' }));
    assert.deepEqual(r, { error: 'HTTP 404', attempts: 1 });
  });
});
