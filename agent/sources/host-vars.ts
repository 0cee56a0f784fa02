// The values `${mac}`, `${uuid}`, `${hostname}` stand for, each looked up only
// when the URL names it:
//  - hostname: boot param `hostname`, else the running system's host name;
//  - uuid: boot param `kiln.uuid`, else `uuid`, else the SMBIOS system UUID
//    (`smbios -t SMB_TYPE_SYSTEM` on illumos, what sysinfo reports as UUID;
//    <root>/sys/class/dmi/id/product_uuid on Linux);
//  - mac: the first physical link's MAC, from `dladm show-phys -m -p -o
//    link,address` (illumos) or the first non-loopback <root>/sys/class/net/*
//    (Linux), zero-padded lower-case.
import * as os from 'os';
import type { Runner } from '../host/runner.ts';
import type { Files } from '../io/types.ts';
import type { BootParams } from './boot-line.ts';
import { rootPath } from './local.ts';
import type { PlatformName } from './read-boot-line.ts';
import type { UrlVar } from './substitute.ts';
import { firstPhysMac, paddedMac, smbiosUuid } from './substitute.ts';

export interface HostVarEnv {
  platform: PlatformName;
  runner: Runner;
  files: Files;
  root: string;
  params: BootParams;
  timeoutMs: number;
}

async function run(env: HostVarEnv, argv: string[]): Promise<string | null> {
  const r = await env.runner.run({ argv, timeoutMs: env.timeoutMs });
  return r.code === 0 ? r.stdout : null;
}

async function read(env: HostVarEnv, p: string): Promise<string | null> {
  try {
    return await env.files.readText(rootPath(env.root, p));
  } catch (_e) {
    return null;
  }
}

async function linuxMac(env: HostVarEnv): Promise<string | null> {
  const links = (await env.files.list(rootPath(env.root, '/sys/class/net'))).filter((l) => l !== 'lo').sort();
  const first = links[0];
  if (!first) return null;
  const text = await read(env, `/sys/class/net/${first}/address`);
  return text === null ? null : paddedMac(text);
}

async function lookup(env: HostVarEnv, v: UrlVar): Promise<string | null> {
  const p = env.params;
  if (v === 'hostname') return p['hostname'] || os.hostname() || null;
  if (v === 'uuid') {
    const given = p['kiln.uuid'] || p['uuid'];
    if (given) return given;
    if (env.platform === 'linux') {
      const t = await read(env, '/sys/class/dmi/id/product_uuid');
      return t === null ? null : t.trim().toLowerCase();
    }
    const out = await run(env, ['smbios', '-t', 'SMB_TYPE_SYSTEM']);
    return out === null ? null : smbiosUuid(out);
  }
  if (env.platform === 'linux') return linuxMac(env);
  const out = await run(env, ['dladm', 'show-phys', '-m', '-p', '-o', 'link,address']);
  return out === null ? null : firstPhysMac(out);
}

/** The values of the variables named, those that could be found. */
export async function hostVars(env: HostVarEnv, vars: UrlVar[]): Promise<Partial<Record<UrlVar, string>>> {
  const out: Partial<Record<UrlVar, string>> = {};
  for (const v of vars) {
    const val = await lookup(env, v);
    if (val) out[v] = val;
  }
  return out;
}
