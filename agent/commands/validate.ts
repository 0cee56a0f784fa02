// `kiln validate PROFILE...`: every diagnostic of every file; 0 valid, 2 invalid.
import { EXIT } from '../exit-codes.ts';
import type { Files, Output } from '../io/types.ts';
import { formatDiagnostic, hasErrors } from '../profile/index.ts';
import { loadProfileFile } from './load-profile.ts';

export interface ValidateOptions {
  files: string[];
  json: boolean;
}

export async function validateCommand(opts: ValidateOptions, fs: Files, io: Output): Promise<number> {
  const results = [];
  let bad = 0;
  for (const file of opts.files) {
    const r = await loadProfileFile(fs, file);
    const invalid = hasErrors(r.diagnostics);
    if (invalid) bad++;
    results.push({ file, valid: !invalid, diagnostics: r.diagnostics });
    if (!opts.json) {
      for (const d of r.diagnostics) io.err(formatDiagnostic(d) + '\n');
      if (!invalid) io.out(`${file}: valid (${r.profile ? describeProfile(r.profile) : ''})\n`);
    }
  }
  if (opts.json) io.out(JSON.stringify({ valid: bad === 0, results }, null, 2) + '\n');
  else if (bad) {
    const n = results.reduce((a, r) => a + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    io.err(`${n} error${n === 1 ? '' : 's'} in ${bad} of ${opts.files.length} profile${opts.files.length === 1 ? '' : 's'}\n`);
  }
  return bad ? EXIT.INVALID : EXIT.OK;
}

function describeProfile(p: { pools: unknown[]; network: { vnics: unknown[] }; zones: unknown[] }): string {
  return `${p.pools.length} pool${p.pools.length === 1 ? '' : 's'}, ${p.network.vnics.length} vnic${p.network.vnics.length === 1 ? '' : 's'}, ${p.zones.length} zone${p.zones.length === 1 ? '' : 's'}`;
}
