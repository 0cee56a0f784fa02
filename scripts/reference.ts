// Renders profiles/REFERENCE.md from the kiln/v1 field table, so the page
// cannot drift from what `kiln validate` accepts. Pure: text out, no I/O.
// scripts/gen-reference.mjs writes it; test/unit/docs.test.ts compares it.
import {
  absPathProblem,
  cidrProblem,
  datasetNameProblem,
  ipProblem,
  LINK_NAME_DOC,
  linkNameProblem,
  macProblem,
  poolNameProblem,
  zoneNameProblem,
} from '../agent/profile/names.ts';
import type { Field, ObjectField, StringField } from '../agent/profile/schema-dsl.ts';
import { formatBytes } from '../agent/profile/units.ts';
import { PROFILE_V1 } from '../agent/profile/v1/schema.ts';

interface Section {
  /** e.g. `pools[].create` */
  path: string;
  field: ObjectField;
}

/** Every object in the table, depth first in key order; array items get `[]`. */
function sections(f: ObjectField, path: string, out: Section[]): Section[] {
  out.push({ path, field: f });
  for (const key of Object.keys(f.fields)) {
    const sub = f.fields[key] as Field;
    const p = path ? `${path}.${key}` : key;
    if (sub.t === 'object') sections(sub, p, out);
    else if (sub.t === 'array' && sub.items.t === 'object') sections(sub.items, `${p}[]`, out);
  }
  return out;
}

