// Refusals: the real message on stderr, the real exit code, and no state change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PresetName } from './host.ts';
import type { SimState } from './state.ts';
import { sim, tmpHost } from './test-util.ts';

type Case = [seed: PresetName | (() => SimState), argv: string[], stderr: string | RegExp, code: number];

const PRCTL_USAGE = /\nusage:\n {4}Report resource control values and actions:\n/;

const CASES: Case[] = [
  // zpool
  ['host-b', ['zpool', 'import', 'zones'], "cannot import 'zones': a pool with that name is already created/imported,\nand no additional pools with that name were found\n", 1],
  ['host-a', ['zpool', 'import', 'tank'], "cannot import 'tank': no such pool available\n", 1],
  [
    () => {
      const s = tmpHost('host-a').read();
      const p = s.importable[0];
      if (p) p.foreign = { hostid: '7a3b9c1e', hostname: 'storage07', time: 'Tue Mar  5 10:22:31 2024' };
      return s;
    },
    ['zpool', 'import', 'zones'],
    "cannot import 'zones': pool was previously in use from another system.\nLast accessed by storage07 (hostid=7a3b9c1e) at Tue Mar  5 10:22:31 2024\nThe pool can be imported, use 'zpool import -f' to import the pool.\n",
    1,
  ],
  ['fresh-smartos', ['zpool', 'create', 'tank', 'c1t0d0'], "invalid vdev specification\nuse '-f' to override the following errors:\n/dev/dsk/c1t0d0s0 is part of potentially active pool 'zones'\n", 1],
  ['host-b', ['zpool', 'create', '-f', 'tank', 'c0t0d0'], "invalid vdev specification\nthe following errors must be manually repaired:\n/dev/dsk/c0t0d0s0 is part of active pool 'zones'\n", 1],
  ['fresh-smartos', ['zpool', 'create', 'tank', 'c9t9d9'], "cannot open 'c9t9d9': no such device in /dev/dsk\nmust be a full path or shorthand device name\n", 1],
  ['fresh-smartos', ['zpool', 'create', 'tank', 'log', 'c1t3d0'], 'invalid vdev specification: at least one toplevel vdev must be specified\n', 1],
  ['fresh-smartos', ['zpool', 'create', 'tank', 'c1t3d0', 'log'], 'invalid vdev specification: log requires at least 1 device\n', 1],
  ['fresh-smartos', ['zpool', 'create', 'tank/x', 'c1t3d0'], "cannot create 'tank/x': invalid character '/' in pool name\nuse 'zfs create' to create a dataset\n", 1],
  ['host-b', ['zpool', 'list', '-H', '-o', 'name', 'nope'], "cannot open 'nope': no such pool\n", 1],
  // zfs
  ['host-b', ['zfs', 'create', 'zones/archive'], "cannot create 'zones/archive': dataset already exists\n", 1],
  ['host-b', ['zfs', 'create', 'zones/a/b'], "cannot create 'zones/a/b': parent does not exist\n", 1],
  ['host-b', ['zfs', 'create', 'nopool/x'], "cannot create 'nopool/x': no such pool 'nopool'\n", 1],
  ['host-b', ['zfs', 'create', '-V', '0', 'zones/v'], "cannot create 'zones/v': volume size cannot be zero\n", 1],
  ['host-b', ['zfs', 'create', '-b', '8k', '-V', '10000', 'zones/v'], "cannot create 'zones/v': volume size must be a multiple of volume block size\n", 1],
  ['host-b', ['zfs', 'create', '-V', '12Q', 'zones/v'], /^bad volume size '12Q': invalid numeric suffix 'Q'\nusage:/, 2],
  ['host-b', ['zfs', 'create', '-s', 'zones/fs'], /^'-s' and '-b' can only be used when creating a volume\nusage:/, 2],
  ['host-b', ['zfs', 'set', 'foo=bar', 'zones/archive'], "cannot set property for 'zones/archive': invalid property 'foo'\n", 1],
  ['host-b', ['zfs', 'list', 'zones/nope'], "cannot open 'zones/nope': dataset does not exist\n", 1],
  // dladm
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', 'bad-name0'], "dladm: invalid link name 'bad-name0'\n", 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', 'net01'], "dladm: invalid link name 'net01'\n", 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', 'net'], "dladm: invalid link name 'net'\n", 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', `a${'b'.repeat(30)}1`], `dladm: link name too long 'a${'b'.repeat(30)}1'\n`, 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'nosuch0', 'x0'], "dladm: invalid link name 'nosuch0'\n", 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', 'web01_0'], 'dladm: vnic creation over ixgbe0 failed: object already exists\n', 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', '-m', '2:8:20:d:b:1', 'x0'], 'dladm: vnic creation over ixgbe0 failed: MAC address is already in use\n', 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', '-m', 'zz', 'x0'], 'dladm: invalid MAC address\n', 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', '-v', 'x', 'x0'], "dladm: invalid VLAN identifier 'x'\n", 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', '-v', '1', 'x0'], "dladm: VLAN over 'ixgbe0' may not use default_tag ID (see dladm(1M))\n", 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', '-p', 'foo=1', 'x0'], 'dladm: invalid vnic property\n', 1],
  ['host-c', ['dladm', 'create-vnic', '-l', 'ixgbe0', '-p', 'maxbw=1000K', 'x0'], 'dladm: vnic creation over ixgbe0 failed: minimum value for maxbw is 1200K\n', 1],
  ['host-c', ['dladm', 'create-etherstub', 'stub0'], 'dladm: etherstub creation failed: object already exists\n', 1],
  ['host-c', ['dladm', 'delete-vnic', 'vnic9'], "dladm: invalid link name 'vnic9'\n", 1],
  ['host-c', ['dladm', 'delete-vnic', 'stub0'], "dladm: 'stub0' is not a vnic\n", 1],
  ['host-c', ['dladm', 'delete-etherstub', 'db01_0'], "dladm: 'db01_0' is not an etherstub\n", 1],
  ['host-c', ['dladm', 'show-vnic', '-p', '-o', 'link,over,vid,macaddress,maxbw'], "dladm: unknown output field: `maxbw'\n", 1],
  ['host-c', ['dladm', 'show-vnic', '-p'], 'dladm: output fields must be specified in parsable mode\n', 1],
  ['host-c', ['dladm', 'show-link', '-p'], 'dladm: -p requires -o\n', 1],
  ['host-c', ['dladm', 'show-link', 'nosuch0'], 'dladm: link nosuch0 is not valid: object not found\n', 1],
  ['host-c', ['dladm', 'show-vnic', 'nosuch0'], "dladm: invalid vnic name 'nosuch0': object not found\n", 1],
  ['host-c', ['dladm', 'set-linkprop', '-p', 'maxbw=100M', 'vnic9'], 'dladm: link vnic9 is not valid: object not found\n', 1],
  // zoneadm
  ['host-c', ['zoneadm', '-z', 'build01', 'boot'], "zoneadm: zone 'build01': must be installed before boot.\n", 1],
  ['host-c', ['zoneadm', '-z', 'build01', 'ready'], "zoneadm: zone 'build01': must be installed before ready.\n", 1],
  ['host-c', ['zoneadm', '-z', 'web01', 'boot'], "zone 'web01': zone is already booted\n", 0],
  ['host-c', ['zoneadm', '-z', 'db01', 'halt'], "zone 'db01': zone is already halted\n", 0],
  ['host-c', ['zoneadm', '-z', 'db01', 'install'], "zoneadm: zone 'db01': is already installed.\n", 1],
  ['host-c', ['zoneadm', '-z', 'broken01', 'install'], "zoneadm: zone 'broken01': zone is incomplete; uninstall required.\n", 1],
  ['host-c', ['zoneadm', '-z', 'web01', 'install'], "zoneadm: zone 'web01': install operation is invalid for running zones.\n", 1],
  ['host-c', ['zoneadm', '-z', 'build01', 'uninstall', '-F'], "zoneadm: zone 'build01': is already in state 'configured'.\n", 1],
  ['host-c', ['zoneadm', '-z', 'web01', 'uninstall', '-F'], "zoneadm: zone 'web01': uninstall operation is invalid for running zones.\n", 1],
  ['host-c', ['zoneadm', '-z', 'db01', 'uninstall'], "zoneadm: zone 'db01': Input not from terminal and -F not specified: uninstall not done.\n", 1],
  ['host-c', ['zoneadm', '-z', 'db01', 'reboot'], "zoneadm: zone 'db01': not running\n", 1],
  ['host-c', ['zoneadm', '-z', 'nosuch', 'boot'], 'zoneadm: nosuch: No such zone configured\n', 1],
  ['host-c', ['zoneadm', '-z', 'global', 'boot'], "zoneadm: zone 'global': boot operation is invalid for the global zone.\n", 1],
  ['host-c', ['zoneadm', 'list', '-p', '-v'], 'zoneadm: list -p and -v are mutually exclusive.\n', 1],
  ['host-c', ['zoneadm', '-z', 'web01', 'list', '-p', '-v'], "zoneadm: zone 'web01': list -p and -v are mutually exclusive.\n", 1],
  // prctl
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-v', '100', '-r', '-i', 'zone', 'web01'], /^prctl: basic values not allowed on rctl zone.max-lwps\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-msg-ids', '-t', 'privileged', '-v', '200', '-r', '-i', 'zone', 'web01'], /^\d+:\t\/sbin\/init\nprctl: no matching resource control to replace\n$/, 1],
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-t', 'privileged', '-v', '100', '-r', '-i', 'zone', 'db01'], 'prctl: db01: unknown zone\n', 1],
  ['host-c', ['prctl', '-P', '-n', 'zone.max-lwps', '-i', 'zone', 'nosuch'], 'prctl: nosuch: unknown zone\n', 1],
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-t', 'privileged', '-v', '1x', '-r', '-i', 'zone', 'web01'], /^prctl: invalid -v value 1x\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-t', 'privileged', '-v', '99E', '-r', '-i', 'zone', 'web01'], /^prctl: -v value 99E exceeds system limit for resource control: zone.max-lwps\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-physical-memory', '-t', 'privileged', '-v', '1g', '-s', '-i', 'zone', 'web01'], /^\d+:\t\/sbin\/init\nprctl: resource control already exists\n$/, 1],
  ['host-c', ['prctl', '-n', 'zone.cpu-shares', '-t', 'privileged', '-e', 'deny', '-i', 'zone', 'web01'], /^prctl: unable to enable deny on rctl with global flag 'no-deny'\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-swap', '-t', 'privileged', '-d', 'deny', '-i', 'zone', 'web01'], /^prctl: unable to disable deny on rctl with global flag 'deny'\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-t', 'system', '-v', '5', '-r', '-i', 'zone', 'web01'], /^prctl: cannot modify system values\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-t', 'privileged', '-r', '-i', 'zone', 'web01'], /^prctl: option -r requires use of option -v\nusage:/, 2],
  ['host-c', ['prctl', '-t', 'privileged', '-v', '5', '-s', '-i', 'zone', 'web01'], /^prctl: -n is required with -s, -r, -x, -e, or -d\nusage:/, 2],
  ['host-c', ['prctl', '-n', 'zone.max-lwps', '-t', 'privileged', '-v', '5', '-s', '-r', '-i', 'zone', 'web01'], /^prctl: options -s, -r, and -x are exclusive\nusage:/, 2],
  ['host-c', ['prctl', '-P', '-n', 'zone.bogus', '-i', 'zone', 'web01'], /^prctl: failed to get resource control for zone.bogus: Invalid argument\nusage:/, 2],
  // kstat
  ['host-b', ['kstat', '-p', 'zfs:0:arcstats:nosuch'], '', 1],
];

describe('refusals change nothing', () => {
  for (const [seed, argv, stderr, code] of CASES) {
    it(argv.join(' '), () => {
      const h = tmpHost(typeof seed === 'function' ? seed() : seed);
      const before = JSON.stringify(h.read());
      const r = sim(h, argv);
      if (typeof stderr === 'string') assert.equal(r.stderr, stderr);
      else assert.match(r.stderr, stderr);
      assert.equal(r.code, code);
      if (code !== 0 || argv[0] === 'zoneadm') assert.equal(r.stdout, '');
      assert.equal(JSON.stringify(h.read()), before);
    });
  }
  it('the prctl usage text follows option errors', () => {
    const h = tmpHost('host-c');
    assert.match(sim(h, ['prctl', '-n', 'zone.max-lwps', '-v', '5', '-s', '-i', 'zone', 'web01']).stderr, PRCTL_USAGE);
  });
});
