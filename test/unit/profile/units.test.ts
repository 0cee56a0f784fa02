// Sizes, bandwidths and durations as users write them, to base units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, formatBytes, parseBandwidth, parseDuration, parseSize } from '../../../agent/profile/units.ts';
import type { Parsed } from '../../../agent/profile/units.ts';

const K = 1024;
const M = K * K;
const G = K * M;

function ok(p: Parsed): number {
  assert.ok(p.ok, p.ok ? '' : p.message);
  return p.value;
}
function bad(p: Parsed): string {
  assert.ok(!p.ok, `accepted: ${p.ok ? p.value : ''}`);
  return p.message + (p.hint ? ` / ${p.hint}` : '');
}

test('parseSize: integers are MiB, strings take binary K/M/G/T', () => {
  const table: Array<[unknown, number]> = [
    [0, 0],
    [512, 512 * M],
    ['512M', 512 * M],
    ['4G', 4 * G],
    ['1T', K * G],
    ['128K', 128 * K],
    ['1.5G', 1.5 * G],
    ['4g', 4 * G],
    ['4GiB', 4 * G],
    ['4GB', 4 * G],
    [' 2 G ', 2 * G],
  ];
  for (const [v, want] of table) assert.equal(ok(parseSize(v)), want, String(v));
});

test('parseSize: what it refuses, and why', () => {
  const table: Array<[unknown, RegExp]> = [
    ['500', /has no unit/],
    ['1P', /not a size/],
    ['4 gigs', /not a size/],
    ['-1G', /not a size/],
    ['G', /not a size/],
    ['', /not a size/],
    [1.5, /whole number of MiB/],
    [-1, /whole number of MiB/],
    [Infinity, /whole number of MiB/],
    [NaN, /whole number of MiB/],
    [true, /expected a size, got the boolean true/],
    [null, /got nothing/],
    [[1], /got a list/],
    [{ a: 1 }, /got a mapping/],
  ];
  for (const [v, re] of table) assert.match(bad(parseSize(v)), re, String(v));
});

test('parseBandwidth: integers are Mb/s, strings take decimal K/M/G bits', () => {
  const table: Array<[unknown, number]> = [
    [100, 100e6],
    [1, 1e6],
    ['1200K', 1.2e6],
    ['100M', 100e6],
    ['1G', 1e9],
    ['2.5g', 2.5e9],
  ];
  for (const [v, want] of table) assert.equal(ok(parseBandwidth(v)), want, String(v));
});

test('parseBandwidth: what it refuses', () => {
  const table: Array<[unknown, RegExp]> = [
    [0, /positive whole number/],
    [-5, /positive whole number/],
    [1.5, /positive whole number/],
    ['100Mbps', /not a bandwidth/],
    ['1T', /not a bandwidth/],
    ['100', /not a bandwidth/],
    [false, /expected a bandwidth/],
  ];
  for (const [v, re] of table) assert.match(bad(parseBandwidth(v)), re, String(v));
});

test('parseDuration: integers are seconds, strings take ms/s/m/h; the result is ms', () => {
  const table: Array<[unknown, number]> = [
    [0, 0],
    [30, 30000],
    [1.5, 1500],
    ['500ms', 500],
    ['30s', 30000],
    ['5m', 300000],
    ['1h', 3600000],
    ['0.5s', 500],
  ];
  for (const [v, want] of table) assert.equal(ok(parseDuration(v)), want, String(v));
});

test('parseDuration: what it refuses', () => {
  const table: Array<[unknown, RegExp]> = [
    [-1, /not a number of seconds/],
    ['5 minutes', /not a duration/],
    ['60sec', /not a duration/],
    ['1d', /not a duration/],
    ['30', /not a duration/],
    [true, /expected a duration/],
  ];
  for (const [v, re] of table) assert.match(bad(parseDuration(v)), re, String(v));
});

test('describe: how a YAML value reads in a message', () => {
  assert.equal(describe(null), 'nothing (null)');
  assert.equal(describe(undefined), 'nothing (null)');
  assert.equal(describe([]), 'a list');
  assert.equal(describe({}), 'a mapping');
  assert.equal(describe('x'), 'the string "x"');
  assert.equal(describe(3), 'the number 3');
  assert.equal(describe(false), 'the boolean false');
  assert.equal(describe('y'.repeat(100)), `the string "${'y'.repeat(40)}…"`);
});

test('formatBytes: the largest unit that divides exactly', () => {
  const table: Array<[number, string]> = [
    [0, '0B'],
    [512, '512B'],
    [1024, '1K'],
    [1536, '1536B'],
    [M, '1M'],
    [1.5 * G, '1536M'],
    [4 * G, '4G'],
    [K * G, '1T'],
    [K * K * G, '1024T'],
  ];
  for (const [n, want] of table) assert.equal(formatBytes(n), want, String(n));
});
