// Copies the base image to the work file in chunks, with progress lines.
// All-zero chunks are skipped (the fresh file reads as zeros there), so a
// mostly empty multi-GB image copies quickly and stays sparse.
import { promises as fsp } from 'node:fs';

const CHUNK = 4 * 1024 * 1024;

export interface CopyProgress {
  (done: number, total: number): void;
}

const ZERO = Buffer.alloc(CHUNK);

/** Buffer.compare is a native memcmp: far faster than a JS loop over GBs. */
function isZero(b: Buffer): boolean {
  return Buffer.compare(b, ZERO.subarray(0, b.length)) === 0;
}

/** Copies `from` to a new file `to` (which must not exist), returning its size. */
export async function copyImage(from: string, to: string, progress?: CopyProgress): Promise<number> {
  const src = await fsp.open(from, 'r');
  try {
    const total = (await src.stat()).size;
    const dst = await fsp.open(to, 'wx');
    try {
      await dst.truncate(total);
      const buf = Buffer.alloc(CHUNK);
      for (let pos = 0; pos < total;) {
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, total - pos), pos);
        if (bytesRead === 0) throw new Error(`${from} shrank while being copied`);
        const chunk = buf.subarray(0, bytesRead);
        if (!isZero(chunk)) {
          for (let w = 0; w < bytesRead;) w += (await dst.write(chunk, w, bytesRead - w, pos + w)).bytesWritten;
        }
        pos += bytesRead;
        if (progress) progress(pos, total);
      }
    } finally {
      await dst.close();
    }
    return total;
  } finally {
    await src.close();
  }
}
