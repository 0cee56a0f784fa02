// Which profile this run applies: the explicit --profile file, else the
// first source that finds one; a found profile that is refused (integrity)
// or invalid is replaced by the last good one from the system pool. A
// missing profile is not a refused one: with nothing found anywhere there is
// nothing to fall back from, and nothing is touched.
import type { Output } from '../io/types.ts';
import type { Profile } from '../profile/index.ts';
import { formatDiagnostic, hasErrors, parseProfile } from '../profile/index.ts';
import { discoverProfile } from './discover.ts';
import { sha256Hex } from './integrity.ts';
import { findLastGood } from './last-good.ts';
import type { Rejection, SourceEnv } from './types.ts';

export interface Chosen {
  profile: Profile;
  /** the exact text applied */
  text: string;
  sha256: string;
  source: string;
  /** set when this is the last good profile standing in for a refused one */
  fallbackReason?: string;
}

export interface Choice {
  chosen?: Chosen;
  rejected: Rejection[];
  /** diagnostics of the profile that was found and is invalid */
  diagnostics: string[];
  /** the profile that was found, applied or not */
  found?: { source: string; sha256: string; name?: string };
  /** every place discovery looked, when nothing was found */
  looked: string[];
}

export interface Timers {
  /** run `fn` and add its time to the phase */
  time<T>(phase: 'discover' | 'validate', fn: () => Promise<T>): Promise<T>;
}

function parse(bytes: Buffer, label: string): { profile?: Profile; text: string; diagnostics: string[] } {
  const text = bytes.toString('utf8');
  const r = parseProfile(text, label, bytes.length);
  if (r.profile && !hasErrors(r.diagnostics)) return { profile: r.profile, text, diagnostics: [] };
  return { text, diagnostics: r.diagnostics.map(formatDiagnostic) };
}

async function explicitFile(env: SourceEnv, path: string): Promise<{ bytes: Buffer | null; error?: string }> {
  try {
    return { bytes: await env.devices.readBytes(path) };
  } catch (e) {
    return { bytes: null, error: (e as Error).message };
  }
}

export async function chooseProfile(env: SourceEnv, say: Output, t: Timers, explicit?: string): Promise<Choice> {
  const out: Choice = { rejected: [], diagnostics: [], looked: [] };
  let found: { source: string; label: string; bytes: Buffer } | undefined;
  if (explicit !== undefined) {
    const r = await t.time('discover', () => explicitFile(env, explicit));
    if (!r.bytes) {
      out.found = { source: `file:${explicit}`, sha256: '' };
      out.diagnostics.push(`${explicit}:1:1: error: $: cannot read the profile: ${r.error || 'no such file'}`);
      return out;
    }
    found = { source: `file:${explicit}`, label: explicit, bytes: r.bytes };
  } else {
    const d = await t.time('discover', () => discoverProfile(env));
    out.rejected = d.rejected;
    out.looked = d.looked;
    found = d.found;
  }
  if (found) {
    const f = found;
    const sha256 = sha256Hex(f.bytes);
    out.found = { source: f.source, sha256 };
    const p = await t.time('validate', async () => parse(f.bytes, f.label));
    if (p.profile) {
      out.found.name = p.profile.metadata.name;
      out.chosen = { profile: p.profile, text: p.text, sha256, source: f.source };
      return out;
    }
    out.diagnostics = p.diagnostics;
    for (const d of p.diagnostics) say.err(d + '\n');
    const n = p.diagnostics.length;
    out.rejected.push({ source: f.source, reason: `invalid: ${n} error${n === 1 ? '' : 's'}, first: ${p.diagnostics[0] || '?'}`, sha256 });
    say.err(`kiln: REFUSED: ${f.source}: the profile is invalid\n`);
  }
  // An explicit file is what the operator asked for: never swap it silently.
  if (explicit !== undefined || out.rejected.length === 0) return out;
  const lg = await t.time('discover', () => findLastGood(env.runner, env.devices, env.root, env.commandTimeoutMs));
  for (const n of lg.notes) say.err(`kiln: last good: ${n}\n`);
  if (!lg.found) return out;
  const g = lg.found;
  const p = await t.time('validate', async () => parse(g.bytes, g.label));
  if (!p.profile) {
    say.err(`kiln: the last good profile ${g.label} is no longer valid for this kiln; not used\n`);
    return out;
  }
  const reason = out.rejected.map((r) => `${r.source}: ${r.reason}`).join('; ');
  out.chosen = { profile: p.profile, text: p.text, sha256: sha256Hex(g.bytes), source: g.source, fallbackReason: reason };
  return out;
}
