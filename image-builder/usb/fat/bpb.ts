// The BIOS Parameter Block: where everything on a FAT volume is. Offsets and
// rules are those of Microsoft's FAT specification (fatgen103).
import { UsbError } from './image-io.ts';

export type FatType = 12 | 16 | 32;

export interface Bpb {
  bytesPerSector: number;
  sectorsPerCluster: number;
  reservedSectors: number;
  numFats: number;
  /** FAT12/16 fixed root directory entries; 0 on FAT32 */
  rootEntries: number;
  totalSectors: number;
  media: number;
  /** sectors per FAT */
  fatSectors: number;
  hiddenSectors: number;
  /** FAT32 only (0 elsewhere) */
  rootCluster: number;
  fsInfoSector: number;
  backupBootSector: number;
  /** FAT32 ExtFlags bit 7: only the active FAT (bits 0-3) is in use */
  mirroringDisabled: boolean;
  activeFat: number;
  // derived
  type: FatType;
  clusterBytes: number;
  /** first sector of the FAT12/16 root directory */
  rootDirSector: number;
  rootDirSectors: number;
  firstDataSector: number;
  /** number of data clusters; valid cluster numbers are 2..clusterCount+1 */
  clusterCount: number;
}

const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/**
 * Parses a boot sector, or returns a reason why it is not FAT. Only the
 * fields the spec says are always valid are trusted; the FAT type comes from
 * the cluster count alone (spec: "the only way"), never from the type string.
 */
export function parseBpb(b: Buffer): Bpb | string {
  if (b.length < 512) return 'boot sector shorter than 512 bytes';
  if (b[510] !== 0x55 || b[511] !== 0xaa) return 'no 0x55AA boot signature';
  if (b[0] !== 0xeb && b[0] !== 0xe9) return 'no x86 jump at the start of the boot sector';
  const bytesPerSector = b.readUInt16LE(11);
  const sectorsPerCluster = b[13] as number;
  const reservedSectors = b.readUInt16LE(14);
  const numFats = b[16] as number;
  const rootEntries = b.readUInt16LE(17);
  const tot16 = b.readUInt16LE(19);
  const media = b[21] as number;
  const fat16 = b.readUInt16LE(22);
  const hiddenSectors = b.readUInt32LE(28);
  const tot32 = b.readUInt32LE(32);
  if (![512, 1024, 2048, 4096].includes(bytesPerSector)) return `bytes per sector ${bytesPerSector} is not 512-4096`;
  if (!isPow2(sectorsPerCluster) || sectorsPerCluster > 128) return `sectors per cluster ${sectorsPerCluster} is not a power of two up to 128`;
  if (reservedSectors === 0) return 'no reserved sectors';
  if (numFats === 0 || numFats > 4) return `${numFats} FATs`;
  if (media !== 0xf0 && media < 0xf8) return `media byte 0x${media.toString(16)}`;
  const totalSectors = tot16 !== 0 ? tot16 : tot32;
  if (totalSectors === 0) return 'total sectors is 0';
  const fatSectors = fat16 !== 0 ? fat16 : b.readUInt32LE(36);
  if (fatSectors === 0) return 'sectors per FAT is 0';

  const rootDirSectors = Math.ceil((rootEntries * 32) / bytesPerSector);
  const rootDirSector = reservedSectors + numFats * fatSectors;
  const firstDataSector = rootDirSector + rootDirSectors;
  if (firstDataSector >= totalSectors) return 'no room for data after the FATs';
  const clusterCount = Math.floor((totalSectors - firstDataSector) / sectorsPerCluster);
  // Spec: < 4085 clusters is FAT12, < 65525 is FAT16, anything more FAT32.
  const type: FatType = clusterCount < 4085 ? 12 : clusterCount < 65525 ? 16 : 32;

  let rootCluster = 0, fsInfoSector = 0, backupBootSector = 0, mirroringDisabled = false, activeFat = 0;
  if (type === 32) {
    if (fat16 !== 0 || rootEntries !== 0) return 'FAT32 cluster count but a FAT12/16 layout';
    const ext = b.readUInt16LE(40);
    mirroringDisabled = (ext & 0x80) !== 0;
    activeFat = ext & 0x0f;
    if (activeFat >= numFats) return `active FAT ${activeFat} of ${numFats}`;
    rootCluster = b.readUInt32LE(44);
    fsInfoSector = b.readUInt16LE(48);
    backupBootSector = b.readUInt16LE(50);
    if (rootCluster < 2 || rootCluster > clusterCount + 1) return `root cluster ${rootCluster} out of range`;
  } else if (rootEntries === 0) {
    return 'FAT12/16 with no root directory entries';
  }
  // The FAT must be able to hold an entry for every cluster (+2 reserved).
  const fatBits = type === 12 ? 12 : type === 16 ? 16 : 32;
  if (Math.ceil(((clusterCount + 2) * fatBits) / 8) > fatSectors * bytesPerSector) return 'the FAT is too small for the cluster count';

  return {
    bytesPerSector, sectorsPerCluster, reservedSectors, numFats, rootEntries, totalSectors, media, fatSectors, hiddenSectors,
    rootCluster, fsInfoSector, backupBootSector, mirroringDisabled, activeFat,
    type, clusterBytes: bytesPerSector * sectorsPerCluster, rootDirSector, rootDirSectors, firstDataSector, clusterCount,
  };
}