/** GitHub's heading anchor for a section title. */
function anchor(path: string): string {
  return title(path).toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

function title(path: string): string {
  return path === '' ? 'Top level' : path;
}

function link(path: string): string {
  return `[${title(path)}](#${anchor(path)})`;
}

/** What the shared name checks accept (inline checks are explained by the key's doc). */
const CHECK_DOCS = new Map<StringField['check'], string>([
  [absPathProblem, 'an absolute path'],
  [cidrProblem, 'an IPv4 or IPv6 address with a prefix length, like 192.168.1.10/24'],
  [datasetNameProblem, 'a dataset name relative to the pool, like data or vms/disk0'],
  [ipProblem, 'an IPv4 or IPv6 address'],
  [linkNameProblem, `${LINK_NAME_DOC}, at most 31 characters`],
  [macProblem, 'a unicast MAC address, like 2:8:20:ab:0:1'],
  [poolNameProblem, 'a pool name (a letter first, then letters, digits, _ - .)'],
  [zoneNameProblem, 'a zone name (a letter or digit first, then letters, digits, _ . -; fewer than 64 characters)'],
]);

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

const code = (s: string) => `\`${s}\``;

function duration(ms: number): string {
  if (ms % 3600000 === 0) return `${ms / 3600000}h`;
  if (ms % 60000 === 0) return `${ms / 60000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function bandwidth(bps: number): string {
  if (bps % 1e9 === 0) return `${bps / 1e9}G`;
  if (bps % 1e6 === 0) return `${bps / 1e6}M`;
  return `${bps / 1e3}K`;
}

function range(min: number | undefined, max: number | undefined, fmt: (n: number) => string): string {
  if (min !== undefined && max !== undefined) return ` ${fmt(min)}–${fmt(max)}`;
  if (min !== undefined) return ` ≥ ${fmt(min)}`;
  if (max !== undefined) return ` ≤ ${fmt(max)}`;
  return '';
}

function typeOf(f: Field, path: string): string {
  switch (f.t) {
    case 'string':
      if (f.enum) return f.enum.length === 1 ? code(f.enum[0] as string) : `one of ${f.enum.map(code).join(', ')}`;
      if (f.patternDoc) return `string: ${f.patternDoc}`;
      if (f.check && CHECK_DOCS.has(f.check)) return `string: ${CHECK_DOCS.get(f.check) as string}`;
      return f.maxLength !== undefined ? `string (at most ${f.maxLength} characters)` : 'string';
    case 'int':
      return `integer${range(f.min, f.max, String)}`;
    case 'bool':
      return 'boolean';
    case 'size':
      return `size${range(f.min, f.max, formatBytes)}`;
    case 'bandwidth':
      return `bandwidth${range(f.min, undefined, bandwidth)}`;
    case 'duration':
      return `duration${range(f.min, f.max, duration)}`;
    case 'object':
      return `object, see ${link(path)}`;
    case 'array': {
      const n = f.minItems ? ` (at least ${f.minItems})` : '';
      if (f.items.t === 'object') return `list${n}, see ${link(`${path}[]`)}`;
      return `list${n} of ${typeOf(f.items, `${path}[]`)}`;
    }
    case 'map':
      return `mapping: ${f.keyDoc} → ${typeOf(f.values, path)}`;
    case 'union':
      return f.of.map((x) => typeOf(x, path)).join(', or ');
  }
}

function defaultOf(f: Field): string {
  if (f.required) return '**required**';
  if (f.default === undefined) return '—';
  return code(String(f.default));
}

function table(s: Section): string[] {
  const lines = ['| key | type | default | brands | meaning |', '|---|---|---|---|---|'];
  for (const key of Object.keys(s.field.fields)) {
    const f = s.field.fields[key] as Field;
    const p = s.path ? `${s.path}.${key}` : key;
    const brands = f.brands ? f.brands.join(', ') : '—';
    lines.push(`| ${code(key)} | ${cell(typeOf(f, p))} | ${cell(defaultOf(f))} | ${cell(brands)} | ${cell(f.doc)} |`);
  }
  for (const group of s.field.exclusive || []) lines.push('', `At most one of ${group.map(code).join(', ')}.`);
  return lines;
}

const INTRO = `# kiln/v1 profile reference

<!-- Generated from agent/profile/v1/schema.ts by scripts/gen-reference.mjs (make docs). Do not edit. -->

A profile is one YAML document. It starts with \`apiVersion: kiln/v1\` and
\`kind: Host\`; every other key is described below, one section per mapping.
Unknown keys are errors (with a did-you-mean), and so is a key used on a zone
brand it does not apply to. \`kiln validate PROFILE\` reports every problem at
once as \`FILE:LINE:COL: error: $.path: message\`; \`kiln schema\` prints the
same rules as a JSON Schema (committed as [kiln.schema.json](kiln.schema.json)).

Columns: **type** is what the value must be; **default** is what kiln assumes
when the key is absent (**required** keys have none); **brands** lists the zone
brands that may use the key (— means any); **meaning** says what it does.

## Units

- **size**: an integer is MiB (\`512\` = 512 MiB); a string is a number and a
  binary unit \`K\`, \`M\`, \`G\` or \`T\` (optionally followed by \`B\` or
  \`iB\`), like \`512M\`, \`4G\`, \`1.5T\`, \`8GiB\`. A quoted bare number
  (\`"512"\`) is an error.
- **bandwidth**: an integer is Mb/s (\`100\` = 100 Mb/s, as dladm reads a bare
  number); a string is a number and a decimal unit in bits per second, \`K\`,
  \`M\` or \`G\`, like \`1200K\`, \`100M\`, \`1G\`.
- **duration**: an integer is seconds; a string is a number and \`ms\`, \`s\`,
  \`m\` or \`h\`, like \`500ms\`, \`30s\`, \`5m\`, \`1h\`.
- kiln reads YAML 1.2: only \`true\` and \`false\` are booleans (\`yes\`,
  \`no\`, \`on\` and \`off\` are strings), and a number with a leading zero
  is still a number, so file modes are quoted strings (\`"0644"\`).
`;

const RULES = `## Rules across keys

Checked by \`kiln validate\` (and by the agent before it touches anything):

- Names are unique: pools; datasets within a pool; links (etherstubs and VNICs
  share one namespace); nic tags; zones; zone UUIDs; fixed VNIC MACs; and disks
  across every vdev, log, cache and spare of every pool.
- At most one pool has \`system: true\`.
- A vdev (data or log) has enough disks for its type: mirror 2, raidz 2,
  raidz2 3, raidz3 4.
- On a volume (a dataset with \`volume\`), \`quota\`, \`recordsize\` and
  \`mountpoint\` are errors: they apply to filesystems.
- A dataset's \`reservation\` is at most its \`quota\`; \`recordsize\` is a power
  of two.
- A nic tag names its NIC by \`link\` or by \`mac\` (one of them, not both).
- A VNIC's \`over\` is a declared etherstub, a declared nic tag or a physical
  link name; never another VNIC.
- A zone's \`pool\` is declared under \`pools\`; a zone without \`pool\` or
  \`zonepath\` needs at least one declared pool (the system pool).
- Each \`nets[].physical\` is a VNIC declared under \`network.vnics\`, and each
  VNIC belongs to at most one zone (exclusive-IP zones own their VNIC). At
  most one net is \`primary\`; without one, the first is.
- Caps are ordered: \`max_swap\` ≥ \`max_physical_memory\` ≥ \`max_locked_memory\`.
- A kvm or bhyve guest needs \`ram\`; it has at most one \`boot: true\` disk,
  and one is required when it has disks and no \`cdrom\`; a disk model must
  exist on the brand (kvm: virtio, ide, scsi; bhyve: virtio, ahci, nvme); each
  disk has \`size\` (a new zvol \`<pool>/<zone>-disk<N>\`) or \`volume\` (an
  existing zvol below the zone's pool). \`max_physical_memory\` is at least
  \`ram\`; when it is left out it is \`ram\` plus 1024 MiB (kvm) or 1280 MiB
  (bhyve) for the hypervisor.
`;

/** The whole REFERENCE.md text. */
export function renderReference(): string {
  const out: string[] = [INTRO];
  out.push('## Sections', '');
  const all = sections(PROFILE_V1, '', []);
  for (const s of all) out.push(`- ${link(s.path)}: ${s.field.doc}`);
  out.push('');
  for (const s of all) {
    out.push(`## ${title(s.path)}`, '', s.field.doc, '', ...table(s), '');
  }
  out.push(RULES);
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
