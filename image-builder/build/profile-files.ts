// The profile's `files:` as overlay entries. A source is read only from inside
// the profile's directory: no "..", no absolute path, no symlink anywhere on
// the way (checked with lstat per component, then realpath as a second fence).
import * as path from 'node:path';
import type { FileEntry } from '../../agent/profile/v1/types.ts';
import type { BuildFs } from './fs.ts';
import type { Entry } from './manifest.ts';
import { ManifestError, fileEntry, overlayPathProblem } from './manifest.ts';

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

async function readSource(fs: BuildFs, profileFile: string, source: string, where: string): Promise<Buffer> {
  const fail = (msg: string): never => {
    throw new ManifestError(`${where}.source "${source}": ${msg}`);
  };
  if (source === '' || source.indexOf('\0') >= 0) fail('not a usable file name');
  if (path.isAbsolute(source)) fail('must be relative to the profile\'s directory, not an absolute path');
  const parts = source.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.indexOf('..') >= 0) fail('leaves the profile\'s directory (".." component); keep sources next to the profile');
  if (parts.length === 0) fail('names the profile\'s directory itself, not a file');
  const base = await fs.realpath(path.dirname(path.resolve(profileFile)));
  let cur = base;
  for (let i = 0; i < parts.length; i++) {
    cur = path.join(cur, parts[i] as string);
    let st;
    try {
      st = await fs.lstat(cur);
    } catch (e) {
      return fail(code(e) === 'ENOENT' || code(e) === 'ENOTDIR' ? `no such file (looked for ${cur})` : `cannot read it: ${(e as Error).message}`);
    }
    if (st.isSymbolicLink()) fail(i === parts.length - 1 ? 'is a symlink; kiln copies only regular files from the profile\'s directory' : `passes through the symlink ${cur}; kiln follows no symlinks in sources`);
    if (i < parts.length - 1 && !st.isDirectory()) fail(`${cur} is not a directory`);
    if (i === parts.length - 1 && !st.isFile()) fail('is not a regular file');
  }
  const real = await fs.realpath(cur);
  if (real !== base && real.indexOf(base + path.sep) !== 0) fail(`resolves to ${real}, outside the profile's directory ${base}`);
  return (await fs.readFile(cur)) as Buffer;
}

/** One entry per `files:` item; `profileFile` anchors relative sources. */
export async function profileFileEntries(files: FileEntry[], profileFile: string, fs: BuildFs): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as FileEntry;
    const where = `$.files[${i}]`;
    const rel = f.path.replace(/^\//, '');
    const problem = overlayPathProblem(rel);
    if (problem || f.path.charAt(0) !== '/') throw new ManifestError(`${where}.path: ${problem ?? `"${f.path}" must be absolute`}`);
    let data: Buffer;
    if (f.content !== undefined) data = Buffer.from(f.content, 'utf8');
    else if (f.source !== undefined) data = await readSource(fs, profileFile, f.source, where);
    else throw new ManifestError(`${where}: needs content or source`);
    out.push(fileEntry(rel, f.mode & 0o7777, f.owner, f.group, data, where));
  }
  return out;
}
