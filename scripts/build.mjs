#!/usr/bin/env node
// Builds every kiln bundle with esbuild (plus Babel for the Node 0.10 agent).
//
//   node scripts/build.mjs              cli, agent, sim and tests
//   node scripts/build.mjs agent tests  only those
//   node scripts/build.mjs bench        bench/*.bench.ts -> .test-out/bench/
//
// Why a script and not esbuild flags in the Makefile: the agent needs three
// passes (esbuild -> Babel -> esbuild) and output checks, and running all
// bundles concurrently from one process keeps the whole build ~1-2 s.
// Output is reproducible: no timestamps, sorted inputs, paths relative to the repo.
// A missing entry point is skipped with a note, so the build works while the
// tree is still growing.
import * as esbuild from 'esbuild';
import babel from '@babel/core';
import presetEnv from '@babel/preset-env';
import { builtinModules, createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** bytes: the agent ships on a USB stick / ramdisk; keep it small (HOUSE-STYLE 15). */
export const AGENT_BUDGET = 300 * 1024;
/** core-js minor that Babel assumes; must match node_modules/core-js (see checkCoreJs). */
const COREJS = '3.51';
const SHEBANG = '#!/usr/bin/env node';
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

// ---------------------------------------------------------------- helpers

const rel = (p) => path.relative(ROOT, p) || '.';
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

class BuildError extends Error {}

/** Writes a file and, for bundles that are run directly, makes it executable. */
function emit(outfile, text, mode = 0o644) {
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  fs.writeFileSync(outfile, text);
  fs.chmodSync(outfile, mode);
}

/** Sorted list of files under dir whose name ends with suffix. */
export function findFiles(dir, suffix) {
  const out = [];
  const walk = (d) => {
    let entries;
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The version stamped into every bundle (agent/version.ts reads it). */
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const VERSION_DEFINE = { __KILN_VERSION__: JSON.stringify(VERSION) };

// The same esbuild options everywhere, so bundles behave alike and are reproducible.
const common = {
  define: VERSION_DEFINE,
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
  charset: 'utf8',
  legalComments: 'none',
  // Lets entry points outside the repo (throwaway checks in /tmp) use our deps.
  nodePaths: [path.join(ROOT, 'node_modules')],
};

// yargs 18 is ESM-only and reads import.meta.url (its locale dir, createRequire)
// and import.meta.resolve (config `extends`). In a CJS bundle esbuild would
// replace import.meta with {}; give it a real object built from __filename.
const IMPORT_META_BANNER = [
  'var __kiln_import_meta = {',
  '  url: require("url").pathToFileURL(__filename).href,',
  '  resolve: function (s) { return require("url").pathToFileURL(require.resolve(s)).href; }',
  '};',
].join('\n');

// ---------------------------------------------------------------- node-20 bundles

/** The image-builder CLI: one executable file for today's Node. */
export async function buildCli(entry = 'image-builder/main.ts', outfile = 'dist/kiln.js') {
  await esbuild.build({
    ...common,
    entryPoints: [path.resolve(ROOT, entry)],
    outfile: path.resolve(ROOT, outfile),
    target: 'node20',
    define: { ...VERSION_DEFINE, 'import.meta': '__kiln_import_meta' },
    banner: { js: `${SHEBANG}\n${IMPORT_META_BANNER}` },
  });
  fs.chmodSync(path.resolve(ROOT, outfile), 0o755);
  return [outfile];
}

/** The simulated host (fake zpool/dladm/... tools), run by tests on Node 18+. */
export async function buildSim(entry = 'test/sim/main.ts', outfile = 'dist/sim.cjs') {
  await esbuild.build({
    ...common,
    entryPoints: [path.resolve(ROOT, entry)],
    outfile: path.resolve(ROOT, outfile),
    target: 'node18',
    banner: { js: SHEBANG },
  });
  fs.chmodSync(path.resolve(ROOT, outfile), 0o755);
  return [outfile];
}

/**
 * Test (or bench) files -> .test-out/<path>.js, one self-contained file each.
 * The output dir is emptied first so a deleted test does not linger.
 */
export async function buildTests(srcDir = 'test', suffix = '.test.ts', outRoot = '.test-out') {
  const files = findFiles(path.resolve(ROOT, srcDir), suffix);
  const outDir = path.resolve(ROOT, outRoot, srcDir);
  fs.rmSync(outDir, { recursive: true, force: true });
  if (files.length === 0) return [];
  await esbuild.build({
    ...common,
    entryPoints: files,
    outdir: path.resolve(ROOT, outRoot),
    outbase: ROOT,
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    define: { ...VERSION_DEFINE, 'import.meta': '__kiln_import_meta' },
    banner: { js: IMPORT_META_BANNER },
  });
  return files.map((f) => rel(f));
}

// ---------------------------------------------------------------- the Node 0.10 agent

// Node 0.10 only knows bare builtin names (`fs`, not `node:fs`). Rewrite `node:X`
// to `X` and keep builtins external; an unknown `node:` name fails the build.
/**
 * js-yaml's ESM build re-exports `dump` as `var dump = dumper.dump;`, a property
 * read esbuild must keep (it could be a getter), and with it the whole YAML
 * writer the agent never calls. Marking that one read pure lets esbuild drop
 * the writer: about 10 KB of the agent's 300 KB budget. The build fails if the
 * line ever changes, so the trick cannot silently stop working.
 */
const jsYamlLoaderOnly = {
  name: 'js-yaml-loader-only',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]js-yaml[\\/]dist[\\/]js-yaml\.mjs$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const re = /var dump(\s+)= dumper\.dump;/;
      if (!re.test(text)) throw new BuildError(`${rel(args.path)}: the line re-exporting dump changed; update jsYamlLoaderOnly in scripts/build.mjs`);
      return { contents: text.replace(re, 'var dump$1= /* @__PURE__ */ (function () { return dumper.dump; })();'), loader: 'js' };
    });
  },
};

