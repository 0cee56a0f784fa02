// The pure parts of the FAT writer: short names, LFN checksums (checked
// against entries mtools wrote), layouts against the spec's cluster-count
// rules, size parsing and the loader.conf.local merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBpb, encodeBootSector } from '../../image-builder/usb/fat/bpb.ts';
import { planLayout } from '../../image-builder/usb/fat/format.ts';
import { encodeLfn, exactShort, lfnChecksum, lfnPiece, makeShortName } from '../../image-builder/usb/fat/lfn.ts';
import { mergeLoaderConf } from '../../image-builder/usb/loader-conf.ts';
import { parseSize } from '../../image-builder/usb/new-image.ts';
import { mcopyText, sh, tmpDir } from './helpers.ts';

test('short names: exact 8.3 names kept, others get a ~N tail', () => {
  assert.equal(exactShort('kiln'), 'KILN       ');
  assert.equal(exactShort('README.TXT'), 'README  TXT');
  assert.equal(exactShort('profile.yaml'), null);
  assert.equal(makeShortName('loader.conf.local', new Set()), 'LOADER~1LOC');
  assert.equal(makeShortName('loader.conf.local', new Set(['LOADER~1LOC'])), 'LOADER~2LOC');
  assert.equal(makeShortName('profile.yaml', new Set()), 'PROFIL~1YAM');
  assert.equal(makeShortName('kiln', new Set()), 'KILN       ');
  assert.equal(makeShortName('kiln', new Set(['KILN       '])), 'KILN~1     ');
  assert.equal(makeShortName('a+b c.d', new Set()), 'A_BC~1  D  ');
});

test('LFN entries round-trip and carry the checksum mtools computes', () => {
  const dir = tmpDir();
  const img = path.join(dir, 'f.img');
  sh('mkfs.vfat', ['-C', img, '1440']);
  mcopyText(img, 0, '/loader.conf.local', 'x');
  // Root directory of a 1.44 MB floppy: sector 19; the LFN entry comes before the 8.3 one.
  const root = fs.readFileSync(img).subarray(19 * 512, 20 * 512);
  let i = 0;
  while ((root[i * 32 + 11] as number) === 0x0f || root[i * 32] === 0xe5) i++;
  // mkfs.vfat without -n writes no label entry, so the first 8.3 entry is the file.
  const short = root.subarray(i * 32, i * 32 + 11);
  assert.equal(short.toString('latin1'), 'LOADER~1LOC');
  assert.equal(lfnChecksum(short), root[(i - 1) * 32 + 13]);
  const ours = encodeLfn('loader.conf.local', lfnChecksum(short));
  assert.equal(ours.length, 2);
  assert.deepEqual(Buffer.concat(ours), root.subarray((i - 2) * 32, i * 32), 'byte-identical to the LFN entries mtools wrote');
  assert.equal(ours.map(lfnPiece).reverse().join(''), 'loader.conf.local');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('layouts: FAT type by cluster count (< 65525 is FAT16, spec), FAT big enough', () => {
  const sizes = [8401, 10000, 32680, 32681, 100000, 262144, 262145, 524288, 532480, 532481, 1e6, 16777216, 16777217, 67108864, 268435456];
  for (const total of sizes) {
    const f = planLayout({ totalSectors: total, hiddenSectors: 2048, label: 'KILN', serial: 1, stamp: { date: 0x21, time: 0 } });
    const b = parseBpb(encodeBootSector(f));
    assert.ok(typeof b !== 'string', String(b));
    assert.equal(b.type, f.type, `${total} sectors`);
    assert.ok(b.clusterCount >= 4085, `${total}: ${b.clusterCount} clusters would be FAT12`);
    assert.equal(b.type === 32, total > 532480, `${total}: FAT32 above 532,480 sectors`);
    assert.ok(b.clusterBytes <= 32768, 'clusters of at most 32 KiB');
  }
});

test('sizes: binary units, whole sectors, limits', () => {
  assert.equal(parseSize('64M'), 64 * 1024 * 1024);
  assert.equal(parseSize('1G'), 1024 ** 3);
  assert.equal(parseSize('1.5g'), 1.5 * 1024 ** 3);
  assert.equal(parseSize('300MiB'), 300 * 1024 ** 2);
  assert.equal(parseSize('8388609'), 8388608);
  for (const bad of ['', 'M', '64X', '-1M', '1M', '1T']) assert.equal(typeof parseSize(bad), 'string', bad);
});

test('loader.conf.local merge keeps user lines and replaces only the kiln block', () => {
  const block = '# kiln begin\n# Loads the kiln profile; the kernel shows it as /system/boot/kiln/profile.yaml.\nkiln_profile_load="YES"\nkiln_profile_type="file"\nkiln_profile_name="/kiln/profile.yaml"\n# kiln end\n';
  assert.equal(mergeLoaderConf(null), block);
  assert.equal(mergeLoaderConf('a="1"'), 'a="1"\n' + block);
  assert.equal(mergeLoaderConf('a="1"\n' + block), 'a="1"\n' + block, 'idempotent');
  // An old block is replaced where it stands; stray kiln_profile_* lines go; others stay.
  const old = 'a="1"\n# kiln begin\nkiln_profile_name="/old"\n# kiln end\nb="2"\nkiln_profile_load="NO"\n';
  assert.equal(mergeLoaderConf(old), 'a="1"\n' + block + 'b="2"\n');
  assert.equal(mergeLoaderConf('x="1"\r\ny="2"\r\n'), 'x="1"\r\ny="2"\r\n' + block.replace(/\n/g, '\r\n'));
});
