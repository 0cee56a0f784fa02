import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseZpoolImport } from '../../../agent/host/parse/zpool-import.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('host-a: one importable pool; leaves of data, cache, spares and logs', () => {
  assert.deepEqual(parseZpoolImport(fixture('host-a/zpool-import.txt')), [
    {
      name: 'zones',
      id: '7390318372873224467',
      state: 'ONLINE',
      foreign: false,
      importable: true,
      disks: [
        'c0t5000CCA25C41B2D1d0',
        'c0t5000CCA25C41C0F5d0',
        'c0t5000CCA25C41D7A9d0',
        'c0t5000CCA25C41E310d0',
        'c2t0d0',
        'c0t5000CCA25C41F001d0',
        'c1t0d0',
        'c1t1d0',
      ],
    },
  ]);
});

test('host-b: nothing to import (empty stdout)', () => {
  assert.deepEqual(parseZpoolImport(fixture('host-b/zpool-import.txt')), []);
  assert.deepEqual(parseZpoolImport(''), []);
});

const SEVERAL = [
  '   pool: tank',
  '     id: 15451357997522795478',
  '  state: DEGRADED',
  ' status: One or more devices are missing from the system.',
  ' action: The pool can be imported despite missing or damaged devices.  The',
  '\tfault tolerance of the pool may be compromised if imported.',
  '   see: http://illumos.org/msg/ZFS-8000-2Q',
  ' config:',
  '',
  '\ttank        DEGRADED',
  '\t  mirror-0  DEGRADED',
  '\t    c1t2d0  ONLINE',
  '\t    c1t3d0  UNAVAIL  cannot open',
  '\tcache',
  '\t  c2t0d0',
  '\tspares',
  '\t  c1t4d0',
  '\tlogs\t',
  '\t  c1t5d0    ONLINE',
  '',
  '   pool: old',
  '     id: 7390318372873224467',
  '  state: UNAVAIL',
  ' status: One or more devices are missing from the system.',
  ' action: The pool cannot be imported. Attach the missing',
  '\tdevices and try again.',
  '   see: https://illumos.org/msg/ZFS-8000-6X',
  ' config:',
  '',
  '\told                      UNAVAIL  missing device',
  '\t  raidz1-0               ONLINE',
  '\t    c3t0d0               ONLINE',
  '\t    c3t1d0               ONLINE',
  '\t    c3t2d0               ONLINE',
  '',
  '\tAdditional devices are known to be part of this pool, though their',
  '\texact configuration cannot be determined.',
  '',
  '   pool: shared',
  '     id: 123',
  '  state: ONLINE',
  ' status: The pool was last accessed by another system.',
  ' action: The pool can be imported using its name or numeric identifier and',
  "\tthe '-f' flag.",
  '   see: http://illumos.org/msg/ZFS-8000-EY',
  ' config:',
  '',
  '\tshared      ONLINE',
  '\t  c4t0d0    ONLINE',
  '',
].join('\n');

test('several pools: DEGRADED, UNAVAIL (not importable), foreign', () => {
  const pools = parseZpoolImport(SEVERAL);
  assert.deepEqual(
    pools.map((p) => [p.name, p.id, p.state, p.foreign, p.importable]),
    [
      ['tank', '15451357997522795478', 'DEGRADED', false, true],
      ['old', '7390318372873224467', 'UNAVAIL', false, false],
      ['shared', '123', 'ONLINE', true, true],
    ],
  );
  assert.deepEqual(pools[0]?.disks, ['c1t2d0', 'c1t3d0', 'c2t0d0', 'c1t4d0', 'c1t5d0']);
  assert.deepEqual(pools[1]?.disks, ['c3t0d0', 'c3t1d0', 'c3t2d0']);
  assert.deepEqual(pools[2]?.disks, ['c4t0d0']);
});

test('old man-page layout (labels one column less) and destroyed state', () => {
  const text = '  pool: tank\n    id: 1\n state: ONLINE (DESTROYED)\naction: The pool can be imported using its name or numeric identifier.\nconfig:\n\n\ttank        ONLINE\n\t  mirror    ONLINE\n\t    c1t2d0  ONLINE\n\t    c1t3d0  ONLINE\n';
  const [p] = parseZpoolImport(text);
  assert.equal(p?.state, 'ONLINE');
  assert.deepEqual(p?.disks, ['c1t2d0', 'c1t3d0']);
});

test('garbage throws ParseError', () => {
  for (const bad of ['hello\n', '  state: ONLINE\n', '   pool: x\n  state: ONLINE\n', '   pool: x\n     id: abc\n  state: ONLINE\n']) {
    assert.throws(() => parseZpoolImport(bad), ParseError, bad);
  }
});
