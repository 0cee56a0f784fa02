// Buffers on Node 0.10 and today's Node: 0.10 has only `new Buffer(...)`,
// which today's Node prints a deprecation warning for on the console. Use the
// newer factories when they exist (feature-detected, so 0.10 never calls them).
type Factories = { alloc?: (n: number) => Buffer; from?: (v: string, enc: BufferEncoding) => Buffer };
const B = Buffer as unknown as Factories;

/** n zero bytes */
export function zeroBuffer(n: number): Buffer {
  const alloc = B['alloc'];
  return typeof alloc === 'function' ? alloc.call(Buffer, n) : new Buffer(n).fill(0);
}

/** a string's bytes in the given encoding */
export function stringBuffer(v: string, enc: BufferEncoding): Buffer {
  const from = B['from'];
  return typeof from === 'function' ? from.call(Buffer, v, enc) : new Buffer(v, enc);
}
