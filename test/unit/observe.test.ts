import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './parse/_fixtures.ts';
import { observe } from '../../agent/host/observe.ts';
import type { ObserveIo } from '../../agent/host/observe.ts';
import type { Command, CommandResult, Runner } from '../../agent/host/runner.ts';

interface Canned {
  code?: number | null;
  stdout?: string;
  stderr?: string;
  timedOut?: boolean;
  spawnError?: string;
}

/** In-process fake: argv joined by spaces → canned output; unknown tools are "not on PATH". */
function fakeRunner(table: Record<string, Canned>, fallback?: (argv: string[]) => Canned | undefined) {
  const calls: Command[] = [];
  const runner: Runner = {
    async run(cmd: Command): Promise<CommandResult> {
      calls.push(cmd);
      const c = table[cmd.argv.join(' ')] || (fallback && fallback(cmd.argv)) || { code: null, spawnError: 'ENOENT' };
      const r: CommandResult = {
        argv: cmd.argv,
        code: c.code === undefined ? 0 : c.code,
        signal: null,
        stdout: c.stdout || '',
        stderr: c.stderr || '',
        durationMs: 1,
        timedOut: c.timedOut || false,
      };
      if (c.spawnError !== undefined) r.spawnError = c.spawnError;
      return r;
    },
  };
  return { runner, calls };
}

function memIo(files: Record<string, string>): ObserveIo {
  return { readText: async (p) => (p in files ? (files[p] as string) : null) };
}

const Z = {
  joyent: '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01',
  minimal: '9b3c1a60-2f6e-4c55-8f43-6a7d2b0c3e02',
  kvm: '5a02245a-422c-4e0a-c5f8-fd6fac1ac04e',
  bhyve: 'e8d1f4b2-6a3c-4d7e-9f01-2b3c4d5e6f05',
  lx: 'c1a7e0d2-4b9f-4e8a-a5c3-0d9e8f7a6b03',
};
const RUNNING = [Z.joyent, Z.minimal, Z.kvm, Z.bhyve];

const CMD = {
  zpoolImport: 'zpool import',
  zpoolList: 'zpool list -H -p -o name,size,health,guid',
  zpoolStatus: 'zpool status',
  zfsList: 'zfs list -H -p -o name,type,volsize,quota,reservation,compression,recordsize,mountpoint -t filesystem,volume',
  showPhys: 'dladm show-phys -p -o link,media,state,device',
  showPhysMacs: 'dladm show-phys -m -p -o link,address',
  showEtherstub: 'dladm show-etherstub -p',
  showVnic: 'dladm show-vnic -p -o link,over,vid,macaddress,zone',
  showLinkprop: 'dladm show-linkprop -c -o link,property,value -p maxbw,priority',
  zoneadmList: 'zoneadm list -cp',
  kstat: 'kstat -p zfs:0:arcstats:c_max zfs:0:arcstats:size unix:0:system_pages:physmem',
};
const PRCTL = `prctl -P -i zone ${RUNNING.join(' ')}`;

function hostB(): Record<string, Canned> {
  return {
    [CMD.zpoolImport]: { stdout: fixture('host-b/zpool-import.txt'), stderr: fixture('host-b/zpool-import.stderr') },
    [CMD.zpoolList]: { stdout: fixture('host-b/zpool-list-Hp-o-name,size,health,guid.txt') },
    [CMD.zpoolStatus]: { stdout: fixture('derived/host-b/zpool-status.txt') },
    [CMD.zfsList]: {
      stdout: fixture('derived/host-b/zfs-list-H-p-o-name,type,volsize,quota,reservation,compression,recordsize,mountpoint-t-filesystem,volume.txt'),
    },
    [CMD.showPhys]: { stdout: fixture('host-b/dladm-show-phys-p-o-link,media,state,device.txt') },
    [CMD.showPhysMacs]: { stdout: fixture('derived/host-b/dladm-show-phys-m-p-o-link,address.txt') },
    [CMD.showEtherstub]: { stdout: fixture('host-b/dladm-show-etherstub-p.txt') },
    [CMD.showVnic]: { stdout: fixture('host-b/dladm-show-vnic-p-o-link,over,vid,macaddress,zone.txt') },
    [CMD.showLinkprop]: { stdout: fixture('derived/host-b/dladm-show-linkprop-c-o-link,property,value-p-maxbw,priority.txt') },
    [CMD.zoneadmList]: { stdout: fixture('host-b/zoneadm-list-cp.txt') },
    [PRCTL]: { stdout: fixture(`derived/host-b/prctl-P-i-zone-${RUNNING.join('-')}.txt`) },
    [CMD.kstat]: { stdout: fixture('derived/host-b/kstat-p-zfs-0-arcstats-c_max-zfs-0-arcstats-size-unix-0-system_pages-physmem.txt') },
  };
}

