// Profile discovery: the sources in their declared order; the first that
// finds a profile wins. A source that is named but unreachable is noted and
// the next one is tried; a profile that is found but refused (integrity)
// stops discovery, so the caller falls back to the last good profile.
import { bootfsSource, embeddedSource, usbkeySource } from './local.ts';
import type { Fetched, ProfileSource, Rejection, SourceEnv } from './types.ts';
import { urlSource } from './url.ts';
import { usbLabelSource } from './usb-label.ts';

/** The order sources are tried in. */
export const PROFILE_SOURCES: ProfileSource[] = [urlSource, bootfsSource, usbkeySource, usbLabelSource, embeddedSource];

export interface Discovery {
  found?: Extract<Fetched, { kind: 'found' }>;
  rejected: Rejection[];
  /** where each source looked, in order */
  looked: string[];
}

export async function discoverProfile(env: SourceEnv, sources: ProfileSource[] = PROFILE_SOURCES): Promise<Discovery> {
  const out: Discovery = { rejected: [], looked: [] };
  for (const s of sources) {
    out.looked.push(s.where(env));
    const r = await s.fetch(env);
    if (r.kind === 'none') continue;
    if (r.kind === 'found') {
      out.found = r;
      return out;
    }
    out.rejected.push({ source: r.source, reason: r.reason });
    env.log(`kiln: ${r.kind === 'refused' ? 'REFUSED' : 'unreachable'}: ${r.source}: ${r.reason}`);
    if (r.kind === 'refused') return out;
  }
  return out;
}
