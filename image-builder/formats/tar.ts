// The overlay as a ustar archive (tar-stream): names, modes, numeric ids and
// owner names, one fixed mtime. Pure apart from the stream plumbing.
import { pack } from 'tar-stream';
import type { Entry } from '../build/manifest.ts';

const TYPES = { file: 'file', dir: 'directory', symlink: 'symlink' } as const;

/** Entries -> tar bytes; `mtime` in seconds since the epoch. */
export function writeTar(entries: Entry[], mtime: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: unknown) => chunks.push(c as Buffer));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    const date = new Date(mtime * 1000);
    for (const e of entries) {
      const header = {
        name: e.type === 'dir' ? e.path + '/' : e.path,
        type: TYPES[e.type],
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        uname: e.owner,
        gname: e.group,
        mtime: date,
        ...(e.type === 'symlink' ? { linkname: e.target ?? '' } : {}),
      };
      if (e.type === 'file') p.entry(header, e.data ?? Buffer.alloc(0));
      else p.entry(header);
    }
    p.finalize();
  });
}
