// The structural pass: walk the document against the field table, report
// every type, range, unit and unknown-key problem with its position.
import type { Diagnostic, Position } from './diagnostics.ts';
import type { NodeInfo } from './load.ts';
import type { PathSeg } from './path.ts';
import { formatPath } from './path.ts';
import type { Field, ObjectField } from './schema-dsl.ts';
import { suggest } from './suggest.ts';
import { describe, formatBytes, parseBandwidth, parseDuration, parseSize } from './units.ts';

export interface Ctx {
  file: string;
  positions: Map<string, NodeInfo>;
  diagnostics: Diagnostic[];
}

const YAML11_BOOLS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;

/** The closest recorded position at or above a path. */
export function locate(ctx: Ctx, path: PathSeg[], which: 'key' | 'value' = 'value'): Position | undefined {
  for (let n = path.length; n >= 0; n--) {
    const info = ctx.positions.get(formatPath(path.slice(0, n)));
    if (info) return (which === 'key' && n === path.length && info.key) || info.value;
  }
  return undefined;
}

export function report(ctx: Ctx, path: PathSeg[], code: string, message: string, hint?: string, which: 'key' | 'value' = 'value'): void {
  const d: Diagnostic = { severity: 'error', code, path: formatPath(path), message, file: ctx.file };
  const loc = locate(ctx, path, which);
  if (loc) d.loc = loc;
  if (hint) d.hint = hint;
  ctx.diagnostics.push(d);
}

function rawOf(ctx: Ctx, path: PathSeg[]): NodeInfo | undefined {
  return ctx.positions.get(formatPath(path));
}

function typeName(f: Field): string {
  switch (f.t) {
    case 'string':
      return f.enum ? `one of ${f.enum.join(', ')}` : 'a string';
    case 'int':
      return 'a whole number';
    case 'bool':
      return 'true or false';
    case 'size':
      return 'a size';
    case 'bandwidth':
      return 'a bandwidth';
    case 'duration':
      return 'a duration';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'map':
      return 'a mapping';
    case 'union':
      return f.of.map(typeName).join(' or ');
  }
}

function checkString(ctx: Ctx, f: Extract<Field, { t: 'string' }>, v: unknown, path: PathSeg[]): void {
  if (typeof v !== 'string') {
    const info = rawOf(ctx, path);
    let hint = 'quote the value to make it a string';
    if (typeof v === 'number' && info && info.raw && /^[-+]?0[0-9]/.test(info.raw)) {
      hint = `YAML reads ${info.raw} as the number ${String(v)}, dropping the leading zero; quote it: '${info.raw}'`;
    } else if (typeof v === 'boolean') {
      hint = `YAML reads ${info && info.raw ? info.raw : String(v)} as a boolean; quote it if you meant the word: '${info && info.raw ? info.raw : String(v)}'`;
    }
    report(ctx, path, 'E_TYPE', `expected ${typeName(f)}, got ${describe(v)}`, v === null || typeof v === 'object' ? undefined : hint);
    return;
  }
  if (f.enum && f.enum.indexOf(v) < 0) {
    const s = suggest(v, f.enum);
    report(ctx, path, 'E_ENUM', `"${v}" is not one of ${f.enum.join(', ')}`, s ? `did you mean "${s}"?` : undefined);
    return;
  }
  if (f.maxLength !== undefined && v.length > f.maxLength) {
    report(ctx, path, 'E_TOO_LONG', `"${v}" is ${v.length} characters; at most ${f.maxLength} are allowed`);
    return;
  }
  if (f.pattern && !f.pattern.test(v)) {
    report(ctx, path, 'E_PATTERN', `"${v}" is not ${f.patternDoc || 'valid'}`);
    return;
  }
  if (f.check) {
    const msg = f.check(v);
    if (msg) report(ctx, path, 'E_INVALID', msg);
  }
}

