import { readXmlStartTags } from './xml-tags';

describe('readXmlStartTags', () => {
  it('reads start and empty-element tags with their attributes, prefixes dropped', () => {
    const tags = readXmlStartTags(
      '\ufeff<?xml version="1.0"?>\n<ct:Types xmlns:ct="urn:x"><ct:Default Extension = \'rels\' ContentType="a/b"/>' +
        '<!-- <Override PartName="/hidden"/> --><![CDATA[<Override PartName="/cdata"/>]]>' +
        '<Override PartName="/word/document.xml" ContentType="x&amp;y &#x2E;&#46;&lt;"></Override></ct:Types>',
      ['Default', 'Override'],
    );
    expect(tags?.map((tag) => [tag.localName, Object.fromEntries(tag.attributes)])).toEqual([
      ['Default', { Extension: 'rels', ContentType: 'a/b' }],
      ['Override', { PartName: '/word/document.xml', ContentType: 'x&y ..<' }],
    ]);
  });

  it('keeps a ">" inside a quoted value inside the value', () => {
    const tags = readXmlStartTags('<Relationship Target="a>b" TargetMode="External"/>', ['Relationship']);
    expect(tags?.[0].attributes.get('TargetMode')).toBe('External');
  });

  it.each([
    ['an unterminated comment', '<a/><!-- never closed'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a/>'],
    ['an unterminated tag', '<a b="c"'],
    ['an unquoted value', '<a b=c/>'],
    ['a repeated attribute', '<a b="1" b="2"/>'],
    ['an unknown entity', '<a b="&e;"/>'],
    ['an unterminated reference', '<a b="&#x41"/>'],
    ['a NUL reference', '<a b="&#0;"/>'],
    ['a reference past U+10FFFF', '<a b="&#x110000;"/>'],
    ['"<" in a value', '<a b="<"/>'],
  ])('refuses %s (undefined)', (_label, xml) => {
    expect(readXmlStartTags(xml, ['a'])).toBeUndefined();
  });

  it('checks the form of tags it does not keep', () => {
    expect(readXmlStartTags('<a b="1"/><c d="2"/>', ['a'])?.length).toBe(1);
    expect(readXmlStartTags('<a b="1"/><c d=2/>', ['a'])).toBeUndefined();
    expect(readXmlStartTags('<a b="1"/><c d="<"/>', ['a'])).toBeUndefined();
  });

  it.each([
    ['<!--'],
    ['<a'],
    ['<a b="1" '],
    ['<a b="&#x'],
    ['<a b="&amp;'],
    ['</'],
    ['<?'],
    ['<a/>'],
    ['<a b="1" c="&amp;"/>'],
    ['<b c="1" '],
  ])('scans 4 MiB made of %j in linear time (quadratic work would take hours)', (unit) => {
    const xml = Buffer.from(unit.repeat(Math.ceil((4 * 1024 * 1024) / unit.length))).toString('utf8');
    const started = performance.now();
    readXmlStartTags(xml, ['a']);
    // About 0.1 s on an idle core; the margin absorbs a loaded CI machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
