// zonecfg command language: files, stdin, `;`-joined argv, errors with line
// numbers, refusals, export round-trip, /etc/zones files under KILN_SIM_ROOT.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from './paths.ts';
import { sim, tmpDir, tmpHost } from './test-util.ts';

function file(text: string): string {
  const f = path.join(tmpDir(), 'cmds.cfg');
  fs.writeFileSync(f, text);
  return f;
}

const example = (name: string): string => path.join(fixturesDir(), 'examples', name);

describe('zonecfg', () => {
  it('configures from a command file and exports it back (round-trip)', () => {
    const h = tmpHost('empty-illumos');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'web01', '-f', example('zonecfg-illumos-sparse-web01.cfg')]), { code: 0, stdout: '', stderr: '' });
    const exported = sim(h, ['zonecfg', '-z', 'web01', 'export']);
    assert.equal(exported.code, 0);
    assert.match(exported.stdout, /^create -b\nset zonepath=\/zones\/web01\nset brand=sparse\nset autoboot=true\n/);
    assert.match(exported.stdout, /\nadd rctl\nset name=zone.cpu-cap\nadd value \(priv=privileged,limit=150,action=deny\)\nend\n/);
    assert.match(exported.stdout, /\nadd rctl\nset name=zone.max-physical-memory\nadd value \(priv=privileged,limit=2147483648,action=deny\)\nend\n/);
    // the export, fed back on stdin, gives the same configuration
    assert.equal(sim(h, ['zonecfg', '-z', 'web02', '-f', '-'], exported.stdout).code, 0);
    assert.equal(sim(h, ['zonecfg', '-z', 'web02', 'export']).stdout, exported.stdout);
    assert.equal(sim(h, ['zonecfg', '-z', 'web01', 'info', 'zonepath']).stdout, 'zonepath: /zones/web01\n');
    assert.equal(sim(h, ['zonecfg', '-z', 'web01', 'info', 'brand']).stdout, 'brand: sparse\n');
  });

  it('accepts the SmartOS joyent, kvm and bhyve configurations', () => {
    const h = tmpHost('empty-smartos');
    for (const [zone, f] of [
      ['j1', 'zonecfg-smartos-joyent.cfg'],
      ['k1', 'zonecfg-smartos-kvm.cfg'],
      ['b1', 'zonecfg-smartos-bhyve.cfg'],
    ] as const) {
      assert.deepEqual(sim(h, ['zonecfg', '-z', zone, '-f', example(f)]), { code: 0, stdout: '', stderr: '' }, f);
    }
    const kvm = h.read().zones.find((z) => z.name === 'k1');
    assert.equal(kvm?.config.autoboot, false);
    assert.deepEqual(kvm?.config.devices[0]?.properties.map((p) => p.name), ['boot', 'model', 'media', 'image-size', 'image-uuid']);
    assert.equal(kvm?.config.attrs.find((a) => a.name === 'vm-autoboot')?.value, 'true');
  });

  it('takes ;-joined commands as argv and plain stdin', () => {
    const h = tmpHost('empty-illumos');
    assert.equal(sim(h, ['zonecfg', '-z', 'a1', 'create -b; set zonepath=/zones/a1; set brand=sparse']).code, 0);
    assert.equal(sim(h, ['zonecfg', '-z', 'a1', 'add net; set physical=a1_0; end']).code, 0);
    assert.equal(sim(h, ['zonecfg', '-z', 'a2'], 'create -b\nset zonepath=/zones/a2\nset autoboot=true\n').code, 0);
    assert.equal(sim(h, ['zoneadm', 'list', '-cp']).stdout, '0:global:running:/::ipkg:shared:0\n-:a1:configured:/zones/a1::sparse:shared:1\n-:a2:configured:/zones/a2::ipkg:shared:2\n');
    assert.equal(h.read().zones[0]?.config.nets[0]?.physical, 'a1_0');
  });

  it('reports errors with the file line and saves nothing', () => {
    const h = tmpHost('empty-illumos');
    const f = file('create -b\nset zonepath=/zones/x1\nset autoboot=yes\ncommit\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', f]), { code: 1, stdout: '', stderr: `On line 3 of ${f}:\nautoboot value must be 'true' or 'false'.\n` });
    const g = file('create -b\n\nset zonepath=/zones/x1\nadd net\nset bogus=1\nend\n');
    const r = sim(h, ['zonecfg', '-z', 'x1', '-f', g]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^On line 5 of ${g}:\n`));
    const syn = file('create -b\nset zonepath=/zones/x1\nadd net (\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', syn]), { code: 1, stdout: '', stderr: `syntax error on line 3 of ${syn}\n` });
    const open = file('create -b\nset zonepath=/zones/x1\nadd net\nset physical=x1_0\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', open]), { code: 1, stdout: '', stderr: 'resource specification incomplete\n' });
    const nopath = file('create -b\nset brand=sparse\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', nopath]), { code: 1, stdout: '', stderr: 'zonepath not specified\n' });
    const nophys = file('create -b\nset zonepath=/zones/x1\nadd net\nset vlan-id=3\nend\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', nophys]), { code: 1, stdout: '', stderr: `On line 5 of ${nophys}:\nnet: physical not specified\n` });
    const dup = file('create -b\nset zonepath=/zones/x1\nadd capped-memory; set physical=1g; end\nadd capped-memory; set swap=1g; end\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', dup]), { code: 1, stdout: '', stderr: `On line 4 of ${dup}:\nThe capped-memory resource already exists.\n` });
    const attr = file('create -b\nset zonepath=/zones/x1\nadd attr; set name=n; set type=int; set value=abc; end\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', attr]), { code: 1, stdout: '', stderr: `On line 3 of ${attr}:\ninvalid attr value for type=int\n` });
    const rctl = file('create -b\nset zonepath=/zones/x1\nadd rctl; set name=zone.max-lwps; add value (priv=privileged,limit=10); end\n');
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'x1', '-f', rctl]), { code: 1, stdout: '', stderr: `On line 3 of ${rctl}:\naction not specified\n` });
    assert.deepEqual(h.read().zones, []);
  });

  it('refuses what zonecfg refuses', () => {
    const h = tmpHost('host-c');
    const before = JSON.stringify(h.read());
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'build01', 'create -b; set zonepath=/x']), {
      code: 1,
      stdout: '',
      stderr: 'Zone exists, input not from terminal and -F not specified:\ncreate command ignored, exiting.\n',
    });
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'db01', 'create -F']), { code: 1, stdout: '', stderr: 'Zone db01 already installed; create not allowed.\n' });
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'nosuch', 'info']), { code: 1, stdout: '', stderr: 'nosuch: No such zone configured\n' });
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'nosuch', 'set autoboot=true']), { code: 1, stdout: '', stderr: 'nosuch: No such zone configured\n' });
    const bogus = sim(h, ['zonecfg', '-z', 'bad!', 'create']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /^bad!: Bogus zone name\n/);
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'SUNWfoo', 'create']), { code: 1, stdout: '', stderr: 'SUNWfoo: zones beginning with SUNW are read-only.\n' });
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'build01', 'end']), { code: 1, stdout: '', stderr: 'The end command only makes sense in the resource scope.\n' });
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'db01', 'set zonepath=/elsewhere']), { code: 1, stdout: '', stderr: 'Zone db01 already installed; set zonepath not allowed.\n' });
    assert.equal(JSON.stringify(h.read()), before);
    // -F overwrites a configured (not installed) zone
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'build01', 'create -F; set zonepath=/zones/build01']), { code: 0, stdout: 'Zone build01 already exists; overwriting.\n', stderr: '' });
  });

  it('select, remove and clear edit an existing configuration', () => {
    const h = tmpHost('host-c');
    assert.equal(sim(h, ['zonecfg', '-z', 'web01', 'select net physical=web01_0; set allowed-address=10.0.0.5/24; end']).code, 0);
    assert.equal(sim(h, ['zonecfg', '-z', 'web01', 'select capped-memory; set physical=4g; end; clear cpu-shares; remove attr name=owner']).code, 0);
    const cfg = h.read().zones.find((z) => z.name === 'web01')?.config;
    assert.equal(cfg?.nets[0]?.allowedAddress, '10.0.0.5/24');
    assert.equal(cfg?.rctls.find((r) => r.name === 'zone.max-physical-memory')?.values[0]?.limit, '4294967296');
    assert.equal(cfg?.rctls.find((r) => r.name === 'zone.cpu-shares'), undefined);
    assert.deepEqual(cfg?.attrs, []);
    assert.deepEqual(sim(h, ['zonecfg', '-z', 'web01', 'select net physical=nope0']), { code: 1, stdout: '', stderr: 'net: No such resource with that id\n' });
    // the running zone keeps its live value until the next boot
    assert.match(sim(h, ['prctl', '-P', '-n', 'zone.max-physical-memory', '-i', 'zone', 'web01']).stdout, / privileged 2147483648 /);
  });

  it('marks only configuration changes as mutating', () => {
    const h = tmpHost('host-c');
    sim(h, ['zonecfg', '-z', 'web01', 'export']);
    sim(h, ['zonecfg', '-z', 'web01', 'info']);
    sim(h, ['zonecfg', '-z', 'web01', 'set autoboot=false']);
    assert.deepEqual(h.invocations().map((i) => i.mutating), [false, false, true]);
  });

  it('keeps /etc/zones/index and <zone>.xml under KILN_SIM_ROOT', () => {
    const root = tmpDir();
    const h = tmpHost('host-b', { root });
    const index = fs.readFileSync(path.join(root, 'etc/zones/index'), 'utf8');
    const want = fs.readFileSync(example('etc-zones-index.smartos.txt'), 'utf8').split('\n').filter((l) => !l.startsWith('#'));
    for (const line of want.filter((l) => l)) assert.ok(index.split('\n').includes(line), line);
    const u = '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01';
    const xml = fs.readFileSync(path.join(root, `etc/zones/${u}.xml`), 'utf8');
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE zone PUBLIC "-//Sun Microsystems Inc//DTD Zones//EN" "file:///usr/share/lib/xml/dtd/zonecfg.dtd.1">\n'));
    assert.match(xml, new RegExp(`<zone name="${u}" zonepath="/zones/${u}" autoboot="true" brand="joyent" ip-type="exclusive" limitpriv="default" debugid="1">`));
    assert.match(xml, /\n {2}<network physical="net0" global-nic="admin" mac-addr="90:b8:d0:a:1:5c">\n {4}<net-attr name="ips" value="10.10.0.50\/24"\/>\n/);
    assert.match(xml, /\n {2}<rctl name="zone.cpu-cap">\n {4}<rctl-value priv="privileged" limit="200" action="deny"\/>\n {2}<\/rctl>\n/);
    assert.match(xml, /<attr name="create-timestamp" type="string" value="2024-03-05T10:22:31.000Z"\/>/);
    // a change through zonecfg shows up in the files
    assert.equal(sim(h, ['zonecfg', '-z', u, 'set autoboot=false']).code, 0);
    assert.match(fs.readFileSync(path.join(root, `etc/zones/${u}.xml`), 'utf8'), /autoboot="false"/);
    const c = tmpHost('host-c', { root: tmpDir() });
    const cindex = fs.readFileSync(path.join(c.root ?? '', 'etc/zones/index'), 'utf8');
    assert.match(cindex, /^legacy01:installed:"\/export\/zones\/legacy:01":9e8d7c6b-5a49-3827-1605-f4e3d2c1b0a9$/m);
    assert.match(cindex, /^build01:configured:\/zones\/build01:$/m);
  });
});
