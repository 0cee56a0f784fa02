// Report pieces: rotation, status and exit code, the POST with a fake client,
// and `kiln report` rendering.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postReport } from '../../../agent/report/post.ts';
import { renderReport } from '../../../agent/report/render.ts';
import { appliedStatus, exitCodeOf, knobEntry, newReport } from '../../../agent/report/run.ts';
import { reportFileName, reportsToRemove } from '../../../agent/report/rotate.ts';
import type { HttpClient } from '../../../agent/sources/http.ts';
import type { ResourceEntry } from '../../../agent/report/report.ts';

const entry = (id: string, outcome: ResourceEntry['outcome']): ResourceEntry => ({ id, outcome, error: null, duration_ms: 0, reasons: [], commands: [] });

describe('report rotation', () => {
  test('names sort by time; the oldest beyond 10 go; other files stay', () => {
    assert.equal(reportFileName('2026-03-01T10:22:31.123Z'), '2026-03-01T10-22-31.123Z.json');
    const names = Array.from({ length: 12 }, (_x, i) => reportFileName(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString())).reverse().concat(['notes.txt']);
    assert.deepEqual(reportsToRemove(names), ['2026-01-01T00-00-00.000Z.json', '2026-01-01T00-00-01.000Z.json']);
    assert.deepEqual(reportsToRemove(names.slice(0, 3)), []);
  });
});

describe('status and exit code', () => {
  test('knob skips keep a run from converged but never make it failed', () => {
    const skip = knobEntry({ id: 'zone/a', reason: 'kiln.skip=zones: x' });
    assert.equal(appliedStatus([entry('vnic/a0', 'created'), skip], 1, false), 'degraded');
    assert.equal(appliedStatus([skip], 1, false), 'degraded');
    assert.equal(appliedStatus([entry('vnic/a0', 'failed'), skip], 1, false), 'failed');
    assert.equal(appliedStatus([entry('vnic/a0', 'unchanged')], 0, true), 'fallback');
    assert.equal(appliedStatus([entry('vnic/a0', 'failed'), entry('vnic/b0', 'created')], 0, true), 'degraded');
  });
  test('exit codes: fallback is not success', () => {
    assert.deepEqual(['converged', 'disabled', 'fallback', 'degraded', 'failed', 'invalid'].map((s) => exitCodeOf(s as never)), [0, 0, 1, 1, 1, 2]);
  });
});

describe('report_url POST', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => { t += ms; }, log: () => undefined, advance: (ms: number) => { t += ms; } };
  };
  test('retries a 503, then sent', async () => {
    const c = clock();
    const seen: string[] = [];
    let n = 0;
    const http: HttpClient = { request: async (r) => { seen.push(`${r.method} ${r.headers!['Content-Type']} ${r.body}`); return { status: ++n < 2 ? 503 : 200, body: Buffer.alloc(0) }; } };
    const r = await postReport(http, c, 'http://x/r', '{"a":1}', 10000);
    assert.deepEqual(r, { url: 'http://x/r', outcome: 'sent', attempts: 2, status: 200, error: null });
    assert.deepEqual(seen, ['POST application/json {"a":1}', 'POST application/json {"a":1}']);
  });
  test('never past the limit: the timeout given to each attempt is what is left', async () => {
    const c = clock();
    const limits: number[] = [];
    const http: HttpClient = { request: async (r) => { limits.push(r.timeoutMs); c.advance(r.timeoutMs); throw new Error(`no answer within ${r.timeoutMs}ms`); } };
    const r = await postReport(http, c, 'http://x/r', '{}', 1000);
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(limits, [1000]);
    assert.ok(c.now() <= 1000);
  });
  test('a 4xx is final', async () => {
    const http: HttpClient = { request: async () => ({ status: 400, body: Buffer.alloc(0) }) };
    const r = await postReport(http, clock(), 'http://x/r', '{}', 1000);
    assert.deepEqual([r.outcome, r.attempts, r.error], ['failed', 1, 'HTTP 400']);
  });
});

describe('kiln report rendering', () => {
  test('status, profile, phases, changed resources with errors, refused sources', () => {
    const r = newReport('illumos', '/', Date.UTC(2026, 0, 1));
    r.status = 'fallback';
    r.fallback_reason = 'url:http://h/p: sha256 mismatch';
    r.profile = { name: 'home', source: 'last-good:/zones/kiln/last-good.yaml', sha256: 'ab'.repeat(32) };
    r.resources = [entry('pool/zones', 'unchanged'), { ...entry('vnic/a0', 'failed'), error: 'dladm create-vnic: exit 1' }];
    r.rejected = [{ source: 'url:http://h/p', reason: 'sha256 mismatch' }];
    r.warnings = ['w1'];
    const text = renderReport(r);
    assert.match(text, /^status: +fallback \(fallback: url:http:\/\/h\/p: sha256 mismatch\)$/m);
    assert.match(text, /^profile: +home from last-good:/m);
    assert.match(text, /^phases: +discover 0ms/m);
    assert.match(text, /^ {2}failed +vnic\/a0: dladm create-vnic: exit 1$/m);
    assert.doesNotMatch(text, /pool\/zones/);
    assert.match(text, /^refused: +url:http:\/\/h\/p: sha256 mismatch$/m);
    assert.match(text, /^warning: +w1$/m);
  });
});
