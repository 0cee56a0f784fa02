// VFAT long file names: a run of 0x0F-attribute entries holding UTF-16 name
// pieces before the 8.3 entry they belong to, tied to it by a checksum of the
// 8.3 name. And the 8.3 "short name" every file must still have.

/** Spec: the rotate-right-and-add checksum of the 11-byte short name. */
export function lfnChecksum(short11: Buffer): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum = ((sum & 1 ? 0x80 : 0) + (sum >> 1) + (short11[i] as number)) & 0xff;
  return sum;
}

/** UTF-16 units per LFN entry, at byte offsets 1 (5 units), 14 (6) and 28 (2). */
const UNIT_OFFSETS = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];
export const LFN_ATTR = 0x0f;
const MAX_LONG = 255;

/** Characters a long name may not hold (spec, plus controls). */
const BAD_LONG = /[\u0000-\u001f"*/:<>?\\|]/;

export function checkLongName(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return `"${name}" is not a file name`;
  if (name.length > MAX_LONG) return `"${name}" is longer than ${MAX_LONG} characters`;
  if (BAD_LONG.test(name)) return `"${name}" holds a character FAT does not allow`;
  if (/[ .]$/.test(name)) return `"${name}" ends with a space or a dot`;
  return null;
}

/** LFN entries in on-disk order: the last piece (ordinal | 0x40) first. */
export function encodeLfn(name: string, checksum: number): Buffer[] {
  const n = Math.ceil(name.length / 13);
  const out: Buffer[] = [];
  for (let ord = n; ord >= 1; ord--) {
    const e = Buffer.alloc(32);
    e[0] = ord | (ord === n ? 0x40 : 0);
    e[11] = LFN_ATTR;
    e[12] = 0;
    e[13] = checksum;
    // bytes 26-27 (first cluster) stay 0
    for (let i = 0; i < 13; i++) {
      const k = (ord - 1) * 13 + i;
      // Spec: the name ends with one 0x0000 unless it fills the entry, then 0xFFFF padding.
      const unit = k < name.length ? name.charCodeAt(k) : k === name.length ? 0 : 0xffff;
      e.writeUInt16LE(unit, UNIT_OFFSETS[i] as number);
    }
    out.push(e);
  }
  return out;
}

/** The 13 units of one LFN entry, cut at the terminator. */
export function lfnPiece(e: Buffer): string {
  let s = '';
  for (const off of UNIT_OFFSETS) {
    const u = e.readUInt16LE(off);
    if (u === 0) break;
    s += String.fromCharCode(u);
  }
  return s;
}

// Short-name characters: A-Z 0-9 and these (spec); anything else is replaced by '_'.
const SHORT_OK = /^[A-Z0-9!#$%&'()\-@^_`{}~]$/;

function shortChars(s: string): { text: string; lossy: boolean } {
  let text = '', lossy = false;
  for (const ch of s.toUpperCase()) {
    if (SHORT_OK.test(ch)) text += ch;
    else { text += '_'; lossy = true; }
  }
  return { text, lossy };
}

const pad = (s: string, n: number): string => (s + ' '.repeat(n)).slice(0, n);

/** "NAME    EXT" (11 bytes) when `name` is itself a valid 8.3 name, ignoring case; else null. */
export function exactShort(name: string): string | null {
  const m = /^([^.]{1,8})(?:\.([^.]{1,3}))?$/.exec(name);
  if (!m) return null;
  const base = shortChars(m[1] as string), ext = shortChars(m[2] ?? '');
  if (base.lossy || ext.lossy) return null;
  return pad(base.text, 8) + pad(ext.text, 3);
}

/**
 * A short name for `name` not in `taken` (11-byte strings): the name itself
 * when it fits 8.3, else the Windows-style basis with a numeric tail, e.g.
 * "loader.conf.local" -> "LOADER~1LOC" (shown as LOADER~1.LOC).
 */
export function makeShortName(name: string, taken: ReadonlySet<string>): string {
  const exact = exactShort(name);
  if (exact !== null && !taken.has(exact)) return exact;
  // Basis: leading dots and all spaces go; dots inside the base are dropped.
  const trimmed = name.replace(/ /g, '').replace(/^\.+/, '');
  const dot = trimmed.lastIndexOf('.');
  const base = shortChars(dot > 0 ? trimmed.slice(0, dot).replace(/\./g, '') : trimmed.replace(/\./g, '')).text || '_';
  const ext = shortChars(dot > 0 ? trimmed.slice(dot + 1) : '').text.slice(0, 3);
  for (let i = 1; i < 1000000; i++) {
    const tail = '~' + i;
    const cand = pad(base.slice(0, 8 - tail.length) + tail, 8) + pad(ext, 3);
    if (!taken.has(cand)) return cand;
  }
  throw new Error('no free short name');
}

/** "NAME.EXT" for display and matching names that have no LFN; honours the NT lower-case flags (byte 12). */
export function shortDisplay(short11: Buffer, ntFlags: number): string {
  let base = short11.toString('latin1', 0, 8).replace(/ +$/, '');
  let ext = short11.toString('latin1', 8, 11).replace(/ +$/, '');
  // 0x05 stands for a real leading 0xE5 (spec).
  if (base.charCodeAt(0) === 0x05) base = '\u00e5' + base.slice(1);
  if (ntFlags & 0x08) base = base.toLowerCase();
  if (ntFlags & 0x10) ext = ext.toLowerCase();
  return ext ? `${base}.${ext}` : base;
}
