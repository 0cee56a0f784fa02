import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseZpoolList } from '../../../agent/host/parse/zpool-list.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('host-b and host-c pools, host-a none', () => {
  assert.deepEqual(parseZpoolList(fixture('host-b/zpool-list-Hp-o-name,size,health,guid.txt')), [
    { name: 'zones', size: 11991548833792, health: 'ONLINE', guid: '12818295434738215591', disks: [] },
  ]);
  assert.deepEqual(
    parseZpoolList(fixture('host-c/zpool-list-Hp-o-name,size,health,guid.txt')).map((p) => [p.name, p.size]),
    [
      ['data', 23991998504960],
      ['rpool', 480103981056],
    ],
  );
  assert.deepEqual(parseZpoolList(fixture('host-a/zpool-list-Hp-o-name,size,health,guid.txt')), []);
});

test('a FAULTED pool prints - for its size', () => {
  assert.deepEqual(parseZpoolList('zion\t-\tFAULTED\t42\n'), [{ name: 'zion', size: 0, health: 'FAULTED', guid: '42', disks: [] }]);
});

test('garbage throws ParseError', () => {
  for (const bad of ['no pools available\n', 'zones  123  ONLINE  1\n', 'zones\t1G\tONLINE\t1\n', 'zones\t1\tONLINE\tabc\n']) {
    assert.throws(() => parseZpoolList(bad), ParseError, bad);
  }
});
