// `kiln initrd-append`: base initramfs + kiln's overlay cpio -> one initrd the
// Linux kernel unpacks in order (later members win). The base is padded with
// zeros to a multiple of 4 first: the kernel looks for the next member only at
// 4-byte-aligned offsets, and an unaligned one after a gzip member is dropped
// silently ("invalid magic at start of compressed archive").
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { EXIT } from '../../agent/exit-codes.ts';
import type { Output } from '../../agent/io/types.ts';
import type { BuildFs } from '../build/fs.ts';
import { tarToNewc } from '../formats/cpio.ts';

export interface InitrdAppendOptions {
  /** the existing initramfs (gzip or raw newc), never modified */
  base: string;
  /** overlay.cpio, or overlay.tar (converted to newc) */
  overlay: string;
  out: string;
}

class InitrdError extends Error {}

/** Zero bytes that bring `len` to a multiple of 4. */
export function alignPadding(len: number): Buffer {
  return Buffer.alloc((4 - (len % 4)) % 4);
}

const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isNewc = (b: Buffer): boolean => b.subarray(0, 6).toString('latin1') === '070701';
// ustar magic at offset 257: "ustar\0" (POSIX) or "ustar " (GNU)
const isTar = (b: Buffer): boolean => b.length >= 512 && b.subarray(257, 262).toString('latin1') === 'ustar';

/** base + zero padding + overlay (as newc): pure, for tests and the command. */
export async function appendInitrd(base: Buffer, overlay: Buffer): Promise<Buffer> {
  let member = overlay;
  if (isTar(overlay)) {
    member = await tarToNewc(overlay).catch((e: Error) => Promise.reject(new InitrdError(`the overlay tar cannot become a cpio: ${e.message}`)));
  }
  else if (!isNewc(overlay)) throw new InitrdError('the overlay is neither a newc cpio (070701) nor a ustar tar');
  return Buffer.concat([base, alignPadding(base.length), member]);
}

async function read(fs: BuildFs, file: string, what: string): Promise<Buffer> {
  try {
    return (await fs.readFile(file)) as Buffer;
  } catch (e) {
    const c = (e as NodeJS.ErrnoException).code;
    throw new InitrdError(`cannot read the ${what} ${file}: ${c === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export async function initrdAppendCommand(opts: InitrdAppendOptions, io: Output, fs: BuildFs = fsp): Promise<number> {
  const out = path.resolve(opts.out);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.kiln-${process.pid}.tmp`);
  try {
    if (path.resolve(opts.base) === out) throw new InitrdError('--out must not be the base initramfs: kiln never modifies it in place');
    const base = await read(fs, opts.base, 'base initramfs');
    const overlay = await read(fs, opts.overlay, 'overlay');
    if (!isGzip(base) && !isNewc(base)) io.err(`kiln initrd-append: note: ${opts.base} is neither gzip nor a raw newc cpio; appending anyway (the kernel also reads xz/zstd members; avoid lz4)\n`);
    const result = await appendInitrd(base, overlay);
    await fs.writeFile(tmp, result, { mode: 0o644 });
    await fs.rename(tmp, out);
    const pad = alignPadding(base.length).length;
    io.out(`${opts.out}: ${result.length} bytes = ${opts.base} (${base.length}) + ${pad} zero byte${pad === 1 ? '' : 's'} + overlay (${result.length - base.length - pad})\n`);
    return EXIT.OK;
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof InitrdError) {
      io.err(`kiln initrd-append: ${e.message}\n`);
      return EXIT.INVALID;
    }
    io.err(`kiln initrd-append: internal error: ${e instanceof Error ? e.stack || e.message : String(e)}\n`);
    return EXIT.INTERNAL;
  }
}
