import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys } from './duplicate-keys.js';

describe('findDuplicateKeys', () => {
  it('names a repeated key at any depth as a dotted path', () => {
    expect(findDuplicateKeys('{"a":1,"a":2}')).toEqual(['a']);
    expect(findDuplicateKeys('{"answers":{"chestPain":true,"x":1,"chestPain":false}}')).toEqual([
      'answers.chestPain',
    ]);
    expect(findDuplicateKeys('{"list":[{"id":1},{"id":2,"id":3}]}')).toEqual(['list.1.id']);
    expect(findDuplicateKeys('[{"a":{"b":1,"b":2}}]')).toEqual(['0.a.b']);
  });

  it('treats escaped and plain spellings of a key as the same key', () => {
    expect(findDuplicateKeys('{"chestPain":1,"chest\\u0050ain":2}')).toEqual(['chestPain']);
  });

  it('is not fooled by strings that look like keys, or by keys in sibling objects', () => {
    expect(findDuplicateKeys('{"a":"\\"a\\":1,","b":{"a":1},"c":[{"a":1},{"a":2}]}')).toEqual([]);
    expect(findDuplicateKeys('{"notes":"a, \\"a\\": {\\"b\\"","n":"\\\\"}')).toEqual([]);
  });

  it('finds nothing in JSON.stringify output, and finds a key repeated by hand', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 4 }), fc.nat(), (value, pick) => {
        const text = JSON.stringify(value);
        expect(findDuplicateKeys(text)).toEqual([]);
        // Repeat one key of the top level object: the scanner must name it.
        const keys = Object.keys(JSON.parse(text) as object);
        if (keys.length === 0 || !text.startsWith('{')) return;
        const key = keys[pick % keys.length]!;
        const repeated = `{${JSON.stringify(key)}:null,${text.slice(1)}`;
        expect(findDuplicateKeys(repeated)).toEqual([key]);
      }),
      { numRuns: 500 },
    );
  });
});
