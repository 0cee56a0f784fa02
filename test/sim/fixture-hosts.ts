// The hosts the captured fixtures describe (test/fixtures/illumos/host-*), as
// SimStates: replaying their listing commands must print the fixtures byte for byte.
import { fixtureText } from './paths.ts';
import { addDataset, addEtherstub, addPool, addVnic, addZone, configureZone, emptyHost, mirror, physLink, raidz, setZoneState, smartosSystemDatasets } from './presets.ts';
import type { SimState } from './state.ts';

const G = 2 ** 30;

/** host-a: SmartOS before the agent: pool `zones` importable, not imported. */
export function hostA(): SimState {
  const s = emptyHost('smartos');
  s.hostname = 'cn-a';
  s.links.push(
    physLink('ixgbe0', '0:1b:21:9c:4e:10', { speed: 10000 }),
    physLink('ixgbe1', '0:1b:21:9c:4e:11', { speed: 10000 }),
    physLink('igb0', '0:1b:21:9c:4e:12', { state: 'down', speed: 0, duplex: 'unknown' }),
  );
  s.bootparams = { console: 'ttyb', 'ttyb-mode': '115200,8,n,1,-', smartos: 'true', admin_nic: '0:1b:21:9c:4e:10', external_nic: '0:1b:21:9c:4e:11' };
  addPool(s, {
    name: 'zones',
    guid: '7390318372873224467',
    vdevs: [mirror('c0t5000CCA25C41B2D1d0', 'c0t5000CCA25C41C0F5d0'), mirror('c0t5000CCA25C41D7A9d0', 'c0t5000CCA25C41E310d0')],
    logs: [mirror('c1t0d0', 'c1t1d0')],
    cache: ['c2t0d0'],
    spares: ['c0t5000CCA25C41F001d0'],
    size: 3985729650688,
    importable: true,
    rootDataset: false,
  });
  smartosSystemDatasets(s, 'zones');
  return s;
}

const B1 = '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01';
const B2 = '9b3c1a60-2f6e-4c55-8f43-6a7d2b0c3e02';
const B3 = '5a02245a-422c-4e0a-c5f8-fd6fac1ac04e';
const B4 = 'e8d1f4b2-6a3c-4d7e-9f01-2b3c4d5e6f05';
const B5 = 'c1a7e0d2-4b9f-4e8a-a5c3-0d9e8f7a6b03';

function minimalCfg(uuid: string, brand: string, nets: string): string {
  return `create -b\nset zonepath=/zones/${uuid}\nset brand=${brand}\nset uuid=${uuid}\nset ip-type=exclusive\nset autoboot=true\n${nets}set cpu-shares=100\nset max-lwps=2000\nset zfs-io-priority=100\nadd capped-memory; set physical=512m; set locked=512m; set swap=512m; end\ncommit\n`;
}