function hostBIo(): ObserveIo {
  const files: Record<string, string> = {};
  for (const z of Object.values(Z)) files[`/a/etc/zones/${z}.xml`] = fixture(`derived/host-b/etc/zones/${z}.xml`);
  return memIo(files);
}

test('host-b: facts come out right', async () => {
  const { runner } = fakeRunner(hostB());
  const f = await observe(runner, hostBIo(), { root: '/a/' });
  assert.deepEqual(f.errors, []);
  assert.equal(f.flavour, 'smartos');
  assert.deepEqual(f.importable, []);
  assert.deepEqual(f.pools, [
    {
      name: 'zones',
      size: 11991548833792,
      health: 'ONLINE',
      guid: '12818295434738215591',
      disks: ['c0t0d0', 'c0t1d0', 'c0t2d0', 'c0t3d0', 'c0t4d0', 'c0t5d0'],
    },
  ]);
  assert.equal(f.datasets.length, 24);
  assert.deepEqual(f.phys, [
    { link: 'ixgbe0', media: 'Ethernet', state: 'up', device: 'ixgbe0', macs: ['0:1b:21:9c:4e:10', '2:8:20:0:0:1'] },
    { link: 'ixgbe1', media: 'Ethernet', state: 'up', device: 'ixgbe1', macs: ['0:1b:21:9c:4e:12'] },
  ]);
  assert.deepEqual(f.etherstubs, ['stub0']);
  assert.equal(f.vnics.length, 6);
  assert.deepEqual(f.vnics[0], { link: 'external0', over: 'ixgbe1', vid: 0, mac: '0:1b:21:9c:4e:11', priority: 'medium' });
  assert.deepEqual(
    f.vnics.map((v) => [v.zone, v.maxbw, v.priority]),
    [
      [undefined, undefined, 'medium'],
      [Z.joyent, undefined, 'high'],
      [Z.minimal, undefined, 'high'],
      [Z.minimal, undefined, 'high'],
      [Z.kvm, 100000000, 'high'],
      [Z.bhyve, 1200000, 'low'],
    ],
  );
  assert.deepEqual(
    f.zones.map((z) => [z.name, z.state, z.id, z.brand, z.config && z.config.brand]),
    [
      [Z.joyent, 'running', 1, 'joyent', 'joyent'],
      [Z.minimal, 'running', 2, 'joyent-minimal', 'joyent-minimal'],
      [Z.kvm, 'running', 3, 'kvm', 'kvm'],
      [Z.bhyve, 'running', 4, 'bhyve', 'bhyve'],
      [Z.lx, 'installed', undefined, 'lx', 'lx'],
    ],
  );
  assert.equal(f.zones[0]?.config?.nets[0]?.macAddr, '90:b8:d0:a:1:5c');
  assert.deepEqual(Object.keys(f.rctls).sort(), RUNNING.slice().sort());
  assert.equal(f.rctls[Z.joyent]?.['zone.cpu-cap'], 200);
  assert.equal(f.rctls[Z.bhyve]?.['zone.max-physical-memory'], 3489660928);
  assert.deepEqual(f.arc, { c_max: 133143986176, size: 96254001152, physmem: 33554432 * 4096 });
});

test('host-b: exactly the fixed command set runs, once each, with the timeout', async () => {
  const { runner, calls } = fakeRunner(hostB());
  await observe(runner, hostBIo(), { root: '/a', timeoutMs: 5000 });
  assert.deepEqual(calls.map((c) => c.argv.join(' ')).sort(), Object.values(CMD).concat(PRCTL).sort());
  assert.ok(calls.every((c) => c.timeoutMs === 5000));
});

