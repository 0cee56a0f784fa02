// illumos naming rules. Every name that reaches a host command passes one of
// these, so no name can carry shell, path or option characters.

/** dladm: starts with a letter, alphanumerics and _, ends in a number without leading zeros, ≤ 31 chars. */
export const LINK_NAME = /^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z_])?(?:0|[1-9][0-9]*)$/;
export const LINK_NAME_MAX = 31;
export const LINK_NAME_DOC = 'a valid link name (a letter first, then letters, digits or _, ending in a number without leading zeros, like net0 or e1000g1)';

/** Explain what is wrong with a link name, or undefined if it is fine. */
export function linkNameProblem(name: string): string | undefined {
  if (name.length > LINK_NAME_MAX) return `link name "${name}" is ${name.length} characters; dladm allows at most ${LINK_NAME_MAX}`;
  if (!/^[A-Za-z]/.test(name)) return `link name "${name}" must start with a letter`;
  if (/[^A-Za-z0-9_]/.test(name)) return `link name "${name}" may hold only letters, digits and _`;
  if (!/[0-9]$/.test(name)) return `link name "${name}" must end in a number (like ${name}0)`;
  if (!LINK_NAME.test(name)) return `link name "${name}" ends in a number with a leading zero`;
  return undefined;
}

/** zonecfg: alphanumeric first, then alphanumerics, _ . -; fewer than 64 chars; global and SUNW* reserved. */
export const ZONE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export function zoneNameProblem(name: string): string | undefined {
  if (name.length > 63) return `zone name "${name}" is ${name.length} characters; zone names are fewer than 64`;
  if (!ZONE_NAME.test(name)) return `zone name "${name}" must start with a letter or digit and hold only letters, digits, _ . and -`;
  if (name === 'global') return 'the name "global" is reserved for the global zone';
  if (/^SUNW/.test(name)) return `zone names beginning with SUNW are reserved`;
  return undefined;
}

/** zpool: a letter first, then alphanumerics _ - .; mirror, raidz*, spare, log and c[0-9]* are reserved. */
export function poolNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) return `pool name "${name}" must start with a letter and hold only letters, digits, _ - and .`;
  if (/^(mirror|raidz[0-9]*|spare|log|cache|draid[0-9]*)$/.test(name)) return `"${name}" is a reserved word in zpool and cannot name a pool`;
  if (/^c[0-9]/.test(name)) return `pool names beginning with c and a digit look like disks and are reserved`;
  if (name.length > 200) return `pool name "${name}" is too long`;
  return undefined;
}

/** A dataset below its pool: components of alphanumerics _ - . : separated by /. */
export function datasetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the dataset name is empty';
  if (/^\/|\/$|\/\//.test(name)) return `dataset name "${name}" has an empty component; it is relative to its pool, like data or vms/disk0`;
  for (const part of name.split('/')) {
    if (part === '.' || part === '..') return `dataset name "${name}" may not contain "." or ".." components`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(part)) return `dataset name component "${part}" must start with a letter or digit and hold only letters, digits, _ - . and :`;
  }
  if (name.length > 200) return `dataset name "${name}" is too long`;
  return undefined;
}

/** A disk in cXtYdZ shorthand (illumos) or a /dev path without . or .. components. */
export const DISK_NAME = /^(c[0-9]+(t[0-9A-Fa-f]+)?d[0-9]+(s[0-9]+|p[0-9]+)?|\/dev(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+)$/;
export const DISK_DOC = 'a disk name like c1t0d0 (or a /dev/... path)';

/** nictagadm: letters, digits and _, at most 31. */
export const NIC_TAG = /^[A-Za-z][A-Za-z0-9_]{0,30}$/;

/** RFC 1123 host name. */
export const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Six octets, one or two hex digits each, colon separated. */
export const MAC = /^[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2}){5}$/;

/** A MAC the way dladm prints it: lower-case, no leading zeros. */
export function normaliseMac(mac: string): string {
  return mac
    .split(':')
    .map((o) => parseInt(o, 16).toString(16))
    .join(':');
}

export function macProblem(mac: string): string | undefined {
  if (!MAC.test(mac)) return `"${mac}" is not a MAC address (six hex octets separated by colons)`;
  const first = parseInt(mac.split(':')[0] as string, 16);
  if (first & 1) return `${mac} is a multicast address; a VNIC needs a unicast MAC (the first octet must be even)`;
  if (/^(0{1,2}:){5}0{1,2}$/.test(mac)) return `${mac} is the all-zero address`;
  return undefined;
}

function ipv4Problem(ip: string): string | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9][0-9]{0,2})$/.test(p) || parseInt(p, 10) > 255)) return `"${ip}" is not an IPv4 address`;
  return undefined;
}

function ipv6Problem(ip: string): string | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(ip) || ip.indexOf(':') < 0) return `"${ip}" is not an IPv6 address`;
  const dbl = ip.split('::');
  if (dbl.length > 2) return `"${ip}" has more than one ::`;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  const tail = ip.slice(ip.lastIndexOf(':') + 1);
  let hex = ip;
  if (tail.indexOf('.') >= 0) {
    if (ipv4Problem(tail)) return `"${ip}" is not an IPv6 address`;
    hex = ip.slice(0, ip.length - tail.length) + '0:0';
  }
  const groups = hex.replace('::', ':x:').split(':').filter((g) => g !== '');
  if (groups.some((g) => g !== 'x' && !/^[0-9A-Fa-f]{1,4}$/.test(g))) return `"${ip}" is not an IPv6 address`;
  if (dbl.length === 1 && groups.length !== 8) return `"${ip}" is not an IPv6 address`;
  return undefined;
}

/** An IPv4 or IPv6 address. */
export function ipProblem(ip: string): string | undefined {
  return ip.indexOf(':') >= 0 ? ipv6Problem(ip) : ipv4Problem(ip);
}

/** address/prefix, as zonecfg's allowed-address takes it. */
export function cidrProblem(cidr: string): string | undefined {
  const m = /^([^/]+)\/([0-9]{1,3})$/.exec(cidr);
  if (!m) return `"${cidr}" needs a prefix length, like 192.168.1.10/24`;
  const ip = m[1] as string;
  const prefix = parseInt(m[2] as string, 10);
  const p = ipProblem(ip);
  if (p) return p;
  const max = ip.indexOf(':') >= 0 ? 128 : 32;
  if (prefix > max) return `prefix /${prefix} is longer than ${max}`;
  return undefined;
}

/** An absolute path with no `..`, no empty or `.` components, safe characters only. */
export function absPathProblem(p: string): string | undefined {
  if (p.charAt(0) !== '/') return `"${p}" is not an absolute path`;
  if (p === '/') return 'the path is the root directory itself';
  if (/[^A-Za-z0-9_./@+,=:-]/.test(p)) return `"${p}" holds characters kiln does not allow in paths (only letters, digits and _ . / @ + , = : -)`;
  const parts = p.slice(1).split('/');
  if (parts.some((x) => x === '' || x === '.' || x === '..')) return `"${p}" has an empty, "." or ".." component; write the path without them`;
  return undefined;
}
