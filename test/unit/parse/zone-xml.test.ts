import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseZoneXml } from '../../../agent/host/parse/zone-xml.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

const Z1 = '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01';

test('SmartOS joyent zone: attrs, net with properties, rctls', () => {
  const c = parseZoneXml(fixture(`derived/host-b/etc/zones/${Z1}.xml`));
  assert.equal(c.name, Z1);
  assert.equal(c.zonepath, `/zones/${Z1}`);
  assert.equal(c.autoboot, true);
  assert.equal(c.brand, 'joyent');
  assert.equal(c.ipType, 'exclusive');
  assert.equal(c.limitpriv, 'default');
  assert.deepEqual(c.nets, [
    {
      physical: 'net0',
      macAddr: '90:b8:d0:a:1:5c',
      globalNic: 'admin',
      properties: { ips: '10.10.0.50/24', gateways: '10.10.0.1', primary: 'true' },
    },
  ]);
  assert.deepEqual(c.rctls['zone.cpu-cap'], [{ priv: 'privileged', limit: '200', action: 'deny' }]);
  assert.equal(Object.keys(c.rctls).length, 11);
  assert.deepEqual(c.attrs['dataset-uuid'], { type: 'string', value: '1d05e788-5409-11eb-b12f-037bd7fee4ee' });
  assert.deepEqual(c.devices, []);
  assert.deepEqual(c.datasets, []);
});

test('kvm and bhyve: devices with properties, VLAN, MAC normalised', () => {
  const kvm = parseZoneXml(fixture('derived/host-b/etc/zones/5a02245a-422c-4e0a-c5f8-fd6fac1ac04e.xml'));
  assert.equal(kvm.autoboot, false);
  assert.deepEqual(kvm.devices, [
    { match: '/dev/zvol/rdsk/zones/5a02245a-422c-4e0a-c5f8-fd6fac1ac04e-disk0', properties: { boot: 'true', model: 'virtio', media: 'disk' } },
  ]);
  const bhyve = parseZoneXml(fixture('derived/host-b/etc/zones/e8d1f4b2-6a3c-4d7e-9f01-2b3c4d5e6f05.xml'));
  assert.equal(bhyve.nets[0]?.vlanId, '120');
  assert.equal(bhyve.nets[0]?.macAddr, '90:b8:d0:1:2:3');
});

test('two nets, allowed-address, defrouter, dataset; entities in values', () => {
  const c = parseZoneXml(fixture('derived/host-b/etc/zones/9b3c1a60-2f6e-4c55-8f43-6a7d2b0c3e02.xml'));
  assert.equal(c.nets.length, 2);
  assert.equal(c.nets[0]?.allowedAddress, '10.10.0.51');
  assert.equal(c.nets[0]?.defrouter, '10.10.0.1');
  assert.deepEqual(c.nets[1], { physical: 'net1', macAddr: '90:b8:d0:4f:a0:8', globalNic: 'stub0', properties: {} });
  assert.deepEqual(c.datasets, ['zones/9b3c1a60-2f6e-4c55-8f43-6a7d2b0c3e02/data']);
  const lx = parseZoneXml(fixture('derived/host-b/etc/zones/c1a7e0d2-4b9f-4e8a-a5c3-0d9e8f7a6b03.xml'));
  assert.equal(lx.attrs['alias']?.value, '"build" & test');
});

test('vanilla illumos: single quotes, odd attribute order, empty defaults, ignored elements', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE zone PUBLIC "-//Sun Microsystems Inc//DTD Zones//EN" "file:///usr/share/lib/xml/dtd/zonecfg.dtd.1">
<zone ip-type='exclusive' autoboot='false' zonepath='/export/zones/legacy:01' name='web01' brand='sparse' limitpriv=''>
  <network vlan-id="" physical="web01_0" mac-addr="" address="" allowed-address="" defrouter="" global-nic=""/>
  <filesystem special="/data/web01" directory="/data" type="lofs"><fsoption name="rw"/></filesystem>
  <mcap physcap="2147483648"/>
  <rctl name="zone.max-processes"><rctl-value priv="privileged" limit="4000" action="deny"/></rctl>
  <rctl name="zone.max-processes"><rctl-value priv="privileged" limit="5000" action="deny"/></rctl>
  <attr type="string" value="platform-team" name="owner"/>
  <dataset name="data/zones/web01/delegated" alias=""/>
</zone>`;
  assert.deepEqual(parseZoneXml(xml), {
    name: 'web01',
    zonepath: '/export/zones/legacy:01',
    autoboot: false,
    brand: 'sparse',
    ipType: 'exclusive',
    nets: [{ physical: 'web01_0', properties: {} }],
    devices: [],
    rctls: {
      'zone.max-processes': [
        { priv: 'privileged', limit: '4000', action: 'deny' },
        { priv: 'privileged', limit: '5000', action: 'deny' },
      ],
    },
    attrs: { owner: { type: 'string', value: 'platform-team' } },
    datasets: ['data/zones/web01/delegated'],
  });
});

test('ip-type missing means shared', () => {
  assert.equal(parseZoneXml('<zone name="z" zonepath="/z" autoboot="true"/>').ipType, 'shared');
});

test('malformed or foreign documents throw ParseError', () => {
  for (const bad of [
    '',
    '<service_bundle name="x"/>',
    '<zone zonepath="/z" autoboot="true"/>',
    '<zone name="z" zonepath="/z" autoboot="yes"/>',
    '<zone name="z" zonepath="/z" autoboot="true"><network/></zone>',
    '<zone name="z" zonepath="/z" autoboot="true"><rctl name="r"><rctl-value priv="privileged"/></rctl></zone>',
    '<zone name="z" zonepath="/z" autoboot="true">',
  ]) {
    assert.throws(() => parseZoneXml(bad), ParseError, bad);
  }
});
