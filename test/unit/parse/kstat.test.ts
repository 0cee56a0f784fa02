import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { PAGE_SIZE, parseKstat, parseKstatArc } from '../../../agent/host/parse/kstat.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('recorded single statistics', () => {
  assert.deepEqual(parseKstatArc(fixture('host-b/kstat-p-zfs-0-arcstats-c_max.txt')), { c_max: 133143986176 });
  assert.deepEqual(parseKstatArc(fixture('host-b/kstat-p-zfs-0-arcstats-size.txt')), { size: 96254001152 });
  assert.deepEqual(parseKstatArc(fixture('host-c/kstat-p-zfs-0-arcstats-c_max.txt')), { c_max: 32212254720 });
});

test("observe's three statistics; physmem pages → bytes", () => {
  assert.deepEqual(parseKstatArc(fixture('derived/host-b/kstat-p-zfs-0-arcstats-c_max-zfs-0-arcstats-size-unix-0-system_pages-physmem.txt')), {
    c_max: 133143986176,
    size: 96254001152,
    physmem: 33554432 * PAGE_SIZE,
  });
  assert.equal(PAGE_SIZE, 4096);
});

test('nothing matched (exit 1, empty output); other statistics kept raw', () => {
  assert.deepEqual(parseKstatArc(''), {});
  assert.deepEqual(parseKstat('unix:0:system_misc:nproc\t77\n'), { 'unix:0:system_misc:nproc': '77' });
});

test('garbage throws ParseError', () => {
  assert.throws(() => parseKstatArc('zfs:0:arcstats:c_max 1\n'), ParseError);
  assert.throws(() => parseKstatArc('zfs:0:arcstats:c_max\tlots\n'), ParseError);
});
