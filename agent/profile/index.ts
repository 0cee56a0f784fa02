// The profile library: text in, a typed Profile and every diagnostic out.
// Pure: no file system, no host. The agent and `kiln validate` share it.
import { checkValue, report } from './check-types.ts';
import type { Ctx } from './check-types.ts';
import type { Diagnostic } from './diagnostics.ts';
import { hasErrors, sortDiagnostics } from './diagnostics.ts';
import { loadYaml } from './load.ts';
import { normalise } from './v1/normalise.ts';
import { checkRules } from './v1/rules.ts';
import { PROFILE_V1 } from './v1/schema.ts';
import type { Profile } from './v1/types.ts';

export const SUPPORTED_VERSIONS = ['kiln/v1'];

export interface ParseResult {
  profile?: Profile;
  diagnostics: Diagnostic[];
}

/** Parse, check and normalise one profile's text. */
export function parseProfile(text: string, file: string, byteLength?: number): ParseResult {
  const loaded = loadYaml(text, file, byteLength);
  if (loaded.diagnostics.length) return { diagnostics: loaded.diagnostics };
  const ctx: Ctx = { file, positions: loaded.positions, diagnostics: [] };
  const doc = loaded.doc;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    report(ctx, [], 'E_NOT_PROFILE', `a profile is a mapping of keys, but this file holds ${Array.isArray(doc) ? 'a list' : 'a single value'}`, 'start with `apiVersion: kiln/v1` and `kind: Host`');
    return { diagnostics: ctx.diagnostics };
  }
  const d = doc as Record<string, unknown>;
  // An unknown version is fatal on its own: checking keys against the wrong
  // schema would bury the one message that matters.
  if (d.apiVersion !== undefined && SUPPORTED_VERSIONS.indexOf(d.apiVersion as string) < 0) {
    report(ctx, ['apiVersion'], 'E_API_VERSION', `apiVersion "${String(d.apiVersion)}" is not supported`, `this kiln reads ${SUPPORTED_VERSIONS.join(', ')}`);
    return { diagnostics: ctx.diagnostics };
  }
  checkValue(ctx, PROFILE_V1, doc, []);
  checkRules(ctx, d);
  const diagnostics = sortDiagnostics(ctx.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { profile: normalise(d), diagnostics };
}

export type { Profile } from './v1/types.ts';
export type { Diagnostic } from './diagnostics.ts';
export { formatDiagnostic, hasErrors } from './diagnostics.ts';
