// GUID partition tables: header at LBA 1 ("EFI PART"), then an array of
// entries. Only read here: kiln writes MBR images, but SmartOS USB keys and
// other vendors' images may be GPT.
import { UsbError } from './image-io.ts';

export const ESP_GUID = 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B';
export const BASIC_DATA_GUID = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';

export interface GptPart {
  /** 1-based position in the entry array */
  index: number;
  typeGuid: string;
  firstLba: number;
  lastLba: number;
  name: string;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320), which GPT uses for header and entries. */
export function crc32(buf: Buffer): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = (table[(crc ^ (buf[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** GUIDs are stored mixed-endian: the first three fields little-endian, the rest as bytes. */
export function guidToString(b: Buffer): string {
  const h = (x: Buffer): string => x.toString('hex').toUpperCase();
  const le = (x: Buffer): string => h(Buffer.from(x).reverse());
  return `${le(b.subarray(0, 4))}-${le(b.subarray(4, 6))}-${le(b.subarray(6, 8))}-${h(b.subarray(8, 10))}-${h(b.subarray(10, 16))}`;
}

export function guidToBytes(s: string): Buffer {
  const hex = s.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  b.subarray(0, 4).reverse(); b.subarray(4, 6).reverse(); b.subarray(6, 8).reverse();
  return b;
}

const u64 = (b: Buffer, off: number): number => Number(b.readBigUInt64LE(off));

/**
 * The used entries of the primary GPT, or null when there is no "EFI PART"
 * header at LBA 1. A header or entry array whose CRC is wrong is an error:
 * writing into a partition found through a damaged table could hit the wrong bytes.
 */
export async function parseGpt(read: (pos: number, len: number) => Promise<Buffer>, imageSize: number, sectorSize: number): Promise<GptPart[] | null> {
  if (imageSize < sectorSize * 2) return null;
  const hdr = await read(sectorSize, sectorSize);
  if (hdr.toString('latin1', 0, 8) !== 'EFI PART') return null;
  const hsize = hdr.readUInt32LE(12);
  if (hsize < 92 || hsize > sectorSize) throw new UsbError(`GPT header size ${hsize} is invalid`);
  const h = Buffer.from(hdr.subarray(0, hsize));
  const want = h.readUInt32LE(16);
  h.writeUInt32LE(0, 16);
  if (crc32(h) !== want) throw new UsbError('the GPT header CRC does not match: damaged partition table');
  const entriesLba = u64(hdr, 72);
  const count = hdr.readUInt32LE(80);
  const esize = hdr.readUInt32LE(84);
  if (esize < 128 || esize % 8 !== 0 || count > 4096) throw new UsbError(`GPT entry array (${count} x ${esize} bytes) is invalid`);
  const arr = await read(entriesLba * sectorSize, count * esize);
  if (crc32(arr) !== hdr.readUInt32LE(88)) throw new UsbError('the GPT partition entry CRC does not match: damaged partition table');
  const out: GptPart[] = [];
  for (let i = 0; i < count; i++) {
    const e = arr.subarray(i * esize, (i + 1) * esize);
    if (e.subarray(0, 16).every((x) => x === 0)) continue;
    const raw = e.toString('utf16le', 56, 128);
    const name = raw.indexOf('\u0000') >= 0 ? raw.slice(0, raw.indexOf('\u0000')) : raw;
    out.push({ index: i + 1, typeGuid: guidToString(e.subarray(0, 16)), firstLba: u64(e, 32), lastLba: u64(e, 40), name });
  }
  return out;
}
