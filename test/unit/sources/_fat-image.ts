// FAT images for the tests, made with dosfstools and mtools: a superfloppy
// (no partition table) or one MBR partition at 1 MiB.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ImageSpec {
  /** MiB */
  sizeMiB: number;
  fat?: 12 | 16 | 32;
  label?: string;
  /** partitioned: an MBR with one FAT partition at sector 2048 */
  mbr?: boolean;
  /** path on the volume → content; directories are created */
  files?: Record<string, string>;
  /** label only in the boot sector (mkfs.vfat) or also as a root entry */
}

export function makeFatImage(spec: ImageSpec): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-fat-'));
  const img = path.join(dir, 'disk.img');
  fs.writeFileSync(img, '');
  fs.truncateSync(img, spec.sizeMiB * 1024 * 1024);
  const args = ['-F', String(spec.fat || 16)];
  if (spec.label) args.push('-n', spec.label);
  let target = img;
  if (spec.mbr) {
    args.push('--offset=2048');
    target = `${img}@@1M`;
  }
  execFileSync('mkfs.vfat', [...args, img, String(((spec.sizeMiB * 1024) - (spec.mbr ? 1024 : 0)))], { stdio: 'pipe' });
  if (spec.mbr) {
    const fd = fs.openSync(img, 'r+');
    const mbr = Buffer.alloc(512);
    const e = 446;
    mbr[e + 4] = spec.fat === 32 ? 0x0c : 0x0e;
    mbr.writeUInt32LE(2048, e + 8);
    mbr.writeUInt32LE(spec.sizeMiB * 2048 - 2048, e + 12);
    mbr[510] = 0x55;
    mbr[511] = 0xaa;
    fs.writeSync(fd, mbr, 0, 512, 0);
    fs.closeSync(fd);
  }
  const made = new Set<string>();
  for (const [p, content] of Object.entries(spec.files || {})) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (made.has(d)) continue;
      execFileSync('mmd', ['-i', target, `::${d}`], { stdio: 'pipe' });
      made.add(d);
    }
    const src = path.join(dir, 'src');
    fs.writeFileSync(src, content);
    execFileSync('mcopy', ['-i', target, src, `::${p}`], { stdio: 'pipe' });
  }
  return img;
}
