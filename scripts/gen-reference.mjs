#!/usr/bin/env node
// Regenerates the two files derived from the kiln/v1 field table (`make docs`):
//   profiles/kiln.schema.json  what `kiln schema` prints (editors use it via the modeline)
//   profiles/REFERENCE.md      the profile reference page (scripts/reference.ts)
// The TypeScript is bundled in memory with esbuild and imported from a data:
// URL, so nothing else needs building first. test/unit/docs.test.ts checks
// that the committed files equal a fresh render.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const entry = [
  "export { renderReference } from './scripts/reference.ts';",
  "export { profileJsonSchema } from './agent/profile/json-schema.ts';",
].join('\n');

const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'gen-reference-entry.ts', loader: 'ts' },
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});
const mod = await import('data:text/javascript;base64,' + Buffer.from(result.outputFiles[0].text).toString('base64'));

const outputs = [
  ['profiles/kiln.schema.json', JSON.stringify(mod.profileJsonSchema(), null, 2) + '\n'],
  ['profiles/REFERENCE.md', mod.renderReference()],
];
for (const [rel, text] of outputs) {
  const file = path.join(ROOT, rel);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (old === text) console.log(`  ${rel}: up to date`);
  else {
    fs.writeFileSync(file, text);
    console.log(`  ${rel}: written`);
  }
}
