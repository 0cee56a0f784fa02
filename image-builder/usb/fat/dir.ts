// Directories: 32-byte entries, in the fixed FAT12/16 root region or in a
// cluster chain. Reads all of a directory (they are small), and writes back
// only the entries it adds or changes.
import type { Bpb } from './bpb.ts';
import type { FatTable } from './fat-table.ts';
import { UsbError } from './image-io.ts';
import type { Region } from './image-io.ts';
import { LFN_ATTR, encodeLfn, lfnChecksum, lfnPiece, makeShortName, shortDisplay } from './lfn.ts';

export const ATTR_DIR = 0x10;
export const ATTR_ARCHIVE = 0x20;
export const ATTR_LABEL = 0x08;

/** What a directory operation needs of the volume. */
export interface VolumeCtx {
  region: Region;
  bpb: Bpb;
  fat: FatTable;
  /** fixed DOS date and time for every entry written (reproducible output) */
  stamp: { date: number; time: number };
}

export function clusterPos(bpb: Bpb, c: number): number {
  return (bpb.firstDataSector + (c - 2) * bpb.sectorsPerCluster) * bpb.bytesPerSector;
}

/** DOS date/time (local-free: UTC). Spec: dates count from 1980; seconds in 2 s steps. */
export function dosStamp(d: Date): { date: number; time: number } {
  const y = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  if (y !== d.getUTCFullYear()) return { date: y === 1980 ? 0x21 : ((127 << 9) | (12 << 5) | 31), time: 0 };
  return {
    date: ((y - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

export interface DirEntry {
  /** the long name, else the short one as NAME.EXT */
  name: string;
  short: Buffer;
  attr: number;
  cluster: number;
  size: number;
  /** slot index of the 8.3 entry */
  slot: number;
  isDir: boolean;
}

export function encodeShortEntry(short11: string, attr: number, cluster: number, size: number, stamp: { date: number; time: number }, fat32: boolean): Buffer {
  const e = Buffer.alloc(32);
  e.write(short11, 0, 11, 'latin1');
  e[11] = attr;
  e.writeUInt16LE(stamp.time, 14); // created
  e.writeUInt16LE(stamp.date, 16);
  e.writeUInt16LE(stamp.date, 18); // last access
  if (fat32) e.writeUInt16LE(cluster >>> 16, 20);
  e.writeUInt16LE(stamp.time, 22); // written
  e.writeUInt16LE(stamp.date, 24);
  e.writeUInt16LE(cluster & 0xffff, 26);
  e.writeUInt32LE(size, 28);
  return e;
}

export class Directory {
  private readonly ctx: VolumeCtx;
  /** cluster of a chained directory; 0 for the FAT12/16 fixed root */
  readonly first: number;
  private slots: number[];
  private data: Buffer;

  private constructor(ctx: VolumeCtx, first: number, slots: number[], data: Buffer) {
    this.ctx = ctx;
    this.first = first;
    this.slots = slots;
    this.data = data;
  }

  /** first = 0 opens the root directory (fixed region on FAT12/16, RootClus on FAT32). */
  static async open(ctx: VolumeCtx, first: number): Promise<Directory> {
    const { bpb, region, fat } = ctx;
    if (first === 0 && bpb.type !== 32) {
      const pos = bpb.rootDirSector * bpb.bytesPerSector;
      const data = await region.read(pos, bpb.rootEntries * 32);
      return new Directory(ctx, 0, Array.from({ length: bpb.rootEntries }, (_, i) => pos + i * 32), data);
    }
    const start = first === 0 ? bpb.rootCluster : first;
    const parts: Buffer[] = [];
    const slots: number[] = [];
    for (const c of fat.chain(start)) {
      const pos = clusterPos(bpb, c);
      parts.push(await region.read(pos, bpb.clusterBytes));
      for (let i = 0; i < bpb.clusterBytes; i += 32) slots.push(pos + i);
    }
    return new Directory(ctx, start, slots, Buffer.concat(parts));
  }

  private entry(i: number): Buffer {
    return this.data.subarray(i * 32, i * 32 + 32);
  }

  /** Index of the end marker (first entry starting with 0x00): it and all after it are free. */
  private endIndex(): number {
    for (let i = 0; i < this.slots.length; i++) if (this.data[i * 32] === 0) return i;
    return this.slots.length;
  }

  private isFree(i: number, end: number): boolean {
    return i >= end || this.data[i * 32] === 0xe5;
  }

  /** Files and subdirectories (not the label, '.', '..', or deleted entries), with their long names. */
  list(): DirEntry[] {
    const out: DirEntry[] = [];
    const end = this.endIndex();
    let pieces: string[] = [], expect = 0, sum = -1;
    for (let i = 0; i < end; i++) {
      const e = this.entry(i);
      if (e[0] === 0xe5) { pieces = []; expect = 0; continue; }
      const attr = e[11] as number;
      if ((attr & 0x3f) === LFN_ATTR) {
        const ord = (e[0] as number) & 0x1f;
        if ((e[0] as number) & 0x40) { pieces = [lfnPiece(e)]; expect = ord - 1; sum = e[13] as number; }
        else if (expect > 0 && ord === expect && e[13] === sum) { pieces.unshift(lfnPiece(e)); expect--; }
        else { expect = -1; }
        continue;
      }
      const short = Buffer.from(e.subarray(0, 11));
      const long = expect === 0 && pieces.length && sum === lfnChecksum(short) ? pieces.join('') : null;
      pieces = []; expect = 0;
      if (attr & ATTR_LABEL) continue;
      if (e[0] === 0x2e) continue; // '.' and '..'
      const cluster = ((this.ctx.bpb.type === 32 ? e.readUInt16LE(20) : 0) << 16) + e.readUInt16LE(26);
      out.push({ name: long ?? shortDisplay(short, e[12] as number), short, attr, cluster, size: e.readUInt32LE(28), slot: i, isDir: (attr & ATTR_DIR) !== 0 });
    }
    return out;
  }

  /** Case-insensitive, as FAT names are. */
  find(name: string): DirEntry | undefined {
    const want = name.toUpperCase();
    return this.list().find((d) => d.name.toUpperCase() === want || shortDisplay(d.short, 0) === want);
  }

  /** Every 8.3 name in use, the volume label's included, so a new one clashes with none. */
  private takenShort(): Set<string> {
    const taken = new Set<string>();
    const end = this.endIndex();
    for (let i = 0; i < end; i++) {
      const e = this.entry(i);
      if (e[0] !== 0xe5 && ((e[11] as number) & 0x3f) !== LFN_ATTR) taken.add(e.toString('latin1', 0, 11));
    }
    return taken;
  }

  /** Adds `name` (LFN entries + 8.3 entry) in the first run of free slots, growing a chained directory if needed. */
  async add(name: string, attr: number, cluster: number, size: number): Promise<DirEntry> {
    const { bpb, stamp } = this.ctx;
    const short = makeShortName(name, this.takenShort());
    const shortEntry = encodeShortEntry(short, attr, cluster, size, stamp, bpb.type === 32);
    const shortBuf = shortEntry.subarray(0, 11);
    // Only a name that is not its own upper-case 8.3 form needs an LFN.
    const needsLfn = shortDisplay(shortBuf, 0) !== name;
    const entries = [...(needsLfn ? encodeLfn(name, lfnChecksum(shortBuf)) : []), shortEntry];
    const at = await this.freeRun(entries.length);
    const end = this.endIndex();
    for (let k = 0; k < entries.length; k++) await this.put(at + k, entries[k] as Buffer);
    // Slots past the old end marker count as free only while one starts with 0x00.
    const after = at + entries.length;
    if (after > end && after < this.slots.length && this.data[after * 32] !== 0) await this.putByte(after, 0);
    return { name, short: Buffer.from(shortBuf), attr, cluster, size, slot: after - 1, isDir: (attr & ATTR_DIR) !== 0 };
  }

  /** Points an existing entry at new content; its names and creation time stay. */
  async update(entry: DirEntry, cluster: number, size: number): Promise<void> {
    const e = Buffer.from(this.entry(entry.slot));
    const { bpb, stamp } = this.ctx;
    e.writeUInt16LE(stamp.date, 18);
    if (bpb.type === 32) e.writeUInt16LE(cluster >>> 16, 20);
    e.writeUInt16LE(stamp.time, 22);
    e.writeUInt16LE(stamp.date, 24);
    e.writeUInt16LE(cluster & 0xffff, 26);
    e.writeUInt32LE(size, 28);
    await this.put(entry.slot, e);
  }

  private async put(i: number, e: Buffer): Promise<void> {
    e.copy(this.data, i * 32);
    await this.ctx.region.write(this.slots[i] as number, e);
  }

  private async putByte(i: number, v: number): Promise<void> {
    this.data[i * 32] = v;
    await this.ctx.region.write(this.slots[i] as number, Buffer.from([v]));
  }

  /** Start of n consecutive free slots; allocates (zeroed) clusters onto a chained directory when there are none. */
  private async freeRun(n: number): Promise<number> {
    const end = this.endIndex();
    let run = 0;
    for (let i = 0; i < this.slots.length; i++) {
      run = this.isFree(i, end) ? run + 1 : 0;
      if (run === n) return i - n + 1;
    }
    const { bpb, fat, region } = this.ctx;
    if (this.first === 0) throw new UsbError(`the root directory is full (${bpb.rootEntries} entries)`);
    if (this.slots.length + n > 65536) throw new UsbError('the directory is full (65536 entries)');
    const per = bpb.clusterBytes / 32;
    const chain = fat.chain(this.first);
    const added = fat.extend(chain[chain.length - 1] as number, Math.ceil((n - run) / per));
    const start = this.slots.length - run;
    for (const c of added) {
      const pos = clusterPos(bpb, c);
      await region.write(pos, Buffer.alloc(bpb.clusterBytes));
      for (let i = 0; i < bpb.clusterBytes; i += 32) this.slots.push(pos + i);
    }
    this.data = Buffer.concat([this.data, Buffer.alloc(added.length * bpb.clusterBytes)]);
    return start;
  }
}
