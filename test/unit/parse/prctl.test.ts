import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parsePrctl } from '../../../agent/host/parse/prctl.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

const Z1 = '5d4f2d47-7d28-4f5a-9b0e-1b1e0c1e2a01';

test('host-b per-rctl fixtures: the privileged value only', () => {
  const expect: Record<string, number | undefined> = {
    'cpu-cap': 200,
    'cpu-shares': 100,
    'max-locked-memory': 1073741824,
    'max-lwps': 2000,
    'max-physical-memory': 1073741824,
    'max-swap': 1073741824,
    'zfs-io-priority': 100,
    'cpu-baseline': undefined,
  };
  for (const [rctl, value] of Object.entries(expect)) {
    const got = parsePrctl(fixture(`host-b/prctl-P-n-zone.${rctl}-i-zone-${Z1}.txt`));
    assert.deepEqual(Object.keys(got), [Z1]);
    assert.equal(got[Z1]?.[`zone.${rctl}`], value, rctl);
  }
});

test('host-c', () => {
  assert.deepEqual(parsePrctl(fixture('host-c/prctl-P-n-zone.max-physical-memory-i-zone-web01.txt')), {
    web01: { 'zone.max-physical-memory': 2147483648 },
  });
});

test('all rctls of several zones in one run', () => {
  const got = parsePrctl(fixture(`derived/host-b/prctl-P-i-zone-${Z1}-9b3c1a60-2f6e-4c55-8f43-6a7d2b0c3e02-5a02245a-422c-4e0a-c5f8-fd6fac1ac04e-e8d1f4b2-6a3c-4d7e-9f01-2b3c4d5e6f05.txt`));
  assert.equal(Object.keys(got).length, 4);
  assert.deepEqual(got[Z1], {
    'zone.cpu-shares': 100,
    'zone.cpu-cap': 200,
    'zone.max-lwps': 2000,
    'zone.max-physical-memory': 1073741824,
    'zone.max-swap': 1073741824,
    'zone.max-locked-memory': 1073741824,
    'zone.zfs-io-priority': 100,
  });
  assert.equal(got['e8d1f4b2-6a3c-4d7e-9f01-2b3c4d5e6f05']?.['zone.max-physical-memory'], 3489660928);
});

test('first privileged value wins; signal actions; empty output', () => {
  const text = 'zone: 3: web01\nzone.max-lwps privileged 100 - deny -\nzone.max-lwps privileged 200 - deny,signal=XRES -\n';
  assert.deepEqual(parsePrctl(text), { web01: { 'zone.max-lwps': 100 } });
  assert.deepEqual(parsePrctl(''), {});
});

test('garbage throws ParseError', () => {
  for (const bad of [
    'zone.max-lwps privileged 100 - deny -\n',
    'zone: 3: web01\nNAME    PRIVILEGE       VALUE    FLAG   ACTION               RECIPIENT\n',
    'zone: 3: web01\nzone.max-lwps privileged 1.00K - deny -\n',
    'prctl: web01: unknown zone\n',
  ]) {
    assert.throws(() => parsePrctl(bad), ParseError, bad);
  }
});