function checkInt(ctx: Ctx, f: Extract<Field, { t: 'int' }>, v: unknown, path: PathSeg[]): void {
  const info = rawOf(ctx, path);
  if (typeof v === 'string' && /^\s*-?[0-9]+\s*$/.test(v)) {
    report(ctx, path, 'E_TYPE', `expected ${typeName(f)}, got ${describe(v)}`, `remove the quotes: ${v.trim()}`);
    return;
  }
  if (typeof v !== 'number' || Math.floor(v) !== v || !isFinite(v)) {
    report(ctx, path, 'E_TYPE', `expected ${typeName(f)}, got ${describe(v)}`);
    return;
  }
  if (info && info.raw && info.plain && !/^[-+]?(0|[1-9][0-9]*)$/.test(info.raw)) {
    const octal = /^[-+]?0[0-9]+$/.test(info.raw);
    report(ctx, path, octal ? 'E_OCTAL' : 'E_NUMBER_FORM', octal ? `${info.raw} looks octal` : `${info.raw} is written in a form kiln does not guess at`, octal ? `YAML 1.2 reads ${info.raw} as decimal ${v}; write ${v}` : `write it in plain decimal: ${v}`);
    return;
  }
  const low = f.min !== undefined && v < f.min;
  const high = f.max !== undefined && v > f.max;
  if ((low || high) && f.min !== undefined && f.max !== undefined) report(ctx, path, 'E_RANGE', `${v} is outside the range ${f.min} to ${f.max}`);
  else if (low) report(ctx, path, 'E_RANGE', `${v} is below the minimum ${String(f.min)}`);
  else if (high) report(ctx, path, 'E_RANGE', `${v} is above the maximum ${String(f.max)}`);
}

function checkBool(ctx: Ctx, v: unknown, path: PathSeg[]): void {
  if (typeof v === 'boolean') return;
  if (typeof v === 'string' && YAML11_BOOLS.test(v.trim())) {
    const truthy = /^(y|yes|on|true)$/i.test(v.trim());
    report(ctx, path, 'E_TYPE', `expected true or false, got the string "${v}"`, `kiln reads YAML 1.2, where ${v} is a string, not a boolean; write ${truthy ? 'true' : 'false'}`);
    return;
  }
  report(ctx, path, 'E_TYPE', `expected true or false, got ${describe(v)}`);
}

function checkUnit(ctx: Ctx, f: Extract<Field, { t: 'size' | 'bandwidth' | 'duration' }>, v: unknown, path: PathSeg[]): void {
  const info = rawOf(ctx, path);
  if (typeof v === 'number' && info && info.raw && info.plain && /^[-+]?0[0-9]+$/.test(info.raw)) {
    report(ctx, path, 'E_OCTAL', `${info.raw} looks octal`, `YAML 1.2 reads ${info.raw} as decimal ${v}; write ${v}`);
    return;
  }
  const parsed = f.t === 'size' ? parseSize(v) : f.t === 'bandwidth' ? parseBandwidth(v) : parseDuration(v);
  if (!parsed.ok) {
    report(ctx, path, 'E_UNIT', parsed.message, parsed.hint);
    return;
  }
  const min = f.min;
  const max = f.t === 'bandwidth' ? undefined : f.max;
  const fmt = (n: number): string => (f.t === 'size' ? formatBytes(n) : f.t === 'duration' ? `${n}ms` : `${n / 1000}K`);
  if (min !== undefined && parsed.value < min) report(ctx, path, 'E_RANGE', `${fmt(parsed.value)} is below the minimum ${fmt(min)}`);
  else if (max !== undefined && parsed.value > max) report(ctx, path, 'E_RANGE', `${fmt(parsed.value)} is above the maximum ${fmt(max)}`);
}

