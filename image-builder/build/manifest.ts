// Phase 1 of a build (HOUSE-STYLE 13): the overlay as a list of entries, each
// stating its type, path, mode and owner. Every archive and tree kiln writes is
// derived from this one list, so they cannot disagree.
import { absPathProblem } from '../../agent/profile/names.ts';

export type EntryType = 'file' | 'dir' | 'symlink';

export interface Entry {
  type: EntryType;
  /** relative to the image root, no leading / (usr/lib/kiln/kiln-agent.js) */
  path: string;
  /** permission bits only, e.g. 0o444 */
  mode: number;
  owner: string;
  group: string;
  uid: number;
  gid: number;
  /** file content (type file) */
  data?: Buffer;
  /** link target (type symlink) */
  target?: string;
  /** who asked for it, for error messages: "kiln" or "$.files[2]" */
  origin: string;
}

// illumos ids (usr/src/cmd/Adm/{passwd,group}); the Debian ones agree for these.
const USERS: Record<string, number> = { root: 0, daemon: 1, bin: 2, sys: 3, adm: 4, uucp: 5, nuucp: 9, smmsp: 25, listen: 37, lp: 71, nobody: 60001, noaccess: 60002, nobody4: 65534 };
const GROUPS: Record<string, number> = { root: 0, other: 1, bin: 2, sys: 3, adm: 4, uucp: 5, mail: 6, tty: 7, lp: 8, nuucp: 9, staff: 10, daemon: 12, sysadmin: 14, smmsp: 25, netadm: 65, nobody: 60001, noaccess: 60002, nogroup: 65534 };

/** Numeric id of a user name, or undefined: newc cpio has no names, so every owner needs one. */
export function uidOf(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(USERS, name) ? USERS[name] : undefined;
}
export function gidOf(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(GROUPS, name) ? GROUPS[name] : undefined;
}
export const KNOWN_USERS = Object.keys(USERS);
export const KNOWN_GROUPS = Object.keys(GROUPS);

// Directories the platform already has, with the owners illumos gives them, so
// a smartos-live manifest line for them agrees with the rest of the image.
const SYSTEM_DIRS: Record<string, [string, string]> = {
  etc: ['root', 'sys'],
  lib: ['root', 'bin'],
  'lib/svc': ['root', 'bin'],
  'lib/svc/manifest': ['root', 'sys'],
  'lib/svc/manifest/system': ['root', 'sys'],
  'lib/svc/method': ['root', 'bin'],
  usr: ['root', 'sys'],
  'usr/lib': ['root', 'bin'],
};

export class ManifestError extends Error {}

/** Check an overlay path: relative, no empty/./.. components, kiln's path characters only. */
export function overlayPathProblem(p: string): string | undefined {
  if (p.charAt(0) === '/') return `"${p}" must be relative to the image root`;
  return absPathProblem('/' + p);
}

function entry(type: EntryType, path: string, mode: number, owner: string, group: string, origin: string): Entry {
  const uid = uidOf(owner);
  const gid = gidOf(group);
  if (uid === undefined) throw new ManifestError(`${origin}: owner "${owner}" has no known numeric id (known: ${KNOWN_USERS.join(', ')})`);
  if (gid === undefined) throw new ManifestError(`${origin}: group "${group}" has no known numeric id (known: ${KNOWN_GROUPS.join(', ')})`);
  return { type, path, mode, owner, group, uid, gid, origin };
}

export function fileEntry(path: string, mode: number, owner: string, group: string, data: Buffer, origin = 'kiln'): Entry {
  return { ...entry('file', path, mode, owner, group, origin), data };
}

export function symlinkEntry(path: string, target: string, owner: string, group: string, origin = 'kiln'): Entry {
  return { ...entry('symlink', path, 0o777, owner, group, origin), target };
}

export function dirEntry(path: string, origin = 'kiln'): Entry {
  const [owner, group] = SYSTEM_DIRS[path] ?? ['root', 'sys'];
  return entry('dir', path, 0o755, owner, group, origin);
}

const byteOrder = (a: Entry, b: Entry): number => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));

/**
 * The final list: paths checked, no path twice, a parent `dir` entry for every
 * directory on the way, sorted by path in byte order (reproducible output).
 */
export function finishManifest(entries: Entry[]): Entry[] {
  const byPath = new Map<string, Entry>();
  for (const e of entries) {
    const problem = overlayPathProblem(e.path);
    if (problem) throw new ManifestError(`${e.origin}: ${problem}`);
    const prev = byPath.get(e.path);
    if (prev) throw new ManifestError(`${e.origin}: ${e.path} is already in the image (${prev.origin === 'kiln' ? 'a file kiln itself installs' : `from ${prev.origin}`})`);
    byPath.set(e.path, e);
  }
  for (const e of entries) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const have = byPath.get(dir);
      if (!have) byPath.set(dir, dirEntry(dir));
      else if (have.type !== 'dir') throw new ManifestError(`${e.origin}: ${e.path} would be inside ${dir}, which is a ${have.type} (${have.origin === 'kiln' ? 'kiln installs it' : `from ${have.origin}`})`);
    }
  }
  return [...byPath.values()].sort(byteOrder);
}
