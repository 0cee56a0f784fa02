import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseZoneadmList } from '../../../agent/host/parse/zoneadm-list.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('host-b: SmartOS global zone and four running zones', () => {
  const zones = parseZoneadmList(fixture('host-b/zoneadm-list-cp.txt'));
  assert.equal(zones.length, 6);
  assert.deepEqual(zones[0], { id: 0, name: 'global', state: 'running', zonepath: '/', uuid: '', brand: 'liveimg', ipType: 'shared' });
  assert.deepEqual(zones[3], {
    id: 3,
    name: '5a02245a-422c-4e0a-c5f8-fd6fac1ac04e',
    state: 'running',
    zonepath: '/zones/5a02245a-422c-4e0a-c5f8-fd6fac1ac04e',
    uuid: '5a02245a-422c-4e0a-c5f8-fd6fac1ac04e',
    brand: 'kvm',
    ipType: 'excl',
  });
  assert.equal(zones[5]?.id, undefined);
  assert.equal(zones[5]?.state, 'installed');
});

test('host-c: escaped colon in a zonepath, zone without uuid', () => {
  const zones = parseZoneadmList(fixture('host-c/zoneadm-list-cp.txt'));
  const legacy = zones.find((z) => z.name === 'legacy01');
  assert.equal(legacy?.zonepath, '/export/zones/legacy:01');
  assert.equal(legacy?.ipType, 'shared');
  assert.equal(zones.find((z) => z.name === 'build01')?.uuid, '');
  assert.equal(zones.find((z) => z.name === 'broken01')?.state, 'incomplete');
});

test('host-g: every state step', () => {
  const steps = [
    ['step1-configured', 'configured', undefined],
    ['step2-incomplete', 'incomplete', undefined],
    ['step3-installed', 'installed', undefined],
    ['step4-ready', 'ready', 7],
    ['step5-running', 'running', 7],
    ['step6-shutting_down', 'shutting_down', 7],
    ['step7-down', 'down', 7],
    ['step8-installed', 'installed', undefined],
  ] as const;
  for (const [file, state, id] of steps) {
    const app = parseZoneadmList(fixture(`host-g/zoneadm-list-cp.${file}.txt`))[1];
    assert.equal(app?.state, state, file);
    assert.equal(app?.id, id, file);
  }
});

test('seven fields (before debugid); empty output', () => {
  assert.equal(parseZoneadmList('0:global:running:/::ipkg:shared\n')[0]?.brand, 'ipkg');
  assert.deepEqual(parseZoneadmList(''), []);
});

test('garbage throws ParseError', () => {
  for (const bad of ['  ID NAME STATUS\n', '0:global:running:/\n', 'x:web:running:/z:u:b:excl:1\n', '1:web:booting:/z:u:b:excl:1\n', '1::running:/z:u:b:excl:1\n']) {
    assert.throws(() => parseZoneadmList(bad), ParseError, bad);
  }
});
