// A newc ("070701") cpio writer and a tar -> newc converter: the format the
// Linux kernel unpacks as an initramfs. Pure: entries in, bytes out.
import { extract } from 'tar-stream';
import type { Entry } from '../build/manifest.ts';

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const TYPE_BITS: Record<Entry['type'], number> = { dir: S_IFDIR, file: S_IFREG, symlink: S_IFLNK };

/** The fields of one newc member that the writer takes from an entry. */
export interface CpioMember {
  name: string;
  /** type and permission bits (st_mode) */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  /** seconds since the epoch */
  mtime: number;
  data: Buffer;
}

const hex8 = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`cpio field out of range: ${n}`);
  return n.toString(16).toUpperCase().padStart(8, '0');
};
const pad4 = (n: number): number => (4 - (n % 4)) % 4;

function header(m: CpioMember, ino: number): Buffer {
  const nameBytes = Buffer.byteLength(m.name) + 1;
  // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
  // rdevmajor, rdevminor, namesize, check
  const fields = [ino, m.mode, m.uid, m.gid, m.nlink, m.mtime, m.data.length, 0, 0, 0, 0, nameBytes, 0];
  return Buffer.from('070701' + fields.map(hex8).join(''), 'latin1');
}

/** Members -> one newc archive; ino numbers count from 1, the trailer ends it, every part is 4-aligned. */
export function writeNewc(members: CpioMember[]): Buffer {
  const parts: Buffer[] = [];
  let off = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    off += b.length;
  };
  const all = [...members, { name: 'TRAILER!!!', mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, data: Buffer.alloc(0) }];
  all.forEach((m, i) => {
    const isTrailer = i === members.length;
    push(header(m, isTrailer ? 0 : i + 1));
    push(Buffer.from(m.name + '\0', 'utf8'));
    push(Buffer.alloc(pad4(off)));
    if (m.data.length) {
      push(m.data);
      push(Buffer.alloc(pad4(off)));
    }
  });
  return Buffer.concat(parts, off);
}

/** The overlay manifest as a newc archive, every mtime set to `mtime` (seconds). */
export function writeCpio(entries: Entry[], mtime: number): Buffer {
  return writeNewc(entries.map((e) => ({
    name: e.path,
    mode: TYPE_BITS[e.type] | (e.mode & 0o7777),
    uid: e.uid,
    gid: e.gid,
    nlink: e.type === 'dir' ? 2 : 1,
    mtime,
    data: e.type === 'file' ? (e.data ?? Buffer.alloc(0)) : e.type === 'symlink' ? Buffer.from(e.target ?? '', 'utf8') : Buffer.alloc(0),
  })));
}

/** A tar archive -> newc, keeping names, modes, ids and mtimes (files, dirs and symlinks only). */
export function tarToNewc(tar: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const members: CpioMember[] = [];
    const ex = extract();
    ex.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        const bits = h.type === 'directory' ? S_IFDIR : h.type === 'file' ? S_IFREG : h.type === 'symlink' ? S_IFLNK : 0;
        if (!bits) {
          next(new Error(`${h.name}: tar entry of type ${h.type} cannot go into the overlay (files, directories and symlinks only)`));
          return;
        }
        const name = h.name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
        if (name === '' || name === '.') {
          next();
          return;
        }
        members.push({
          name,
          mode: bits | ((h.mode ?? 0) & 0o7777),
          uid: h.uid ?? 0,
          gid: h.gid ?? 0,
          nlink: bits === S_IFDIR ? 2 : 1,
          mtime: h.mtime ? Math.floor(h.mtime.getTime() / 1000) : 0,
          data: bits === S_IFLNK ? Buffer.from(h.linkname ?? '', 'utf8') : Buffer.concat(chunks),
        });
        next();
      });
      stream.resume();
    });
    ex.on('finish', () => resolve(writeNewc(members)));
    ex.on('error', reject);
    ex.end(tar);
  });
}
