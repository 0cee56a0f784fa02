// Server mode (server.ts + client.sh): the same calls give the same bytes,
// exit codes, invocation log and state as one process per call; argv and
// stdin survive; calls run in parallel; faults behave; the server goes away.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SimHost, hostWithRunningZones, setZoneState } from './host.ts';
import type { PresetName, SimState } from './host.ts';
import { repoRoot } from './paths.ts';
import type { Result } from './test-util.ts';
import { fixture, sim, simAsync, tmpDir, tmpHost } from './test-util.ts';

const B1 = '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01';

/** A call with an optional stdin and working directory. */
interface Call {
  argv: string[];
  input?: string;
  cwd?: string;
}

function run(host: SimHost, c: Call): Result {
  const [tool = '', ...args] = c.argv;
  const r = spawnSync(path.join(host.binDir, tool), args, { env: host.env(), input: c.input ?? '', cwd: c.cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const servers: SimHost[] = [];
after(() => {
  for (const h of servers) h.close();
});

function serverHost(seed: SimState | PresetName, opts: Parameters<typeof SimHost.create>[2] = {}): SimHost {
  const h = SimHost.create(tmpDir(), seed, { server: true, ...opts });
  servers.push(h);
  return h;
}

/** Runs the calls against a process-mode and a server-mode host seeded alike; both must agree in every byte. */
function sameInBothModes(seed: PresetName, calls: Call[]): Result[] {
  const root = (): string => path.join(tmpDir(), 'root');
  const proc = tmpHost(seed, { root: root() });
  const srv = serverHost(seed, { root: root() });
  const out: Result[] = [];
  for (const c of calls) {
    const want = run(proc, c);
    const got = run(srv, c);
    assert.deepEqual(got, want, c.argv.join(' '));
    out.push(got);
  }
  assert.deepEqual(srv.invocations(), proc.invocations());
  assert.deepEqual(srv.read(), proc.read());
  const zones = (h: SimHost): string[] => fs.readdirSync(path.join(h.root ?? '', 'etc/zones')).sort();
  assert.deepEqual(zones(srv), zones(proc));
  return out;
}

describe('server mode: same behaviour as one process per call', () => {
  it('replays fixture listings byte for byte', () => {
    const cases: Array<[string[], string]> = [
      [['zoneadm', 'list', '-cp'], 'zoneadm-list-cp'],
      [['zoneadm', 'list', '-cv'], 'zoneadm-list-cv'],
      [['dladm', 'show-vnic'], 'dladm-show-vnic'],
      [['dladm', 'show-phys', '-p', '-o', 'link,media,state,device'], 'dladm-show-phys-p-o-link,media,state,device'],
      [['zpool', 'status', 'zones'], 'zpool-status-zones'],
      [['zpool', 'import', 'zones'], 'zpool-import-zones'],
      [['kstat', '-p', 'zfs:0:arcstats:c_max'], 'kstat-p-zfs-0-arcstats-c_max'],
      [['prctl', '-P', '-n', 'zone.cpu-cap', '-i', 'zone', B1], `prctl-P-n-zone.cpu-cap-i-zone-${B1}`],
    ];
    const got = sameInBothModes('host-b', cases.map(([argv]) => ({ argv })));
    cases.forEach(([, file], i) => assert.deepEqual(got[i], fixture(`host-b/${file}`), file));
  });

  it('refusals, mutations and usage errors: same stderr, exit codes, log and state', () => {
    sameInBothModes('fresh-smartos', [
      { argv: ['zpool', 'import', 'tank'] },
      { argv: ['zpool', 'create', 'tank', 'c9t9d9'] },
      { argv: ['zpool', 'import', 'zones'] },
      { argv: ['zfs', 'create', 'zones/a/b'] },
      { argv: ['zfs', 'create', '-o', 'compression=lz4', 'zones/data'] },
      { argv: ['zfs', 'create', '-V', '12Q', 'zones/v'] },
      { argv: ['dladm', 'create-etherstub', 'stub0'] },
      { argv: ['dladm', 'create-vnic', '-t', '-l', 'stub0', 'v0'] },
      { argv: ['dladm', 'create-vnic', '-t', '-l', 'nope0', 'v1'] },
      { argv: ['zonecfg', '-z', 'SUNWx', 'info'] },
      { argv: ['zonecfg', '-Q'] },
      { argv: ['zoneadm', '-z', 'nope', 'boot'] },
      { argv: ['prctl', '-P'] },
      { argv: ['bootparams'] },
      { argv: ['kstat', '-p', 'nope:0:x:y'] },
    ]);
  });

  it('zonecfg: stdin (`-f -` and none), a command operand, a file relative to the cwd, export to a file', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'w3.cfg'), 'create -b\nset zonepath=/zones/w3\nset bogus=1\n');
    const script = 'create -b\nset zonepath="/zones/w 1"\nadd attr\nset name=note\nset type=string\nset value="it\'s; a \\"quote\\""\nend\ncommit\n';
    const rs = sameInBothModes('empty-illumos', [
      { argv: ['zonecfg', '-z', 'w1', '-f', '-'], input: script },
      { argv: ['zonecfg', '-z', 'w2'], input: 'create -b\nset zonepath=/zones/w2\ncommit\n' },
      { argv: ['zonecfg', '-z', 'w1', 'info; info attr'] },
      { argv: ['zonecfg', '-z', 'w3', '-f', 'w3.cfg'], cwd: dir },
      { argv: ['zonecfg', '-z', 'w3', '-f', 'missing.cfg'], cwd: dir },
      { argv: ['zonecfg', '-z', 'w1', 'export -f w1.out'], cwd: dir },
      { argv: ['zonecfg', '-z', 'w1', 'export'], input: 'never read\n' },
    ]);
    assert.deepEqual(rs.map((r) => r.code), [0, 0, 0, 1, 1, 0, 0]);
    assert.match(rs[2]?.stdout ?? '', /zonepath: \/zones\/w 1\n/);
    assert.match(fs.readFileSync(path.join(dir, 'w1.out'), 'utf8'), /^create -b\n/);
  });

  it('argv with spaces, quotes, semicolons, newlines and UTF-8 reaches the tool unchanged', () => {
    const odd = ["zones/it's a \"b\"; c", 'zones/x\ny', 'zones/é ü', 'zones/$HOME `id` \\n *', ' '];
    sameInBothModes('host-b', odd.map((name) => ({ argv: ['zfs', 'create', name] })));
    const h = serverHost('host-b');
    for (const name of odd) run(h, { argv: ['zfs', 'list', '-H', '-o', 'name', name] });
    assert.deepEqual(h.invocations().map((i) => i.argv[5]), odd);
  });
});

