// The sources on the host itself: the loader boot module, the mounted USB
// key, the copy embedded in the image. Each is one file under the root.
import { checkSha256 } from './integrity.ts';
import type { Fetched, ProfileSource, SourceEnv } from './types.ts';

export function rootPath(root: string, p: string): string {
  return root === '/' || root === '' ? p : root.replace(/\/+$/, '') + p;
}

/**
 * A boot module loaded by iPXE carries its sha256 on the kernel line as
 * `kiln.sha256` (kiln build writes it there); with no `kiln.profile` URL that
 * pin belongs to the boot module, and a mismatch refuses it.
 */
function pinnedHash(env: SourceEnv): string | undefined {
  return env.params['kiln.profile'] ? undefined : env.params['kiln.sha256'];
}

/** A source that reads one file; found when the file exists. `pinned`: check kiln.sha256. */
export function fileSource(name: string, path: string, pinned = false): ProfileSource {
  return {
    name,
    where: (env) => rootPath(env.root, path),
    async fetch(env: SourceEnv): Promise<Fetched> {
      const p = rootPath(env.root, path);
      try {
        const bytes = await env.devices.readBytes(p);
        if (bytes === null) return { kind: 'none' };
        const pin = pinned ? pinnedHash(env) : undefined;
        const bad = pin !== undefined ? checkSha256(bytes, pin) : null;
        if (bad) return { kind: 'refused', source: `${name}:${p}`, reason: bad };
        return { kind: 'found', source: `${name}:${p}`, label: p, bytes };
      } catch (e) {
        return { kind: 'unreachable', source: `${name}:${p}`, reason: `cannot read ${p}: ${(e as Error).message}` };
      }
    },
  };
}

export const bootfsSource = fileSource('bootfs', '/system/boot/kiln/profile.yaml', true);
export const usbkeySource = fileSource('usbkey', '/usbkey/kiln/profile.yaml');
export const embeddedSource = fileSource('embedded', '/etc/kiln/profile.yaml');
