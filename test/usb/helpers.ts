// Shared by the `kiln usb` tests: temp dirs, profiles, base images made with
// dosfstools/mtools (the independent referee), and fsck/mtools checks.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usbCommand } from '../../image-builder/usb/command.ts';
import type { UsbOptions } from '../../image-builder/usb/command.ts';
import { repoRoot } from '../repo.ts';
export { repoRoot };


export const MiB = 1024 * 1024;

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-usb-'));
}

export const PROFILE = 'apiVersion: kiln/v1\nkind: Host\nmetadata:\n  name: usb-test\n';

/** A valid profile of about `bytes` bytes: a comment pads it out. */
export function profileText(name: string, bytes = 0): string {
  const head = `apiVersion: kiln/v1\nkind: Host\nmetadata:\n  name: ${name}\n`;
  if (bytes <= head.length) return head;
  const lines: string[] = [];
  let n = head.length;
  while (n < bytes) {
    const l = '# ' + 'padding '.repeat(9) + '\n';
    lines.push(l);
    n += l.length;
  }
  return head + lines.join('');
}

export function writeProfile(dir: string, text: string, name = 'profile.yaml'): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function runUsb(opts: UsbOptions): Promise<Run> {
  let out = '', err = '';
  const code = await usbCommand({ progress: false, ...opts }, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** mtools image spec: the file, at a byte offset */
export const at = (img: string, offset: number): string => (offset ? `${img}@@${offset}` : img);

export function mtype(img: string, offset: number, file: string): Buffer {
  return execFileSync('mtype', ['-i', at(img, offset), '::' + file]);
}

/** Writes an MBR partition table (no boot code) into an existing image file. */
export function writeMbr(img: string, parts: { type: number; start: number; sectors: number; active?: boolean }[]): void {
  const s = Buffer.alloc(512);
  parts.forEach((p, i) => {
    const e = 446 + i * 16;
    s[e] = p.active ? 0x80 : 0;
    s[e + 4] = p.type;
    s.writeUInt32LE(p.start, e + 8);
    s.writeUInt32LE(p.sectors, e + 12);
  });
  s[510] = 0x55; s[511] = 0xaa;
  const fd = fs.openSync(img, 'r+');
  fs.writeSync(fd, s, 0, 512, 0);
  fs.closeSync(fd);
}

/**
 * An image of `sizeMiB` with one MBR partition from 1 MiB, formatted by
 * mkfs.vfat (fatBits 12/16/32), label BASE.
 */
export function mbrFatImage(img: string, sizeMiB: number, fatBits: 12 | 16 | 32, mbrType = fatBits === 32 ? 0x0c : 0x0e): void {
  fs.writeFileSync(img, '');
  fs.truncateSync(img, sizeMiB * MiB);
  const sectors = (sizeMiB * MiB) / 512 - 2048;
  writeMbr(img, [{ type: mbrType, start: 2048, sectors, active: true }]);
  sh('mkfs.vfat', ['-F', String(fatBits), '-n', 'BASE', '--offset', '2048', img, String((sectors * 512) / 1024)]);
}

export function mcopyText(img: string, offset: number, dest: string, text: string | Buffer): void {
  const dir = tmpDir();
  const src = path.join(dir, 'x');
  fs.writeFileSync(src, text);
  execFileSync('mcopy', ['-o', '-i', at(img, offset), src, '::' + dest]);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * fsck.vfat -n on the FAT at `offset` (copied out, since this fsck has no
 * offset option): exit 0 and nothing about errors, differences or fixes.
 */
export function fsckOk(img: string, offset: number, length?: number): string {
  const dir = tmpDir();
  const part = path.join(dir, 'part.img');
  // dd with sparse output: a 300 MiB image copies in a blink.
  const args = [`if=${img}`, `of=${part}`, 'bs=4M', 'iflag=skip_bytes,count_bytes', `skip=${offset}`, 'conv=sparse', 'status=none'];
  if (length !== undefined) args.push(`count=${length}`);
  execFileSync('dd', args);
  const r = spawnSync('fsck.vfat', ['-n', part], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  const text = `${r.stdout}${r.stderr}`;
  assert.equal(r.status, 0, `fsck.vfat -n failed:\n${text}`);
  assert.doesNotMatch(text, /differ|error|wrong|invalid|orphan|reclaim|bad|lost|free cluster summary (is )?wrong/i, `fsck.vfat -n complained:\n${text}`);
  return text;
}

/** Cluster numbers of a file or directory, from mshowfat ("::/x <3-5> <9>"). */
export function clustersOf(img: string, offset: number, file: string): number[] {
  const text = sh('mshowfat', ['-i', at(img, offset), '::' + file]);
  const out: number[] = [];
  for (const m of text.matchAll(/<(\d+)(?:-(\d+))?>/g)) {
    const a = Number(m[1]), b = m[2] === undefined ? a : Number(m[2]);
    for (let c = a; c <= b; c++) out.push(c);
  }
  return out;
}

export function assertNoLeftovers(dir: string, expected: string[]): void {
  assert.deepEqual(fs.readdirSync(dir).sort(), expected.slice().sort(), `files in ${dir}`);
}
