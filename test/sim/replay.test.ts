// Replay: a sim seeded with each fixture host prints the captured outputs byte for byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PresetName } from './host.ts';
import { fixture, sim, tmpHost } from './test-util.ts';

const B1 = '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01';
const ZFS_LIST = ['zfs', 'list', '-H', '-p', '-o', 'name,type,volsize,quota,mountpoint', '-t', 'all'];
const ZFS_LIST_FILE = 'zfs-list-Hp-o-name,type,volsize,quota,mountpoint-t-all';

const COMMON: Array<[string[], string]> = [
  [['dladm', 'show-etherstub', '-p'], 'dladm-show-etherstub-p'],
  [['dladm', 'show-link', '-p', '-o', 'link,class,over,state'], 'dladm-show-link-p-o-link,class,over,state'],
  [['dladm', 'show-link'], 'dladm-show-link'],
  [['dladm', 'show-phys', '-p', '-o', 'link,media,state,device'], 'dladm-show-phys-p-o-link,media,state,device'],
  [['dladm', 'show-phys'], 'dladm-show-phys'],
  [['dladm', 'show-vnic', '-p', '-o', 'link,over,vid,macaddress,zone'], 'dladm-show-vnic-p-o-link,over,vid,macaddress,zone'],
  [ZFS_LIST, ZFS_LIST_FILE],
  [['zoneadm', 'list', '-cp'], 'zoneadm-list-cp'],
  [['zpool', 'import'], 'zpool-import'],
  [['zpool', 'list', '-H', '-p', '-o', 'name,size,health,guid'], 'zpool-list-Hp-o-name,size,health,guid'],
  [['zpool', 'status', '-x'], 'zpool-status-x'],
];

const CASES: Record<string, Array<[string[], string]>> = {
  'host-a': [...COMMON, [['zfs', 'list'], 'zfs-list'], [['zpool', 'list'], 'zpool-list']],
  'host-b': [
    ...COMMON,
    [['dladm', 'show-vnic'], 'dladm-show-vnic'],
    [['kstat', '-p', 'zfs:0:arcstats:c_max'], 'kstat-p-zfs-0-arcstats-c_max'],
    [['kstat', '-p', 'zfs:0:arcstats:size'], 'kstat-p-zfs-0-arcstats-size'],
    ...[
      'cpu-baseline',
      'cpu-cap',
      'cpu-shares',
      'max-locked-memory',
      'max-lwps',
      'max-physical-memory',
      'max-swap',
      'zfs-io-priority',
    ].map((r): [string[], string] => [['prctl', '-P', '-n', `zone.${r}`, '-i', 'zone', B1], `prctl-P-n-zone.${r}-i-zone-${B1}`]),
    [['zoneadm', 'list', '-cv'], 'zoneadm-list-cv'],
    [['zoneadm', 'list', '-p'], 'zoneadm-list-p'],
    [['zpool', 'import', 'zones'], 'zpool-import-zones'],
    [['zpool', 'status', 'zones'], 'zpool-status-zones'],
  ],
  'host-c': [
    ...COMMON,
    [['dladm', 'show-vnic'], 'dladm-show-vnic'],
    ...['db01_0', 'vm01_0', 'web01_0'].map((l): [string[], string] => [
      ['dladm', 'show-linkprop', '-c', '-o', 'link,property,value', '-p', 'maxbw,priority', l],
      `dladm-show-linkprop-c-o-link,property,value-p-maxbw,priority-${l}`,
    ]),
    [['kstat', '-p', 'zfs:0:arcstats:c_max'], 'kstat-p-zfs-0-arcstats-c_max'],
    [['prctl', '-P', '-n', 'zone.max-physical-memory', '-i', 'zone', 'web01'], 'prctl-P-n-zone.max-physical-memory-i-zone-web01'],
    [['zoneadm', 'list', '-cv'], 'zoneadm-list-cv'],
    [['zpool', 'status', 'data'], 'zpool-status-data'],
  ],
};

for (const [host, cases] of Object.entries(CASES)) {
  describe(`replay ${host}`, () => {
    const h = tmpHost(host as PresetName);
    for (const [argv, file] of cases) {
      it(argv.join(' '), () => {
        const want = fixture(`${host}/${file}`);
        const got = sim(h, argv);
        assert.equal(got.stdout, want.stdout);
        assert.equal(got.stderr, want.stderr);
        assert.equal(got.code, want.code);
      });
    }
    it('logged every listing as non-mutating', () => {
      const inv = h.invocations();
      assert.ok(inv.length >= cases.length);
      assert.deepEqual(
        inv.filter((i) => i.mutating).map((i) => i.argv.join(' ')),
        host === 'host-b' ? ['zpool import zones'] : [],
      );
    });
  });
}
