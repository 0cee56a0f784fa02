// Read a profile file and parse it; a missing or unreadable file is a
// diagnostic like any other, so every caller reports it the same way.
import type { Diagnostic } from '../profile/diagnostics.ts';
import type { ParseResult } from '../profile/index.ts';
import { parseProfile } from '../profile/index.ts';
import { MAX_PROFILE_BYTES } from '../profile/load.ts';
import type { Files } from '../io/types.ts';

export interface LoadedProfile extends ParseResult {
  file: string;
  text?: string;
}

function readError(file: string, message: string): Diagnostic {
  return { severity: 'error', code: 'E_READ', path: '$', message, file };
}

export async function loadProfileFile(files: Files, file: string): Promise<LoadedProfile> {
  let size: number | null;
  try {
    size = await files.size(file);
  } catch (e) {
    return { file, diagnostics: [readError(file, `cannot read the profile: ${(e as Error).message}`)] };
  }
  if (size === null) return { file, diagnostics: [readError(file, 'no such file')] };
  if (size > MAX_PROFILE_BYTES) return { file, ...parseProfile('', file, size) };
  let text: string | null;
  try {
    text = await files.readText(file);
  } catch (e) {
    return { file, diagnostics: [readError(file, `cannot read the profile: ${(e as Error).message}`)] };
  }
  if (text === null) return { file, diagnostics: [readError(file, 'no such file')] };
  return { file, text, ...parseProfile(text, file, size) };
}
