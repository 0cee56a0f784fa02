// `kiln usb PROFILE --new SIZE -o OUT`: a fresh MBR image with one FAT
// partition labelled KILN, checked by fsck.vfat and read back with mtools.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MiB, PROFILE, assertNoLeftovers, fsckOk, mtype, profileText, runUsb, sh, sha256, tmpDir, writeProfile } from './helpers.ts';

for (const [size, fat, mbrType] of [['64M', 16, 0x0e], ['300M', 32, 0x0c]] as const) {
  test(`--new ${size} makes a FAT${fat} image that fsck.vfat passes and mtools reads`, async () => {
    const dir = tmpDir();
    const prof = writeProfile(dir, profileText('fresh', 5000));
    const out = path.join(dir, 'stick.img');
    const r = await runUsb({ profile: prof, out, newSize: size });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`FAT${fat}`));
    const bytes = Number(size.slice(0, -1)) * MiB;
    assert.equal(fs.statSync(out).size, bytes);

    // MBR: one active partition of the LBA FAT type from 1 MiB to the end.
    const s0 = fs.readFileSync(out).subarray(0, 512);
    assert.equal(s0.readUInt16LE(510), 0xaa55);
    assert.equal(s0[446], 0x80);
    assert.equal(s0[446 + 4], mbrType);
    assert.equal(s0.readUInt32LE(446 + 8), 2048);
    assert.equal(s0.readUInt32LE(446 + 12), bytes / 512 - 2048);
    for (let i = 1; i < 4; i++) assert.equal(s0[446 + i * 16 + 4], 0, `partition ${i + 1} unused`);

    const fsck = fsckOk(out, MiB);
    assert.match(fsck, /4 files|5 files/);
    assert.equal(mtype(out, MiB, '/kiln/profile.yaml').toString(), fs.readFileSync(prof, 'utf8'));
    const conf = mtype(out, MiB, '/boot/loader.conf.local').toString();
    assert.match(conf, /^kiln_profile_load="YES"$/m);
    assert.match(conf, /^kiln_profile_type="file"$/m);
    assert.match(conf, /^kiln_profile_name="\/kiln\/profile\.yaml"$/m);

    // The label in both places: the volume-label entry (mlabel) and the boot sector (BPB).
    assert.match(sh('mlabel', ['-s', '-i', `${out}@@${MiB}`, '::']), /Volume label is KILN\s*$/);
    const boot = fs.readFileSync(out).subarray(MiB, MiB + 512);
    assert.equal(boot.toString('latin1', fat === 32 ? 71 : 43, fat === 32 ? 82 : 54), 'KILN       ');
    assert.equal(boot.toString('latin1', fat === 32 ? 82 : 54, fat === 32 ? 90 : 62), `FAT${fat}   `);
    // Long names kept: mdir shows the lower-case names.
    assert.match(sh('mdir', ['-i', `${out}@@${MiB}`, '::/kiln']), / profile\.yaml\s*$/m);
    assert.match(sh('mdir', ['-i', `${out}@@${MiB}`, '::/boot']), /LOADER~1 LOC .* loader\.conf\.local\s*$/m);
    assertNoLeftovers(dir, ['profile.yaml', 'stick.img']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('--new output is reproducible: same profile, same bytes', async () => {
  const dir = tmpDir();
  const prof = writeProfile(dir, PROFILE);
  const a = path.join(dir, 'a.img'), b = path.join(dir, 'b.img');
  assert.equal((await runUsb({ profile: prof, out: a, newSize: '16M' })).code, 0);
  assert.equal((await runUsb({ profile: prof, out: b, newSize: '16M' })).code, 0);
  assert.equal(sha256(a), sha256(b));
  // Timestamps are FAT's epoch unless SOURCE_DATE_EPOCH says otherwise.
  assert.match(sh('mdir', ['-i', `${a}@@${MiB}`, '::/']), /1980-01-01\s+0:00/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--new honours SOURCE_DATE_EPOCH for the entry timestamps', async () => {
  const dir = tmpDir();
  const prof = writeProfile(dir, PROFILE);
  const out = path.join(dir, 'a.img');
  const old = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2024, 4, 17, 12, 30, 0) / 1000);
  try {
    assert.equal((await runUsb({ profile: prof, out, newSize: '16M' })).code, 0);
  } finally {
    if (old === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = old;
  }
  assert.match(sh('mdir', ['-i', `${out}@@${MiB}`, '::/kiln']), /2024-05-17\s+12:30/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--new rejects sizes it cannot format', async () => {
  const dir = tmpDir();
  const prof = writeProfile(dir, PROFILE);
  const out = path.join(dir, 'a.img');
  for (const size of ['1M', 'lots', '4T']) {
    const r = await runUsb({ profile: prof, out, newSize: size });
    assert.equal(r.code, 2, size);
    assert.match(r.err, /--new/);
  }
  assertNoLeftovers(dir, ['profile.yaml']);
  fs.rmSync(dir, { recursive: true, force: true });
});
