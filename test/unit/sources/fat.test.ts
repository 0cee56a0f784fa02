// The read-only FAT reader against images made by mkfs.vfat and mtools.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alignedReader, nodeDevices } from '../../../agent/sources/block.ts';
import { openFat, readFatFile, volumeLabel } from '../../../agent/sources/fat.ts';
import { fatVolumeOffsets } from '../../../agent/sources/mbr.ts';
import { diskCandidates } from '../../../agent/sources/usb-label.ts';
import { makeFatImage } from './_fat-image.ts';
import type { ImageSpec } from './_fat-image.ts';

const LONG = 'apiVersion: kiln/v1\n' + 'x'.repeat(70000) + '\n';

async function open(spec: ImageSpec) {
  const img = makeFatImage(spec);
  const dev = alignedReader((await nodeDevices.open(img))!);
  const offsets = fatVolumeOffsets(await dev.read(0, 512));
  assert.equal(offsets.length, 1);
  const v = await openFat(dev, offsets[0]!);
  assert.ok(v);
  return v!;
}

describe('FAT reader', () => {
  for (const fat of [12, 16, 32] as const) {
    for (const mbr of [false, true]) {
      test(`FAT${fat} ${mbr ? 'in an MBR partition' : 'superfloppy'}: label, 8.3 and long names, multi-cluster files`, async () => {
        const v = await open({
          sizeMiB: fat === 32 ? 40 : fat === 16 ? 20 : 2,
          fat,
          mbr,
          label: 'KILN',
          files: { 'kiln/profile.yaml': 'apiVersion: kiln/v1\n', 'kiln/big.yaml': LONG, 'Some Dir/A Long File Name.yaml': 'long\n', 'UPPER.TXT': 'up\n' },
        });
        assert.equal(v.type, fat);
        assert.equal(await volumeLabel(v), 'KILN');
        assert.equal((await readFatFile(v, 'kiln/profile.yaml', 1 << 20))?.toString(), 'apiVersion: kiln/v1\n');
        assert.equal((await readFatFile(v, 'KILN/PROFILE.YAML', 1 << 20))?.toString(), 'apiVersion: kiln/v1\n', 'case-insensitive');
        assert.equal((await readFatFile(v, 'kiln/big.yaml', 1 << 20))?.toString(), LONG);
        assert.equal((await readFatFile(v, 'some dir/a long file name.yaml', 1 << 20))?.toString(), 'long\n');
        assert.equal((await readFatFile(v, 'upper.txt', 1 << 20))?.toString(), 'up\n');
        assert.equal(await readFatFile(v, 'kiln/missing.yaml', 1 << 20), null);
        assert.equal(await readFatFile(v, 'kiln/big.yaml', 1000), null, 'too large');
        await v.dev.close();
      });
    }
  }

  test('another label is read as it is', async () => {
    const v = await open({ sizeMiB: 2, fat: 12, label: 'OTHER', files: { 'kiln/profile.yaml': 'x' } });
    assert.equal(await volumeLabel(v), 'OTHER');
  });

  test('a disk with no FAT and no MBR has no volumes', () => {
    assert.deepEqual(fatVolumeOffsets(Buffer.alloc(512)), []);
  });

  test('disk candidates: whole disks only', () => {
    assert.deepEqual(diskCandidates('illumos', ['c2t0d0p0', 'c2t0d0p1', 'c2t0d0s0', 'c1d0p0', 'c0t5000CCA0d0p0', 'README']), ['c0t5000CCA0d0p0', 'c1d0p0', 'c2t0d0p0']);
    assert.deepEqual(diskCandidates('linux', ['sda', 'sda1', 'vdb', 'sr0', 'nvme0n1', 'console']), ['sda', 'vdb']);
  });
});