describe('server mode: concurrency', () => {
  it('20 concurrent create-vnic calls all land with unique MACs', async () => {
    const h = serverHost('fresh-smartos');
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => simAsync(h, ['dladm', 'create-vnic', '-t', '-l', 'e1000g0', `vnic${i}`])));
    assert.deepEqual(rs.map((r) => r.code), Array(20).fill(0));
    const lines = sim(h, ['dladm', 'show-vnic', '-p', '-o', 'link,macaddress']).stdout.trim().split('\n');
    assert.equal(lines.length, 20);
    assert.equal(new Set(lines.map((l) => l.split(':').slice(1).join(':'))).size, 20);
    assert.equal(h.invocations().length, 21);
  });

  it('8 boots of 1 s each overlap', async () => {
    const s = hostWithRunningZones(8, 'smartos');
    for (const z of s.zones) setZoneState(s, z, 'installed');
    for (const l of s.links) delete l.zone; // halted: the VNICs are back in the global zone
    s.knobs.zoneBootDelayMs = 1000;
    const h = serverHost(s);
    const t0 = Date.now();
    const rs = await Promise.all(s.zones.map((z) => simAsync(h, ['zoneadm', '-z', z.name, 'boot'])));
    const ms = Date.now() - t0;
    assert.deepEqual(rs.map((r) => r.code), Array(8).fill(0));
    assert.ok(ms >= 1000 && ms < 4000, `8 parallel boots took ${ms} ms`);
    assert.ok(h.read().zones.every((z) => z.state === 'running'));
  });
});

