// `--new SIZE`: a fresh, sparse image with an MBR holding one active FAT
// partition from 1 MiB (the usual alignment) to the end, labelled KILN.
import { promises as fsp } from 'node:fs';
import { FAT32_FROM, MIN_FAT16_SECTORS, formatFat } from './fat/format.ts';
import { ImageFile, Region } from './fat/image-io.ts';
import { encodeMbr } from './fat/mbr.ts';

export const LABEL = 'KILN';
const START = 2048; // sectors: 1 MiB
/** The whole FAT is held in memory while writing: keep it to a few MiB. */
const MAX_BYTES = 128 * 1024 ** 3;
const MIN_BYTES = Math.ceil(((START + MIN_FAT16_SECTORS) * 512) / 1048576) * 1048576;

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** "64M", "1G", "1.5G", "512MiB", or plain bytes; rounded down to whole sectors. */
export function parseSize(s: string): number | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(s);
  if (!m) return `--new ${s}: not a size (use e.g. 64M or 1G)`;
  const bytes = Math.floor((Number(m[1]) * (UNITS[(m[2] as string).toUpperCase()] as number)) / 512) * 512;
  if (bytes < MIN_BYTES) return `--new ${s}: too small; the smallest FAT16 image is ${MIN_BYTES / 1048576}M`;
  if (bytes > MAX_BYTES) return `--new ${s}: too large; kiln makes images up to 128G`;
  return bytes;
}

/** Creates `file` (which must not exist) and returns it opened for writing, formatted. */
export async function buildNewImage(file: string, size: number, serial: number, diskSignature: number, stamp: { date: number; time: number }): Promise<ImageFile> {
  const fh = await fsp.open(file, 'wx');
  await fh.truncate(size);
  await fh.close();
  const img = await ImageFile.open(file, true);
  try {
    const sectors = size / 512 - START;
    // 0x0C FAT32 LBA / 0x0E FAT16 LBA: LBA types, since CHS cannot address past 8 GB.
    const fat32 = sectors >= FAT32_FROM;
    await img.write(0, encodeMbr([{ type: fat32 ? 0x0c : 0x0e, active: true, startLba: START, sectors }], diskSignature));
    const f = await formatFat(new Region(img, START * 512, sectors * 512), { totalSectors: sectors, hiddenSectors: START, label: LABEL, serial, stamp });
    if ((f.type === 32) !== fat32) throw new Error('partition type and FAT type disagree');
    return img;
  } catch (e) {
    await img.close();
    throw e;
  }
}
