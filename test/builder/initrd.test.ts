// initrd-append: base + zero padding to 4 bytes + overlay newc; the base file
// is never touched; a tar overlay is converted to newc first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { alignPadding, initrdAppendCommand } from '../../image-builder/commands/initrd.ts';
import { runBuild, tmpDir } from './_util.ts';

const sha = (f: string): string => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

async function run(opts: { base: string; overlay: string; out: string }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await initrdAppendCommand(opts, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

let overlays: Promise<string> | undefined;
function overlayDir(): Promise<string> {
  overlays ??= (async () => {
    const out = path.join(tmpDir('ovl'), 'o');
    assert.equal((await runBuild({ out, target: 'linux' })).code, 0);
    return out;
  })();
  return overlays;
}

/** A gzip member whose length is not a multiple of 4. */
function oddGzip(dir: string): string {
  for (let n = 1; ; n++) {
    const gz = zlib.gzipSync(Buffer.from('070701' + 'x'.repeat(n)), { level: 9 });
    if (gz.length % 4 !== 0) {
      const f = path.join(dir, 'base.cpio.gz');
      fs.writeFileSync(f, gz);
      return f;
    }
  }
}

test('alignPadding brings any length to a multiple of 4', () => {
  for (let n = 0; n < 12; n++) assert.equal((n + alignPadding(n).length) % 4, 0);
  assert.ok(alignPadding(5).equals(Buffer.alloc(3)));
});

test('a gzip base of odd length is padded with zeros to 4, then the overlay follows; the base is untouched', async () => {
  const o = await overlayDir();
  const dir = tmpDir('gz');
  const base = oddGzip(dir);
  const before = sha(base);
  const baseBytes = fs.readFileSync(base);
  const out = path.join(dir, 'initrd.img');
  const r = await run({ base, overlay: path.join(o, 'overlay.cpio'), out });
  assert.equal(r.code, 0, r.err);
  const result = fs.readFileSync(out);
  const pad = (4 - (baseBytes.length % 4)) % 4;
  assert.ok(pad > 0);
  assert.ok(result.equals(Buffer.concat([baseBytes, Buffer.alloc(pad), fs.readFileSync(path.join(o, 'overlay.cpio'))])));
  assert.equal(sha(base), before, 'the base must not change');
  assert.equal((baseBytes.length + pad) % 4, 0);
  assert.match(r.out, new RegExp(`\\+ ${pad} zero bytes? \\+ overlay`));
});

test('a raw newc base is padded to 4 as well; an aligned one gets no padding', async () => {
  const o = await overlayDir();
  const dir = tmpDir('raw');
  const overlay = fs.readFileSync(path.join(o, 'overlay.cpio'));
  const odd = path.join(dir, 'odd.cpio');
  fs.writeFileSync(odd, Buffer.concat([overlay, Buffer.from([0, 0])]));
  assert.equal((await run({ base: odd, overlay: path.join(o, 'overlay.cpio'), out: path.join(dir, 'a') })).code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'a')).length, overlay.length + 4 + overlay.length);
  const aligned = path.join(dir, 'aligned.cpio');
  fs.writeFileSync(aligned, overlay);
  assert.equal((await run({ base: aligned, overlay: path.join(o, 'overlay.cpio'), out: path.join(dir, 'b') })).code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'b')).length, overlay.length * 2);
});

test('a tar overlay is converted to the same newc bytes as overlay.cpio', async () => {
  const o = await overlayDir();
  const dir = tmpDir('tar');
  const base = oddGzip(dir);
  const viaTar = path.join(dir, 'a');
  const viaCpio = path.join(dir, 'b');
  assert.equal((await run({ base, overlay: path.join(o, 'overlay.tar'), out: viaTar })).code, 0);
  assert.equal((await run({ base, overlay: path.join(o, 'overlay.cpio'), out: viaCpio })).code, 0);
  assert.ok(fs.readFileSync(viaTar).equals(fs.readFileSync(viaCpio)));
});

test('missing files, an overlay in another format, and --out = base are refused with exit 2', async () => {
  const o = await overlayDir();
  const dir = tmpDir('miss');
  const base = oddGzip(dir);
  let r = await run({ base: path.join(dir, 'nope.gz'), overlay: path.join(o, 'overlay.cpio'), out: path.join(dir, 'x') });
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read the base initramfs .*nope\.gz: no such file/);
  r = await run({ base, overlay: path.join(dir, 'nope.cpio'), out: path.join(dir, 'x') });
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read the overlay/);
  r = await run({ base, overlay: base, out: path.join(dir, 'x') });
  assert.equal(r.code, 2);
  assert.match(r.err, /neither a newc cpio/);
  r = await run({ base, overlay: path.join(o, 'overlay.cpio'), out: base });
  assert.equal(r.code, 2);
  assert.match(r.err, /never modifies it in place/);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['base.cpio.gz']);
});