const bareBuiltins = {
  name: 'bare-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const bare = args.path.slice('node:'.length);
      if (!BUILTINS.has(bare)) {
        return { errors: [{ text: `"${args.path}" is not a Node builtin that Node 0.10 could load` }] };
      }
      return { path: bare, external: true };
    });
  },
};

// Things Node v0.10.26 does not have; finding one in the bundle means the agent
// would crash on SmartOS. Checked on the pass-1 output, where names are unminified.
const FORBIDDEN = [
  [/\bspawnSync\b/, 'child_process.spawnSync (Node >= 0.12)'],
  [/\bexecSync\b/, 'child_process.execSync (Node >= 0.12)'],
  [/\bexecFileSync\b/, 'child_process.execFileSync (Node >= 0.12)'],
  [/\bBuffer\.from\(/, 'Buffer.from (Node >= 4.5); use new Buffer(...)'],
  [/\bBuffer\.alloc\(/, 'Buffer.alloc (Node >= 4.5); use new Buffer(n) + fill(0)'],
  [/\.promises\b/, 'fs.promises (Node >= 10); wrap the callback API'],
  [/require\(["'](?:node:)?fs\/promises["']\)/, 'fs/promises (Node >= 14)'],
  [/require\(["']node:/, 'a node: specifier (Node >= 14.18)'],
];

/** Returns one line per forbidden API found in `code`. */
export function findForbidden(code, file) {
  const problems = [];
  for (const [re, what] of FORBIDDEN) {
    const m = re.exec(code);
    if (m) {
      const line = code.slice(0, m.index).split('\n').length;
      problems.push(`${file}:${line}: uses ${what}: ${code.split('\n')[line - 1].trim().slice(0, 120)}`);
    }
  }
  return problems;
}

/**
 * Names the source files behind forbidden uses found in the bundle, so the
 * message points at agent/x.ts:12 rather than a line of a temporary bundle;
 * a use it cannot trace back (e.g. a renamed import) keeps the bundle line.
 */
function locateForbidden(metafile, bundleProblems) {
  const sources = Object.keys(metafile.inputs).filter((i) => /\.[cm]?[jt]s$/.test(i)).sort()
    .map((i) => [i, fs.readFileSync(path.resolve(ROOT, i), 'utf8')]);
  return bundleProblems.flatMap((bp) => {
    const what = bp.slice(bp.indexOf(': uses ') + 7);
    const hits = sources.flatMap(([i, code]) => findForbidden(code, i)).filter((p) => p.includes(`: uses ${what.split(':')[0]}`));
    return hits.length ? hits : [bp];
  });
}

// These must never reach the agent (HOUSE-STYLE 15): builder-only or dev-only.
const AGENT_BANNED_PACKAGES = ['yargs', 'yargs-parser', 'tar-stream', 'memfs', 'esbuild', '@babel'];

function checkCoreJs() {
  const v = require('core-js/package.json').version;
  if (!v.startsWith(COREJS + '.')) {
    throw new BuildError(`core-js ${v} is installed but build.mjs pins ${COREJS}: update COREJS after checking the agent on Node 0.10`);
  }
}

/** Babel options that turn the ES2017 bundle into ES5 plus core-js requires for Node 0.10. */
/**
 * Polyfills the agent does not need on Node 0.10. "usage" mode adds a module
 * for every method name it cannot type (any `.filter(` pulls in iterator and
 * typed-array variants), so drop: what V8 3.14 already has from ES5 (array
 * extras, Object.keys, defineProperty, JSON, Date, trim, RegExp), the
 * spec-compliance patches for features the agent never relies on (Symbol.replace,
 * error cause, well-formed JSON.stringify), and whole families it never uses
 * (typed arrays, iterator helpers, Set methods, Map.getOrInsert, JSON.parse source
 * text), in both their es.* and esnext.* names. No DOM in Node; no `self`.
 * The Node 0.10 scenario tests run the result, so a missing polyfill shows up.
 */
const AGENT_POLYFILL_EXCLUDES = [
  'web.dom-collections.for-each', 'web.dom-collections.iterator', 'web.self',
  /^es(next)?\.typed-array\./, /^es(next)?\.array-buffer\./, /^es(next)?\.data-view/, /^es(next)?\.uint8-array\./,
  /^es(next)?\.iterator\./, /^es(next)?\.set\.[a-z-]+\.v2$/, /^es(next)?\.map\.get-or-insert/,
  /^es\.array\.(concat|every|filter|for-each|index-of|join|last-index-of|map|push|reduce|slice|some|sort|unshift)$/,
  /^es(next)?\.json\./, /^es\.date\./, /^es\.number\.(constructor|to-fixed)$/, /^es\.regexp\./,
  /^es\.string\.(match|replace|search|split|trim)$/, 'es.parse-float', 'es.parse-int', /^es\.error\./,
  /^es\.object\.(define-propert(y|ies)|get-own-property-(descriptor|names)|keys|get-prototype-of)$/,
];

function babelOptions(filename) {
  return {
    babelrc: false,
    configFile: false,
    browserslistConfigFile: false,
    cwd: ROOT,
    filename,
    sourceType: 'script', // the input is a CJS bundle; polyfills are inserted as require()
    compact: false,
    comments: false,
    presets: [[presetEnv, {
      targets: { node: '0.10' },
      useBuiltIns: 'usage',
      corejs: COREJS,
      modules: false,
      ignoreBrowserslistConfig: true,
      exclude: AGENT_POLYFILL_EXCLUDES,
    }]],
  };
}

/**
 * The agent bundle, runnable on Node v0.10.26 and today's Node
 * (see shared/reference/node010.md for how this was measured):
 *  1. esbuild bundles the TypeScript to one CJS file at ES2017;
 *  2. Babel preset-env lowers it to ES5 (async/generators via helpers inlined
 *     into the file: no global regeneratorRuntime needed) and adds a require()
 *     for each core-js polyfill the code uses, including what those helpers
 *     need (Promise for async, Symbol for for-of); checked: a second Babel
 *     pass adds no further polyfill;
 *  3. esbuild bundles those core-js requires at ES5, minified.
 */
export async function buildAgent(entry = 'agent/main.ts', outfile = 'dist/kiln-agent.js', budget = AGENT_BUDGET) {
  checkCoreJs();
  const absEntry = path.resolve(ROOT, entry);
  const p1 = await esbuild.build({
    ...common,
    entryPoints: [absEntry],
    target: 'es2017',
    write: false,
    metafile: true,
    plugins: [bareBuiltins, jsYamlLoaderOnly],
  });
  const es2017 = p1.outputFiles[0].text;

  const bundleProblems = findForbidden(es2017, `${entry} (bundled, pass 1)`);
  const problems = bundleProblems.length ? locateForbidden(p1.metafile, bundleProblems) : [];
  const banned = new Map();
  for (const input of Object.keys(p1.metafile.inputs).sort()) {
    const pkg = AGENT_BANNED_PACKAGES.find((p) => input.includes(`node_modules/${p}/`));
    if (pkg && !banned.has(pkg)) banned.set(pkg, input);
  }
  for (const [pkg, input] of banned) problems.push(`package "${pkg}" must not reach the agent bundle (pulled in: ${input})`);
  if (problems.length) throw new BuildError(`agent bundle is not Node 0.10 safe:\n  ${problems.join('\n  ')}`);

  const name = path.basename(outfile);
  const es5 = babel.transformSync(es2017, babelOptions(name)).code;
  if (process.env.KILN_BUNDLE_REPORT) {
    const mods = [...es5.matchAll(/require\("core-js\/modules\/([^"]+)\.js"\)/g)].map((m) => m[1]);
    console.log(`    polyfills (${mods.length}): ${mods.join(' ')}`);
  }

  const p3 = await esbuild.build({
    ...common,
    stdin: { contents: es5, resolveDir: ROOT, sourcefile: name, loader: 'js' },
    target: 'es5',
    minify: true,
    write: false,
    metafile: true,
    plugins: [bareBuiltins],
    banner: { js: SHEBANG },
  });
  const out = p3.outputFiles[0].text;
  const late = findForbidden(out, outfile).filter((p) => !p.includes('.promises'));
  if (late.length) throw new BuildError(`agent bundle is not Node 0.10 safe:\n  ${late.join('\n  ')}`);

  const size = Buffer.byteLength(out);
  const polyfill = Object.values(p3.metafile.outputs)[0].inputs;
  const coreJsBytes = Object.entries(polyfill)
    .filter(([k]) => k.includes('node_modules/core-js/'))
    .reduce((n, [, v]) => n + v.bytesInOutput, 0);
  if (process.env.KILN_BUNDLE_REPORT) {
    // KILN_BUNDLE_REPORT=1 node scripts/build.mjs agent: the 25 largest inputs, to find what to trim.
    const rows = Object.entries(polyfill).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 25);
    for (const [k, v] of rows) console.log(`    ${kb(v.bytesInOutput).padStart(9)}  ${k}`);
  }
  emit(path.resolve(ROOT, outfile), out, 0o755);
  const line = `${outfile}: ${size} bytes (${kb(size)}, of which core-js ${kb(coreJsBytes)}; budget ${kb(budget)})`;
  if (size > budget) throw new BuildError(`${line}: OVER BUDGET`);
  return [line];
}

/**
 * Compiles (does not run) a bundle on Node 0.10 when that binary is at hand, to
 * catch syntax Node 0.10 cannot parse. Returns null when there is no binary.
 */
export function parseOnNode010(file, node010 = process.env.NODE010 || path.join(ROOT, '.cache/node010/bin/node')) {
  if (!fs.existsSync(node010)) return null;
  const script = 'var f=process.argv[1],s=require("fs").readFileSync(f,"utf8").replace(/^#!.*/,"");' +
    'require("vm").createScript(s,f);';
  try {
    execFileSync(node010, ['-e', script, path.resolve(ROOT, file)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new BuildError(`${file} does not parse on Node 0.10:\n${e.stderr}`);
  }
  return rel(node010);
}

// ---------------------------------------------------------------- main

const TARGETS = {
  cli: { entry: 'image-builder/main.ts', run: () => buildCli() },
  agent: {
    entry: 'agent/main.ts',
    run: async () => {
      const lines = await buildAgent();
      const n = parseOnNode010('dist/kiln-agent.js');
      return n ? [...lines, `dist/kiln-agent.js parses on ${n}`] : lines;
    },
  },
  sim: { entry: 'test/sim/main.ts', run: () => buildSim() },
  tests: { run: () => buildTests('test', '.test.ts') },
  bench: { run: () => buildTests('bench', '.bench.ts') },
};

async function main(argv) {
  const names = argv.length ? argv : ['cli', 'agent', 'sim', 'tests'];
  for (const n of names) if (!TARGETS[n]) throw new BuildError(`unknown target "${n}" (have: ${Object.keys(TARGETS).join(', ')})`);
  const t0 = Date.now();
  const results = await Promise.allSettled(names.map(async (n) => {
    const t = TARGETS[n];
    if (t.entry && !fs.existsSync(path.resolve(ROOT, t.entry))) return [`${n}: ${t.entry} not present yet, skipped`];
    const out = await t.run();
    if (n === 'tests' || n === 'bench') return [`${n}: ${out.length} file(s) -> .test-out/`];
    return out.map((o) => (o.includes(':') ? o : `${n}: ${o}`));
  }));
  let failed = 0;
  for (const [i, r] of results.entries()) {
    if (r.status === 'fulfilled') for (const l of r.value) console.log(`  ${l}`);
    else {
      failed++;
      const e = r.reason;
      // esbuild already printed its own errors with file:line; don't repeat them.
      const msg = e instanceof BuildError ? e.message : e?.errors ? `esbuild failed (see above)` : e?.stack ?? e;
      console.error(`\nBUILD FAILED [${names[i]}]: ${msg}\n`);
    }
  }
  if (failed) process.exit(1);
  console.log(`  built ${names.join(', ')} in ${Date.now() - t0} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`BUILD FAILED: ${e instanceof BuildError ? e.message : e?.stack ?? e}`);
    process.exit(1);
  });
}
