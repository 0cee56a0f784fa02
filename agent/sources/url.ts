// The boot-param URL source: `kiln.profile=URL` (http or https). Integrity:
// `kiln.sha256=HEX` pins the bytes; else, when the image carries a signing
// key, URL.sig must hold a valid ed25519 signature; plain http with neither
// is refused. Fetches retry with backoff within `kiln.fetch_timeout` seconds.
import { MAX_PROFILE_BYTES } from '../profile/load.ts';
import type { AttemptResult } from './backoff.ts';
import { FETCH_BACKOFF, retry } from './backoff.ts';
import { hostVars } from './host-vars.ts';
import type { HttpClient } from './http.ts';
import { parseHttpUrl } from './http.ts';
import { checkSha256, checkSignature, SIGNING_KEY_PATH } from './integrity.ts';
import { rootPath } from './local.ts';
import { substituteUrl, urlVars } from './substitute.ts';
import type { Fetched, ProfileSource, SourceEnv } from './types.ts';

/** seconds → ms; the default when absent or not a positive number. */
export function fetchTimeoutMs(v: string | undefined): number {
  const n = v === undefined ? NaN : Number(v);
  return n > 0 && n <= 3600 ? Math.round(n * 1000) : FETCH_BACKOFF.totalMs;
}

/** Retry on network errors, timeouts, 5xx, 408 and 429; other statuses are final. */
function attemptGet(http: HttpClient, u: string, maxBytes: number) {
  return async (_n: number, left: number): Promise<AttemptResult<Buffer>> => {
    try {
      const r = await http.request({ method: 'GET', url: u, timeoutMs: left, maxBytes });
      if (r.status >= 200 && r.status < 300) return { ok: r.body };
      const why = `HTTP ${r.status}`;
      return r.status >= 500 || r.status === 408 || r.status === 429 ? { retry: why } : { fail: why };
    } catch (e) {
      const msg = (e as Error).message;
      return /larger than/.test(msg) ? { fail: msg } : { retry: msg };
    }
  };
}

async function get(env: SourceEnv, u: string, totalMs: number, maxBytes: number): Promise<{ ok: Buffer } | { error: string }> {
  const r = await retry({ ...FETCH_BACKOFF, totalMs }, { now: env.now, sleep: env.sleep, log: env.log }, `fetching ${u}`, attemptGet(env.http, u, maxBytes));
  return 'ok' in r ? { ok: r.ok } : { error: `${r.error} (after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'})` };
}

async function signingKey(env: SourceEnv): Promise<string | null> {
  try {
    return await env.files.readText(rootPath(env.root, SIGNING_KEY_PATH));
  } catch (_e) {
    return null;
  }
}

async function fetchUrl(env: SourceEnv): Promise<Fetched> {
  const raw = env.params['kiln.profile'];
  if (!raw) return { kind: 'none' };
  const vars = urlVars(raw);
  const sub = substituteUrl(raw, vars.length ? await hostVars({ ...env, timeoutMs: env.commandTimeoutMs }, vars) : {});
  if ('error' in sub) return { kind: 'unreachable', source: `url:${raw}`, reason: sub.error };
  const u = sub.url;
  const source = `url:${u}`;
  const parsed = parseHttpUrl(u);
  if (!parsed) return { kind: 'refused', source, reason: 'kiln.profile must be an http:// or https:// URL' };
  const hash = env.params['kiln.sha256'];
  const key = hash ? null : await signingKey(env);
  // Refuse before fetching: an unauthenticated channel is never used.
  if (!hash && !key && parsed.protocol === 'http:') return { kind: 'refused', source, reason: 'plain http with neither kiln.sha256 nor a signing key in the image: refused (use https, pin kiln.sha256, or sign the profile)' };
  const totalMs = fetchTimeoutMs(env.params['kiln.fetch_timeout']);
  const started = env.now();
  const body = await get(env, u, totalMs, MAX_PROFILE_BYTES);
  if ('error' in body) return { kind: 'unreachable', source, reason: `could not fetch the profile: ${body.error}` };
  if (hash) {
    const bad = checkSha256(body.ok, hash);
    return bad ? { kind: 'refused', source, reason: bad } : { kind: 'found', source, label: u, bytes: body.ok };
  }
  if (key) {
    const sig = await get(env, u + '.sig', Math.max(1, totalMs - (env.now() - started)), 1024);
    if ('error' in sig) return { kind: 'refused', source, reason: `the image carries a signing key but ${u}.sig could not be fetched (${sig.error}) and no kiln.sha256 is given` };
    const bad = checkSignature(body.ok, sig.ok.toString('utf8'), key);
    return bad ? { kind: 'refused', source, reason: bad } : { kind: 'found', source, label: u, bytes: body.ok };
  }
  return { kind: 'found', source, label: u, bytes: body.ok };
}

export const urlSource: ProfileSource = {
  name: 'url',
  where: (env) => (env.params['kiln.profile'] ? `boot param kiln.profile=${env.params['kiln.profile']}` : 'boot param kiln.profile (not set)'),
  fetch: fetchUrl,
};