test('a failing command lands in facts.errors; the rest is still observed', async () => {
  const table = hostB();
  table[CMD.showVnic] = { code: 1, stderr: 'dladm: cannot open /dev/dld: No such device\n' };
  table[CMD.zpoolList] = { stdout: 'this is not a pool listing\n' };
  table[CMD.showLinkprop] = { code: null, timedOut: true };
  delete table[CMD.kstat]; // not on PATH
  const { runner } = fakeRunner(table);
  const f = await observe(runner, hostBIo(), { root: '/a' });
  assert.deepEqual(f.errors, [
    `${CMD.zpoolList}: unparseable output: line 1: expected 4 fields, got 1: 'this is not a pool listing'`,
    `${CMD.showVnic}: exit 1: dladm: cannot open /dev/dld: No such device`,
    `${CMD.showLinkprop}: timed out after 1 ms`,
    `${CMD.kstat}: cannot run: ENOENT`,
  ]);
  assert.deepEqual(f.vnics, []);
  assert.deepEqual(f.pools, []);
  assert.deepEqual(f.arc, {});
  assert.equal(f.zones.length, 5);
  assert.equal(f.datasets.length, 24);
  assert.equal(Object.keys(f.rctls).length, 4);
});

test('prctl exits non-zero when a zone stopped meanwhile: its output is still used', async () => {
  const table = hostB();
  const text = fixture(`derived/host-b/prctl-P-i-zone-${RUNNING.join('-')}.txt`);
  table[PRCTL] = { code: 1, stdout: text.slice(0, text.indexOf('zone: 4:')), stderr: `prctl: ${Z.bhyve}: unknown zone\n` };
  const { runner } = fakeRunner(table);
  const f = await observe(runner, hostBIo(), { root: '/a' });
  assert.deepEqual(f.errors, [`${PRCTL}: exit 1: prctl: ${Z.bhyve}: unknown zone`]);
  assert.deepEqual(Object.keys(f.rctls), [Z.joyent, Z.minimal, Z.kvm]);
});

test('a missing or broken zone config is an error; the zone is still listed', async () => {
  const io: ObserveIo = {
    async readText(p) {
      if (p.indexOf(Z.lx) >= 0) return null;
      if (p.indexOf(Z.kvm) >= 0) return '<zone name="x"';
      if (p.indexOf(Z.bhyve) >= 0) throw new Error('EIO');
      return hostBIo().readText(p);
    },
  };
  const { runner } = fakeRunner(hostB());
  const f = await observe(runner, io, { root: '/a' });
  assert.deepEqual(f.errors, [
    `read /a/etc/zones/${Z.lx}.xml: missing`,
    `read /a/etc/zones/${Z.kvm}.xml: unparseable: line 1: unterminated tag <zone>`,
    `read /a/etc/zones/${Z.bhyve}.xml: EIO`,
  ].sort());
  assert.equal(f.zones.length, 5);
  assert.equal(f.zones.filter((z) => z.config).length, 2);
});

test('a runner that rejects does not sink the observation', async () => {
  const { runner: inner } = fakeRunner(hostB());
  const runner: Runner = {
    run: (cmd) => (cmd.argv[0] === 'kstat' ? Promise.reject(new Error('boom')) : inner.run(cmd)),
  };
  const f = await observe(runner, hostBIo(), { root: '/a' });
  assert.deepEqual(f.errors, [`${CMD.kstat}: cannot run: boom`]);
  assert.equal(f.zones.length, 5);
});

test('host-a: importable pool, no zones → no prctl', async () => {
  const { runner, calls } = fakeRunner({
    [CMD.zpoolImport]: { stdout: fixture('host-a/zpool-import.txt') },
    [CMD.zpoolList]: { stdout: '' },
    [CMD.zpoolStatus]: { stdout: fixture('host-a/zpool-status-x.txt') },
    [CMD.zfsList]: { stdout: '' },
    [CMD.showPhys]: { stdout: fixture('host-a/dladm-show-phys-p-o-link,media,state,device.txt') },
    [CMD.showPhysMacs]: { stdout: 'ixgbe0:0\\:1b\\:21\\:9c\\:4e\\:10\n' },
    [CMD.showEtherstub]: { stdout: '' },
    [CMD.showVnic]: { stdout: '' },
    [CMD.showLinkprop]: { stdout: 'ixgbe0:maxbw:\nixgbe0:priority:high\n' },
    [CMD.zoneadmList]: { stdout: fixture('host-a/zoneadm-list-cp.txt') },
    [CMD.kstat]: { code: 1 },
  });
  const f = await observe(runner, memIo({}), { root: '/' });
  assert.deepEqual(f.errors, []);
  assert.equal(f.flavour, 'smartos');
  assert.equal(f.importable[0]?.name, 'zones');
  assert.deepEqual(f.pools, []);
  assert.deepEqual(f.zones, []);
  assert.deepEqual(f.rctls, {});
  assert.deepEqual(f.arc, {});
  assert.deepEqual(f.phys[0]?.macs, ['0:1b:21:9c:4e:10']);
  assert.deepEqual(f.phys[2]?.macs, []);
  assert.equal(calls.length, 11);
  assert.ok(calls.every((c) => c.argv[0] !== 'prctl'));
});

