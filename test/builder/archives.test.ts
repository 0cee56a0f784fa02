// The overlay archives as the standard tools see them: GNU tar and cpio list
// the right paths, modes and owners; the newc bytes follow the format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tarToNewc, writeCpio, writeNewc } from '../../image-builder/formats/cpio.ts';
import { writeTar } from '../../image-builder/formats/tar.ts';
import { dirEntry, fileEntry, finishManifest, symlinkEntry } from '../../image-builder/build/manifest.ts';
import { runBuild, tmpDir } from './_util.ts';

// The golden entry list of the home-lab build: path, type, mode, owner.
const GOLDEN = [
  'd etc 0755 root/sys',
  'd etc/kiln 0755 root/sys',
  'f etc/kiln/profile.yaml 0444 root/sys',
  'd lib 0755 root/bin',
  'd lib/svc 0755 root/bin',
  'd lib/svc/manifest 0755 root/sys',
  'd lib/svc/manifest/system 0755 root/sys',
  'f lib/svc/manifest/system/kiln.xml 0444 root/sys',
  'd lib/svc/method 0755 root/bin',
  'f lib/svc/method/kiln 0555 root/bin',
  'd usr 0755 root/sys',
  'd usr/lib 0755 root/bin',
  'd usr/lib/kiln 0755 root/sys',
  'f usr/lib/kiln/kiln-agent.js 0444 root/bin',
];

const PERMS: Record<string, string> = { '0755': 'rwxr-xr-x', '0444': 'r--r--r--', '0555': 'r-xr-xr-x' };

let built: Promise<string> | undefined;
function homeLab(): Promise<string> {
  built ??= (async () => {
    const out = path.join(tmpDir('arch'), 'out');
    const r = await runBuild({ out });
    assert.equal(r.code, 0, r.err);
    return out;
  })();
  return built;
}

test('tar -tvf lists every entry with its mode, owner/group names and the fixed mtime', async () => {
  const out = await homeLab();
  const listing = execFileSync('tar', ['-tvf', path.join(out, 'overlay.tar')], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(listing.length, GOLDEN.length);
  GOLDEN.forEach((g, i) => {
    const [t, p, mode, owner] = g.split(' ') as [string, string, string, string];
    const line = listing[i] as string;
    assert.match(line, new RegExp(`^${t === 'd' ? 'd' : '-'}${PERMS[mode]?.replace(/-/g, '\\-')} ${owner} +\\d+ 1970-01-01 00:00 ${p}${t === 'd' ? '/' : ''}$`), line);
  });
});

test('tar -tv --numeric-owner shows root=0, bin=2, sys=3', async () => {
  const out = await homeLab();
  const listing = execFileSync('tar', ['-tv', '--numeric-owner', '-f', path.join(out, 'overlay.tar')], { encoding: 'utf8' });
  assert.match(listing, /r--r--r-- 0\/2 .* usr\/lib\/kiln\/kiln-agent\.js/);
  assert.match(listing, /r--r--r-- 0\/3 .* etc\/kiln\/profile\.yaml/);
});

test('cpio -itv lists the same entries with modes, numeric ids and links (2 for dirs)', async () => {
  const out = await homeLab();
  const data = fs.readFileSync(path.join(out, 'overlay.cpio'));
  const listing = execFileSync('cpio', ['-itv', '--numeric-uid-gid', '--quiet'], { input: data, encoding: 'utf8' }).trim().split('\n');
  assert.equal(listing.length, GOLDEN.length);
  GOLDEN.forEach((g, i) => {
    const [t, p, mode, owner] = g.split(' ') as [string, string, string, string];
    const ids = owner.replace('root', '0').replace('bin', '2').replace('sys', '3').split('/');
    const re = new RegExp(`^${t === 'd' ? 'd' : '-'}${PERMS[mode]?.replace(/-/g, '\\-')} +${t === 'd' ? 2 : 1} ${ids[0]} +${ids[1]} +\\d+ Jan  1  1970 ${p}$`);
    assert.match(listing[i] as string, re);
  });
  // without --numeric-uid-gid cpio looks the ids up here; on Linux 2/3 are bin/sys too
  const named = execFileSync('cpio', ['-itv', '--quiet'], { input: data, encoding: 'utf8' });
  assert.match(named, /r--r--r-- +1 root +bin .* usr\/lib\/kiln\/kiln-agent\.js/);
});

test('cpio extracts the files byte for byte', async () => {
  const out = await homeLab();
  const dir = tmpDir('cpio-x');
  execFileSync('cpio', ['-idm', '--quiet', '--no-preserve-owner'], { cwd: dir, input: fs.readFileSync(path.join(out, 'overlay.cpio')) });
  assert.deepEqual(fs.readFileSync(path.join(dir, 'usr/lib/kiln/kiln-agent.js')), fs.readFileSync(path.join(out, 'smartos/proto/usr/lib/kiln/kiln-agent.js')));
  assert.equal(fs.statSync(path.join(dir, 'lib/svc/method/kiln')).mode & 0o7777, 0o555);
});

test('newc layout: 070701 headers, sequential inodes, TRAILER!!!, 4-byte alignment', () => {
  const buf = writeNewc([
    { name: 'a', mode: 0o100644, uid: 0, gid: 3, nlink: 1, mtime: 7, data: Buffer.from('xyz') },
    { name: 'bb', mode: 0o040755, uid: 0, gid: 3, nlink: 2, mtime: 7, data: Buffer.alloc(0) },
  ]);
  assert.equal(buf.length % 4, 0);
  let off = 0;
  const seen: Array<{ ino: number; name: string }> = [];
  for (;;) {
    assert.equal(off % 4, 0);
    const h = buf.subarray(off, off + 110).toString('latin1');
    assert.equal(h.slice(0, 6), '070701');
    const f = (i: number): number => parseInt(h.slice(6 + i * 8, 14 + i * 8), 16);
    const namesize = f(11);
    const name = buf.subarray(off + 110, off + 110 + namesize - 1).toString();
    seen.push({ ino: f(0), name });
    off += 110 + namesize;
    off += (4 - (off % 4)) % 4;
    off += f(6);
    off += (4 - (off % 4)) % 4;
    if (name === 'TRAILER!!!') break;
  }
  assert.equal(off, buf.length);
  assert.deepEqual(seen, [{ ino: 1, name: 'a' }, { ino: 2, name: 'bb' }, { ino: 0, name: 'TRAILER!!!' }]);
});

test('tar -> newc conversion gives exactly what the cpio writer gives for the same entries', async () => {
  const entries = finishManifest([
    fileEntry('etc/motd', 0o644, 'root', 'sys', Buffer.from('hello\n'), 'test'),
    fileEntry('opt/custom/bin/x', 0o4755, 'root', 'bin', Buffer.from('#!/bin/sh\n'), 'test'),
    symlinkEntry('opt/custom/bin/y', 'x', 'root', 'bin', 'test'),
    dirEntry('var/empty'),
  ]);
  const tar = await writeTar(entries, 1700000000);
  assert.deepEqual(await tarToNewc(tar), writeCpio(entries, 1700000000));
  const listing = execFileSync('cpio', ['-itv', '--quiet'], { input: writeCpio(entries, 0), encoding: 'utf8' });
  assert.match(listing, /lrwxrwxrwx .* opt\/custom\/bin\/y -> x/);
  assert.match(listing, /-rwsr-xr-x .* opt\/custom\/bin\/x/);
});
