import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, parseXml } from '../../../agent/host/parse/xml.ts';
import { ParseError } from '../../../agent/host/parse/errors.ts';

test('entities: named and numeric', () => {
  assert.equal(decodeEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;'), 'a & b <c> "d" \'e\'');
  assert.equal(decodeEntities('&#65;&#x42;&#X43;&#x1F600;'), 'ABC\ud83d\ude00');
  assert.throws(() => decodeEntities('&nbsp;'), ParseError);
  assert.throws(() => decodeEntities('&#xZZ;'), ParseError);
});

test('quotes, attribute order and spacing, self-closing and open/close tags', () => {
  const doc = `<?xml version='1.0'?>
<!-- a comment with <tags> -->
<!DOCTYPE zone PUBLIC "-//x//EN" "file:///z.dtd" [ <!ENTITY foo "bar>"> ]>
<zone  b = 'two' a="one&amp;more">
  <x c='1'/>
  <y d="tab&#9;here"   ></y>
  <![CDATA[ <not-an-element/> ]]>
  text is ignored
  <z e="multi
line"/>
</zone >
`;
  const root = parseXml(doc);
  assert.equal(root.name, 'zone');
  assert.deepEqual(root.attrs, { b: 'two', a: 'one&more' });
  assert.deepEqual(
    root.children.map((c) => [c.name, c.attrs]),
    [
      ['x', { c: '1' }],
      ['y', { d: 'tab\there' }],
      ['z', { e: 'multi line' }],
    ],
  );
});

test('malformed documents throw ParseError', () => {
  for (const bad of [
    '',
    'just text',
    '<zone>',
    '<zone></zonf>',
    '<zone a="1></zone>',
    '<zone a=1/>',
    '<zone a/>',
    '<zone/><zone/>',
    '<!-- never closed',
    '<zone a="x<y"/>',
    '</zone>',
  ]) {
    assert.throws(() => parseXml(bad), ParseError, JSON.stringify(bad));
  }
});
