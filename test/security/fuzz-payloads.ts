import fc from 'fast-check';

// Hostile and malformed inputs for the fuzz test. Everything is built from a
// seeded fast-check stream so a failure can be replayed with FUZZ_SEED.

export const sqlFragments = [
  "' OR 1=1 --",
  "'; drop table calls; --",
  '; drop table calls',
  '" OR ""="',
  "1' UNION SELECT password_hash FROM users --",
  "') ; truncate audit_log; --",
  '$$; select pg_sleep(5); $$',
];
export const htmlFragments = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
];
const oddStrings = [
  '',
  ' ',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '💥'.repeat(50),
  '../../etc/passwd',
  '%00',
  'null',
  'NaN',
  '-0',
];

/** ~90 kB stays under the 100 kB body limit (field validation must refuse it); the others exceed it (413). */
export const hugeStrings = [
  'a'.repeat(90_000),
  `${"' OR 1=1 --".repeat(8_000)}`,
  'é'.repeat(30_000),
  'x'.repeat(120_000),
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...sqlFragments, ...htmlFragments, ...oddStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...hugeStrings) },
);

/** Nested 3,000 deep: whatever walks it recursively must not fall over. */
const deeplyNested: unknown = JSON.parse(`${'['.repeat(3_000)}${']'.repeat(3_000)}`);

/** Values of the wrong type for any field. */
export const wrongValue = fc.oneof(
  fc.constant(deeplyNested),
  hostileString,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    0.5,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
    [null],
    { $gt: '' },
  ),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Drops, replaces or retypes one field somewhere in `valid`, or adds an unknown one. */
export function mutate(valid: Json): fc.Arbitrary<Json> {
  const paths: string[][] = [];
  const collect = (value: Json, path: string[]) => {
    paths.push(path);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) collect(child, [...path, key]);
    }
  };
  collect(valid, []);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.constantFrom('drop', 'replace', 'add', 'retype'),
      wrongValue,
      fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'id'),
    )
    .map(([path, how, value, key]) => {
      const copy = structuredClone(valid);
      if (path.length === 0)
        return how === 'add' ? { ...(copy as object), [key]: value as Json } : (value as Json);
      const parent = path
        .slice(0, -1)
        .reduce<Json>((node, k) => (node as Record<string, Json>)[k] as Json, copy) as Record<
        string,
        Json
      >;
      const leaf = path.at(-1) as string;
      if (how === 'drop') delete parent[leaf];
      else if (how === 'add')
        Object.defineProperty(parent, key, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      else if (how === 'retype')
        parent[leaf] = typeof parent[leaf] === 'string' ? 42 : String(parent[leaf]);
      else parent[leaf] = value as Json;
      return copy;
    });
}

/** A request body: either JSON to serialise or raw text with a content type. */
export type Body = { json: unknown } | { raw: string; contentType: string } | { none: true };

/** Raw JSON whose own keys try to pollute prototypes (JSON.stringify cannot produce these). */
function pollution(valid: Json): fc.Arbitrary<Body> {
  const inner = JSON.stringify(valid).slice(1, -1);
  const join = (extra: string) =>
    valid && typeof valid === 'object' && !Array.isArray(valid) && inner
      ? `{${extra},${inner}}`
      : `{${extra}}`;
  return fc
    .constantFrom(
      '"__proto__":{"polluted":"yes","isAdmin":true}',
      '"constructor":{"prototype":{"polluted":"yes"}}',
      '"prototype":{"polluted":"yes"}',
      '"__proto__":null',
      '"patient":{"__proto__":{"polluted":"yes"}}',
    )
    .map((extra) => ({ raw: join(extra), contentType: 'application/json' }));
}

/** Everything a write route is fuzzed with, given a valid body for it. */
export function bodyFor(valid: Json): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 4, arbitrary: mutate(valid).map((json): Body => ({ json })) },
    { weight: 2, arbitrary: fc.jsonValue().map((json): Body => ({ json })) },
    {
      weight: 2,
      arbitrary: fc
        .anything()
        .map((json): Body => (json === undefined ? { none: true } : { json })),
    },
    { weight: 1, arbitrary: pollution(valid) },
    { weight: 1, arbitrary: wrongValue.map((json): Body => ({ json })) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 60 }).map((raw): Body => ({ raw, contentType: 'application/json' })),
        fc
          .constantFrom(
            '{"a":',
            '[1,2',
            '{"__proto__":',
            `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
            '\u0000',
            '{}}',
          )
          .map((raw): Body => ({ raw, contentType: 'application/json' })),
        hostileString.map((raw): Body => ({ raw, contentType: 'text/plain' })),
        fc
          .constantFrom('email=a&password=b', 'status=accepted', '__proto__[polluted]=yes')
          .map((raw): Body => ({ raw, contentType: 'application/x-www-form-urlencoded' })),
        fc.constant<Body>({
          raw: JSON.stringify({ notes: 'n'.repeat(99_000) }),
          contentType: 'application/json',
        }),
      ),
    },
  );
}

/** %-encoded; a lone surrogate (which encodeURIComponent refuses) becomes its raw, invalid UTF-8 bytes. */
function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text) || '%20';
  } catch {
    return '%ED%A0%80';
  }
}

/** A path segment for a `:param`: usually a real id, otherwise something hostile (some not even valid %-encoding). */
export function pathParam(validId: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(validId) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: hostileString.filter((s) => s.length < 5_000).map(encodeSegment) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%zz',
        '%C0%AF',
        '..',
        '.',
        validId.toUpperCase(),
        `${validId}x`,
        '00000000-0000-0000-0000-000000000000',
      ),
    },
  );
}

/** Authorization as sent: the right token, another role's, a broken one, or none. */
type Headers = Record<string, string>;
const printable = (s: string) => [...s].every((c) => c >= ' ' && c <= '~');

export function credentials(right: string | undefined, others: string[]): fc.Arbitrary<Headers> {
  const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<Headers>(right ? bearer(right) : {}) },
    { weight: 1, arbitrary: fc.constantFrom(...others).map(bearer) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constant<Headers>({}),
        // Header values must be printable ASCII for fetch to send them at all.
        hostileString.filter((s) => s.length < 1000 && printable(s)).map(bearer),
        fc.constantFrom<Headers>(
          { authorization: 'Basic YWRtaW46YWRtaW4=' },
          { cookie: "altpath_session=' OR 1=1 --" },
          { authorization: 'Bearer' },
        ),
      ),
    },
  );
}
