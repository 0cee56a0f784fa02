// The URL source with a fake HTTP client: https needs no hash, redirects of
// trust never happen, and what is fetched is exactly what is checked.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, test } from 'node:test';
import type { HttpClient, HttpRequest } from '../../../agent/sources/http.ts';
import { urlSource } from '../../../agent/sources/url.ts';
import type { SourceEnv } from '../../../agent/sources/types.ts';

function env(params: Record<string, string>, http: HttpClient, files: Record<string, string> = {}): SourceEnv {
  let t = 0;
  return {
    platform: 'illumos',
    runner: { run: async () => { throw new Error('no commands here'); } },
    files: { readText: async (p) => files[p] ?? null, size: async () => null, writeText: async () => undefined, mkdirp: async () => undefined, rename: async () => undefined, list: async () => [], remove: async () => undefined },
    devices: { readBytes: async () => null, open: async () => null },
    http,
    root: '/',
    params,
    commandTimeoutMs: 1000,
    now: () => t,
    sleep: async (ms) => { t += ms; },
    log: () => undefined,
  };
}

const serve = (table: Record<string, string>, seen: HttpRequest[] = []): HttpClient => ({
  request: async (r) => { seen.push(r); const b = table[r.url]; return b === undefined ? { status: 404, body: Buffer.alloc(0) } : { status: 200, body: Buffer.from(b) }; },
});

describe('url source', () => {
  test('not set: nothing here', async () => {
    assert.deepEqual(await urlSource.fetch(env({}, serve({}))), { kind: 'none' });
  });
  test('https with neither hash nor key: TLS is the authentication', async () => {
    const r = await urlSource.fetch(env({ 'kiln.profile': 'https://h/p.yaml' }, serve({ 'https://h/p.yaml': 'x' })));
    assert.equal(r.kind, 'found');
  });
  test('plain http unsigned: refused before any request', async () => {
    const seen: HttpRequest[] = [];
    const r = await urlSource.fetch(env({ 'kiln.profile': 'http://h/p.yaml' }, serve({ 'http://h/p.yaml': 'x' }, seen)));
    assert.equal(r.kind, 'refused');
    assert.deepEqual(seen, []);
  });
  test('not http(s): refused', async () => {
    const r = await urlSource.fetch(env({ 'kiln.profile': 'tftp://h/p.yaml' }, serve({})));
    assert.equal(r.kind, 'refused');
  });
  test('a key baked in: the signature is required and checked over the exact bytes', async () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const pub = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('base64') + '\n';
    const files = { '/etc/kiln/profile-signing.pub': pub };
    const body = 'apiVersion: kiln/v1\n';
    const sig = crypto.sign(null, Buffer.from(body), privateKey).toString('base64');
    const ok = await urlSource.fetch(env({ 'kiln.profile': 'https://h/p.yaml' }, serve({ 'https://h/p.yaml': body, 'https://h/p.yaml.sig': sig }), files));
    assert.equal(ok.kind, 'found');
    const missing = await urlSource.fetch(env({ 'kiln.profile': 'https://h/p.yaml' }, serve({ 'https://h/p.yaml': body }), files));
    assert.equal(missing.kind, 'refused');
    const tampered = await urlSource.fetch(env({ 'kiln.profile': 'https://h/p.yaml' }, serve({ 'https://h/p.yaml': body + ' ', 'https://h/p.yaml.sig': sig }), files));
    assert.deepEqual(tampered.kind === 'refused' && /bad signature/.test(tampered.reason), true);
  });
  test('a 404 is unreachable, not refused: the next source is tried', async () => {
    const r = await urlSource.fetch(env({ 'kiln.profile': 'https://h/p.yaml' }, serve({})));
    assert.equal(r.kind, 'unreachable');
  });
});
