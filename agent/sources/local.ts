// Where the agent finds its profile on the host itself, first match wins:
// the loader boot module, the USB key, the copy embedded in the image.
import type { Files } from '../io/types.ts';

export interface FoundProfile {
  /** source name for the report: bootfs, usbkey, embedded, file */
  source: string;
  path: string;
}

export const LOCAL_SOURCES: ReadonlyArray<{ source: string; path: string }> = [
  { source: 'bootfs', path: '/system/boot/kiln/profile.yaml' },
  { source: 'usbkey', path: '/usbkey/kiln/profile.yaml' },
  { source: 'embedded', path: '/etc/kiln/profile.yaml' },
];

export function rootPath(root: string, p: string): string {
  return root === '/' || root === '' ? p : root.replace(/\/+$/, '') + p;
}

export async function findLocalProfile(files: Files, root: string): Promise<FoundProfile | undefined> {
  for (const s of LOCAL_SOURCES) {
    const p = rootPath(root, s.path);
    if ((await files.size(p)) !== null) return { source: s.source, path: p };
  }
  return undefined;
}
