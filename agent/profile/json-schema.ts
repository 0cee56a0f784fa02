// JSON Schema (draft-07) of the profile, derived from the field table, so
// editors complete and check profiles with exactly kiln's rules.
import type { Field } from './schema-dsl.ts';
import { PROFILE_V1 } from './v1/schema.ts';

type Json = Record<string, unknown>;

const SIZE_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*[KMGTkmgt](i?[Bb])?\\s*$';
const BW_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*[KMGkmg]\\s*$';
const DURATION_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h)\\s*$';

function toSchema(f: Field): Json {
  const base: Json = { description: f.doc };
  if (f.default !== undefined) base.default = f.default;
  switch (f.t) {
    case 'string': {
      const s: Json = { ...base, type: 'string' };
      if (f.enum) s.enum = f.enum.slice();
      if (f.pattern) s.pattern = f.pattern.source;
      if (f.maxLength !== undefined) s.maxLength = f.maxLength;
      return s;
    }
    case 'int': {
      const s: Json = { ...base, type: 'integer' };
      if (f.min !== undefined) s.minimum = f.min;
      if (f.max !== undefined) s.maximum = f.max;
      return s;
    }
    case 'bool':
      return { ...base, type: 'boolean' };
    case 'size':
      return { ...base, anyOf: [{ type: 'integer', minimum: 0, description: 'MiB' }, { type: 'string', pattern: SIZE_PATTERN }] };
    case 'bandwidth':
      return { ...base, anyOf: [{ type: 'integer', minimum: 1, description: 'Mb/s' }, { type: 'string', pattern: BW_PATTERN }] };
    case 'duration':
      return { ...base, anyOf: [{ type: 'integer', minimum: 0, description: 'seconds' }, { type: 'string', pattern: DURATION_PATTERN }] };
    case 'object': {
      const properties: Json = {};
      const required: string[] = [];
      for (const k of Object.keys(f.fields)) {
        properties[k] = toSchema(f.fields[k] as Field);
        if ((f.fields[k] as Field).required) required.push(k);
      }
      const s: Json = { ...base, type: 'object', properties, additionalProperties: false };
      if (required.length) s.required = required;
      return s;
    }
    case 'array': {
      const s: Json = { ...base, type: 'array', items: toSchema(f.items) };
      if (f.minItems !== undefined) s.minItems = f.minItems;
      if (f.maxItems !== undefined) s.maxItems = f.maxItems;
      return s;
    }
    case 'map':
      return { ...base, type: 'object', propertyNames: { pattern: f.keyPattern.source }, additionalProperties: toSchema(f.values) };
    case 'union':
      return { ...base, anyOf: f.of.map(toSchema) };
  }
}

/** The JSON Schema document for kiln/v1. */
export function profileJsonSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://kiln.dev/schema/kiln-v1.json',
    title: 'kiln host profile (kiln/v1)',
    ...toSchema(PROFILE_V1),
  };
}
