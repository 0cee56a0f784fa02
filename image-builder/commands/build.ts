// `kiln build PROFILE --out DIR`: validate the profile exactly as `kiln
// validate` does, assemble the overlay manifest (phase 1), turn it into every
// output of the target (phase 2) and write them all at once.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { loadProfileFile } from '../../agent/commands/load-profile.ts';
import { EXIT } from '../../agent/exit-codes.ts';
import type { Files, Output } from '../../agent/io/types.ts';
import { formatDiagnostic, hasErrors } from '../../agent/profile/index.ts';
import type { Profile } from '../../agent/profile/index.ts';
import { VERSION } from '../../agent/version.ts';
import type { BuildFs } from '../build/fs.ts';
import { kilnEntries } from '../build/kiln-entries.ts';
import { ManifestError, finishManifest } from '../build/manifest.ts';
import { profileFileEntries } from '../build/profile-files.ts';
import { KeyError, normalisePublicKey } from '../build/pubkey.ts';
import { buildRecord, recordText, sha256 } from '../build/record.ts';
import type { Target } from '../build/smf.ts';
import { OutDirError, writeOutDir } from '../build/write-out.ts';
import { FORMATS, TARGET_FORMATS } from '../formats/index.ts';
import { DEFAULT_PLATFORM, platformProblem } from '../formats/pxe.ts';
import type { OutFile } from '../formats/types.ts';

export interface BuildOptions {
  profile: string;
  out: string;
  target: Target;
  /** the agent bundle; default: kiln-agent.js next to the running CLI */
  agent?: string;
  /** ed25519 public key file (PEM SPKI or base64 of the raw 32 bytes) */
  pubkey?: string;
  /** seconds; default: $SOURCE_DATE_EPOCH, else 0 */
  sourceDateEpoch?: number;
  /** PXE: the SmartOS platform directory, relative to the PXE root or a URL */
  platform?: string;
  json?: boolean;
}

/** A problem with what the user gave us: exit 2, one clear line. */
class InputError extends Error {}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

/** The agent's Files on top of an fs/promises-shaped object, for loadProfileFile. */
function filesOver(fs: BuildFs): Files {
  const orNull = <T>(p: Promise<T>): Promise<T | null> => p.catch((e) => (code(e) === 'ENOENT' || code(e) === 'ENOTDIR' ? null : Promise.reject(e)));
  const no = (): Promise<never> => Promise.reject(new Error('read-only'));
  return {
    readText: (p) => orNull(fs.readFile(p, 'utf8') as Promise<string>),
    size: (p) => orNull(fs.stat(p).then((s) => s.size)),
    writeText: no, mkdirp: no, rename: no, list: no, remove: no,
  };
}

