// A small read-only FAT12/16/32 reader: the volume label, directories with
// 8.3 and long names (matched case-insensitively), and whole files. It only
// ever reads; every read goes through a BlockDevice at a byte position.
import type { BlockDevice } from './block.ts';
import { zeroBuffer } from '../io/buffers.ts';

export interface FatVolume {
  dev: BlockDevice;
  /** byte offset of the volume on the device */
  offset: number;
  type: 12 | 16 | 32;
  bytesPerSector: number;
  /** bytes */
  clusterSize: number;
  /** byte offset (in the volume) of the first FAT */
  fatStart: number;
  /** byte offset (in the volume) of cluster 2 */
  dataStart: number;
  clusters: number;
  /** FAT12/16: byte offset and entry count of the fixed root directory */
  rootStart: number;
  rootEntries: number;
  /** FAT32: first cluster of the root directory */
  rootCluster: number;
  /** from the boot sector, trimmed; '' when none */
  bootLabel: string;
}

export interface DirEntry {
  /** the long name when there is one, else NAME.EXT */
  name: string;
  shortName: string;
  dir: boolean;
  volumeLabel: boolean;
  cluster: number;
  /** bytes */
  size: number;
}

function label(b: Buffer, at: number): string {
  const t = b.toString('ascii', at, at + 11).replace(/\s+$/, '');
  return t === 'NO NAME' ? '' : t;
}

/** Parse the boot sector at `offset`; null when it is not a FAT volume. */
export async function openFat(dev: BlockDevice, offset: number): Promise<FatVolume | null> {
  const b = await dev.read(offset, 512);
  if (b.length < 512 || b[510] !== 0x55 || b[511] !== 0xaa) return null;
  const bps = b.readUInt16LE(11);
  const spc = b[13] as number;
  const reserved = b.readUInt16LE(14);
  const fats = b[16] as number;
  const rootEntries = b.readUInt16LE(17);
  const total = b.readUInt16LE(19) || b.readUInt32LE(32);
  const fatSize = b.readUInt16LE(22) || b.readUInt32LE(36);
  if ([512, 1024, 2048, 4096].indexOf(bps) < 0 || !spc || !reserved || !fats || !fatSize || !total) return null;
  const rootSectors = Math.ceil((rootEntries * 32) / bps);
  const dataSector = reserved + fats * fatSize + rootSectors;
  if (dataSector >= total) return null;
  const clusters = Math.floor((total - dataSector) / spc);
  const type = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
  return {
    dev,
    offset,
    type,
    bytesPerSector: bps,
    clusterSize: bps * spc,
    fatStart: reserved * bps,
    dataStart: dataSector * bps,
    clusters,
    rootStart: (reserved + fats * fatSize) * bps,
    rootEntries,
    rootCluster: type === 32 ? b.readUInt32LE(44) & 0x0fffffff : 0,
    bootLabel: type === 32 ? (b[66] === 0x29 ? label(b, 71) : '') : b[38] === 0x29 ? label(b, 43) : '',
  };
}

async function fatEntry(v: FatVolume, n: number): Promise<number> {
  if (v.type === 12) {
    const at = n + (n >> 1);
    const b = await v.dev.read(v.offset + v.fatStart + at, 2);
    const x = b.readUInt16LE(0);
    return n & 1 ? x >> 4 : x & 0xfff;
  }
  if (v.type === 16) return (await v.dev.read(v.offset + v.fatStart + n * 2, 2)).readUInt16LE(0);
  return (await v.dev.read(v.offset + v.fatStart + n * 4, 4)).readUInt32LE(0) & 0x0fffffff;
}

/** The clusters of a chain; stops at end-of-chain, a bad value, or a loop. */
export async function clusterChain(v: FatVolume, first: number): Promise<number[]> {
  const out: number[] = [];
  let n = first;
  while (n >= 2 && n < v.clusters + 2 && out.length <= v.clusters) {
    out.push(n);
    n = await fatEntry(v, n);
  }
  return out;
}

async function readChain(v: FatVolume, first: number, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for (const c of await clusterChain(v, first)) {
    if (size >= maxBytes) break;
    const b = await v.dev.read(v.offset + v.dataStart + (c - 2) * v.clusterSize, v.clusterSize);
    parts.push(b);
    size += b.length;
  }
  return Buffer.concat(parts);
}

function lfnChars(e: Buffer): string {
  let s = '';
  for (const at of [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30]) {
    const c = e.readUInt16LE(at);
    if (c === 0 || c === 0xffff) break;
    s += String.fromCharCode(c);
  }
  return s;
}

function shortName(e: Buffer): string {
  const first = e[0] === 0x05 ? String.fromCharCode(0xe5) : e.toString('binary', 0, 1);
  const base = (first + e.toString('binary', 1, 8)).replace(/\s+$/, '');
  const ext = e.toString('binary', 8, 11).replace(/\s+$/, '');
  return ext ? `${base}.${ext}` : base;
}

/** Parse directory entries from raw bytes (32 bytes each). */
export function parseDir(raw: Buffer): DirEntry[] {
  const out: DirEntry[] = [];
  let lfn: string[] = [];
  for (let at = 0; at + 32 <= raw.length; at += 32) {
    const e = raw.slice(at, at + 32);
    if (e[0] === 0x00) break;
    const attr = e[11] as number;
    if (e[0] === 0xe5) {
      lfn = [];
      continue;
    }
    if ((attr & 0x3f) === 0x0f) {
      // Long-name pieces come last-first; each holds 13 UTF-16 units.
      if ((e[0] as number) & 0x40) lfn = [];
      lfn.unshift(lfnChars(e));
      continue;
    }
    // A volume label is 11 raw characters, not NAME.EXT.
    const short = attr & 0x08 ? e.toString('binary', 0, 11).replace(/\s+$/, '') : shortName(e);
    out.push({
      name: lfn.length ? lfn.join('') : short,
      shortName: short,
      dir: (attr & 0x10) !== 0,
      volumeLabel: (attr & 0x08) !== 0,
      cluster: (e.readUInt16LE(20) << 16) + e.readUInt16LE(26),
      size: e.readUInt32LE(28),
    });
    lfn = [];
  }
  return out;
}

export async function rootDir(v: FatVolume): Promise<DirEntry[]> {
  if (v.type === 32) return parseDir(await readChain(v, v.rootCluster, 4 * 1024 * 1024));
  return parseDir(await v.dev.read(v.offset + v.rootStart, v.rootEntries * 32));
}

/** The label: the root directory's volume-label entry, else the boot sector's. */
export async function volumeLabel(v: FatVolume): Promise<string> {
  const entry = (await rootDir(v)).filter((e) => e.volumeLabel && !e.dir)[0];
  return entry ? entry.shortName : v.bootLabel;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Read `dir/file` (slash-separated, case-insensitive); null when absent or too large. */
export async function readFatFile(v: FatVolume, path: string, maxBytes: number): Promise<Buffer | null> {
  const parts = path.split('/').filter((p) => p !== '');
  let entries = await rootDir(v);
  for (let i = 0; i < parts.length; i++) {
    const want = parts[i] as string;
    const e = entries.filter((x) => !x.volumeLabel && (same(x.name, want) || same(x.shortName, want)))[0];
    if (!e) return null;
    const last = i === parts.length - 1;
    if (last) {
      if (e.dir || e.size > maxBytes) return null;
      return e.size === 0 ? zeroBuffer(0) : (await readChain(v, e.cluster, e.size)).slice(0, e.size);
    }
    if (!e.dir) return null;
    entries = parseDir(await readChain(v, e.cluster, 4 * 1024 * 1024));
  }
  return null;
}
