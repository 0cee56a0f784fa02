import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { splitParsable } from '../../../agent/host/parse/dladm.ts';
import { parseShowEtherstub, parseShowPhys, parseShowPhysMacs, parseShowVnic } from '../../../agent/host/parse/dladm-show.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('splitParsable: unescapes \\: and \\\\', () => {
  assert.deepEqual(splitParsable('net0:ixgbe0:0:90\\:b8\\:d0\\:a\\:1\\:5c:--'), ['net0', 'ixgbe0', '0', '90:b8:d0:a:1:5c', '--']);
  assert.deepEqual(splitParsable('a\\\\b:c'), ['a\\b', 'c']);
  assert.deepEqual(splitParsable('ixgbe0:phys::up'), ['ixgbe0', 'phys', '', 'up']);
  assert.deepEqual(splitParsable('x\\'), ['x\\']);
  assert.deepEqual(splitParsable(''), ['']);
});

test('show-phys: host-a and host-b', () => {
  assert.deepEqual(parseShowPhys(fixture('host-a/dladm-show-phys-p-o-link,media,state,device.txt')), [
    { link: 'ixgbe0', media: 'Ethernet', state: 'up', device: 'ixgbe0', macs: [] },
    { link: 'ixgbe1', media: 'Ethernet', state: 'up', device: 'ixgbe1', macs: [] },
    { link: 'igb0', media: 'Ethernet', state: 'down', device: 'igb0', macs: [] },
  ]);
  assert.equal(parseShowPhys(fixture('host-b/dladm-show-phys-p-o-link,media,state,device.txt')).length, 2);
  assert.deepEqual(
    parseShowPhys(fixture('host-c/dladm-show-phys-p-o-link,media,state,device.txt')).map((p) => p.state),
    ['up', 'up', 'unknown'],
  );
});

test('show-phys -m: escaped MACs, several slots per link', () => {
  const macs = parseShowPhysMacs(fixture('derived/host-b/dladm-show-phys-m-p-o-link,address.txt'));
  assert.deepEqual(macs, { ixgbe0: ['0:1b:21:9c:4e:10', '2:8:20:0:0:1'], ixgbe1: ['0:1b:21:9c:4e:12'] });
  assert.deepEqual(parseShowPhysMacs('igb0:00\\:1B\\:21\\:9C\\:4E\\:10\nigb0:\n'), { igb0: ['0:1b:21:9c:4e:10'] });
  assert.throws(() => parseShowPhysMacs('igb0:zz\\:1b\n'), ParseError);
});

test('show-etherstub: one name a line; empty output', () => {
  assert.deepEqual(parseShowEtherstub(fixture('host-b/dladm-show-etherstub-p.txt')), ['stub0']);
  assert.deepEqual(parseShowEtherstub(fixture('host-a/dladm-show-etherstub-p.txt')), []);
  assert.throws(() => parseShowEtherstub('stub 0\n'), ParseError);
});

test('show-vnic: host-b zone-owned net0s, MACs unescaped and normalised', () => {
  const v = parseShowVnic(fixture('host-b/dladm-show-vnic-p-o-link,over,vid,macaddress,zone.txt'));
  assert.equal(v.length, 6);
  assert.deepEqual(v[0], { link: 'external0', over: 'ixgbe1', vid: 0, mac: '0:1b:21:9c:4e:11' });
  assert.deepEqual(v[1], { link: 'net0', over: 'ixgbe0', vid: 0, mac: '90:b8:d0:a:1:5c', zone: '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01' });
  assert.deepEqual(v[5], { link: 'net0', over: 'ixgbe1', vid: 120, mac: '90:b8:d0:1:2:3', zone: 'e8d1f4b2-6a3c-4d7e-9f01-2b3c4d5e6f05' });
  assert.deepEqual(v.filter((x) => x.link === 'net0').length, 4);
});

test('show-vnic: host-c VLAN and no zone; host-a empty', () => {
  const v = parseShowVnic(fixture('host-c/dladm-show-vnic-p-o-link,over,vid,macaddress,zone.txt'));
  assert.deepEqual(v[1], { link: 'db01_0', over: 'ixgbe0', vid: 30, mac: '2:8:20:d:b:1' });
  assert.equal(v[2]?.mac, '2:8:20:0:0:f');
  assert.equal(v[2]?.zone, 'vm01');
  assert.deepEqual(parseShowVnic(fixture('host-a/dladm-show-vnic-p-o-link,over,vid,macaddress,zone.txt')), []);
});

test('show-vnic: garbage throws ParseError with E_PARSE', () => {
  for (const bad of ['hello world\n', 'net0:ixgbe0:x:2\\:8\\:20\\:0\\:0\\:f:--\n', 'net0:ixgbe0:0:2:8:20:0:0:f:--\n', 'net0:ixgbe0:0:nomac:--\n']) {
    assert.throws(() => parseShowVnic(bad), (e: unknown) => e instanceof ParseError && e.code === 'E_PARSE', bad);
  }
});
