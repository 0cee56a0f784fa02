// Read-only byte access to files and disks, Node 0.10-safe (fs.open/fs.read
// with positions, zeroBuffer), behind an interface tests can fake.
import * as fs from 'fs';
import { zeroBuffer } from '../io/buffers.ts';

export interface BlockDevice {
  /** Up to `length` bytes at `position`; shorter at the end of the device. */
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface Devices {
  /** A whole file's bytes; null when it does not exist. */
  readBytes(path: string): Promise<Buffer | null>;
  /** Opened read-only; null when it does not exist or cannot be opened. */
  open(path: string): Promise<BlockDevice | null>;
}

function blockDevice(fd: number): BlockDevice {
  return {
    read(position, length) {
      return new Promise<Buffer>((resolve, reject) => {
        const buf = zeroBuffer(length);
        fs.read(fd, buf, 0, length, position, (e, n) => (e ? reject(e) : resolve(n === length ? buf : buf.slice(0, n))));
      });
    },
    close() {
      return new Promise<void>((resolve) => fs.close(fd, () => resolve()));
    },
  };
}

export const nodeDevices: Devices = {
  readBytes(p) {
    return new Promise<Buffer | null>((resolve, reject) =>
      fs.readFile(p, (e, b) => {
        if (!e) resolve(b);
        else if (e.code === 'ENOENT' || e.code === 'ENOTDIR') resolve(null);
        else reject(e);
      }),
    );
  },
  open(p) {
    return new Promise<BlockDevice | null>((resolve) => fs.open(p, 'r', (e, fd) => resolve(e ? null : blockDevice(fd))));
  },
};

/**
 * Reads whole aligned blocks and keeps them, so the FAT reader's many small
 * reads become a few aligned ones (raw disk devices want aligned I/O).
 */
export function alignedReader(dev: BlockDevice, blockSize = 4096, maxBlocks = 256): BlockDevice {
  const cache: Record<number, Buffer> = {};
  let cached = 0;
  const block = async (n: number): Promise<Buffer> => {
    const have = cache[n];
    if (have) return have;
    const b = await dev.read(n * blockSize, blockSize);
    if (cached < maxBlocks) {
      cache[n] = b;
      cached++;
    }
    return b;
  };
  return {
    async read(position, length) {
      const parts: Buffer[] = [];
      let end = position + length;
      for (let n = Math.floor(position / blockSize); n * blockSize < end; n++) {
        const b = await block(n);
        const from = Math.max(0, position - n * blockSize);
        const to = Math.min(b.length, end - n * blockSize);
        if (from < to) parts.push(b.slice(from, to));
        if (b.length < blockSize) {
          end = 0;
          break;
        }
      }
      return Buffer.concat(parts);
    },
    close: () => dev.close(),
  };
}
