// illumos naming rules, each tested on both sides: names that must pass
// (real ones from dladm, zonecfg, zpool) and names that must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  absPathProblem,
  cidrProblem,
  datasetNameProblem,
  DISK_NAME,
  HOSTNAME,
  ipProblem,
  LINK_NAME,
  linkNameProblem,
  macProblem,
  NIC_TAG,
  normaliseMac,
  poolNameProblem,
  UUID,
  zoneNameProblem,
} from '../../../agent/profile/names.ts';

type Check = (v: string) => string | undefined;

function accepts(check: Check, good: readonly string[]): void {
  for (const v of good) assert.equal(check(v), undefined, `refused ${JSON.stringify(v)}`);
}
function refuses(check: Check, table: ReadonlyArray<[string, RegExp]>): void {
  for (const [v, re] of table) {
    const msg = check(v);
    assert.ok(msg, `accepted ${JSON.stringify(v)}`);
    assert.match(msg, re, v);
  }
}

test('link names: a letter, letters/digits/_, a number without leading zero, at most 31', () => {
  accepts(linkNameProblem, ['net0', 'e1000g0', 'e1000g1', 'ixgbe10', 'vnic_wan0', 'a0', 'stub12', 'x' + 'a'.repeat(29) + '0', 'A_0']);
  refuses(linkNameProblem, [
    ['0wan', /start with a letter/],
    ['_net0', /start with a letter/],
    ['wan', /end in a number \(like wan0\)/],
    ['wan_', /end in a number/],
    ['wan01', /leading zero/],
    ['wan00', /leading zero/],
    ['net0;rm', /only letters, digits and _/],
    ['net-0', /only letters, digits and _/],
    ['../x', /start with a letter/],
    ['a/b0', /only letters, digits and _/],
    ['net 0', /only letters, digits and _/],
    ['x' + 'a'.repeat(30) + '0', /32 characters; dladm allows at most 31/],
    ['', /start with a letter/],
  ]);
  // The regex and the explanation agree.
  for (const n of ['net0', 'wan01', 'wan', '0wan', 'a_b_0', 'e1000g0']) assert.equal(LINK_NAME.test(n), linkNameProblem(n) === undefined, n);
});

test('zone names: alphanumeric first, then _ . -, fewer than 64, global and SUNW* reserved', () => {
  accepts(zoneNameProblem, ['web', 'router', '1st-zone', 'web.example_1', 'a'.repeat(63), 'Global', 'sunwise']);
  refuses(zoneNameProblem, [
    ['global', /reserved for the global zone/],
    ['SUNWweb', /SUNW are reserved/],
    ['a'.repeat(64), /64 characters/],
    ['-web', /start with a letter or digit/],
    ['.web', /start with a letter or digit/],
    ['web/front', /only letters, digits/],
    ['web front', /only letters, digits/],
    ['web;reboot', /only letters, digits/],
    ['', /start with a letter or digit/],
  ]);
});

test('pool names: a letter first; zpool keywords and disk-like names reserved', () => {
  accepts(poolNameProblem, ['zones', 'tank', 'data-1', 'z.pool_2', 'mirrored', 'logs', 'cpool', 'c', 'spares']);
  refuses(poolNameProblem, [
    ['mirror', /reserved word/],
    ['raidz', /reserved word/],
    ['raidz2', /reserved word/],
    ['spare', /reserved word/],
    ['log', /reserved word/],
    ['cache', /reserved word/],
    ['draid1', /reserved word/],
    ['c0pool', /look like disks/],
    ['c1t0d0', /look like disks/],
    ['1pool', /must start with a letter/],
    ['zones/data', /must start with a letter and hold only/],
    ['', /must start with a letter/],
    ['z' + 'a'.repeat(200), /too long/],
  ]);
});

test('dataset names: relative to the pool, components without . or ..', () => {
  accepts(datasetNameProblem, ['data', 'data/media', 'vms/disk0', 'win-iso', 'a.b:c_d-e', '0']);
  refuses(datasetNameProblem, [
    ['', /empty/],
    ['/zones/data', /empty component; it is relative to its pool/],
    ['data/', /empty component/],
    ['data//media', /empty component/],
    ['..', /"\." or "\.\." components/],
    ['data/../../tank', /"\." or "\.\." components/],
    ['data/.', /"\." or "\.\." components/],
    ['data/-x', /component "-x"/],
    ['data/my media', /component "my media"/],
    ['d' + '/a'.repeat(100), /too long/],
  ]);
});

test('disk names: cXtYdZ (with slice or partition) or a /dev path that stays in /dev', () => {
  for (const d of ['c1t0d0', 'c0d0', 'c1t5000CCA01234ABCDd0', 'c1t0d0s0', 'c1t0d0p1', '/dev/dsk/c1t0d0', '/dev/rdsk/c1t0d0s2', '/dev/zvol/dsk/zones/x.y']) assert.ok(DISK_NAME.test(d), d);
  for (const d of ['sda', 'nvme0n1', 'c1t0', 'c1t0d0s', 'dev/dsk/c1t0d0', '/dev/', '/dev/../etc/passwd', '/dev/./x', '/dev//x', '/etc/passwd', 'c1t0d0;reboot']) assert.ok(!DISK_NAME.test(d), d);
});