export function requireBpb(b: Buffer, where: string): Bpb {
  const r = parseBpb(b);
  if (typeof r === 'string') throw new UsbError(`${where} is not a FAT file system (${r})`);
  return r;
}

/** Everything format.ts decides; the encoder adds nothing of its own. */
export interface BpbFields {
  type: 16 | 32;
  sectorsPerCluster: number;
  reservedSectors: number;
  rootEntries: number;
  totalSectors: number;
  fatSectors: number;
  hiddenSectors: number;
  serial: number;
  label: string;
}

/** Byte-for-byte boot sector for a fresh volume (512-byte sectors, two FATs, fixed media 0xF8). */
export function encodeBootSector(f: BpbFields): Buffer {
  const b = Buffer.alloc(512);
  // Jump over the BPB to the (empty) boot code: EB xx 90.
  b[0] = 0xeb; b[1] = f.type === 32 ? 0x58 : 0x3c; b[2] = 0x90;
  b.write('KILN    ', 3, 'latin1'); // OEM name, 8 bytes
  b.writeUInt16LE(512, 11);
  b[13] = f.sectorsPerCluster;
  b.writeUInt16LE(f.reservedSectors, 14);
  b[16] = 2;
  b.writeUInt16LE(f.rootEntries, 17);
  // Spec: TotSec16 only when the count fits and the volume is not FAT32.
  if (f.type !== 32 && f.totalSectors < 0x10000) b.writeUInt16LE(f.totalSectors, 19);
  else b.writeUInt32LE(f.totalSectors, 32);
  b[21] = 0xf8;
  if (f.type !== 32) b.writeUInt16LE(f.fatSectors, 22);
  b.writeUInt16LE(63, 24); // sectors per track: the usual LBA-translated geometry
  b.writeUInt16LE(255, 26); // heads
  b.writeUInt32LE(f.hiddenSectors, 28);
  let ext = 36;
  if (f.type === 32) {
    b.writeUInt32LE(f.fatSectors, 36);
    b.writeUInt16LE(0, 40); // ExtFlags: mirrored
    b.writeUInt16LE(0, 42); // version 0.0
    b.writeUInt32LE(2, 44); // root directory at the first cluster
    b.writeUInt16LE(1, 48); // FSInfo
    b.writeUInt16LE(6, 50); // backup boot sector: spec recommends 6
    ext = 64;
  }
  b[ext] = 0x80; // drive number
  b[ext + 2] = 0x29; // extended boot signature: the next three fields are valid
  b.writeUInt32LE(f.serial >>> 0, ext + 3);
  b.write(padLabel(f.label), ext + 7, 'latin1');
  b.write(f.type === 32 ? 'FAT32   ' : 'FAT16   ', ext + 18, 'latin1');
  b[510] = 0x55; b[511] = 0xaa;
  return b;
}

/** 11 bytes, upper-case, space padded (the form of both label copies). */
export function padLabel(label: string): string {
  return (label.toUpperCase() + '           ').slice(0, 11);
}
