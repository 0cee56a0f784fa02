// A small, typed description of the profile's shape. The type checker, the
// JSON Schema (`kiln schema`) and the reference docs are all derived from it,
// so they cannot disagree.

export interface Common {
  /** One sentence for the docs and the editor. */
  doc: string;
  required?: boolean;
  /** Shown in the docs; the normaliser applies it. */
  default?: unknown;
  /** Only these zone brands may use the field. */
  brands?: readonly string[];
}

/** A string value. `check` adds a rule a regex cannot say well. */
export interface StringField extends Common {
  t: 'string';
  pattern?: RegExp;
  /** What the pattern means, for the error message. */
  patternDoc?: string;
  enum?: readonly string[];
  maxLength?: number;
  check?: (v: string) => string | undefined;
}

export interface IntField extends Common {
  t: 'int';
  min?: number;
  max?: number;
}

export interface BoolField extends Common {
  t: 'bool';
}

/** MiB as an integer, or a string with a K/M/G/T unit. */
export interface SizeField extends Common {
  t: 'size';
  /** bytes */
  min?: number;
  /** bytes */
  max?: number;
}

/** Mb/s as an integer, or a string with a K/M/G unit (bits per second). */
export interface BandwidthField extends Common {
  t: 'bandwidth';
  /** bits per second */
  min?: number;
}

/** Seconds as an integer, or a string like 500ms, 30s, 5m, 1h. */
export interface DurationField extends Common {
  t: 'duration';
  /** ms */
  min?: number;
  /** ms */
  max?: number;
}

export interface ObjectField extends Common {
  t: 'object';
  fields: Record<string, Field>;
  /** At most one of each group may be given. */
  exclusive?: readonly (readonly string[])[];
}

export interface ArrayField extends Common {
  t: 'array';
  items: Field;
  minItems?: number;
  maxItems?: number;
}

/** Free-form keys (labels, zfs properties). */
export interface MapField extends Common {
  t: 'map';
  keyPattern: RegExp;
  keyDoc: string;
  values: Field;
}

/** The first alternative whose `t` matches the value's YAML type wins. */
export interface UnionField extends Common {
  t: 'union';
  of: readonly Field[];
}

export type Field =
  | StringField
  | IntField
  | BoolField
  | SizeField
  | BandwidthField
  | DurationField
  | ObjectField
  | ArrayField
  | MapField
  | UnionField;