test('vanilla illumos: flavour illumos; escaped zonepath; zoneadm failure leaves flavour illumos', async () => {
  const table = hostB();
  table[CMD.zoneadmList] = { stdout: fixture('host-c/zoneadm-list-cp.txt') };
  const { runner, calls } = fakeRunner(table, (argv) => (argv[0] === 'prctl' ? { stdout: fixture('host-c/prctl-P-n-zone.max-physical-memory-i-zone-web01.txt') } : undefined));
  const f = await observe(runner, memIo({}), { root: '/' });
  assert.equal(f.flavour, 'illumos');
  assert.equal(f.zones.find((z) => z.name === 'legacy01')?.zonepath, '/export/zones/legacy:01');
  assert.deepEqual(calls.filter((c) => c.argv[0] === 'prctl').map((c) => c.argv.join(' ')), ['prctl -P -i zone web01 vm01']);
  assert.equal(f.errors.length, 6); // six zone configs missing from the empty io

  const t2 = hostB();
  t2[CMD.zoneadmList] = { code: 1, stderr: 'zoneadm: could not get zone list\n' };
  const { runner: r2, calls: c2 } = fakeRunner(t2);
  const f2 = await observe(r2, hostBIo(), { root: '/a' });
  assert.equal(f2.flavour, 'illumos');
  assert.deepEqual(f2.zones, []);
  assert.deepEqual(f2.errors, [`${CMD.zoneadmList}: exit 1: zoneadm: could not get zone list`]);
  assert.equal(c2.length, 11);
});

/** A SmartOS host with n running joyent zones, every tool answering. */
function bigHost(n: number) {
  const names: string[] = [];
  let list = '0:global:running:/::liveimg:shared:0\n';
  let vnics = '';
  const files: Record<string, string> = {};
  for (let i = 1; i <= n; i++) {
    const name = `zone${i}`;
    names.push(name);
    list += `${i}:${name}:running:/zones/${name}:${name}:joyent:excl:${i}\n`;
    vnics += `net0:ixgbe0:0:2\\:8\\:20\\:0\\:${(i >> 8).toString(16)}\\:${(i & 255).toString(16)}:${name}\n`;
    files[`/etc/zones/${name}.xml`] = `<zone name="${name}" zonepath="/zones/${name}" autoboot="true" brand="joyent" ip-type="exclusive"/>`;
  }
  const table = hostB();
  table[CMD.zoneadmList] = { stdout: list };
  table[CMD.showVnic] = { stdout: vnics };
  const { runner, calls } = fakeRunner(table, (argv) =>
    argv[0] === 'prctl' ? { stdout: argv.slice(4).map((z, k) => `zone: ${k + 1}: ${z}\nzone.max-lwps privileged 2000 - deny -\n`).join('') } : undefined,
  );
  return { runner, calls, io: memIo(files), names };
}

test('the command count does not depend on the number of zones', async () => {
  const one = bigHost(1);
  const many = bigHost(100);
  const f1 = await observe(one.runner, one.io, { root: '/' });
  const f100 = await observe(many.runner, many.io, { root: '/' });
  assert.equal(f1.zones.length, 1);
  assert.equal(f100.zones.length, 100);
  assert.equal(f100.vnics.length, 100);
  assert.equal(Object.keys(f100.rctls).length, 100);
  assert.equal(f100.zones.filter((z) => z.config).length, 100);
  assert.deepEqual(f100.errors, []);
  assert.equal(one.calls.length, many.calls.length);
  assert.ok(many.calls.length <= 13);
  const prctl = many.calls.filter((c) => c.argv[0] === 'prctl');
  assert.equal(prctl.length, 1);
  assert.deepEqual(prctl[0]?.argv.slice(4), many.names);
});
