import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './_fixtures.ts';
import { parseMaxbw, parseShowLinkprop } from '../../../agent/host/parse/dladm-linkprop.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('maxbw: %5u Mb/s with leading blanks, fractions in kb/s, unset', () => {
  assert.equal(parseMaxbw('  100'), 100000000);
  assert.equal(parseMaxbw('10000'), 10000000000);
  assert.equal(parseMaxbw('    1.030'), 1030000);
  assert.equal(parseMaxbw('0.431'), 431000);
  assert.equal(parseMaxbw(''), undefined);
  assert.equal(parseMaxbw('--'), undefined);
  assert.throws(() => parseMaxbw('100M'), ParseError);
});

test('host-c per-link fixtures', () => {
  assert.deepEqual(parseShowLinkprop(fixture('host-c/dladm-show-linkprop-c-o-link,property,value-p-maxbw,priority-db01_0.txt')), [
    { link: 'db01_0', maxbw: 100000000, priority: 'medium' },
  ]);
  assert.deepEqual(parseShowLinkprop(fixture('host-c/dladm-show-linkprop-c-o-link,property,value-p-maxbw,priority-web01_0.txt')), [
    { link: 'web01_0', priority: 'high' },
  ]);
});

test('all links: a repeated name starts a new occurrence', () => {
  const all = parseShowLinkprop(fixture('derived/host-b/dladm-show-linkprop-c-o-link,property,value-p-maxbw,priority.txt'));
  assert.equal(all.length, 9);
  const net0 = all.filter((e) => e.link === 'net0');
  assert.deepEqual(net0, [
    { link: 'net0', priority: 'high' },
    { link: 'net0', priority: 'high' },
    { link: 'net0', maxbw: 100000000, priority: 'high' },
    { link: 'net0', maxbw: 1200000, priority: 'low' },
  ]);
});

test('empty and garbage', () => {
  assert.deepEqual(parseShowLinkprop(''), []);
  assert.throws(() => parseShowLinkprop('net0 maxbw 100\n'), ParseError);
  assert.throws(() => parseShowLinkprop('net0:maxbw:fast\n'), (e: unknown) => e instanceof ParseError && e.line === 1);
});
