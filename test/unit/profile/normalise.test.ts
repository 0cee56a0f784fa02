// What the planner sees: defaults applied, sizes in bytes, names resolved.
// Profiles go through parseProfile so only valid documents are normalised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic, parseProfile } from '../../../agent/profile/index.ts';
import type { Profile } from '../../../agent/profile/index.ts';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function profile(body: string): Profile {
  const r = parseProfile(`apiVersion: kiln/v1\nkind: Host\nmetadata: { name: t }\n${body}`, 't.yaml');
  assert.deepEqual(r.diagnostics.map((d) => formatDiagnostic(d)), []);
  assert.ok(r.profile);
  return r.profile;
}

const NET = 'network:\n  vnics:\n    - { name: a0, over: e1000g0 }\n    - { name: b0, over: e1000g0 }\n';

test('zones: autoboot defaults to true; false stays false', () => {
  const p = profile(`pools: [ { name: zones } ]\nzones:\n  - { name: a, brand: joyent }\n  - { name: b, brand: joyent, autoboot: false }\n`);
  assert.deepEqual(p.zones.map((z) => z.autoboot), [true, false]);
});

test('zones: the first net is primary unless one says so', () => {
  const p = profile(`pools: [ { name: zones } ]\n${NET}zones:\n  - { name: a, brand: joyent, nets: [ { physical: a0 }, { physical: b0 } ] }\n`);
  assert.deepEqual(p.zones[0]?.nets.map((n) => n.primary), [true, false]);
  const q = profile(`pools: [ { name: zones } ]\n${NET}zones:\n  - { name: a, brand: joyent, nets: [ { physical: a0 }, { physical: b0, primary: true } ] }\n`);
  assert.deepEqual(q.zones[0]?.nets.map((n) => n.primary), [false, true]);
});

test('guests: max_physical_memory defaults to ram plus the hypervisor overhead (bhyve 1280 MiB, kvm 1024 MiB)', () => {
  const p = profile(`pools: [ { name: zones } ]\nzones:\n  - { name: b, brand: bhyve, ram: 4G, disks: [ { size: 10G, boot: true } ] }\n  - { name: k, brand: kvm, ram: 2048, disks: [ { size: 10G, boot: true } ] }\n  - { name: c, brand: bhyve, ram: 1G, max_physical_memory: 3G, disks: [ { size: 10G, boot: true } ] }\n`);
  assert.equal(p.zones[0]?.caps.max_physical_memory, 4 * GIB + 1280 * MIB);
  assert.equal(p.zones[1]?.caps.max_physical_memory, 2 * GIB + 1024 * MIB);
  assert.equal(p.zones[2]?.caps.max_physical_memory, 3 * GIB);
  assert.deepEqual(p.zones[0]?.guest, { ram: 4 * GIB, vcpus: 1, disks: [{ boot: true, media: 'disk', size: 10 * GIB }] });
});

test('OS zones get no guest and no memory cap they did not ask for', () => {
  const p = profile(`pools: [ { name: zones } ]\nzones:\n  - { name: a, brand: lx }\n`);
  assert.equal(p.zones[0]?.guest, undefined);
  assert.deepEqual(p.zones[0]?.caps, {});
});

test('zonepath defaults to /<pool>/<name>', () => {
  const p = profile(`pools: [ { name: zones }, { name: tank } ]\nzones:\n  - { name: a, brand: joyent }\n  - { name: b, brand: joyent, pool: tank }\n  - { name: c, brand: joyent, zonepath: /tank/custom/c }\n`);
  assert.deepEqual(p.zones.map((z) => [z.pool, z.zonepath]), [['zones', '/zones/a'], ['tank', '/tank/b'], ['zones', '/tank/custom/c']]);
});