/** host-b: SmartOS steady state (four running instances, one installed). */
export function hostB(): SimState {
  const s = emptyHost('smartos');
  s.hostname = 'cn-b';
  s.links.push(physLink('ixgbe0', '0:1b:21:9c:4e:10', { speed: 10000 }), physLink('ixgbe1', '0:1b:21:9c:4e:12', { speed: 10000, mtu: 9000 }));
  addEtherstub(s, 'stub0');
  addVnic(s, { name: 'external0', over: 'ixgbe1', mac: '0:1b:21:9c:4e:11' });
  s.bootparams = { console: 'ttyb', smartos: 'true', admin_nic: '0:1b:21:9c:4e:10', external_nic: '0:1b:21:9c:4e:12' };
  addPool(s, {
    name: 'zones',
    guid: '12818295434738215591',
    vdevs: [raidz(2, 'c0t0d0', 'c0t1d0', 'c0t2d0', 'c0t3d0', 'c0t4d0', 'c0t5d0')],
    size: 11991548833792,
    alloc: 2405181685760,
    rootDataset: false,
  });
  const pool = s.pools[0];
  if (pool) pool.scan = 'scrub repaired 0 in 0 days 02:41:07 with 0 errors on Sun Mar  3 05:41:07 2024';
  smartosSystemDatasets(s, 'zones');
  const img = '1d05e788-5409-11eb-b12f-037bd7fee4ee';
  addDataset(s, `zones/${img}`);
  addDataset(s, `zones/${img}@final`, 'snapshot');
  for (const [u, quota] of [
    [B3, 10],
    [B1, 20],
    [B2, 20],
    [B5, 20],
    [B4, 0],
  ] as const) {
    addDataset(s, `zones/${u}`, 'filesystem', quota ? { quota: String(quota * G) } : {});
    addDataset(s, `zones/cores/${u}`, 'filesystem', { mountpoint: `/zones/${u}/cores`, quota: String(100 * G) });
  }
  addDataset(s, `zones/${B3}-disk0`, 'volume', { volsize: String(10 * G) });
  addDataset(s, `zones/${B3}-disk1`, 'volume', { volsize: '104857600' });
  addDataset(s, `zones/${B4}/disk0`, 'volume', { volsize: String(20 * G) });

  const joyent = configureZone(s, B1, fixtureText('examples/zonecfg-smartos-joyent.cfg'));
  const minimal = configureZone(
    s,
    B2,
    minimalCfg(
      B2,
      'joyent-minimal',
      'add net; set physical=net0; set mac-addr=90:b8:d0:4f:a0:7; set global-nic=admin; end\nadd net; set physical=net1; set mac-addr=90:b8:d0:4f:a0:8; set global-nic=stub0; end\n',
    ),
  );
  const kvm = configureZone(s, B3, fixtureText('examples/zonecfg-smartos-kvm.cfg'));
  const bhyve = configureZone(s, B4, fixtureText('examples/zonecfg-smartos-bhyve.cfg'));
  const lx = configureZone(s, B5, minimalCfg(B5, 'lx', 'add net; set physical=net0; set mac-addr=90:b8:d0:c1:a7:e0; set global-nic=admin; end\n'));
  [joyent.debugid, minimal.debugid, kvm.debugid, bhyve.debugid, lx.debugid] = [1, 2, 13985, 5, 4];
  setZoneState(s, joyent, 'running', 1);
  setZoneState(s, minimal, 'running', 2);
  setZoneState(s, kvm, 'running', 3);
  setZoneState(s, bhyve, 'running', 4);
  setZoneState(s, lx, 'installed');
  joyent.usage = { 'zone.cpu-cap': '37', 'zone.max-lwps': '187', 'zone.max-physical-memory': '301989888', 'zone.max-swap': '346030080' };
  for (const z of [joyent, minimal, kvm, bhyve, lx]) z.dataset = `zones/${z.name}`;
  // The VNICs the brand boot hooks created for the running instances.
  addVnic(s, { name: 'net0', over: 'ixgbe0', mac: '90:b8:d0:a:1:5c', zone: B1, nsZone: B1, temporary: true });
  addVnic(s, { name: 'net0', over: 'ixgbe0', mac: '90:b8:d0:4f:a0:7', zone: B2, nsZone: B2, temporary: true });
  addVnic(s, { name: 'net1', over: 'stub0', mac: '90:b8:d0:4f:a0:8', zone: B2, nsZone: B2, temporary: true });
  addVnic(s, { name: 'net0', over: 'ixgbe0', mac: 'b2:db:d2:3f:36:d9', zone: B3, nsZone: B3, temporary: true });
  addVnic(s, { name: 'net0', over: 'ixgbe1', mac: '90:b8:d0:1:2:3', vid: 120, zone: B4, nsZone: B4, temporary: true });
  s.kstat['zfs:0:arcstats:c_max'] = '133143986176';
  s.kstat['zfs:0:arcstats:size'] = '96254001152';
  s.kstat['unix:0:system_pages:physmem'] = '67108864';
  s.counters.debugId = 13986;
  return s;
}

/** The populated SmartOS preset is host-b. */
export function populatedHost(): SimState {
  return hostB();
}

