// Buffers on Node 0.10 and today's Node: 0.10 has only `new Buffer(...)`,
// which today's Node prints a deprecation warning for on the console. Use the
// newer factories when they exist (feature-detected, so 0.10 never calls them).
type Factories = { alloc?: (n: number) => Buffer; from?: (v: string, enc: BufferEncoding) => Buffer };
const B = Buffer as unknown as Factories;

/** n zero bytes */
export function zeroBuffer(n: number): Buffer {
  const alloc = B['alloc'];
  if (typeof alloc === 'function') return alloc.call(Buffer, n);
  const b = new Buffer(n);
  b.fill(0); // returns undefined on 0.10, so not chained
  return b;
}

/** a string's bytes in the given encoding */
export function stringBuffer(v: string, enc: BufferEncoding): Buffer {
  const from = B['from'];
  return typeof from === 'function' ? from.call(Buffer, v, enc) : new Buffer(v, enc);
}
