// Positioned reads and writes on an image file, so a multi-GB image is never
// loaded into memory: the FAT code only ever touches the sectors it needs.
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** A failure the user caused or can fix (bad image, full partition): exit 2, not a bug. */
export class UsbError extends Error {}

export class ImageFile {
  readonly fh: FileHandle;
  readonly size: number;

  constructor(fh: FileHandle, size: number) {
    this.fh = fh;
    this.size = size;
  }

  static async open(file: string, writable: boolean): Promise<ImageFile> {
    const fh = await fsp.open(file, writable ? 'r+' : 'r');
    try {
      const st = await fh.stat();
      return new ImageFile(fh, st.size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** Exactly len bytes at pos; reading past the end of the image is an error, not zeros. */
  async read(pos: number, len: number): Promise<Buffer> {
    if (pos < 0 || pos + len > this.size) {
      throw new UsbError(`the image is truncated: needs bytes ${pos}..${pos + len} but is ${this.size} bytes long`);
    }
    const buf = Buffer.alloc(len);
    let done = 0;
    while (done < len) {
      const { bytesRead } = await this.fh.read(buf, done, len - done, pos + done);
      if (bytesRead === 0) throw new UsbError(`unexpected end of image at byte ${pos + done}`);
      done += bytesRead;
    }
    return buf;
  }

  async write(pos: number, data: Buffer): Promise<void> {
    if (pos < 0 || pos + data.length > this.size) {
      throw new Error(`write outside the image: bytes ${pos}..${pos + data.length} of ${this.size}`);
    }
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.fh.write(data, done, data.length - done, pos + done);
      done += bytesWritten;
    }
  }

  async sync(): Promise<void> {
    await this.fh.sync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** A window of an image (one partition), addressed from its own byte 0. */
export class Region {
  readonly img: ImageFile;
  readonly base: number;
  readonly length: number;

  constructor(img: ImageFile, base: number, length: number) {
    this.img = img;
    this.base = base;
    this.length = length;
  }

  read(pos: number, len: number): Promise<Buffer> {
    this.check(pos, len);
    return this.img.read(this.base + pos, len);
  }

  write(pos: number, data: Buffer): Promise<void> {
    this.check(pos, data.length);
    return this.img.write(this.base + pos, data);
  }

  private check(pos: number, len: number): void {
    if (pos < 0 || pos + len > this.length) {
      throw new UsbError(`access outside the FAT partition: bytes ${pos}..${pos + len} of ${this.length}`);
    }
  }
}
