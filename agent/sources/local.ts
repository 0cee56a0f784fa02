// The sources on the host itself: the loader boot module, the mounted USB
// key, the copy embedded in the image. Each is one file under the root.
import type { Fetched, ProfileSource, SourceEnv } from './types.ts';

export function rootPath(root: string, p: string): string {
  return root === '/' || root === '' ? p : root.replace(/\/+$/, '') + p;
}

/** A source that reads one file; found when the file exists. */
export function fileSource(name: string, path: string): ProfileSource {
  return {
    name,
    where: (env) => rootPath(env.root, path),
    async fetch(env: SourceEnv): Promise<Fetched> {
      const p = rootPath(env.root, path);
      try {
        const bytes = await env.devices.readBytes(p);
        return bytes === null ? { kind: 'none' } : { kind: 'found', source: `${name}:${p}`, label: p, bytes };
      } catch (e) {
        return { kind: 'unreachable', source: `${name}:${p}`, reason: `cannot read ${p}: ${(e as Error).message}` };
      }
    },
  };
}

export const bootfsSource = fileSource('bootfs', '/system/boot/kiln/profile.yaml');
export const usbkeySource = fileSource('usbkey', '/usbkey/kiln/profile.yaml');
export const embeddedSource = fileSource('embedded', '/etc/kiln/profile.yaml');
