import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMac, normaliseMac } from '../../../agent/host/parse/mac.ts';

test('normaliseMac: dladm form, lower-case, no leading zeros', () => {
  assert.equal(normaliseMac('02:08:20:0A:01:5C'), '2:8:20:a:1:5c');
  assert.equal(normaliseMac('90:b8:d0:a:1:5c'), '90:b8:d0:a:1:5c');
  assert.equal(normaliseMac('00:00:00:00:00:00'), '0:0:0:0:0:0');
  assert.equal(normaliseMac('02-08-20-0a-01-5c'), '2:8:20:a:1:5c');
  assert.equal(normaliseMac(' 2:8:20:a1:b2:c3 '), '2:8:20:a1:b2:c3');
});

test('normaliseMac: rejects what is not a 6-octet MAC', () => {
  for (const bad of ['', '2:8:20:a1:b2', '2:8:20:a1:b2:c3:d4', '2:8:20:a1:b2:g3', '2:8:20:a1:b2:123', '2::20:a1:b2:c3', 'random']) {
    assert.equal(normaliseMac(bad), null, bad);
    assert.equal(isMac(bad), false, bad);
  }
  assert.equal(isMac('2:8:20:a1:b2:c3'), true);
});
