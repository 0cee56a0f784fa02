// `kiln usb PROFILE --base IMAGE -o OUT`: a copy of an image made by
// dosfstools/mtools gets the profile and kiln's loader lines; every other
// byte, file and loader line stays as it was; the base is never modified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MiB, assertNoLeftovers, clustersOf, fsckOk, mbrFatImage, mcopyText, mtype, profileText, runUsb, sh, sha256, tmpDir, writeProfile } from './helpers.ts';

const USER_CONF = '# the user\'s own loader settings\r\nconsole="ttyb"\r\nos_console="ttyb"\r\n';
const OTHER = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) & 0xff));

/** A base image as a SmartOS key might look: /boot with loader files, a big file, a file in root. */
function makeBase(img: string, sizeMiB: number, fat: 16 | 32): void {
  mbrFatImage(img, sizeMiB, fat);
  sh('mmd', ['-i', `${img}@@${MiB}`, '::/boot', '::/platform']);
  mcopyText(img, MiB, '/boot/loader.conf', 'loader_logo="smartos"\n');
  mcopyText(img, MiB, '/boot/loader.conf.local', USER_CONF);
  mcopyText(img, MiB, '/platform/boot_archive', OTHER);
  mcopyText(img, MiB, '/README.TXT', 'hello\n');
}

interface Geometry { bps: number; reserved: number; fats: number; fatSz: number; rootEnts: number; spc: number; fsInfo: number }

/** The few BPB fields the byte comparison needs, read straight from the boot sector. */
function geometry(buf: Buffer, off: number): Geometry {
  const b = buf.subarray(off, off + 512);
  const fat16 = b.readUInt16LE(22);
  return { bps: b.readUInt16LE(11), spc: b[13] as number, reserved: b.readUInt16LE(14), fats: b[16] as number, rootEnts: b.readUInt16LE(17), fatSz: fat16 || b.readUInt32LE(36), fsInfo: fat16 ? -1 : b.readUInt16LE(48) };
}

/**
 * Every byte that differs between base and out lies in the FATs, FSInfo, the
 * FAT16 root directory, or a cluster of a file/directory kiln wrote.
 */
function assertOnlyKilnChanged(base: string, out: string): void {
  const a = fs.readFileSync(base), b = fs.readFileSync(out);
  assert.equal(a.length, b.length);
  const g = geometry(b, MiB);
  const fatStart = MiB + g.reserved * g.bps;
  const rootStart = fatStart + g.fats * g.fatSz * g.bps;
  const dataStart = rootStart + Math.ceil((g.rootEnts * 32) / g.bps) * g.bps;
  const allowed = new Set<number>();
  for (const f of ['/', '/kiln', '/kiln/profile.yaml', '/boot', '/boot/loader.conf.local']) for (const c of clustersOf(out, MiB, f)) allowed.add(c);
  const cb = g.spc * g.bps;
  const bad: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (i >= fatStart && i < dataStart) continue; // FATs and the fixed root directory
    if (g.fsInfo > 0 && i >= MiB + g.fsInfo * g.bps && i < MiB + (g.fsInfo + 1) * g.bps) continue;
    if (i >= dataStart && allowed.has(2 + Math.floor((i - dataStart) / cb))) continue;
    bad.push(`byte ${i}`);
    if (bad.length > 5) break;
  }
  assert.deepEqual(bad, [], 'bytes changed outside what kiln owns');
}

function assertUserDataIntact(img: string): void {
  assert.equal(mtype(img, MiB, '/boot/loader.conf').toString(), 'loader_logo="smartos"\n');
  assert.deepEqual(mtype(img, MiB, '/platform/boot_archive'), OTHER);
  assert.equal(mtype(img, MiB, '/README.TXT').toString(), 'hello\n');
  assert.match(sh('mlabel', ['-s', '-i', `${img}@@${MiB}`, '::']), /Volume label is BASE/);
}

