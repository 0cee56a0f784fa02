// `kiln usb` failures: a clear message, exit 2, and no OUT (nor temp file) left behind.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MiB, PROFILE, assertNoLeftovers, mbrFatImage, mcopyText, profileText, runUsb, sh, sha256, tmpDir, writeMbr, writeProfile } from './helpers.ts';

async function expectFail(opts: { profile: string; out: string; base?: string; newSize?: string }, message: RegExp): Promise<void> {
  const r = await runUsb(opts);
  assert.equal(r.code, 2, `exit code; stderr:\n${r.err}`);
  assert.match(r.err, message);
  assert.equal(r.out, '');
  assert.equal(fs.existsSync(opts.out), false, 'no OUT');
}

const dirs: string[] = [];
function tmp(): string {
  const d = tmpDir();
  dirs.push(d);
  return d;
}
after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

test('a missing base image', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, PROFILE);
  await expectFail({ profile: prof, out: path.join(dir, 'out.img'), base: path.join(dir, 'nope.img') }, /base image .*nope\.img: no such file/);
  assertNoLeftovers(dir, ['profile.yaml']);
});

test('an image of zeros has no FAT', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, PROFILE);
  const base = path.join(dir, 'zero.img');
  fs.writeFileSync(base, Buffer.alloc(4 * MiB));
  await expectFail({ profile: prof, out: path.join(dir, 'out.img'), base }, /no FAT file system found in .*zero\.img/);
  assertNoLeftovers(dir, ['profile.yaml', 'zero.img']);
});

test('an MBR with only a Linux partition has no FAT', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, PROFILE);
  const base = path.join(dir, 'linux.img');
  fs.writeFileSync(base, Buffer.alloc(8 * MiB));
  writeMbr(base, [{ type: 0x83, start: 2048, sectors: 8192 }]);
  await expectFail({ profile: prof, out: path.join(dir, 'out.img'), base }, /no FAT file system found.*MBR partition 1: type 0x83 is not a FAT type/);
  assertNoLeftovers(dir, ['linux.img', 'profile.yaml']);
});

test('a FAT-typed partition that was never formatted', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, PROFILE);
  const base = path.join(dir, 'raw.img');
  fs.writeFileSync(base, Buffer.alloc(8 * MiB));
  writeMbr(base, [{ type: 0x0c, start: 2048, sectors: 8192 }]);
  await expectFail({ profile: prof, out: path.join(dir, 'out.img'), base }, /MBR partition 1 \(type 0x0c\): not a FAT file system \(no 0x55AA boot signature\)/);
});

test('a full partition: not enough free clusters for the profile', async () => {
  const dir = tmp();
  const base = path.join(dir, 'floppy.img');
  sh('mkfs.vfat', ['-C', base, '1440']);
  mcopyText(base, 0, '/FILLER.BIN', Buffer.alloc(1100 * 1024, 1));
  const before = sha256(base);
  // Near the validator's 1 MiB limit, and still a valid profile.
  const prof = writeProfile(dir, profileText('big', 1000 * 1024));
  await expectFail({ profile: prof, out: path.join(dir, 'out.img'), base }, /the FAT partition is full: need \d+ bytes .* but only \d+ bytes are free/);
  assert.equal(sha256(base), before);
  assertNoLeftovers(dir, ['floppy.img', 'profile.yaml']);
});

test('an invalid profile: validate diagnostics, nothing written', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, 'apiVersion: kiln/v1\nkind: Host\nmetadata:\n  name: x\nbogus: 1\n');
  await expectFail({ profile: prof, out: path.join(dir, 'out.img'), newSize: '16M' }, /profile\.yaml:5:1: error: .*bogus[^]*not a valid profile; nothing written/);
  await expectFail({ profile: path.join(dir, 'missing.yaml'), out: path.join(dir, 'out.img'), newSize: '16M' }, /missing\.yaml:1:1: error: \$: no such file/);
  assertNoLeftovers(dir, ['profile.yaml']);
});

test('OUT is the base image: refused, base untouched', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, PROFILE);
  const base = path.join(dir, 'base.img');
  mbrFatImage(base, 16, 16);
  const before = sha256(base);
  const r = await runUsb({ profile: prof, out: path.join(dir, '.', 'base.img'), base });
  assert.equal(r.code, 2);
  assert.match(r.err, /is the base image/);
  // A hard link is the same file too.
  fs.linkSync(base, path.join(dir, 'link.img'));
  const r2 = await runUsb({ profile: prof, out: path.join(dir, 'link.img'), base });
  assert.equal(r2.code, 2);
  assert.equal(sha256(base), before);
  assertNoLeftovers(dir, ['base.img', 'link.img', 'profile.yaml']);
});

test('neither or both of --base and --new', async () => {
  const dir = tmp();
  const prof = writeProfile(dir, PROFILE);
  await expectFail({ profile: prof, out: path.join(dir, 'o.img') }, /exactly one of --base IMAGE or --new SIZE/);
  await expectFail({ profile: prof, out: path.join(dir, 'o.img'), base: prof, newSize: '16M' }, /exactly one/);
});
