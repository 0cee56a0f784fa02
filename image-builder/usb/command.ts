// `kiln usb PROFILE (--base IMAGE | --new SIZE) -o OUT`: puts the profile on
// a USB image's FAT file system as /kiln/profile.yaml, plus the
// /boot/loader.conf.local lines that make the SmartOS loader hand it to the
// kernel as /system/boot/kiln/profile.yaml. The base image is never touched:
// the work happens on a temporary file beside OUT, renamed into place at the end.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import * as path from 'node:path';
import { loadProfileFile } from '../../agent/commands/load-profile.ts';
import { EXIT } from '../../agent/exit-codes.ts';
import { nodeFiles } from '../../agent/io/node-files.ts';
import type { Output } from '../../agent/io/types.ts';
import { formatDiagnostic, hasErrors } from '../../agent/profile/index.ts';
import { copyImage } from './copy.ts';
import { buildNewImage, parseSize } from './new-image.ts';
import { dosStamp } from './fat/dir.ts';
import { ImageFile, Region, UsbError } from './fat/image-io.ts';
import { findFat } from './fat/partitions.ts';
import type { FatPlace } from './fat/partitions.ts';
import { Volume } from './fat/volume.ts';
import { LOADER_CONF_PATH, PROFILE_PATH, mergeLoaderConf } from './loader-conf.ts';

export interface UsbOptions {
  profile: string;
  out: string;
  /** an existing image to copy and add the profile to */
  base?: string;
  /** size of a fresh image, e.g. 64M or 1G */
  newSize?: string;
  /** progress lines on stderr; default: when stderr is a terminal */
  progress?: boolean;
}

/** SOURCE_DATE_EPOCH (seconds) when set and sane, else 1980-01-01, FAT's epoch. */
function stampFromEnv(): { date: number; time: number } {
  const v = process.env.SOURCE_DATE_EPOCH;
  const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
  return dosStamp(Number.isFinite(n) ? new Date(n * 1000) : new Date(Date.UTC(1980, 0, 1)));
}

const mib = (n: number): string => `${(n / 1048576).toFixed(n < 10485760 ? 1 : 0)} MiB`;

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fsp.stat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export async function usbCommand(opts: UsbOptions, io: Output): Promise<number> {
  const fail = (msg: string): number => {
    io.err(`kiln usb: ${msg}\n`);
    return EXIT.INVALID;
  };
  if ((opts.base === undefined) === (opts.newSize === undefined)) return fail('give exactly one of --base IMAGE or --new SIZE');
  if (!opts.out) return fail('give the output image with -o OUT');
  let size = 0;
  if (opts.newSize !== undefined) {
    const s = parseSize(opts.newSize);
    if (typeof s === 'string') return fail(s);
    size = s;
  }

  // Validate first, exactly as `kiln validate` reports; an invalid profile writes nothing.
  const loaded = await loadProfileFile(nodeFiles, opts.profile);
  for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n');
  if (hasErrors(loaded.diagnostics)) return fail(`${opts.profile} is not a valid profile; nothing written`);
  const profile = await fsp.readFile(opts.profile);

  const out = path.resolve(opts.out);
  const outStat = await statOrNull(out);
  if (outStat?.isDirectory()) return fail(`${opts.out} is a directory`);
  const dirStat = await statOrNull(path.dirname(out));
  if (!dirStat?.isDirectory()) return fail(`${path.dirname(opts.out)}: no such directory for the output`);
  if (opts.base !== undefined) {
    const st = await statOrNull(opts.base);
    if (!st) return fail(`base image ${opts.base}: no such file`);
    if (!st.isFile()) return fail(`base image ${opts.base} is not a regular file`);
    if (path.resolve(opts.base) === out || (outStat && outStat.dev === st.dev && outStat.ino === st.ino)) {
      return fail(`the output ${opts.out} is the base image; kiln never edits a base in place: name another -o`);
    }
  }

  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.kiln-${process.pid}.tmp`);
  const stamp = stampFromEnv();
  let img: ImageFile | undefined;
  try {
    let place: FatPlace;
    if (opts.base !== undefined) {
      const show = opts.progress ?? Boolean(process.stderr.isTTY);
      let shown = -1;
      const start = Date.now();
      await copyImage(opts.base, tmp, show ? (done, total) => {
        // A line every 5%: enough to see it move on a multi-GB copy, not a flood.
        const step = total ? Math.floor((done / total) * 20) : 20;
        if (step === shown) return;
        shown = step;
        io.err(`kiln usb: copying ${opts.base}: ${step * 5}% (${mib(done)} of ${mib(total)}, ${((Date.now() - start) / 1000).toFixed(1)} s)\n`);
      } : undefined);
      img = await ImageFile.open(tmp, true);
      place = await pickPlace(img, opts.base, stamp);
    } else {
      const serial = createHash('sha256').update(profile).update(String(size)).digest();
      img = await buildNewImage(tmp, size, serial.readUInt32LE(0), serial.readUInt32LE(4), stamp);
      place = { what: 'MBR partition 1', offset: 1024 * 1024, length: size - 1024 * 1024 };
    }

    const vol = await Volume.open(new Region(img, place.offset, place.length), stamp, place.what);
    const profileState = await vol.writeFile(PROFILE_PATH, profile);
    const old = await vol.readFile(LOADER_CONF_PATH);
    // latin1 maps bytes 1:1, so the user's lines come back byte for byte whatever their encoding.
    const oldText = old ? old.toString('latin1') : null;
    const merged = mergeLoaderConf(oldText);
    let confState = 'unchanged';
    if (merged !== oldText) {
      confState = (await vol.writeFile(LOADER_CONF_PATH, Buffer.from(merged, 'latin1'))) === 'created' ? 'created' : 'updated';
    }
    await vol.flush();
    await img.sync();
    await img.close();
    img = undefined;
    await fsp.rename(tmp, out);
    io.out(`kiln usb: wrote ${opts.out}: FAT${vol.bpb.type} in ${place.what}; /${PROFILE_PATH} ${profileState} (${profile.length} bytes), /${LOADER_CONF_PATH} ${confState}; ${mib(vol.freeBytes)} free\n`);
    return EXIT.OK;
  } catch (e) {
    if (img) await img.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof UsbError) return fail(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    // The host's own errors (no space, permission) are the user's to fix, not bugs.
    if (typeof code === 'string') return fail((e as Error).message);
    io.err(`kiln usb: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.INTERNAL;
  }
}

/**
 * The FAT file system to write to. SmartOS keys may carry more than one (an
 * EFI System partition beside the boot one): prefer the one the loader reads
 * its configuration from, i.e. with /boot/loader.conf, then any with /boot.
 */
async function pickPlace(img: ImageFile, name: string, stamp: { date: number; time: number }): Promise<FatPlace> {
  const scan = await findFat(img);
  if (!scan.places.length) throw new UsbError(`no FAT file system found in ${name}${scan.notes.length ? ': ' + scan.notes.join('; ') : ''}`);
  if (scan.places.length === 1) return scan.places[0] as FatPlace;
  let withBoot: FatPlace | undefined;
  for (const p of scan.places) {
    const vol = await Volume.open(new Region(img, p.offset, p.length), stamp, p.what);
    if ((await vol.stat('boot/loader.conf')) === 'file') return p;
    if (!withBoot && (await vol.stat('boot')) === 'dir') withBoot = p;
  }
  return withBoot ?? (scan.places[0] as FatPlace);
}
