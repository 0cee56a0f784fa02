// The file operations the builder needs, in the shape of node:fs/promises, so
// tests can hand in memfs (HOUSE-STYLE 6).
import type * as fsp from 'node:fs/promises';

export type BuildFs = Pick<typeof fsp, 'readFile' | 'writeFile' | 'mkdir' | 'rename' | 'rm' | 'lstat' | 'stat' | 'realpath' | 'readdir'>;