describe('server mode: faults', () => {
  it('fail and garbage behave as in process mode', () => {
    const h = serverHost('host-b');
    h.addFault({ match: ['dladm', 'create-vnic'], action: 'fail', times: 1 });
    h.addFault({ match: ['zpool', 'import', '*'], action: 'fail', stderr: "cannot import 'zones': I/O error\n", code: 3, times: 1 });
    h.addFault({ match: ['zoneadm', 'list'], action: 'garbage', times: 1 });
    assert.deepEqual(run(h, { argv: ['dladm', 'create-vnic', '-l', 'ixgbe0', 'x0'] }), { code: 1, stdout: '', stderr: 'dladm: injected failure\n' });
    assert.deepEqual(run(h, { argv: ['zpool', 'import', 'zones'] }), { code: 3, stdout: '', stderr: "cannot import 'zones': I/O error\n" });
    const g = run(h, { argv: ['zoneadm', 'list', '-cp'] });
    assert.equal(g.code, 0);
    assert.ok(g.stdout.length > 0 && !g.stdout.startsWith('0:global:'));
    assert.match(run(h, { argv: ['zoneadm', 'list', '-cp'] }).stdout, /^0:global:running:\//);
    assert.deepEqual(h.faults(), []);
    assert.deepEqual(h.invocations().map((i) => i.code), [1, 3, 0, 0]);
  });

  it('hang never answers, frees its worker, and is logged with code null', async () => {
    const h = serverHost('host-b', { server: { workers: 2, prestart: 2 } });
    h.addFault({ match: ['zoneadm', '-z', '*', 'boot'], action: 'hang', times: 4 });
    const t0 = Date.now();
    const hung = await Promise.all([1, 2, 3, 4].map(() => simAsync(h, ['zoneadm', '-z', 'c1a7e0d2-4b9f-4e8a-a5c3-0d9e8f7a6b03', 'boot'], 1500)));
    assert.ok(hung.every((r) => r.timedOut));
    assert.ok(Date.now() - t0 >= 1400);
    // four hangs on two workers, and the next call is still served at once
    assert.equal(run(h, { argv: ['zoneadm', 'list', '-p'] }).code, 0);
    assert.equal(h.read().zones.find((z) => z.name.startsWith('c1a7'))?.state, 'installed');
    assert.deepEqual(h.invocations().map((i) => [i.code, i.mutating]), [[null, true], [null, true], [null, true], [null, true], [0, false]]);
    assert.deepEqual(fs.readdirSync(path.join(`${h.dir}.server`, 'req')), []);
  });
});

describe('server mode: lifecycle', () => {
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const gone = async (pid: number, ms: number): Promise<boolean> => {
    for (const end = Date.now() + ms; Date.now() < end; ) {
      if (!alive(pid)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return !alive(pid);
  };

  it('close() stops the server; the tools then run as processes again', async () => {
    const h = SimHost.create(tmpDir(), 'host-b', { server: true });
    const pid = h.serverPid ?? 0;
    assert.ok(pid > 0 && alive(pid));
    assert.equal(h.env()['KILN_SIM_SERVER'], `${h.dir}.server`);
    h.close();
    assert.equal(await gone(pid, 3000), true);
    assert.equal(fs.existsSync(`${h.dir}.server`), false);
    assert.equal(h.env()['KILN_SIM_SERVER'], undefined);
    assert.deepEqual(sim(h, ['zoneadm', 'list', '-p']).code, 0);
    // a stale KILN_SIM_SERVER (no server there) falls back to a process too
    const r = spawnSync(path.join(h.binDir, 'zpool'), ['list', '-H', '-o', 'name'], { env: { ...h.env(), KILN_SIM_SERVER: `${h.dir}.server` }, encoding: 'utf8' });
    assert.deepEqual([r.status, r.stdout], [0, 'zones\n']);
  });

  it('exits by itself when idle or when its control dir disappears; cleans stale requests at start', async () => {
    const js = path.join(repoRoot(), 'dist', 'sim.cjs');
    const start = (ctl: string, extra: string[]): number => {
      const child = spawn(process.execPath, [js, '--serve', ctl, '--prestart', '1', ...extra], { stdio: 'ignore' });
      const deadline = Date.now() + 15000;
      while (!fs.existsSync(path.join(ctl, 'pid')) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
      assert.ok(fs.existsSync(path.join(ctl, 'pid')), 'server did not start');
      return child.pid ?? 0;
    };
    const idle = tmpDir();
    fs.mkdirSync(path.join(idle, 'req'));
    fs.writeFileSync(path.join(idle, 'req', '4242.req'), 'stale');
    const p1 = start(idle, ['--idle-ms', '300']);
    assert.deepEqual(fs.readdirSync(path.join(idle, 'req')), []);
    assert.equal(await gone(p1, 5000), true, 'idle server still running');
    assert.equal(fs.existsSync(path.join(idle, 'notify')), false);

    const doomed = tmpDir();
    const p2 = start(doomed, []);
    fs.rmSync(doomed, { recursive: true, force: true });
    assert.equal(await gone(p2, 5000), true, 'server outlived its control dir');
  });
});
