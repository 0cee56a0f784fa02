// Where FAT volumes start on a disk: the disk itself (a "superfloppy", as
// `mformat` without partitions makes it) or an MBR primary partition of a
// FAT type. GPT is not read (kiln's USB images use MBR). Pure.

/** Bytes per sector the partition table counts in. */
export const SECTOR = 512;

const FAT_TYPES = [0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e, 0xef];

/** Does this sector look like a FAT boot sector (a BIOS parameter block)? */
export function looksLikeFatBootSector(s: Buffer): boolean {
  if (s.length < 512 || s[510] !== 0x55 || s[511] !== 0xaa) return false;
  if (s[0] !== 0xeb && s[0] !== 0xe9) return false;
  const bps = s.readUInt16LE(11);
  const spc = s[13] as number;
  const fats = s[16] as number;
  return [512, 1024, 2048, 4096].indexOf(bps) >= 0 && spc > 0 && (spc & (spc - 1)) === 0 && s.readUInt16LE(14) > 0 && fats >= 1 && fats <= 4;
}

/** Byte offsets of candidate FAT volumes, given the disk's first sector. */
export function fatVolumeOffsets(sector0: Buffer): number[] {
  if (looksLikeFatBootSector(sector0)) return [0];
  if (sector0.length < 512 || sector0[510] !== 0x55 || sector0[511] !== 0xaa) return [];
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    const e = 446 + i * 16;
    const type = sector0[e + 4] as number;
    const start = sector0.readUInt32LE(e + 8);
    if (FAT_TYPES.indexOf(type) >= 0 && start > 0 && sector0.readUInt32LE(e + 12) > 0) out.push(start * SECTOR);
  }
  return out;
}
