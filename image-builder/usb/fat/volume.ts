// A FAT volume opened on a region of an image: look up, create and replace
// files by path. Nothing is cached across calls except the FAT itself, which
// flush() writes back (with FAT32's FSInfo) when done.
import { requireBpb } from './bpb.ts';
import type { Bpb } from './bpb.ts';
import { ATTR_ARCHIVE, ATTR_DIR, Directory, clusterPos, encodeShortEntry } from './dir.ts';
import type { DirEntry, VolumeCtx } from './dir.ts';
import { FatTable } from './fat-table.ts';
import { UsbError } from './image-io.ts';
import type { Region } from './image-io.ts';
import { checkLongName } from './lfn.ts';

// FSInfo signatures (spec): lead at 0, struct at 484, trail at 508.
const FSI_LEAD = 0x41615252;
const FSI_STRUC = 0x61417272;
const FSI_TRAIL = 0xaa550000;

export class Volume {
  readonly ctx: VolumeCtx;

  private constructor(ctx: VolumeCtx) {
    this.ctx = ctx;
  }

  static async open(region: Region, stamp: { date: number; time: number }, where = 'the partition'): Promise<Volume> {
    const bpb = requireBpb(await region.read(0, 512), where);
    if (bpb.totalSectors * bpb.bytesPerSector > region.length) {
      throw new UsbError(`${where} is smaller (${region.length} bytes) than its FAT file system says (${bpb.totalSectors * bpb.bytesPerSector} bytes)`);
    }
    const fat = await FatTable.load(region, bpb);
    return new Volume({ region, bpb, fat, stamp });
  }

  get bpb(): Bpb {
    return this.ctx.bpb;
  }

  get freeBytes(): number {
    return this.ctx.fat.freeCount * this.ctx.bpb.clusterBytes;
  }

  private static split(path: string): string[] {
    const parts = path.split('/').filter((p) => p !== '');
    for (const p of parts) {
      const bad = checkLongName(p);
      if (bad) throw new UsbError(bad);
    }
    return parts;
  }

  /** The directory at `parts`, or null when some part is missing (or is a file). */
  private async walk(parts: string[], create: boolean): Promise<Directory | null> {
    let dir = await Directory.open(this.ctx, 0);
    for (const name of parts) {
      const e = dir.find(name);
      if (e && !e.isDir) {
        if (create) throw new UsbError(`cannot make directory /${parts.join('/')}: "${e.name}" is a file`);
        return null;
      }
      if (e) {
        dir = await Directory.open(this.ctx, e.cluster);
      } else if (create) {
        dir = await this.mkdir(dir, name);
      } else {
        return null;
      }
    }
    return dir;
  }

  /** A new directory: one zeroed cluster holding '.' and '..' (spec: '..' of a root child is cluster 0). */
  private async mkdir(parent: Directory, name: string): Promise<Directory> {
    const { bpb, fat, region, stamp } = this.ctx;
    const [c] = fat.alloc(1) as [number];
    const fat32 = bpb.type === 32;
    const parentCluster = parent.first === (fat32 ? bpb.rootCluster : 0) ? 0 : parent.first;
    const body = Buffer.alloc(bpb.clusterBytes);
    encodeShortEntry('.          ', ATTR_DIR, c, 0, stamp, fat32).copy(body, 0);
    encodeShortEntry('..         ', ATTR_DIR, parentCluster, 0, stamp, fat32).copy(body, 32);
    await region.write(clusterPos(bpb, c), body);
    await parent.add(name, ATTR_DIR, c, 0);
    return Directory.open(this.ctx, c);
  }

  async mkdirp(path: string): Promise<void> {
    await this.walk(Volume.split(path), true);
  }

  private async locate(path: string, create: boolean): Promise<{ dir: Directory; name: string; entry: DirEntry | undefined } | null> {
    const parts = Volume.split(path);
    const name = parts.pop();
    if (name === undefined) throw new UsbError(`"${path}" names no file`);
    const dir = await this.walk(parts, create);
    if (!dir) return null;
    return { dir, name, entry: dir.find(name) };
  }

