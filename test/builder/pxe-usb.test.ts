// The PXE tree and the USB key files: the boot lines SmartOS expects, the
// profile as a boot module under /system/boot/kiln/, and its sha256.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ipxeMac } from '../../image-builder/formats/pxe.ts';
import { HOME_LAB, listFiles, profileText, runBuild, tmpDir } from './_util.ts';

const SHA = crypto.createHash('sha256').update(fs.readFileSync(HOME_LAB)).digest('hex');

test('ipxeMac pads and lower-cases like ${net0/mac}', () => {
  assert.equal(ipxeMac('0:c:29:5d:1a:10'), '00:0c:29:5d:1a:10');
  assert.equal(ipxeMac('2:8:20:A:b:1'), '02:08:20:0a:0b:01');
});

test('pxe/: boot.ipxe, one script per profile MAC, menu.ipxe and the profile', async () => {
  const out = path.join(tmpDir('pxe'), 'o');
  assert.equal((await runBuild({ out })).code, 0);
  assert.deepEqual(listFiles(path.join(out, 'pxe')), ['boot.ipxe', 'hosts/00:0c:29:5d:1a:10.ipxe', 'kiln/profile.yaml', 'menu.ipxe']);
  assert.deepEqual(fs.readFileSync(path.join(out, 'pxe/kiln/profile.yaml')), fs.readFileSync(HOME_LAB));
  const boot = fs.readFileSync(path.join(out, 'pxe/boot.ipxe'), 'utf8');
  assert.match(boot, /^#!ipxe\n/);
  assert.match(boot, /# .*os\/latest\/platform/);
  assert.match(boot, new RegExp(`^kernel os/latest/platform/i86pc/kernel/amd64/unix -B smartos=true,.*kiln\\.sha256=${SHA} \\|\\| goto fail$`, 'm'));
  assert.match(boot, /^module os\/latest\/platform\/i86pc\/amd64\/boot_archive type=rootfs name=ramdisk \|\| goto fail$/m);
  assert.match(boot, /^module os\/latest\/platform\/i86pc\/amd64\/boot_archive\.hash type=hash name=ramdisk \|\| goto fail$/m);
  assert.match(boot, /^module kiln\/profile\.yaml type=file name=kiln\/profile\.yaml \|\| goto fail$/m);
  assert.match(boot, /^boot$/m);
  // a host script lives one level down: its relative paths climb back to the root
  const host = fs.readFileSync(path.join(out, 'pxe/hosts/00:0c:29:5d:1a:10.ipxe'), 'utf8');
  assert.match(host, new RegExp(`^kernel \\.\\./os/latest/platform/i86pc/kernel/amd64/unix -B .*kiln\\.sha256=${SHA} `, 'm'));
  assert.match(host, /^module \.\.\/kiln\/profile\.yaml type=file name=kiln\/profile\.yaml/m);
  const menu = fs.readFileSync(path.join(out, 'pxe/menu.ipxe'), 'utf8');
  assert.match(menu, /^chain hosts\/\$\{net0\/mac\}\.ipxe \|\| chain boot\.ipxe$/m);
});

test('--platform: another prefix, or a URL used as it is', async () => {
  const dir = tmpDir('plat');
  assert.equal((await runBuild({ out: path.join(dir, 'a'), platform: 'os/20240301T000000Z/platform' })).code, 0);
  assert.match(fs.readFileSync(path.join(dir, 'a/pxe/hosts/00:0c:29:5d:1a:10.ipxe'), 'utf8'), /^kernel \.\.\/os\/20240301T000000Z\/platform\/i86pc\/kernel\/amd64\/unix /m);
  assert.equal((await runBuild({ out: path.join(dir, 'b'), platform: 'http://boot.example/os/latest/platform/' })).code, 0);
  const host = fs.readFileSync(path.join(dir, 'b/pxe/hosts/00:0c:29:5d:1a:10.ipxe'), 'utf8');
  assert.match(host, /^module http:\/\/boot\.example\/os\/latest\/platform\/i86pc\/amd64\/boot_archive type=rootfs/m);
});

test('a profile without MACs gets no hosts/ scripts', async () => {
  const dir = tmpDir('nomac');
  const profile = path.join(dir, 'p.yaml');
  fs.writeFileSync(profile, profileText());
  const out = path.join(dir, 'o');
  assert.equal((await runBuild({ profile, out })).code, 0);
  assert.deepEqual(listFiles(path.join(out, 'pxe')), ['boot.ipxe', 'kiln/profile.yaml', 'menu.ipxe']);
});

test('usb/: loader.conf.local loads the profile so it appears at /system/boot/kiln/profile.yaml', async () => {
  const out = path.join(tmpDir('usb'), 'o');
  assert.equal((await runBuild({ out })).code, 0);
  assert.deepEqual(listFiles(path.join(out, 'usb')), ['boot/loader.conf.local', 'kiln/profile.yaml']);
  const conf = fs.readFileSync(path.join(out, 'usb/boot/loader.conf.local'), 'utf8');
  const settings = conf.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(settings, ['kiln_profile_load="YES"', 'kiln_profile_type="file"', 'kiln_profile_name="/kiln/profile.yaml"']);
  assert.deepEqual(fs.readFileSync(path.join(out, 'usb/kiln/profile.yaml')), fs.readFileSync(HOME_LAB));
});

test('targets: illumos has no smartos/ or pxe/; linux has only the archives, with kiln-boot.sh and no SMF', async () => {
  const dir = tmpDir('targets');
  assert.equal((await runBuild({ out: path.join(dir, 'i'), target: 'illumos' })).code, 0);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'i')).sort(), ['build.json', 'overlay.cpio', 'overlay.tar', 'usb']);
  assert.equal((await runBuild({ out: path.join(dir, 'l'), target: 'linux' })).code, 0);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'l')).sort(), ['build.json', 'overlay.cpio', 'overlay.tar']);
});
