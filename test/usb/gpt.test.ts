// A GPT image (no sgdisk here: the test builds the header and entries itself,
// CRCs from node:zlib) with an EFI System partition and a basic-data
// partition holding /boot/loader.conf: kiln must pick the latter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { MiB, PROFILE, fsckOk, mcopyText, mtype, runUsb, sh, sha256, tmpDir, writeProfile } from './helpers.ts';

const ESP = 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B';
const BASIC = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';

/** On-disk GUID: first three fields little-endian. */
function guid(s: string): Buffer {
  const [a, b, c, d, e] = s.split('-') as [string, string, string, string, string];
  return Buffer.concat([Buffer.from(a, 'hex').reverse(), Buffer.from(b, 'hex').reverse(), Buffer.from(c, 'hex').reverse(), Buffer.from(d + e, 'hex')]);
}

const SECTORS = (64 * MiB) / 512;
const P1 = { first: 2048, last: 2048 + 32768 - 1 }; // 16 MiB ESP
const P2 = { first: 36864, last: 36864 + 81920 - 1 }; // 40 MiB basic data

function header(entries: Buffer, myLba: number, altLba: number, entriesLba: number): Buffer {
  const h = Buffer.alloc(512);
  h.write('EFI PART', 0, 'latin1');
  h.writeUInt32LE(0x00010000, 8);
  h.writeUInt32LE(92, 12);
  h.writeBigUInt64LE(BigInt(myLba), 24);
  h.writeBigUInt64LE(BigInt(altLba), 32);
  h.writeBigUInt64LE(BigInt(34), 40);
  h.writeBigUInt64LE(BigInt(SECTORS - 34), 48);
  guid('11111111-2222-3333-4444-555555555555').copy(h, 56);
  h.writeBigUInt64LE(BigInt(entriesLba), 72);
  h.writeUInt32LE(128, 80);
  h.writeUInt32LE(128, 84);
  h.writeUInt32LE(zlib.crc32(entries), 88);
  h.writeUInt32LE(zlib.crc32(h.subarray(0, 92)), 16);
  return h;
}

function gptImage(img: string): void {
  const buf = Buffer.alloc(64 * MiB);
  // Protective MBR: one 0xEE partition over the whole disk.
  buf[446 + 4] = 0xee;
  buf.writeUInt32LE(1, 446 + 8);
  buf.writeUInt32LE(SECTORS - 1, 446 + 12);
  buf[510] = 0x55; buf[511] = 0xaa;
  const entries = Buffer.alloc(128 * 128);
  [[ESP, P1, 'EFI'], [BASIC, P2, 'smartos']].forEach(([type, p, name], i) => {
    const e = entries.subarray(i * 128, (i + 1) * 128);
    guid(type as string).copy(e, 0);
    guid(`AAAAAAAA-0000-0000-0000-00000000000${i}`).copy(e, 16);
    e.writeBigUInt64LE(BigInt((p as typeof P1).first), 32);
    e.writeBigUInt64LE(BigInt((p as typeof P1).last), 40);
    e.write(name as string, 56, 'utf16le');
  });
  header(entries, 1, SECTORS - 1, 2).copy(buf, 512);
  entries.copy(buf, 2 * 512);
  entries.copy(buf, (SECTORS - 33) * 512);
  header(entries, SECTORS - 1, 1, SECTORS - 33).copy(buf, (SECTORS - 1) * 512);
  fs.writeFileSync(img, buf);
  for (const p of [P1, P2]) sh('mkfs.vfat', ['-F', '16', '--offset', String(p.first), img, String(((p.last - p.first + 1) * 512) / 1024)]);
  sh('mmd', ['-i', `${img}@@${P2.first * 512}`, '::/boot']);
  mcopyText(img, P2.first * 512, '/boot/loader.conf', 'loader_logo="smartos"\n');
}

test('--base on a GPT image writes to the partition with /boot/loader.conf', async () => {
  const dir = tmpDir();
  const base = path.join(dir, 'gpt.img');
  gptImage(base);
  const prof = writeProfile(dir, PROFILE);
  const out = path.join(dir, 'out.img');
  const r = await runUsb({ profile: prof, out, base });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /GPT partition 2 "smartos" \(basic data\)/);
  const p2 = P2.first * 512, p1 = P1.first * 512;
  fsckOk(out, p2, (P2.last - P2.first + 1) * 512);
  fsckOk(out, p1, (P1.last - P1.first + 1) * 512);
  assert.equal(mtype(out, p2, '/kiln/profile.yaml').toString(), PROFILE);
  assert.match(mtype(out, p2, '/boot/loader.conf.local').toString(), /kiln_profile_name="\/kiln\/profile\.yaml"/);
  // The ESP is byte-identical.
  const a = fs.readFileSync(base).subarray(p1, (P1.last + 1) * 512), b = fs.readFileSync(out).subarray(p1, (P1.last + 1) * 512);
  assert.ok(a.equals(b), 'the EFI System partition is untouched');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a GPT whose header CRC is wrong is refused', async () => {
  const dir = tmpDir();
  const base = path.join(dir, 'gpt.img');
  gptImage(base);
  const fd = fs.openSync(base, 'r+');
  fs.writeSync(fd, Buffer.from([0x99]), 0, 1, 512 + 56); // disk GUID byte: header CRC now wrong
  fs.closeSync(fd);
  const before = sha256(base);
  const prof = writeProfile(dir, PROFILE);
  const r = await runUsb({ profile: prof, out: path.join(dir, 'out.img'), base });
  assert.equal(r.code, 2);
  assert.match(r.err, /GPT header CRC does not match/);
  assert.equal(fs.existsSync(path.join(dir, 'out.img')), false);
  assert.equal(sha256(base), before);
  fs.rmSync(dir, { recursive: true, force: true });
});
