// How long `kiln usb` takes: a fresh 64 MiB image (--new), and adding the
// profile to a 256 MiB FAT32 base image that is mostly full of non-zero data,
// as a SmartOS key with its boot archive is (--base: the copy dominates).
// Median of 3 each, in-process.
//   make bench     or     node .test-out/bench/usb.bench.js
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usbCommand } from '../image-builder/usb/command.ts';
import type { UsbOptions } from '../image-builder/usb/command.ts';

const RUNS = 3;
const MiB = 1024 * 1024;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function timeRuns(label: string, dir: string, opts: (i: number) => UsbOptions): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const o = opts(i);
    let err = '';
    const t0 = process.hrtime.bigint();
    const code = await usbCommand({ progress: false, ...o }, { out: () => undefined, err: (s) => { err += s; } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (code !== 0) throw new Error(`${label}: exit ${code}\n${err}`);
    fs.rmSync(o.out, { force: true });
  }
  console.log(`  ${label}: median ${median(times).toFixed(1)} ms of ${RUNS} (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-usb-'));
  try {
    const profile = path.join(dir, 'profile.yaml');
    fs.writeFileSync(profile, 'apiVersion: kiln/v1\nkind: Host\nmetadata:\n  name: bench\n' + '# padding padding padding padding padding padding\n'.repeat(2000));
    console.log(`usb: profile ${(fs.statSync(profile).size / 1024).toFixed(1)} KiB`);
    await timeRuns('--new 64M (FAT16, sparse file)', dir, (i) => ({ profile, out: path.join(dir, `new${i}.img`), newSize: '64M' }));

    if (!has('mkfs.vfat') || !has('mcopy')) {
      console.log('  --base 256 MiB: skipped (mkfs.vfat / mcopy not installed)');
      return;
    }
    const base = path.join(dir, 'base.img');
    fs.writeFileSync(base, '');
    fs.truncateSync(base, 256 * MiB);
    const s0 = Buffer.alloc(512);
    s0[446] = 0x80; s0[446 + 4] = 0x0c;
    s0.writeUInt32LE(2048, 446 + 8);
    s0.writeUInt32LE((256 * MiB) / 512 - 2048, 446 + 12);
    s0[510] = 0x55; s0[511] = 0xaa;
    const fd = fs.openSync(base, 'r+');
    fs.writeSync(fd, s0, 0, 512, 0);
    fs.closeSync(fd);
    execFileSync('mkfs.vfat', ['-F', '32', '-n', 'BASE', '--offset', '2048', base, String((256 * MiB - MiB) / 1024)], { stdio: 'ignore' });
    const blob = path.join(dir, 'archive');
    fs.writeFileSync(blob, Buffer.alloc(200 * MiB, 0xa5));
    execFileSync('mmd', ['-i', `${base}@@${MiB}`, '::/boot', '::/platform']);
    execFileSync('mcopy', ['-i', `${base}@@${MiB}`, blob, '::/platform/boot_archive']);
    fs.rmSync(blob);
    await timeRuns('--base 256 MiB FAT32 image, 200 MiB used', dir, (i) => ({ profile, out: path.join(dir, `out${i}.img`), base }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