function checkObject(ctx: Ctx, f: ObjectField, v: unknown, path: PathSeg[], brand: string | undefined): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    report(ctx, path, 'E_TYPE', `expected a mapping, got ${describe(v)}`);
    return;
  }
  const obj = v as Record<string, unknown>;
  const known = Object.keys(f.fields);
  const b = typeof obj.brand === 'string' ? obj.brand : brand;
  for (const key of Object.keys(obj)) {
    // Own keys only: `constructor` or `__proto__` must not find Object's members.
    const sub = Object.prototype.hasOwnProperty.call(f.fields, key) ? f.fields[key] : undefined;
    if (!sub) {
      const s = suggest(key, known);
      report(ctx, path.concat([key]), 'E_UNKNOWN_KEY', `unknown key "${key}"`, s ? `did you mean "${s}"?` : `known keys here: ${known.join(', ')}`, 'key');
      continue;
    }
    if (sub.brands && b !== undefined && sub.brands.indexOf(b) < 0) {
      report(ctx, path.concat([key]), 'E_BRAND', `"${key}" applies only to brand ${sub.brands.join(' or ')}, not ${b}`, undefined, 'key');
      continue;
    }
    checkValue(ctx, sub, obj[key], path.concat([key]), b);
  }
  for (const key of known) {
    const sub = f.fields[key] as Field;
    if (sub.required && !(key in obj)) report(ctx, path, 'E_REQUIRED', `"${key}" is required`, `add ${key}: ${sub.doc.charAt(0).toLowerCase()}${sub.doc.slice(1).replace(/\.$/, '')}`);
  }
  for (const group of f.exclusive || []) {
    const given = group.filter((k) => k in obj);
    if (given.length > 1) report(ctx, path.concat([given[1] as string]), 'E_EXCLUSIVE', `"${given.join('" and "')}" cannot be given together`, `choose one of ${group.join(', ')}`, 'key');
  }
}

/** Check one value against its field, recursively. */
export function checkValue(ctx: Ctx, f: Field, v: unknown, path: PathSeg[], brand?: string): void {
  if (v === null) {
    report(ctx, path, 'E_TYPE', `expected ${typeName(f)}, got nothing (null)`, 'the key has no value: write one after the colon, or remove the key');
    return;
  }
  switch (f.t) {
    case 'string':
      return checkString(ctx, f, v, path);
    case 'int':
      return checkInt(ctx, f, v, path);
    case 'bool':
      return checkBool(ctx, v, path);
    case 'size':
    case 'bandwidth':
    case 'duration':
      return checkUnit(ctx, f, v, path);
    case 'object':
      return checkObject(ctx, f, v, path, brand);
    case 'array':
      if (!Array.isArray(v)) {
        report(ctx, path, 'E_TYPE', `expected a list, got ${describe(v)}`, v !== null && typeof v === 'object' ? 'start each item with "- "' : undefined);
        return;
      }
      if (f.minItems !== undefined && v.length < f.minItems) report(ctx, path, 'E_RANGE', `needs at least ${f.minItems} item${f.minItems === 1 ? '' : 's'}, has ${v.length}`);
      if (f.maxItems !== undefined && v.length > f.maxItems) report(ctx, path, 'E_RANGE', `allows at most ${f.maxItems} items, has ${v.length}`);
      v.forEach((item, i) => checkValue(ctx, f.items, item, path.concat([i]), brand));
      return;
    case 'map': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        report(ctx, path, 'E_TYPE', `expected a mapping, got ${describe(v)}`);
        return;
      }
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) {
        if (!f.keyPattern.test(k)) report(ctx, path.concat([k]), 'E_PATTERN', `key "${k}" is not ${f.keyDoc}`, undefined, 'key');
        else checkValue(ctx, f.values, obj[k], path.concat([k]), brand);
      }
      return;
    }
    case 'union': {
      const pick = f.of.find((alt) => matchesShape(alt, v));
      if (pick) checkValue(ctx, pick, v, path, brand);
      else report(ctx, path, 'E_TYPE', `expected ${typeName(f)}, got ${describe(v)}`);
      return;
    }
  }
}

function matchesShape(f: Field, v: unknown): boolean {
  switch (f.t) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'size':
    case 'bandwidth':
    case 'duration':
      return typeof v === 'number' || typeof v === 'string';
    case 'object':
    case 'map':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'union':
      return f.of.some((a) => matchesShape(a, v));
  }
}