  /** What `path` is, if anything. */
  async stat(path: string): Promise<'file' | 'dir' | null> {
    if (Volume.split(path).length === 0) return 'dir';
    const at = await this.locate(path, false);
    if (!at || !at.entry) return null;
    return at.entry.isDir ? 'dir' : 'file';
  }

  /** A file's bytes, or null when it does not exist. */
  async readFile(path: string): Promise<Buffer | null> {
    const at = await this.locate(path, false);
    if (!at || !at.entry) return null;
    if (at.entry.isDir) throw new UsbError(`/${path} is a directory`);
    const { bpb, fat, region } = this.ctx;
    const size = at.entry.size;
    const chain = fat.chain(at.entry.cluster);
    if (chain.length * bpb.clusterBytes < size) throw new UsbError(`corrupt file /${path}: ${size} bytes in ${chain.length} clusters`);
    const parts: Buffer[] = [];
    for (let i = 0; i * bpb.clusterBytes < size; i++) {
      parts.push(await region.read(clusterPos(bpb, chain[i] as number), Math.min(bpb.clusterBytes, size - i * bpb.clusterBytes)));
    }
    return Buffer.concat(parts);
  }

  /**
   * Creates or replaces a file (parent directories made as needed). A
   * replaced file keeps its directory entries (names, creation time); its old
   * clusters are freed before the new ones are taken.
   */
  async writeFile(path: string, data: Buffer): Promise<'created' | 'replaced'> {
    const at = await this.locate(path, true);
    if (!at) throw new Error('unreachable: walk with create returns a directory');
    const { bpb, fat, region } = this.ctx;
    if (at.entry?.isDir) throw new UsbError(`cannot write /${path}: it is a directory`);
    if (data.length > 0xffffffff) throw new UsbError(`/${path}: FAT files are limited to 4 GiB`);
    if (at.entry) fat.free(fat.chain(at.entry.cluster));
    const chain = fat.alloc(Math.ceil(data.length / bpb.clusterBytes));
    // Write runs of consecutive clusters in one go; the tail of the last
    // cluster is zeroed so the output does not depend on what was there.
    for (let i = 0; i < chain.length;) {
      let j = i + 1;
      while (j < chain.length && chain[j] === (chain[j - 1] as number) + 1) j++;
      const buf = Buffer.alloc((j - i) * bpb.clusterBytes);
      data.copy(buf, 0, i * bpb.clusterBytes, Math.min(data.length, j * bpb.clusterBytes));
      await region.write(clusterPos(bpb, chain[i] as number), buf);
      i = j;
    }
    const first = chain[0] ?? 0;
    if (at.entry) {
      await at.dir.update(at.entry, first, data.length);
      return 'replaced';
    }
    await at.dir.add(at.name, ATTR_ARCHIVE, first, data.length);
    return 'created';
  }

  /** Writes the FAT copies and, on FAT32, FSInfo's free count and next-free hint. */
  async flush(): Promise<void> {
    const { bpb, fat, region } = this.ctx;
    await fat.flush();
    if (bpb.type !== 32 || bpb.fsInfoSector === 0 || bpb.fsInfoSector >= bpb.reservedSectors) return;
    const pos = bpb.fsInfoSector * bpb.bytesPerSector;
    const s = await region.read(pos, 512);
    // An FSInfo without its signatures is not one: leave the sector alone.
    if (s.readUInt32LE(0) !== FSI_LEAD || s.readUInt32LE(484) !== FSI_STRUC || s.readUInt32LE(508) !== FSI_TRAIL) return;
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(fat.freeCount, 0);
    tail.writeUInt32LE(fat.lastAllocated || s.readUInt32LE(492), 4);
    await region.write(pos + 488, tail);
  }
}
