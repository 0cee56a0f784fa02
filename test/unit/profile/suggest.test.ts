// Did-you-mean: close typos get a suggestion, unrelated words get none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggest } from '../../../agent/profile/suggest.ts';

const ZONE_KEYS = ['name', 'brand', 'autoboot', 'pool', 'nets', 'max_physical_memory', 'max_swap', 'max_locked_memory', 'cpu_cap', 'cpu_shares', 'quota', 'ram', 'vcpus', 'disks'];

test('suggest: the nearest key within a third of the word', () => {
  const table: Array<[string, readonly string[], string | undefined]> = [
    ['max_phisical_memory', ZONE_KEYS, 'max_physical_memory'],
    ['cpuShares', ZONE_KEYS, 'cpu_shares'],
    ['cpu-cap', ZONE_KEYS, 'cpu_cap'],
    ['CPU_CAP', ZONE_KEYS, 'cpu_cap'],
    ['autobot', ZONE_KEYS, 'autoboot'],
    ['disk', ZONE_KEYS, 'disks'],
    ['lables', ['name', 'description', 'labels'], 'labels'],
    ['netwrok', ['apiVersion', 'kind', 'metadata', 'network', 'zones'], 'network'],
    ['joyant', ['joyent', 'joyent-minimal', 'lx'], 'joyent'],
    ['host', ['Host'], 'Host'],
  ];
  for (const [word, cands, want] of table) assert.equal(suggest(word, cands), want, word);
});

test('suggest: nothing when no candidate is close', () => {
  const table: Array<[string, readonly string[]]> = [
    ['hosts', ['apiVersion', 'kind', 'metadata', 'pools', 'zones']],
    ['memory_cap', ZONE_KEYS],
    ['x', ['name', 'pool']],
    ['anything', []],
    ['', ['a', 'b'].map((s) => s.repeat(3))],
  ];
  for (const [word, cands] of table) assert.equal(suggest(word, cands), undefined, word);
});

test('suggest: vmadm\'s names lead to kiln\'s, where kiln has that key here', () => {
  assert.equal(suggest('nics', ZONE_KEYS), 'nets');
  assert.equal(suggest('memory', ZONE_KEYS), 'max_physical_memory');
  assert.equal(suggest('vlan', ['name', 'over', 'vlan_id']), 'vlan_id');
  assert.equal(suggest('nic_tag', ['name', 'over', 'vlan_id']), 'over');
  assert.equal(suggest('nics', ['name', 'pool']), undefined);
  assert.equal(suggest('constructor', ['name']), undefined);
  assert.equal(suggest('__proto__', ['name']), undefined);
});

test('suggest: a one-letter slip in a short word still counts', () => {
  assert.equal(suggest('ran', ['ram', 'vcpus']), 'ram');
  assert.equal(suggest('po', ['pool']), undefined);
});

test('suggest: ties go to the first candidate, so the order of the field table decides', () => {
  assert.equal(suggest('cat', ['bat', 'cap']), 'bat');
  assert.equal(suggest('cat', ['cap', 'bat']), 'cap');
});
