// Fault injection, the invocation log, and parallel safety of the state lock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, simAsync, tmpHost } from './test-util.ts';

describe('faults', () => {
  it('fail prints the stderr, exits with the code, changes nothing, counts down', () => {
    const h = tmpHost('host-a');
    h.addFault({ match: ['zpool', 'import', '*'], action: 'fail', stderr: "cannot import 'zones': I/O error\n", code: 1, times: 1 });
    const before = JSON.stringify(h.read());
    assert.deepEqual(sim(h, ['zpool', 'import', '-f', 'zones']), { code: 1, stdout: '', stderr: "cannot import 'zones': I/O error\n" });
    assert.equal(JSON.stringify(h.read()), before);
    assert.deepEqual(h.faults(), []);
    assert.equal(sim(h, ['zpool', 'import', '-f', 'zones']).code, 0);
    assert.equal(sim(h, ['zpool', 'list', '-H', '-o', 'name']).stdout, 'zones\n');
  });

  it('fail defaults to `<tool>: injected failure` and exit 1; listing still works', () => {
    const h = tmpHost('host-b');
    h.addFault({ match: ['dladm', 'create-vnic'], action: 'fail' });
    assert.deepEqual(sim(h, ['dladm', 'create-vnic', '-l', 'ixgbe0', 'x0']), { code: 1, stdout: '', stderr: 'dladm: injected failure\n' });
    assert.deepEqual(sim(h, ['dladm', 'create-vnic', '-l', 'ixgbe0', 'x1']).code, 1);
    assert.equal(sim(h, ['dladm', 'show-etherstub', '-p']).stdout, 'stub0\n');
    assert.equal(h.faults().length, 1);
  });

  it('hang never returns until killed', async () => {
    const h = tmpHost('host-b');
    h.addFault({ match: ['zoneadm', '-z', '*', 'boot'], action: 'hang', times: 1 });
    const t0 = Date.now();
    const r = await simAsync(h, ['zoneadm', '-z', 'c1a7e0d2-4b9f-4e8a-a5c3-0d9e8f7a6b03', 'boot'], 1500);
    assert.equal(r.timedOut, true);
    assert.ok(Date.now() - t0 >= 1400);
    assert.equal(h.read().zones.find((z) => z.name.startsWith('c1a7'))?.state, 'installed');
    const inv = h.invocations();
    assert.equal(inv.length, 1);
    assert.equal(inv[0]?.code, null);
    assert.equal(inv[0]?.mutating, true);
  });

  it('garbage prints junk and exits 0', () => {
    const h = tmpHost('host-b');
    h.addFault({ match: ['zoneadm', 'list'], action: 'garbage', times: 2 });
    const r = sim(h, ['zoneadm', 'list', '-cp']);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.length > 0);
    assert.ok(!r.stdout.startsWith('0:global:running:/'));
    sim(h, ['zoneadm', 'list', '-cp']);
    assert.match(sim(h, ['zoneadm', 'list', '-cp']).stdout, /^0:global:running:\/::liveimg:shared:0\n/);
  });
});

describe('invocation log', () => {
  it('records argv, stdin, code and whether the call mutates', () => {
    const h = tmpHost('empty-illumos');
    sim(h, ['zonecfg', '-z', 'w1', '-f', '-'], 'create -b\nset zonepath=/zones/w1\n');
    sim(h, ['zoneadm', 'list', '-cp']);
    sim(h, ['zoneadm', '-z', 'w1', 'boot']);
    sim(h, ['prctl', '-P', '-i', 'zone', 'w1']);
    sim(h, ['dladm', 'show-vnic', '-p', '-o', 'link']);
    assert.deepEqual(h.invocations(), [
      { argv: ['zonecfg', '-z', 'w1', '-f', '-'], stdin: 'create -b\nset zonepath=/zones/w1\n', code: 0, mutating: true },
      { argv: ['zoneadm', 'list', '-cp'], stdin: null, code: 0, mutating: false },
      { argv: ['zoneadm', '-z', 'w1', 'boot'], stdin: null, code: 1, mutating: true },
      { argv: ['prctl', '-P', '-i', 'zone', 'w1'], stdin: null, code: 1, mutating: false },
      { argv: ['dladm', 'show-vnic', '-p', '-o', 'link'], stdin: null, code: 0, mutating: false },
    ]);
    h.clearInvocations();
    assert.deepEqual(h.invocations(), []);
  });
});

describe('parallel safety', () => {
  it('20 concurrent create-vnic calls all land with unique MACs', async () => {
    const h = tmpHost('fresh-smartos');
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => simAsync(h, ['dladm', 'create-vnic', '-t', '-l', 'e1000g0', `vnic${i}`])));
    assert.deepEqual(rs.map((r) => r.code), Array(20).fill(0));
    const lines = sim(h, ['dladm', 'show-vnic', '-p', '-o', 'link,macaddress']).stdout.trim().split('\n');
    assert.equal(lines.length, 20);
    const macs = lines.map((l) => l.split(':').slice(1).join(':'));
    assert.equal(new Set(macs).size, 20);
    for (const m of macs) assert.match(m, /^2\\:8\\:20\\:[0-9a-f]{1,2}\\:[0-9a-f]{1,2}\\:[0-9a-f]{1,2}$/);
    assert.equal(h.invocations().length, 21);
  });

  it('auto MACs are deterministic per state', () => {
    const a = tmpHost('fresh-smartos');
    const b = tmpHost('fresh-smartos');
    for (const h of [a, b]) for (const n of ['v0', 'v1', 'v2']) sim(h, ['dladm', 'create-vnic', '-l', 'e1000g0', n]);
    const show = (h: typeof a): string => sim(h, ['dladm', 'show-vnic', '-p', '-o', 'link,macaddress,macaddrtype']).stdout;
    assert.equal(show(a), show(b));
    assert.match(show(a), /^v0:2\\:8\\:20\\:[0-9a-f:\\]+:random\n/);
  });
});
