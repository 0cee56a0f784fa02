// Where the FAT file systems of an image are: MBR partitions of a FAT type,
// GPT partitions of the EFI System or Microsoft basic data type whose boot
// sector is FAT, or the whole image when it starts with a FAT boot sector
// ("superfloppy", as `mkfs.vfat img` makes it).
import { parseBpb } from './bpb.ts';
import { BASIC_DATA_GUID, ESP_GUID, parseGpt } from './gpt.ts';
import type { ImageFile } from './image-io.ts';
import { FAT_MBR_TYPES, GPT_PROTECTIVE, parseMbr } from './mbr.ts';

export interface FatPlace {
  /** for messages: "MBR partition 1", "GPT partition 2 (EFI System)", "the whole image" */
  what: string;
  offset: number;
  length: number;
}

export interface Scan {
  places: FatPlace[];
  /** why each candidate was passed over, for the "no FAT partition" message */
  notes: string[];
  table: 'mbr' | 'gpt' | 'none';
}

export async function findFat(img: ImageFile): Promise<Scan> {
  const notes: string[] = [];
  if (img.size < 512) return { places: [], notes: [`the image is only ${img.size} bytes`], table: 'none' };
  const s0 = await img.read(0, 512);
  if (typeof parseBpb(s0) !== 'string') return { places: [{ what: 'the whole image (no partition table)', offset: 0, length: img.size }], notes, table: 'none' };
  const mbr = parseMbr(s0);
  if (!mbr) return { places: [], notes: ['sector 0 has neither a partition table nor a FAT boot sector'], table: 'none' };

  const candidates: FatPlace[] = [];
  let table: Scan['table'] = 'mbr';
  if (mbr.some((p) => p.type === GPT_PROTECTIVE)) {
    table = 'gpt';
    // 512-byte sectors are the norm for image files; 4Kn images put the header at 4096.
    const read = (pos: number, len: number): Promise<Buffer> => img.read(pos, len);
    let parts = await parseGpt(read, img.size, 512);
    let ss = 512;
    if (!parts) { parts = await parseGpt(read, img.size, 4096); ss = 4096; }
    if (!parts) return { places: [], notes: ['protective MBR but no GPT header'], table };
    for (const p of parts) {
      const kind = p.typeGuid === ESP_GUID ? 'EFI System' : p.typeGuid === BASIC_DATA_GUID ? 'basic data' : null;
      const what = `GPT partition ${p.index}${p.name ? ` "${p.name}"` : ''}`;
      if (!kind) { notes.push(`${what}: type ${p.typeGuid} is not a FAT type`); continue; }
      candidates.push({ what: `${what} (${kind})`, offset: p.firstLba * ss, length: (p.lastLba - p.firstLba + 1) * ss });
    }
  } else {
    for (const p of mbr) {
      const what = `MBR partition ${p.index}`;
      if (!FAT_MBR_TYPES.has(p.type)) { notes.push(`${what}: type 0x${p.type.toString(16).padStart(2, '0')} is not a FAT type`); continue; }
      candidates.push({ what: `${what} (type 0x${p.type.toString(16).padStart(2, '0')})`, offset: p.startLba * 512, length: p.sectors * 512 });
    }
    if (!mbr.length) notes.push('the partition table is empty');
  }

  const places: FatPlace[] = [];
  for (const c of candidates) {
    if (c.offset + c.length > img.size) { notes.push(`${c.what}: extends past the end of the image`); continue; }
    const why = parseBpb(await img.read(c.offset, 512));
    if (typeof why === 'string') { notes.push(`${c.what}: not a FAT file system (${why})`); continue; }
    places.push(c);
  }
  return { places, notes, table };
}