function sourceDateEpoch(opt: number | undefined): number {
  const env = process.env.SOURCE_DATE_EPOCH;
  const v = opt !== undefined ? opt : env !== undefined && env !== '' ? Number(env) : 0;
  if (!Number.isInteger(v) || v < 0 || v > 0o77777777777) throw new InputError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got ${opt ?? env})`);
  return v;
}

async function readInput(fs: BuildFs, file: string, what: string, hint = ''): Promise<Buffer> {
  try {
    return (await fs.readFile(file)) as Buffer;
  } catch (e) {
    throw new InputError(`cannot read the ${what} ${file}: ${code(e) === 'ENOENT' ? 'no such file' : (e as Error).message}${hint}`);
  }
}

/** Validate like `kiln validate`: every diagnostic on stderr; the profile, or undefined when invalid. */
async function validated(fs: BuildFs, file: string, io: Output): Promise<Profile | undefined> {
  const r = await loadProfileFile(filesOver(fs), file);
  for (const d of r.diagnostics) io.err(formatDiagnostic(d) + '\n');
  if (!hasErrors(r.diagnostics) && r.profile) return r.profile;
  const n = r.diagnostics.filter((d) => d.severity === 'error').length;
  io.err(`${n} error${n === 1 ? '' : 's'} in 1 of 1 profile\n`);
  return undefined;
}

const kb = (n: number): string => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

/** One line per top-level output (a directory summed up), for people. */
function summary(files: OutFile[], opts: BuildOptions, ms: number): string {
  const groups = new Map<string, { n: number; size: number }>();
  for (const f of files) {
    const top = f.path.indexOf('/') > 0 ? f.path.slice(0, f.path.indexOf('/') + 1) : f.path;
    const g = groups.get(top) ?? { n: 0, size: 0 };
    groups.set(top, { n: g.n + 1, size: g.size + f.data.length });
  }
  const lines = [`kiln build: ${opts.profile} -> ${opts.out}/ (${opts.target})`];
  for (const [name, g] of [...groups].sort()) lines.push(`  ${name.padEnd(14)} ${kb(g.size).padStart(10)}${g.n > 1 ? `  (${g.n} files)` : ''}`);
  lines.push(`  built in ${ms} ms`);
  return lines.join('\n') + '\n';
}

async function build(opts: BuildOptions, io: Output, fs: BuildFs): Promise<number> {
  const t0 = Date.now();
  if (!TARGET_FORMATS[opts.target]) throw new InputError(`unknown target "${opts.target}" (have: ${Object.keys(TARGET_FORMATS).join(', ')})`);
  const formats = TARGET_FORMATS[opts.target];
  const epoch = sourceDateEpoch(opts.sourceDateEpoch);
  const platform = opts.platform ?? DEFAULT_PLATFORM;
  const pp = platformProblem(platform);
  if (pp) throw new InputError(pp);

  const profile = await validated(fs, opts.profile, io);
  if (!profile) return EXIT.INVALID;
  const profileBytes = await readInput(fs, opts.profile, 'profile');
  const agentFile = opts.agent ?? path.join(__dirname, 'kiln-agent.js');
  const agent = await readInput(fs, agentFile, 'agent bundle', opts.agent ? '' : ': run make first (it builds dist/kiln-agent.js), or pass --agent FILE');
  const pubkey = opts.pubkey === undefined ? undefined : normalisePublicKey((await readInput(fs, opts.pubkey, 'public key')).toString('utf8'), opts.pubkey);

  const entries = finishManifest([
    ...kilnEntries({ target: opts.target, agent, profile: profileBytes, totalTimeoutMs: profile.boot.timeouts.total, ...(pubkey !== undefined ? { pubkey } : {}) }),
    ...(await profileFileEntries(profile.files, opts.profile, fs)),
  ]);
  const input = {
    target: opts.target, entries, mtime: epoch, profile: profileBytes, profileSha256: sha256(profileBytes),
    profileName: profile.metadata.name, platform,
    macs: profile.network.nic_tags.map((t) => t.mac).filter((m): m is string => typeof m === 'string'),
  };
  const files: OutFile[] = [];
  for (const f of formats) files.push(...(await (FORMATS[f] as (typeof FORMATS)[string])(input)));
  const record = buildRecord({
    kiln_version: VERSION, target: opts.target, source_date_epoch: epoch,
    profile: { path: opts.profile, name: profile.metadata.name, sha256: input.profileSha256 },
    agent: { sha256: sha256(agent), size: agent.length },
    pubkey: pubkey === undefined ? null : { sha256: sha256(pubkey) },
  }, files);
  const text = recordText(record);
  await writeOutDir(fs, opts.out, [...files, { path: 'build.json', data: Buffer.from(text) }]);
  io.out(opts.json ? text : summary([...files, { path: 'build.json', data: Buffer.from(text) }], opts, Date.now() - t0));
  return EXIT.OK;
}

/** 0 built, 2 invalid profile or bad input (nothing written), 3 internal error. */
export async function buildCommand(opts: BuildOptions, io: Output, fs: BuildFs = fsp): Promise<number> {
  try {
    return await build(opts, io, fs);
  } catch (e) {
    if (e instanceof InputError || e instanceof ManifestError || e instanceof KeyError || e instanceof OutDirError) {
      io.err(`kiln build: ${e instanceof ManifestError ? `${opts.profile}: ` : ''}${e.message}\n`);
      return EXIT.INVALID;
    }
    io.err(`kiln build: internal error: ${e instanceof Error ? e.stack || e.message : String(e)}\n`);
    return EXIT.INTERNAL;
  }
}
