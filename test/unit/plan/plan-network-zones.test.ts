import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ZoneConfig } from '../../../agent/host/facts.ts';
import { plan } from '../../../agent/plan/plan.ts';
import { desiredZoneConfig } from '../../../agent/plan/zone-config.ts';
import { emptyFacts, PHYS, profileOf } from './_facts.ts';

const Y = `apiVersion: kiln/v1
kind: Host
metadata: { name: t }
pools: [ { name: zones } ]
network:
  nic_tags: [ { name: external, mac: "00:0C:29:5A:01:10" } ]
  etherstubs: [ stub0 ]
  vnics:
    - { name: wan0, over: external, vlan_id: 12, maxbw: 100M }
    - { name: lan0, over: stub0 }
zones:
  - name: web
    brand: joyent
    nets: [ { physical: wan0 }, { physical: lan0 } ]
    max_physical_memory: 1G
    cpu_cap: 100
`;
const POOLS = [{ name: 'zones', size: 1, health: 'ONLINE', guid: '1', disks: [] }];

test('a fresh host: etherstub → VNICs (nic tag found by MAC) → configure → install → boot', () => {
  const p = plan(profileOf(Y), emptyFacts({ pools: POOLS, phys: PHYS }));
  assert.deepEqual(p.actions.map((a) => a.id), ['etherstub/stub0:create', 'vnic/wan0:create', 'vnic/lan0:create', 'zone/web:configure', 'zone/web:install', 'zone/web:boot']);
  const wan = p.actions[1];
  assert.equal(wan?.op.kind === 'createVnic' && wan.op.link, 'e1000g0');
  assert.deepEqual(p.actions[2]?.deps, ['etherstub/stub0:create']);
  assert.deepEqual(p.actions[3]?.deps, ['vnic/wan0:create', 'vnic/lan0:create']);
});

test('a nic tag whose MAC is on no NIC fails the VNIC and its zone waits', () => {
  const p = plan(profileOf(Y), emptyFacts({ pools: POOLS, phys: PHYS.slice(1) }));
  const wan = p.actions.filter((a) => a.resource === 'vnic/wan0')[0];
  assert.equal(wan?.op.kind, 'fail');
  assert.match(wan?.reason || '', /no physical NIC has MAC 0:c:29:5a:1:10/);
  assert.ok(p.actions.filter((a) => a.id === 'zone/web:configure')[0]?.deps.indexOf(wan?.id as string) !== -1);
});

test('a VNIC that exists over another link is reported, never replaced', () => {
  const p = plan(profileOf(Y), emptyFacts({ pools: POOLS, phys: PHYS, etherstubs: ['stub0'], vnics: [
    { link: 'wan0', over: 'e1000g1', vid: 12, mac: '2:8:20:1:2:3', maxbw: 100000000 },
    { link: 'lan0', over: 'stub0', vid: 0, mac: '2:8:20:1:2:4' },
  ] }));
  const wan = p.actions.filter((a) => a.resource === 'vnic/wan0');
  assert.equal(wan.length, 1);
  assert.equal(wan[0]?.op.kind, 'fail');
  assert.match(wan[0]?.reason || '', /over e1000g1.*kiln does not delete links/);
});

test('maxbw drift is set in place', () => {
  const p = plan(profileOf(Y), emptyFacts({ pools: POOLS, phys: PHYS, etherstubs: ['stub0'], vnics: [
    { link: 'wan0', over: 'e1000g0', vid: 12, mac: '2:8:20:1:2:3', maxbw: 50000000 },
    { link: 'lan0', over: 'stub0', vid: 0, mac: '2:8:20:1:2:4' },
  ] }));
  assert.deepEqual(p.actions.filter((a) => a.resource.indexOf('vnic/') === 0).map((a) => a.op), [{ kind: 'setLinkProps', link: 'wan0', props: { maxbw: '100M' } }]);
});

