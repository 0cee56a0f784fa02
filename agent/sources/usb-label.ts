// The unmounted USB key: scan whole disks read-only for a FAT volume labelled
// KILN and read kiln/profile.yaml from it. illumos: <root>/dev/dsk/*p0 (the
// whole-disk node on x86); Linux: <root>/dev/sd? and <root>/dev/vd?.
import { MAX_PROFILE_BYTES } from '../profile/load.ts';
import type { BlockDevice } from './block.ts';
import { alignedReader } from './block.ts';
import { openFat, readFatFile, volumeLabel } from './fat.ts';
import { rootPath } from './local.ts';
import { fatVolumeOffsets, SECTOR } from './mbr.ts';
import type { PlatformName } from './read-boot-line.ts';
import type { Fetched, ProfileSource, SourceEnv } from './types.ts';

export const USB_LABEL = 'KILN';
export const USB_PROFILE = 'kiln/profile.yaml';
/** ms per disk: a dead drive must not hold the boot */
const DISK_TIMEOUT_MS = 5000;

/** The disk nodes to scan, from the names in the device directory. Pure. */
export function diskCandidates(platform: PlatformName, names: string[]): string[] {
  const re = platform === 'linux' ? /^(sd|vd)[a-z]$/ : /^c[0-9]+(t[0-9A-Fa-f]+)?d[0-9]+p0$/;
  return names.filter((n) => re.test(n)).sort();
}

function deviceDir(platform: PlatformName): string {
  return platform === 'linux' ? '/dev' : '/dev/dsk';
}

async function scanDisk(dev: BlockDevice): Promise<{ offset: number; bytes: Buffer | null } | null> {
  const sector0 = await dev.read(0, SECTOR);
  for (const offset of fatVolumeOffsets(sector0)) {
    const v = await openFat(dev, offset);
    if (!v || (await volumeLabel(v)).toUpperCase() !== USB_LABEL) continue;
    return { offset, bytes: await readFatFile(v, USB_PROFILE, MAX_PROFILE_BYTES) };
  }
  return null;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms}ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

async function fetchLabel(env: SourceEnv): Promise<Fetched> {
  const dir = rootPath(env.root, deviceDir(env.platform));
  let names: string[];
  try {
    names = await env.files.list(dir);
  } catch (_e) {
    return { kind: 'none' };
  }
  for (const name of diskCandidates(env.platform, names)) {
    const path = `${dir}/${name}`;
    const raw = await env.devices.open(path);
    if (!raw) continue;
    const dev = alignedReader(raw);
    try {
      const hit = await withTimeout(scanDisk(dev), DISK_TIMEOUT_MS, path);
      if (!hit) continue;
      if (!hit.bytes) {
        env.log(`kiln: ${path} has a FAT volume labelled ${USB_LABEL} but no ${USB_PROFILE} on it`);
        continue;
      }
      return { kind: 'found', source: `usb-label:${path}:${USB_PROFILE}`, label: `${path}:${USB_PROFILE}`, bytes: hit.bytes };
    } catch (e) {
      env.log(`kiln: skipping ${path}: ${(e as Error).message}`);
    } finally {
      void dev.close();
    }
  }
  return { kind: 'none' };
}

export const usbLabelSource: ProfileSource = {
  name: 'usb-label',
  where: (env) => `a FAT volume labelled ${USB_LABEL} on ${rootPath(env.root, deviceDir(env.platform))}/${env.platform === 'linux' ? 'sd?, vd?' : '*p0'}`,
  fetch: fetchLabel,
};
