import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseZpoolStatus } from '../../../agent/host/parse/zpool-status.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('host-b: raidz2 of six disks', () => {
  assert.deepEqual(parseZpoolStatus(fixture('host-b/zpool-status-zones.txt')), {
    zones: ['c0t0d0', 'c0t1d0', 'c0t2d0', 'c0t3d0', 'c0t4d0', 'c0t5d0'],
  });
});

test('host-c: logs, cache and spares (spare rows without counters)', () => {
  assert.deepEqual(parseZpoolStatus(fixture('host-c/zpool-status-data.txt')), {
    data: ['c2t0d0', 'c2t1d0', 'c2t2d0', 'c2t3d0', 'c2t4d0', 'c2t5d0', 'c3t0d0', 'c3t1d0', 'c4t0d0', 'c2t6d0'],
  });
});

test('several pools, a degraded one with wrapped status and scan progress', () => {
  const text = [
    '  pool: rpool',
    ' state: ONLINE',
    '  scan: resilver in progress since Sun Mar  3 05:41:07 2024',
    '    1.23G scanned out of 5.00G at 10M/s, 0h6m to go',
    'config:',
    '',
    '\tNAME        STATE     READ WRITE CKSUM',
    '\trpool       ONLINE       0     0     0',
    '\t  mirror-0  ONLINE       0     0     0',
    '\t    c1t0d0  ONLINE       0     0     0',
    '\t    c1t1d0  ONLINE       0     0     0',
    '',
    'errors: No known data errors',
    '',
    '  pool: NAME',
    ' state: DEGRADED',
    'status: One or more devices could not be opened.  Sufficient replicas exist for',
    '\tthe pool to continue functioning in a degraded state.',
    "action: Attach the missing device and online it using 'zpool online'.",
    '   see: http://illumos.org/msg/ZFS-8000-2Q',
    '  scan: none requested',
    'config:',
    '',
    '\tNAME        STATE     READ WRITE CKSUM',
    '\tNAME        DEGRADED     0     0     0',
    '\t  c2t0d0    UNAVAIL      0     0     0  cannot open',
    '',
    'errors: No known data errors',
    '',
  ].join('\n');
  assert.deepEqual(parseZpoolStatus(text), { rpool: ['c1t0d0', 'c1t1d0'], NAME: ['c2t0d0'] });
});

test('no pools', () => {
  assert.deepEqual(parseZpoolStatus('no pools available\n'), {});
  assert.deepEqual(parseZpoolStatus(''), {});
});

test('garbage throws ParseError', () => {
  assert.throws(() => parseZpoolStatus('all pools are healthy\n'), ParseError);
  assert.throws(() => parseZpoolStatus('\x00\x01garbage'), ParseError);
});
