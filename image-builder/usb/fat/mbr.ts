// The MBR partition table: four 16-byte entries at offset 446, 0x55AA at 510.

export interface MbrPart {
  /** 1-4, as fdisk numbers them */
  index: number;
  type: number;
  active: boolean;
  startLba: number;
  sectors: number;
}

/** Partition types that hold FAT: FAT12, FAT16 <32M, FAT16, FAT32 CHS/LBA, FAT16 LBA, EFI System. */
export const FAT_MBR_TYPES = new Set([0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e, 0xef]);
export const GPT_PROTECTIVE = 0xee;

/** The used entries, or null when sector 0 has no boot signature. */
export function parseMbr(s: Buffer): MbrPart[] | null {
  if (s.length < 512 || s[510] !== 0x55 || s[511] !== 0xaa) return null;
  const out: MbrPart[] = [];
  for (let i = 0; i < 4; i++) {
    const e = s.subarray(446 + i * 16, 446 + i * 16 + 16);
    const type = e[4] as number;
    const sectors = e.readUInt32LE(12);
    if (type === 0 || sectors === 0) continue;
    out.push({ index: i + 1, type, active: e[0] === 0x80, startLba: e.readUInt32LE(8), sectors });
  }
  return out;
}

/** CHS as the BIOS wants it (255 heads, 63 sectors); past cylinder 1023 the spec'd "too big" value. */
function chs(lba: number): [number, number, number] {
  const c = Math.floor(lba / (255 * 63));
  if (c > 1023) return [0xfe, 0xff, 0xff];
  const h = Math.floor(lba / 63) % 255;
  const s = (lba % 63) + 1;
  return [h, s | ((c >> 2) & 0xc0), c & 0xff];
}

/** Sector 0 with one partition table and no boot code. */
export function encodeMbr(parts: Omit<MbrPart, 'index'>[], diskSignature: number): Buffer {
  const s = Buffer.alloc(512);
  s.writeUInt32LE(diskSignature >>> 0, 440);
  parts.forEach((p, i) => {
    const e = 446 + i * 16;
    s[e] = p.active ? 0x80 : 0;
    Buffer.from(chs(p.startLba)).copy(s, e + 1);
    s[e + 4] = p.type;
    Buffer.from(chs(p.startLba + p.sectors - 1)).copy(s, e + 5);
    s.writeUInt32LE(p.startLba, e + 8);
    s.writeUInt32LE(p.sectors, e + 12);
  });
  s[510] = 0x55; s[511] = 0xaa;
  return s;
}
