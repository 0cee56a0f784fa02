// Successful mutations: what a converging agent does on a fresh SmartOS host.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sim, tmpHost } from './test-util.ts';

describe('converging a fresh SmartOS host', () => {
  it('imports, creates datasets, links and a zone, then caps it live', () => {
    const h = tmpHost('fresh-smartos');
    const ok = (argv: string[], input?: string): string => {
      const r = sim(h, argv, input);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    assert.match(ok(['zpool', 'import']), /^ {3}pool: zones\n {5}id: 7390318372873224467\n {2}state: ONLINE\n/);
    ok(['zpool', 'import', '-f', 'zones']);
    assert.equal(sim(h, ['zpool', 'import']).stderr, 'no pools available to import\n');
    assert.match(ok(['zfs', 'list', '-H', '-o', 'name,mountpoint', 'zones/var']), /^zones\/var\tlegacy\n$/);
    ok(['zfs', 'create', '-o', 'quota=10G', '-o', 'compression=lz4', 'zones/data']);
    ok(['zfs', 'create', '-s', '-V', '1000M', 'zones/vm1-disk0']);
    assert.equal(
      ok(['zfs', 'list', '-H', '-p', '-o', 'name,type,volsize,quota,reservation,refreservation,compression,recordsize,mountpoint', 'zones/data', 'zones/vm1-disk0']),
      'zones/data\tfilesystem\t-\t10737418240\t0\t0\tlz4\t131072\t/zones/data\nzones/vm1-disk0\tvolume\t1048576000\t-\t0\t0\toff\t-\t-\n',
    );
    assert.equal(
      ok(['zfs', 'get', '-H', '-p', '-o', 'name,property,value,source', 'quota,compression,mountpoint', 'zones/data']),
      'zones/data\tquota\t10737418240\tlocal\nzones/data\tcompression\tlz4\tlocal\nzones/data\tmountpoint\t/zones/data\tdefault\n',
    );
    ok(['zfs', 'set', 'quota=20G', 'zones/data']);
    assert.equal(ok(['zfs', 'get', '-H', '-p', '-o', 'value', 'quota', 'zones/data']), '21474836480\n');

    ok(['dladm', 'create-etherstub', '-t', 'stub0']);
    ok(['dladm', 'create-vnic', '-t', '-l', 'e1000g0', '-m', '02:08:20:0a:0b:0c', '-v', '12', '-p', 'maxbw=100M,priority=low', 'wan0']);
    assert.equal(ok(['dladm', 'show-vnic', '-p', '-o', 'link,over,vid,macaddress,zone']), 'wan0:e1000g0:12:2\\:8\\:20\\:a\\:b\\:c:--\n');
    assert.equal(ok(['dladm', 'show-linkprop', '-c', '-o', 'link,property,value', '-p', 'maxbw,priority', 'wan0']), 'wan0:maxbw:  100\nwan0:priority:low\n');
    ok(['dladm', 'set-linkprop', '-t', '-p', 'maxbw=1.5G', 'wan0']);
    assert.equal(ok(['dladm', 'show-linkprop', '-c', '-o', 'value', '-p', 'maxbw', 'wan0']), ' 1500\n');

    ok(['zonecfg', '-z', 'router'], 'create -b\nset zonepath=/zones/router\nset brand=joyent\nset ip-type=exclusive\nadd net\nset physical=net0\nset global-nic=admin\nend\nadd capped-memory\nset physical=512m\nend\nset cpu-shares=50\n');
    ok(['zoneadm', '-z', 'router', 'install', '-q', '5']);
    assert.equal(ok(['zfs', 'list', '-H', '-p', '-o', 'name,quota,mountpoint', 'zones/router']), 'zones/router\t5368709120\t/zones/router\n');
    ok(['zoneadm', '-z', 'router', 'boot']);
    assert.match(ok(['zoneadm', 'list', '-p']), /\n1:router:running:\/zones\/router:[0-9a-f-]{36}:joyent:excl:1\n$/);
    assert.match(ok(['dladm', 'show-vnic', '-p', '-o', 'link,over,zone']), /^net0:e1000g0:router$/m);
    assert.equal(ok(['prctl', '-P', '-n', 'zone.cpu-shares', '-i', 'zone', 'router']), 'zone: 1: router\nzone.cpu-shares usage 50 - - -\nzone.cpu-shares privileged 50 - none -\nzone.cpu-shares system 65535 max none -\n');
    ok(['prctl', '-n', 'zone.max-physical-memory', '-t', 'privileged', '-v', '1g', '-r', '-i', 'zone', 'router']);
    ok(['prctl', '-n', 'zone.cpu-cap', '-t', 'privileged', '-v', '150', '-s', '-i', 'zone', 'router']);
    const p = ok(['prctl', '-P', '-i', 'zone', 'router']);
    assert.match(p, /^zone.max-physical-memory privileged 1073741824 - deny -$/m);
    assert.match(p, /^zone.cpu-cap privileged 150 - deny -$/m);
    ok(['prctl', '-n', 'zone.cpu-cap', '-t', 'privileged', '-x', '-i', 'zone', 'router']);
    assert.doesNotMatch(ok(['prctl', '-P', '-n', 'zone.cpu-cap', '-i', 'zone', 'router']), /privileged/);
    // reboot re-applies the configuration: the live change is gone, the id is new
    ok(['zoneadm', '-z', 'router', 'reboot']);
    assert.match(ok(['prctl', '-P', '-n', 'zone.max-physical-memory', '-i', 'zone', 'router']), /^zone: 2: router\n(.*\n)?zone.max-physical-memory privileged 536870912 - deny -$/m);
    ok(['zoneadm', '-z', 'router', 'halt']);
    assert.equal(ok(['dladm', 'show-vnic', '-p', '-o', 'link']), 'wan0\n');
    ok(['zoneadm', '-z', 'router', 'uninstall', '-F']);
    assert.equal(sim(h, ['zfs', 'list', 'zones/router']).code, 1);
    assert.equal(ok(['kstat', '-p', 'zfs:0:arcstats:c_max', 'unix:0:system_pages:physmem']), 'unix:0:system_pages:physmem\t4194304\nzfs:0:arcstats:c_max\t16106127360\n');
    assert.match(ok(['bootparams']), /^admin_nic=0:c:29:5d:1a:10$/m);
  });

  it('creates a pool from free disks and lists it', () => {
    const h = tmpHost('fresh-smartos');
    assert.equal(sim(h, ['zpool', 'create', '-f', '-O', 'compression=lz4', 'tank', 'mirror', 'c1t0d0', 'c1t1d0', 'spare', 'c1t3d0']).code, 0);
    assert.equal(sim(h, ['zpool', 'import']).stderr, 'no pools available to import\n');
    assert.match(sim(h, ['zpool', 'list', '-H', '-p', '-o', 'name,health,altroot']).stdout, /^tank\tONLINE\t-\n$/);
    assert.equal(
      sim(h, ['zpool', 'status', 'tank']).stdout,
      '  pool: tank\n state: ONLINE\n  scan: none requested\nconfig:\n\n\tNAME        STATE     READ WRITE CKSUM\n\ttank        ONLINE       0     0     0\n\t  mirror-0  ONLINE       0     0     0\n\t    c1t0d0  ONLINE       0     0     0\n\t    c1t1d0  ONLINE       0     0     0\n\tspares\n\t  c1t3d0    AVAIL   \n\nerrors: No known data errors\n',
    );
    assert.equal(sim(h, ['zfs', 'get', '-H', '-o', 'value,source', 'compression', 'tank']).stdout, 'lz4\tlocal\n');
    assert.equal(sim(h, ['zpool', 'status', '-x', 'tank']).stdout, "pool 'tank' is healthy\n");
  });
});
