// `kiln schema` is what editors check profiles with: it must be a well-formed
// draft-07 schema, closed like kiln itself (no unknown keys), and it must
// accept every key a real profile uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as yaml from 'js-yaml';
import { profileJsonSchema } from '../../../agent/profile/json-schema.ts';
import { filesIn } from './_repo.ts';

type Json = Record<string, unknown>;

/** The draft-07 keywords the generator may use; anything else is a typo. */
const KEYWORDS = new Set(['$schema', '$id', 'title', 'description', 'default', 'type', 'enum', 'pattern', 'maxLength', 'minimum', 'maximum', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'minItems', 'maxItems', 'anyOf']);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every subschema with its JSON pointer-ish path. */
function* subschemas(s: Json, at = '#'): Generator<[string, Json]> {
  yield [at, s];
  if (isObj(s.properties)) for (const [k, v] of Object.entries(s.properties)) yield* subschemas(v as Json, `${at}/properties/${k}`);
  if (isObj(s.items)) yield* subschemas(s.items, `${at}/items`);
  if (isObj(s.additionalProperties)) yield* subschemas(s.additionalProperties, `${at}/additionalProperties`);
  if (isObj(s.propertyNames)) yield* subschemas(s.propertyNames, `${at}/propertyNames`);
  if (Array.isArray(s.anyOf)) for (const [i, v] of s.anyOf.entries()) yield* subschemas(v as Json, `${at}/anyOf/${i}`);
}

test('the schema declares draft-07 and only uses draft-07 keywords, each with the right shape', () => {
  const schema = profileJsonSchema();
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  let n = 0;
  for (const [at, s] of subschemas(schema)) {
    n++;
    for (const k of Object.keys(s)) assert.ok(KEYWORDS.has(k), `${at}: unknown keyword ${k}`);
    if (s.type !== undefined) assert.ok(TYPES.has(s.type as string), `${at}: type ${String(s.type)}`);
    // Property names are strings by definition, so their schema needs no type.
    assert.ok(s.type !== undefined || Array.isArray(s.anyOf) || at.endsWith('/propertyNames'), `${at}: neither type nor anyOf`);
    if (s.description !== undefined) assert.equal(typeof s.description, 'string', at);
    if (s.pattern !== undefined) assert.doesNotThrow(() => new RegExp(s.pattern as string), at);
    if (s.enum !== undefined) assert.ok(Array.isArray(s.enum) && s.enum.length > 0, `${at}: enum`);
    if (s.anyOf !== undefined) assert.ok(Array.isArray(s.anyOf) && s.anyOf.length > 0, `${at}: anyOf`);
    for (const k of ['minimum', 'maximum', 'minItems', 'maxItems', 'maxLength']) {
      if (s[k] !== undefined) assert.equal(typeof s[k], 'number', `${at}: ${k}`);
    }
    if (s.required !== undefined) {
      assert.ok(Array.isArray(s.required) && isObj(s.properties), `${at}: required without properties`);
      for (const r of s.required as string[]) assert.ok(r in (s.properties as Json), `${at}: required "${r}" is not a property`);
    }
  }
  assert.ok(n > 50, `only ${n} subschemas`);
});

test('the schema is closed: every object with properties has additionalProperties false; maps constrain their keys', () => {
  let objects = 0;
  for (const [at, s] of subschemas(profileJsonSchema())) {
    if (s.type !== 'object') continue;
    objects++;
    if (s.properties !== undefined) assert.equal(s.additionalProperties, false, `${at}: additionalProperties`);
    else {
      assert.ok(isObj(s.propertyNames) && typeof s.propertyNames.pattern === 'string', `${at}: a map without a key pattern`);
      assert.ok(isObj(s.additionalProperties), `${at}: a map without a value schema`);
    }
  }
  assert.ok(objects > 10);
});

/** Unknown keys in `doc`, checked against the schema's properties (a tiny validator for keys only). */
function unknownKeys(schema: Json, doc: unknown, at = '$'): string[] {
  if (Array.isArray(schema.anyOf)) {
    const out = (schema.anyOf as Json[]).map((alt) => unknownKeys(alt, doc, at));
    return out.some((o) => o.length === 0) ? [] : (out[0] as string[]);
  }
  if (Array.isArray(doc)) return isObj(schema.items) ? doc.flatMap((v, i) => unknownKeys(schema.items as Json, v, `${at}[${i}]`)) : [];
  if (!isObj(doc)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    const sub = isObj(schema.properties) ? (schema.properties[k] as Json | undefined) : isObj(schema.additionalProperties) ? schema.additionalProperties : undefined;
    if (!sub) out.push(`${at}.${k}`);
    else out.push(...unknownKeys(sub, v, `${at}.${k}`));
  }
  return out;
}

test('the key walker sees unknown keys at any depth (so the next test can fail)', () => {
  const schema = profileJsonSchema();
  assert.deepEqual(unknownKeys(schema, { zones: [{ name: 'a', max_phisical_memory: 1 }], metadata: { labels: { any: 'x' } } }), ['$.zones[0].max_phisical_memory']);
  assert.deepEqual(unknownKeys(schema, { pools: [{ datasets: [{ volume: { size: 1, sparce: true } }] }] }), ['$.pools[0].datasets[0].volume.sparce']);
});

for (const file of filesIn('profiles', ['.yaml', '.yml'])) {
  test(`every key of ${file.replace(/^.*\/profiles\//, 'profiles/')} is in the schema`, () => {
    const doc = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA });
    assert.deepEqual(unknownKeys(profileJsonSchema(), doc), []);
  });
}
