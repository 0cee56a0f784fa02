import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseZfsList } from '../../../agent/host/parse/zfs-list.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

const RECORDED = ['name', 'type', 'volsize', 'quota', 'mountpoint'];

test('host-b recorded columns: filesystems, volumes, a snapshot', () => {
  const ds = parseZfsList(fixture('host-b/zfs-list-Hp-o-name,type,volsize,quota,mountpoint-t-all.txt'), RECORDED);
  assert.equal(ds.length, 25);
  assert.deepEqual(ds[0], { name: 'zones', type: 'filesystem', quota: 0, mountpoint: '/zones' });
  assert.deepEqual(ds[2], { name: 'zones/1d05e788-5409-11eb-b12f-037bd7fee4ee@final', type: 'snapshot' });
  assert.deepEqual(ds[4], { name: 'zones/5a02245a-422c-4e0a-c5f8-fd6fac1ac04e-disk0', type: 'volume', volsize: 10737418240 });
  assert.equal(ds.filter((d) => d.mountpoint === 'legacy').length, 4);
});

test('host-c recorded columns', () => {
  const ds = parseZfsList(fixture('host-c/zfs-list-Hp-o-name,type,volsize,quota,mountpoint-t-all.txt'), RECORDED);
  assert.deepEqual(ds.find((d) => d.name === 'data/zones/db01'), { name: 'data/zones/db01', type: 'filesystem', quota: 214748364800, mountpoint: '/zones/db01' });
  assert.deepEqual(ds.find((d) => d.name === 'rpool/ROOT/omnios-r151046')?.mountpoint, '/');
});

test("observe's eight columns", () => {
  const ds = parseZfsList(
    fixture('derived/host-b/zfs-list-H-p-o-name,type,volsize,quota,reservation,compression,recordsize,mountpoint-t-filesystem,volume.txt'),
  );
  assert.equal(ds.length, 24);
  assert.deepEqual(ds.find((d) => d.name === 'zones/cores/global'), {
    name: 'zones/cores/global',
    type: 'filesystem',
    quota: 10737418240,
    reservation: 0,
    compression: 'lz4',
    recordsize: 131072,
    mountpoint: '/zones/global/cores',
  });
  assert.deepEqual(ds.find((d) => d.name === 'zones/swap'), {
    name: 'zones/swap',
    type: 'volume',
    volsize: 68719476736,
    reservation: 0,
    compression: 'lz4',
  });
});

test('mountpoint with blanks, bookmarks skipped, empty output', () => {
  const ds = parseZfsList('data/a b\tfilesystem\t-\t0\t0\toff\t131072\t/data/a b\ndata/a#bm\tbookmark\t-\t-\t-\t-\t-\t-\n');
  assert.deepEqual(ds, [{ name: 'data/a b', type: 'filesystem', quota: 0, reservation: 0, compression: 'off', recordsize: 131072, mountpoint: '/data/a b' }]);
  assert.deepEqual(parseZfsList(fixture('host-a/zfs-list-Hp-o-name,type,volsize,quota,mountpoint-t-all.txt'), RECORDED), []);
});

test('garbage throws ParseError', () => {
  for (const bad of ['no datasets available\n', 'zones\tfilesystem\t-\t10G\t/zones\n', 'zones\tpool\t-\t0\t/zones\n', '\tfilesystem\t-\t0\t/\n']) {
    assert.throws(() => parseZfsList(bad, RECORDED), ParseError, bad);
  }
});