for (const fat of [16, 32] as const) {
  test(`--base on a FAT${fat} image: profile and loader lines added, the rest intact`, async () => {
    const dir = tmpDir();
    const base = path.join(dir, 'base.img');
    makeBase(base, 64, fat);
    const before = sha256(base);
    const rootBefore = sh('mdir', ['-i', `${base}@@${MiB}`, '::/']);
    const prof = writeProfile(dir, profileText('first', 3000));
    const out = path.join(dir, 'out.img');
    const r = await runUsb({ profile: prof, out, base });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /created \(\d+ bytes\).*loader\.conf\.local updated/);
    assert.equal(sha256(base), before, 'the base image must not change');
    fsckOk(out, MiB);
    assert.equal(mtype(out, MiB, '/kiln/profile.yaml').toString(), fs.readFileSync(prof, 'utf8'));
    const conf = mtype(out, MiB, '/boot/loader.conf.local').toString();
    assert.ok(conf.startsWith(USER_CONF), `user lines first, unchanged:\n${conf}`);
    assert.match(conf, /\r\n# kiln begin\r\n[^]*kiln_profile_name="\/kiln\/profile\.yaml"\r\n# kiln end\r\n$/);
    assertUserDataIntact(out);
    // Old root entries are all still listed, unchanged.
    const rootAfter = sh('mdir', ['-i', `${out}@@${MiB}`, '::/']);
    for (const line of rootBefore.split('\n').filter((l) => /<DIR>|README/.test(l))) assert.ok(rootAfter.includes(line), `lost: ${line}`);
    assertOnlyKilnChanged(base, out);

    // Again on the result, with a longer and then a shorter profile: replaced cleanly.
    let prev = out;
    for (const [i, size] of [[2, 200000], [3, 100]] as const) {
      const p2 = writeProfile(dir, profileText(`run${i}`, size), `p${i}.yaml`);
      const o2 = path.join(dir, `out${i}.img`);
      const r2 = await runUsb({ profile: p2, out: o2, base: prev });
      assert.equal(r2.code, 0, r2.err);
      assert.match(r2.out, /profile\.yaml replaced .*loader\.conf\.local unchanged/);
      fsckOk(o2, MiB);
      assert.equal(mtype(o2, MiB, '/kiln/profile.yaml').toString(), fs.readFileSync(p2, 'utf8'));
      const conf2 = mtype(o2, MiB, '/boot/loader.conf.local').toString();
      assert.equal(conf2, conf, 'loader.conf.local is stable across runs');
      assert.equal(conf2.split('# kiln begin').length, 2, 'one kiln block');
      assertUserDataIntact(o2);
      assertOnlyKilnChanged(prev, o2);
      prev = o2;
    }
    assertNoLeftovers(dir, ['base.img', 'out.img', 'out2.img', 'out3.img', 'p2.yaml', 'p3.yaml', 'profile.yaml']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('--base on a FAT12 superfloppy (no partition table) with no /boot yet', async () => {
  const dir = tmpDir();
  const base = path.join(dir, 'floppy.img');
  sh('mkfs.vfat', ['-C', '-n', 'FLOPPY', base, '1440']);
  mcopyText(base, 0, '/DATA.BIN', OTHER);
  const prof = writeProfile(dir, profileText('floppy', 20000));
  const out = path.join(dir, 'out.img');
  const r = await runUsb({ profile: prof, out, base });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /FAT12 in the whole image/);
  fsckOk(out, 0);
  assert.equal(mtype(out, 0, '/kiln/profile.yaml').toString(), fs.readFileSync(prof, 'utf8'));
  assert.match(mtype(out, 0, '/boot/loader.conf.local').toString(), /^# kiln begin\n[^]*# kiln end\n$/);
  assert.deepEqual(mtype(out, 0, '/DATA.BIN'), OTHER);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--base with progress prints percentage lines and a summary', async () => {
  const dir = tmpDir();
  const base = path.join(dir, 'base.img');
  mbrFatImage(base, 64, 16);
  const prof = writeProfile(dir, profileText('progress'));
  const r = await runUsb({ profile: prof, out: path.join(dir, 'out.img'), base, progress: true });
  assert.equal(r.code, 0, r.err);
  const lines = r.err.trim().split('\n');
  assert.ok(lines.length >= 5 && lines.length <= 21, r.err);
  assert.match(lines[lines.length - 1] as string, /copying .*: 100% \(64 MiB of 64 MiB/);
  assert.match(r.out, /^kiln usb: wrote .*out\.img: FAT16 in MBR partition 1/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the byte check itself notices a change outside kiln\'s clusters', async () => {
  const dir = tmpDir();
  const base = path.join(dir, 'base.img');
  makeBase(base, 32, 16);
  const out = path.join(dir, 'out.img');
  assert.equal((await runUsb({ profile: writeProfile(dir, profileText('x')), out, base })).code, 0);
  assertOnlyKilnChanged(base, out);
  // Flip one byte of /platform/boot_archive's data: that must be caught.
  const buf = fs.readFileSync(out);
  const g = geometry(buf, MiB);
  const dataStart = MiB + (g.reserved + g.fats * g.fatSz) * g.bps + Math.ceil((g.rootEnts * 32) / g.bps) * g.bps;
  const c = clustersOf(out, MiB, '/platform/boot_archive')[0] as number;
  const at = dataStart + (c - 2) * g.spc * g.bps + 10;
  buf[at] = (buf[at] as number) ^ 0xff;
  fs.writeFileSync(out, buf);
  assert.throws(() => assertOnlyKilnChanged(base, out), /bytes changed outside/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a full directory cluster grows by a zeroed cluster; a full FAT16 root is an error', async () => {
  const dir = tmpDir();
  const base = path.join(dir, 'base.img');
  // 512-byte clusters: /boot's first cluster holds '.', '..' and 14 files, so it is full.
  fs.writeFileSync(base, '');
  fs.truncateSync(base, 16 * MiB);
  sh('mkfs.vfat', ['-F', '16', '-s', '1', '-n', 'BASE', base]);
  sh('mmd', ['-i', base, '::/boot']);
  for (let i = 0; i < 14; i++) mcopyText(base, 0, `/boot/F${String(i).padStart(2, '0')}.TXT`, `file ${i}\n`);
  assert.equal(clustersOf(base, 0, '/boot').length, 1);
  const out = path.join(dir, 'out.img');
  const prof = writeProfile(dir, profileText('grow'));
  const r = await runUsb({ profile: prof, out, base });
  assert.equal(r.code, 0, r.err);
  assert.equal(clustersOf(out, 0, '/boot').length, 2);
  fsckOk(out, 0);
  assert.equal(mtype(out, 0, '/boot/F13.TXT').toString(), 'file 13\n');
  assert.match(mtype(out, 0, '/boot/loader.conf.local').toString(), /kiln_profile_load="YES"/);

  // A small FAT16 root (mkfs.vfat rounds -r 16 up), every entry used: no room for /kiln.
  const small = path.join(dir, 'small.img');
  fs.writeFileSync(small, '');
  fs.truncateSync(small, 16 * MiB);
  sh('mkfs.vfat', ['-F', '16', '-r', '16', small]);
  const rootEnts = fs.readFileSync(small).readUInt16LE(17);
  const files = path.join(dir, 'files');
  fs.mkdirSync(files);
  for (let i = 0; i < rootEnts; i++) fs.writeFileSync(path.join(files, `R${String(i).padStart(3, '0')}.TXT`), 'r\n');
  sh('mcopy', ['-i', small, ...fs.readdirSync(files).map((f) => path.join(files, f)), '::/']);
  const r2 = await runUsb({ profile: prof, out: path.join(dir, 'small-out.img'), base: small });
  assert.equal(r2.code, 2);
  assert.match(r2.err, new RegExp(`the root directory is full \\(${rootEnts} entries\\)`));
  assert.equal(fs.existsSync(path.join(dir, 'small-out.img')), false);
  fs.rmSync(dir, { recursive: true, force: true });
});