function runningWeb(config: ZoneConfig, rctls: Record<string, number | undefined>) {
  return emptyFacts({
    pools: POOLS, phys: PHYS, etherstubs: ['stub0'],
    vnics: [
      { link: 'wan0', over: 'e1000g0', vid: 12, mac: '2:8:20:1:2:3', zone: 'web', maxbw: 100000000 },
      { link: 'lan0', over: 'stub0', vid: 0, mac: '2:8:20:1:2:4', zone: 'web' },
    ],
    zones: [{ id: 1, name: 'web', state: 'running', zonepath: '/zones/web', uuid: '', brand: 'joyent', ipType: 'excl', config }],
    rctls: { web: rctls },
  });
}

function storedConfig(yaml: string): ZoneConfig {
  const z = profileOf(yaml).zones[0];
  if (!z) throw new Error('no zone');
  const d = desiredZoneConfig(z);
  const rctls: ZoneConfig['rctls'] = {};
  for (const r of d.rctls) rctls[r.name] = [{ priv: 'privileged', limit: String(r.limit), action: r.action }];
  const attrs: ZoneConfig['attrs'] = {};
  for (const k of Object.keys(d.attrs)) attrs[k] = { type: 'string', value: d.attrs[k] as string };
  return { name: z.name, zonepath: d.zonepath, autoboot: d.autoboot, brand: d.brand, ipType: 'exclusive', nets: d.nets.map((n) => ({ ...n })), devices: d.devices, rctls, attrs, datasets: [] };
}

test('a converged running zone plans nothing', () => {
  const p = plan(profileOf(Y), runningWeb(storedConfig(Y), { 'zone.max-physical-memory': 1073741824, 'zone.cpu-cap': 100 }));
  assert.deepEqual(p.actions, []);
});

test('a live cap that drifted is replaced with prctl -r; one never set is added with -s; no reboot', () => {
  const p = plan(profileOf(Y), runningWeb(storedConfig(Y), { 'zone.max-physical-memory': 2147483648 }));
  assert.deepEqual(p.actions.map((a) => a.op), [
    { kind: 'setRctl', zone: 'web', rctl: 'zone.max-physical-memory', value: 1073741824, replace: true },
    { kind: 'setRctl', zone: 'web', rctl: 'zone.cpu-cap', value: 100, replace: false },
  ]);
});

test('a changed cap goes to zonecfg and live; a halted zone gets zonecfg only, then boots', () => {
  const changed = Y.replace('cpu_cap: 100', 'cpu_cap: 200');
  const running = plan(profileOf(changed), runningWeb(storedConfig(Y), { 'zone.max-physical-memory': 1073741824, 'zone.cpu-cap': 100 }));
  assert.deepEqual(running.actions.map((a) => a.op.kind), ['updateZoneConfig', 'setRctl']);
  const facts = runningWeb(storedConfig(Y), {});
  (facts.zones[0] as { state: string }).state = 'installed';
  facts.rctls = {};
  const halted = plan(profileOf(changed), facts);
  assert.deepEqual(halted.actions.map((a) => a.op.kind), ['updateZoneConfig', 'bootZone']);
});

test('boot.strict: every boot waits for every other action', () => {
  const p = plan(profileOf(Y.replace('pools:', 'boot: { strict: true }\npools:')), emptyFacts({ pools: POOLS, phys: PHYS }));
  const boot = p.actions.filter((a) => a.op.kind === 'bootZone')[0];
  assert.deepEqual(boot?.deps, p.actions.filter((a) => a.op.kind !== 'bootZone').map((a) => a.id));
});

test('an incomplete zone is reported, not uninstalled', () => {
  const facts = runningWeb(storedConfig(Y), {});
  (facts.zones[0] as { state: string }).state = 'incomplete';
  const p = plan(profileOf(Y), facts);
  assert.equal(p.actions.length, 1);
  assert.match(p.actions[0]?.reason || '', /uninstall -F/);
});