/** host-c: vanilla illumos with zones in every state and GZ VNICs. */
export function hostC(): SimState {
  const s = emptyHost('illumos');
  s.hostname = 'omni-c';
  s.links.push(
    physLink('ixgbe0', '0:1b:21:aa:0:1', { speed: 10000 }),
    physLink('igb0', '0:1b:21:aa:0:2', { speed: 1000 }),
    physLink('igb1', '0:1b:21:aa:0:3', { state: 'unknown', speed: 0, duplex: 'unknown' }),
  );
  addEtherstub(s, 'stub0');
  addVnic(s, { name: 'web01_0', over: 'ixgbe0', mac: '2:8:20:a1:b2:c3', macType: 'random', zone: 'web01' });
  addVnic(s, { name: 'db01_0', over: 'ixgbe0', mac: '2:8:20:d:b:1', vid: 30, maxbw: 100000000, priority: 'medium' });
  addVnic(s, { name: 'vm01_0', over: 'stub0', mac: '2:8:20:0:0:f', macType: 'random', zone: 'vm01', mtu: 9000 });
  addPool(s, {
    name: 'data',
    guid: '3520463251738455232',
    vdevs: [raidz(2, 'c2t0d0', 'c2t1d0', 'c2t2d0', 'c2t3d0', 'c2t4d0', 'c2t5d0')],
    logs: [mirror('c3t0d0', 'c3t1d0')],
    cache: ['c4t0d0'],
    spares: ['c2t6d0'],
    size: 23991998504960,
  });
  addPool(s, { name: 'rpool', guid: '16052813290468119312', vdevs: [mirror('c1t0d0', 'c1t1d0')], size: 480103981056 });
  addDataset(s, 'data/zones', 'filesystem', { mountpoint: '/zones' });
  addDataset(s, 'data/zones/broken01');
  addDataset(s, 'data/zones/db01', 'filesystem', { quota: String(200 * G) });
  addDataset(s, 'data/zones/vm01');
  addDataset(s, 'data/zones/vm01/root', 'volume', { volsize: String(32 * G) });
  addDataset(s, 'data/zones/vm01/root@pre-upgrade', 'snapshot');
  addDataset(s, 'data/zones/web01', 'filesystem', { quota: String(50 * G) });
  addDataset(s, 'rpool/ROOT', 'filesystem', { mountpoint: 'legacy' });
  addDataset(s, 'rpool/ROOT/omnios-r151046', 'filesystem', { mountpoint: '/' });
  addDataset(s, 'rpool/dump', 'volume', { volsize: String(8 * G) });
  addDataset(s, 'rpool/swap', 'volume', { volsize: String(4 * G) });

  const web01 = configureZone(s, 'web01', fixtureText('examples/zonecfg-illumos-sparse-web01.cfg'));
  web01.config.uuid = '4f5e2a1c-9d3b-e86a-b0c7-a1f2e3d4c5b6';
  web01.debugid = 3;
  web01.usage = { 'zone.max-physical-memory': '734003200' };
  addZone(s, { name: 'db01', brand: 'lipkg', state: 'installed', uuid: '7b6a5c4d-3e2f-c1a0-9b8c-7d6e5f4a3b2c', debugid: 4, zonecfg: 'add net; set physical=db01_0; end' });
  addZone(s, { name: 'build01', brand: 'sparse', state: 'configured', debugid: 6 });
  addZone(s, { name: 'broken01', brand: 'lipkg', state: 'incomplete', uuid: '2a3b4c5d-6e7f-8091-a2b3-c4d5e6f70819', debugid: 7 });
  const vm01 = addZone(s, {
    name: 'vm01',
    brand: 'bhyve',
    uuid: '0c9d8e7f-6a5b-4c3d-e2f1-0a9b8c7d6e5f',
    debugid: 5,
    zonecfg: 'add net; set physical=vm01_0; add property (name=primary, value="true"); end\nadd attr; set name=ram; set type=string; set value=2048; end',
  });
  addZone(s, {
    name: 'legacy01',
    brand: 'ipkg',
    zonepath: '/export/zones/legacy:01',
    ipType: 'shared',
    state: 'installed',
    uuid: '9e8d7c6b-5a49-3827-1605-f4e3d2c1b0a9',
    debugid: 2,
  });
  setZoneState(s, web01, 'running', 3);
  setZoneState(s, vm01, 'running', 5);
  s.kstat['zfs:0:arcstats:c_max'] = '32212254720';
  s.counters.debugId = 8;
  return s;
}

/** host-g: vanilla illumos before the agent configures app01 (ids and uuid as captured). */
export function hostG(): SimState {
  const s = emptyHost('illumos');
  s.hostname = 'omni-g';
  s.links.push(physLink('e1000g0', '0:c:29:aa:bb:1'));
  addVnic(s, { name: 'app01_0', over: 'e1000g0', mac: '2:8:20:9:8:7', macType: 'random' });
  s.counters.debugId = 9;
  s.counters.zoneId = 7;
  s.knobs.uuids = ['a0b1c2d3-e4f5-c6a7-b8c9-d0e1f2a3b4c5'];
  return s;
}
