// Files on the real file system, with only the fs calls Node 0.10 has.
import * as fs from 'fs';
import * as path from 'path';
import type { Files } from './types.ts';

function wrap<T>(fn: (cb: (err: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T))));
}

function mkdirp(dir: string): Promise<void> {
  return wrap<void>((cb) => fs.mkdir(dir, (e) => cb(e && e.code !== 'EEXIST' ? e : null))).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    return mkdirp(path.dirname(dir)).then(() => mkdirp(dir));
  });
}

export const nodeFiles: Files = {
  // Small local files (profiles, zone configs) are read synchronously: on
  // Node 0.10 each async read is four trips through a 4-thread pool, and
  // observe reads one config per zone.
  readText(p) {
    return new Promise<string | null>((resolve, reject) => {
      try {
        resolve(fs.readFileSync(p, 'utf8'));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') resolve(null);
        else reject(e);
      }
    });
  },
  size(p) {
    return wrap<fs.Stats>((cb) => fs.stat(p, cb)).then(
      (s) => s.size,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
        throw e;
      },
    );
  },
  writeText(p, text) {
    return wrap<void>((cb) => fs.writeFile(p, text, cb));
  },
  mkdirp,
  rename(a, b) {
    return wrap<void>((cb) => fs.rename(a, b, cb));
  },
  list(dir) {
    return wrap<string[]>((cb) => fs.readdir(dir, cb as never)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
  },
  remove(p) {
    return wrap<void>((cb) => fs.unlink(p, (e) => cb(e && e.code !== 'ENOENT' ? e : null)));
  },
};
