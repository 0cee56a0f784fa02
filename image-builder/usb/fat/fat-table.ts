// The File Allocation Table, held in memory (a few MiB at most even for a
// large FAT32 stick) and written back sector by sector: only the sectors
// whose entries changed are written, to every FAT copy, so the copies stay
// in sync and nothing else on the volume is touched.
import type { Bpb } from './bpb.ts';
import { UsbError } from './image-io.ts';
import type { Region } from './image-io.ts';

export class FatTable {
  readonly bpb: Bpb;
  private readonly region: Region;
  private readonly buf: Buffer;
  private readonly dirty = new Set<number>();
  /** free data clusters, counted at load and kept current */
  freeCount = 0;
  /** the last cluster handed out (FSInfo's next-free hint) */
  lastAllocated = 0;

  private constructor(region: Region, bpb: Bpb, buf: Buffer) {
    this.region = region;
    this.bpb = bpb;
    this.buf = buf;
    for (let c = 2; c <= this.maxCluster; c++) if (this.get(c) === 0) this.freeCount++;
  }

  /** Reads the active FAT (the first, unless FAT32 mirroring is off). */
  static async load(region: Region, bpb: Bpb): Promise<FatTable> {
    const bytes = bpb.fatSectors * bpb.bytesPerSector;
    const start = (bpb.reservedSectors + (bpb.mirroringDisabled ? bpb.activeFat : 0) * bpb.fatSectors) * bpb.bytesPerSector;
    return new FatTable(region, bpb, await region.read(start, bytes));
  }

  get maxCluster(): number {
    return this.bpb.clusterCount + 1;
  }

  /** End-of-chain marker: spec says any value >= 0xFF8 / 0xFFF8 / 0x0FFFFFF8. */
  get eoc(): number {
    return this.bpb.type === 12 ? 0xfff : this.bpb.type === 16 ? 0xffff : 0x0fffffff;
  }

  isEoc(v: number): boolean {
    return v >= (this.bpb.type === 12 ? 0xff8 : this.bpb.type === 16 ? 0xfff8 : 0x0ffffff8);
  }

  get(n: number): number {
    switch (this.bpb.type) {
      case 12: {
        // Two 12-bit entries share three bytes; odd entries use the high 12 bits.
        const off = n + (n >> 1);
        const v = this.buf.readUInt16LE(off);
        return n & 1 ? v >> 4 : v & 0xfff;
      }
      case 16:
        return this.buf.readUInt16LE(n * 2);
      default:
        // Spec: FAT32 entries are 28 bits; the top 4 are reserved.
        return this.buf.readUInt32LE(n * 4) & 0x0fffffff;
    }
  }

  set(n: number, v: number): void {
    const old = this.get(n);
    if (old === 0 && v !== 0) this.freeCount--;
    else if (old !== 0 && v === 0) this.freeCount++;
    switch (this.bpb.type) {
      case 12: {
        const off = n + (n >> 1);
        const cur = this.buf.readUInt16LE(off);
        this.buf.writeUInt16LE(n & 1 ? (cur & 0x000f) | (v << 4) : (cur & 0xf000) | (v & 0xfff), off);
        this.touch(off, 2);
        break;
      }
      case 16:
        this.buf.writeUInt16LE(v, n * 2);
        this.touch(n * 2, 2);
        break;
      default: {
        // Spec: preserve the reserved high 4 bits when writing an entry.
        const hi = this.buf.readUInt32LE(n * 4) & 0xf0000000;
        this.buf.writeUInt32LE((hi | (v & 0x0fffffff)) >>> 0, n * 4);
        this.touch(n * 4, 4);
      }
    }
  }

  private touch(off: number, len: number): void {
    const bps = this.bpb.bytesPerSector;
    for (let s = Math.floor(off / bps); s <= Math.floor((off + len - 1) / bps); s++) this.dirty.add(s);
  }

  /** The clusters of a chain; a loop, a free or out-of-range link is corruption. */
  chain(start: number): number[] {
    const out: number[] = [];
    if (start === 0) return out;
    let c = start;
    for (;;) {
      if (c < 2 || c > this.maxCluster) throw new UsbError(`corrupt FAT: cluster chain from ${start} reaches invalid cluster ${c}`);
      out.push(c);
      if (out.length > this.bpb.clusterCount) throw new UsbError(`corrupt FAT: cluster chain from ${start} loops`);
      const next = this.get(c);
      if (this.isEoc(next)) return out;
      c = next;
    }
  }

  /**
   * Takes `count` free clusters, lowest first (deterministic output), links
   * them and ends the chain; returns them in order.
   */
  alloc(count: number): number[] {
    if (count === 0) return [];
    if (count > this.freeCount) {
      const need = count * this.bpb.clusterBytes, have = this.freeCount * this.bpb.clusterBytes;
      throw new UsbError(`the FAT partition is full: need ${need} bytes (${count} clusters) but only ${have} bytes are free`);
    }
    const got: number[] = [];
    for (let c = 2; c <= this.maxCluster && got.length < count; c++) if (this.get(c) === 0) got.push(c);
    for (let i = 0; i < got.length; i++) this.set(got[i] as number, i + 1 < got.length ? (got[i + 1] as number) : this.eoc);
    this.lastAllocated = got[got.length - 1] as number;
    return got;
  }

  /** Appends `count` clusters to the chain ending at `last`. */
  extend(last: number, count: number): number[] {
    const got = this.alloc(count);
    if (got.length) this.set(last, got[0] as number);
    return got;
  }

  free(clusters: readonly number[]): void {
    for (const c of clusters) this.set(c, 0);
  }

  /** Writes the changed sectors to every FAT copy (only the active one when FAT32 mirroring is off). */
  async flush(): Promise<void> {
    const { bytesPerSector: bps, reservedSectors, fatSectors, numFats } = this.bpb;
    const copies = this.bpb.mirroringDisabled ? [this.bpb.activeFat] : Array.from({ length: numFats }, (_, i) => i);
    for (const s of [...this.dirty].sort((a, b) => a - b)) {
      const data = this.buf.subarray(s * bps, (s + 1) * bps);
      for (const k of copies) await this.region.write((reservedSectors + k * fatSectors + s) * bps, data);
    }
    this.dirty.clear();
  }
}
