// mkfs for FAT16 and FAT32 on 512-byte sectors. Cluster sizes follow the
// tables in Microsoft's FAT specification, which keep every volume well
// inside its type's cluster-count range; the volume label is written both in
// the boot sector and as a root-directory entry (tools read one or the other).
import { encodeBootSector, padLabel, parseBpb } from './bpb.ts';
import type { BpbFields } from './bpb.ts';
import { ATTR_LABEL, clusterPos, encodeShortEntry } from './dir.ts';
import { UsbError } from './image-io.ts';
import type { Region } from './image-io.ts';

/** Spec: FAT16 for up to 532,480 sectors (260 MB), FAT32 above; below 8,401 sectors is FAT12 land. */
export const MIN_FAT16_SECTORS = 8401;
export const FAT32_FROM = 532481;

// [up to this many sectors, sectors per cluster] (spec's DskTableFAT16 / DskTableFAT32)
const FAT16_TABLE: [number, number][] = [[32680, 2], [262144, 4], [524288, 8], [1048576, 16]];
const FAT32_TABLE: [number, number][] = [[16777216, 8], [33554432, 16], [67108864, 32], [Infinity, 64]];

export interface FormatOptions {
  totalSectors: number;
  /** sectors before the partition (BPB HiddSec) */
  hiddenSectors: number;
  label: string;
  serial: number;
  /** DOS date/time for the label entry */
  stamp: { date: number; time: number };
}

export function planLayout(o: FormatOptions): BpbFields {
  const total = o.totalSectors;
  if (total < MIN_FAT16_SECTORS) throw new UsbError(`a FAT16 partition needs at least ${MIN_FAT16_SECTORS} sectors; this one has ${total}`);
  if (total > 0xffffffff) throw new UsbError('FAT32 volumes are limited to 2^32 - 1 sectors (2 TiB)');
  const fat32 = total >= FAT32_FROM;
  const table = fat32 ? FAT32_TABLE : FAT16_TABLE;
  const spc = (table.find(([max]) => total <= max) ?? [0, 64])[1];
  const reserved = fat32 ? 32 : 1; // spec: FAT32 uses 32 (room for FSInfo and the backup at 6)
  const rootEntries = fat32 ? 0 : 512;
  const rootDirSectors = (rootEntries * 32) / 512;
  // Spec's FAT size formula (it can over-allocate a little, never under).
  const tmp1 = total - (reserved + rootDirSectors);
  let tmp2 = 256 * spc + 2;
  if (fat32) tmp2 = tmp2 / 2;
  const fatSectors = Math.ceil(tmp1 / tmp2);
  const f: BpbFields = { type: fat32 ? 32 : 16, sectorsPerCluster: spc, reservedSectors: reserved, rootEntries, totalSectors: total, fatSectors, hiddenSectors: o.hiddenSectors, serial: o.serial, label: o.label };
  // Check with the same parser that reads volumes: the cluster count must give the intended type.
  const got = parseBpb(encodeBootSector(f));
  if (typeof got === 'string' || got.type !== f.type) throw new Error(`layout for ${total} sectors does not come out as FAT${f.type}`);
  return f;
}

/** Formats the region; returns the layout written. Zeroes the reserved area, the FATs and the root directory. */
export async function formatFat(region: Region, o: FormatOptions): Promise<BpbFields> {
  if (o.totalSectors * 512 > region.length) throw new Error('format: volume larger than its region');
  const f = planLayout(o);
  const boot = encodeBootSector(f);
  const bpb = parseBpb(boot);
  if (typeof bpb === 'string') throw new Error(bpb);
  const fat32 = f.type === 32;

  await zero(region, 0, bpb.firstDataSector * 512);
  await region.write(0, boot);
  if (fat32) {
    const info = Buffer.alloc(512);
    info.writeUInt32LE(0x41615252, 0);
    info.writeUInt32LE(0x61417272, 484);
    info.writeUInt32LE(bpb.clusterCount - 1, 488); // all free but the root directory's cluster
    info.writeUInt32LE(2, 492); // last allocated: the root directory
    info.writeUInt32LE(0xaa550000, 508);
    await region.write(512, info);
    await region.write(6 * 512, boot); // backup boot sector
    await region.write(7 * 512, info); // and its FSInfo
  }
  // FAT[0] holds the media byte, FAT[1] an end-of-chain mark; FAT32's root takes cluster 2.
  const head = fat32 ? Buffer.alloc(12) : Buffer.alloc(4);
  if (fat32) {
    head.writeUInt32LE(0x0ffffff8, 0);
    head.writeUInt32LE(0x0fffffff, 4);
    head.writeUInt32LE(0x0fffffff, 8);
  } else {
    head.writeUInt16LE(0xfff8, 0);
    head.writeUInt16LE(0xffff, 2);
  }
  for (let k = 0; k < bpb.numFats; k++) await region.write((bpb.reservedSectors + k * bpb.fatSectors) * 512, head);

  const rootPos = fat32 ? clusterPos(bpb, 2) : bpb.rootDirSector * 512;
  if (fat32) await zero(region, rootPos, bpb.clusterBytes);
  await region.write(rootPos, encodeShortEntry(padLabel(o.label), ATTR_LABEL, 0, 0, o.stamp, fat32));
  return f;
}

async function zero(region: Region, pos: number, len: number): Promise<void> {
  const chunk = Buffer.alloc(Math.min(len, 1 << 20));
  for (let done = 0; done < len; done += chunk.length) {
    await region.write(pos + done, chunk.subarray(0, Math.min(chunk.length, len - done)));
  }
}