test('system pool: the one marked system, else zones, else the first', () => {
  const sys = (pools: string) => profile(`pools: ${pools}\nzones:\n  - { name: a, brand: joyent }\n`);
  const table: Array<[string, string]> = [
    ['[ { name: tank }, { name: zones }, { name: fast, system: true } ]', 'fast'],
    ['[ { name: tank }, { name: zones } ]', 'zones'],
    ['[ { name: tank }, { name: data } ]', 'tank'],
  ];
  for (const [pools, want] of table) {
    const p = sys(pools);
    assert.deepEqual(p.pools.filter((x) => x.system).map((x) => x.name), [want], pools);
    assert.equal(p.zones[0]?.pool, want, pools);
  }
});

test('MACs are normalised to the form dladm prints', () => {
  const p = profile(`pools: [ { name: zones } ]\nnetwork:\n  nic_tags: [ { name: ext, mac: "00:0C:29:5A:01:10" } ]\n  vnics:\n    - { name: a0, over: ext, mac: "02:08:20:0A:01:5C" }\n    - { name: b0, over: ext }\n    - { name: c0, over: ext, mac: random }\n`);
  assert.equal(p.network.nic_tags[0]?.mac, '0:c:29:5a:1:10');
  assert.deepEqual(p.network.vnics.map((v) => v.mac), [{ kind: 'fixed', address: '2:8:20:a:1:5c' }, { kind: 'auto' }, { kind: 'random' }]);
});

test('units: sizes in bytes, bandwidth in bits/s, durations in ms; boot defaults', () => {
  const p = profile(`boot: { timeouts: { command: 90 } }\npools:\n  - name: zones\n    datasets: [ { name: d, quota: 10G, recordsize: 128K }, { name: v, volume: { size: 1T } } ]\nnetwork:\n  vnics: [ { name: a0, over: e1000g0, maxbw: 1200K }, { name: b0, over: e1000g0, maxbw: 100 } ]\n`);
  assert.deepEqual(p.boot, { strict: false, concurrency: 4, timeouts: { command: 90000, zone_boot: 300000, total: 1800000, report: 10000 } });
  assert.equal(p.pools[0]?.datasets[0]?.quota, 10 * GIB);
  assert.equal(p.pools[0]?.datasets[0]?.recordsize, 128 * 1024);
  assert.deepEqual(p.pools[0]?.datasets[1]?.volume, { size: 1024 * GIB, sparse: false });
  assert.deepEqual(p.network.vnics.map((v) => v.maxbw), [1.2e6, 100e6]);
});

test('arc: a fixed max, or the provisioner rule with min_percent 20 by default', () => {
  assert.deepEqual(profile('arc: { max: 8G }\n').arc, { mode: 'fixed', max: 8 * GIB });
  assert.deepEqual(profile('arc: { os_reserve: 4G }\n').arc, { mode: 'provisioner', os_reserve: 4 * GIB, min_percent: 20 });
  assert.equal(profile('pools: [ { name: zones } ]\n').arc, undefined);
});

test('files: mode is octal text, owner and group default to root', () => {
  const p = profile('files:\n  - { path: /etc/motd, content: hi }\n  - { path: /etc/x, source: x.txt, mode: "0600", owner: admin }\n');
  assert.deepEqual(p.files, [
    { path: '/etc/motd', mode: 0o644, owner: 'root', group: 'root', content: 'hi' },
    { path: '/etc/x', mode: 0o600, owner: 'admin', group: 'root', source: 'x.txt' },
  ]);
});

test('pool properties: booleans become on/off, keys sorted', () => {
  const p = profile('pools:\n  - name: zones\n    create:\n      vdevs: [ { type: mirror, disks: [ c1t0d0, c1t1d0 ] } ]\n      properties: { ashift: 12 }\n      filesystem_properties: { compression: lz4, atime: false }\n');
  assert.deepEqual(p.pools[0]?.create?.properties, { ashift: '12' });
  assert.deepEqual(Object.keys(p.pools[0]?.create?.filesystem_properties ?? {}), ['atime', 'compression']);
  assert.equal(p.pools[0]?.create?.filesystem_properties.atime, 'off');
  assert.deepEqual(p.pools[0]?.create?.vdevs, [{ type: 'mirror', disks: ['c1t0d0', 'c1t1d0'] }]);
});