test('nic tags, host names and UUIDs', () => {
  for (const t of ['external', 'admin', 'x', 'int_1', 'a'.repeat(31)]) assert.ok(NIC_TAG.test(t), t);
  for (const t of ['1ext', 'ext-1', 'a'.repeat(32), '', 'ext;x']) assert.ok(!NIC_TAG.test(t), t);
  for (const h of ['router', 'web-1', 'a.example.com', '1', 'x'.repeat(63)]) assert.ok(HOSTNAME.test(h), h);
  for (const h of ['-web', 'web-', 'a..b', 'x'.repeat(64), 'a_b', '', 'web server']) assert.ok(!HOSTNAME.test(h), h);
  assert.ok(UUID.test('4dc5cde7-2a49-4cd7-8b76-2c7d5f8b5e2a'));
  assert.ok(UUID.test('4DC5CDE7-2A49-4CD7-8B76-2C7D5F8B5E2A'));
  for (const u of ['4dc5cde7-2a49-4cd7-8b76-2c7d5f8b5e2', '4dc5cde72a494cd78b762c7d5f8b5e2a', 'g' + '4dc5cde7-2a49-4cd7-8b76-2c7d5f8b5e2'.slice(1)]) assert.ok(!UUID.test(u), u);
});

test('MACs: unicast, not all-zero, six octets; normalised the way dladm prints them', () => {
  accepts(macProblem, ['2:8:20:7a:10:1', '02:08:20:7A:10:01', '0:c:29:5a:1:10', 'fe:ff:ff:ff:ff:ff']);
  refuses(macProblem, [
    ['01:00:5e:00:00:01', /multicast/],
    ['ff:ff:ff:ff:ff:ff', /multicast/],
    ['3:0:0:0:0:1', /multicast/],
    ['00:00:00:00:00:00', /all-zero/],
    ['0:0:0:0:0:0', /all-zero/],
    ['0:c:29:5a:1', /not a MAC address/],
    ['0:c:29:5a:1:10:2', /not a MAC address/],
    ['02-08-20-7a-10-01', /not a MAC address/],
    ['2:8:20:7a:10:100', /not a MAC address/],
    ['auto', /not a MAC address/],
  ]);
  assert.equal(normaliseMac('02:08:20:7A:10:01'), '2:8:20:7a:10:1');
  assert.equal(normaliseMac('2:8:20:7a:10:1'), '2:8:20:7a:10:1');
  assert.equal(normaliseMac('00:0C:29:5A:01:10'), '0:c:29:5a:1:10');
});

test('IP addresses: IPv4 dotted quads and IPv6', () => {
  accepts(ipProblem, ['10.0.0.1', '0.0.0.0', '255.255.255.255', '192.168.1.1', '::1', '::', 'fe80::1', '2001:db8::8a2e:370:7334', '2001:db8:0:0:0:0:2:1', '::ffff:192.0.2.1', '64:ff9b::192.0.2.33', '1:2:3:4:5:6:1.2.3.4']);
  refuses(ipProblem, [
    ['10.0.0.256', /not an IPv4 address/],
    ['10.0.0', /not an IPv4 address/],
    ['10.0.0.1.2', /not an IPv4 address/],
    ['010.0.0.1', /not an IPv4 address/],
    ['dns.example.com', /not an IPv4 address/],
    ['', /not an IPv4 address/],
    ['1::2::3', /more than one ::/],
    ['2001:db8:0:0:0:0:2', /not an IPv6 address/],
    ['fe80::g', /not an IPv6 address/],
    ['12345::1', /not an IPv6 address/],
    ['::ffff:192.0.2.256', /not an IPv6 address/],
    ['1:2:3:4:5:6:7:1.2.3.4', /not an IPv6 address/],
    ['1.2.3.4::', /not an IPv6 address/],
  ]);
});

test('CIDR: an address and a prefix no longer than the family allows', () => {
  accepts(cidrProblem, ['10.0.0.10/24', '203.0.113.10/32', '0.0.0.0/0', 'fd00::1/64', '::1/128']);
  refuses(cidrProblem, [
    ['10.0.0.10', /needs a prefix length/],
    ['10.0.0.10/', /needs a prefix length/],
    ['10.0.0.10/33', /\/33 is longer than 32/],
    ['fd00::1/129', /\/129 is longer than 128/],
    ['10.0.0.300/24', /not an IPv4 address/],
    ['10.0.0.1/24/8', /not an IPv4 address|needs a prefix/],
    ['10.0.0.1/-1', /needs a prefix length/],
  ]);
});

test('absolute paths: no .., no empty or . components, no shell characters', () => {
  accepts(absPathProblem, ['/etc/motd', '/zones/win-iso/win.iso', '/opt/custom/smf/a@b+c,d=e:f.xml', '/a']);
  refuses(absPathProblem, [
    ['etc/motd', /not an absolute path/],
    ['', /not an absolute path/],
    ['/', /root directory/],
    ['/etc/../x', /"\.\." component/],
    ['//etc/motd', /empty, "\." or "\.\." component/],
    ['/etc/./motd', /empty, "\." or "\.\." component/],
    ['/etc/motd/', /empty/],
    ['/etc/$(reboot)', /characters kiln does not allow/],
    ['/etc/motd;rm', /characters kiln does not allow/],
    ['/etc/my motd', /characters kiln does not allow/],
    ['/etc/`x`', /characters kiln does not allow/],
  ]);
});
