import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey, requestFingerprint } from './idempotency-key.js';

describe('idempotency keys', () => {
  it('accepts 1 to 200 visible ASCII characters and nothing else', () => {
    for (const good of ['a', 'x'.repeat(200), '4f1c2b0e-8c1d-4a57-9d0e-3f1e2a9b7c6d', '!~#$']) {
      expect(parseIdempotencyKey(good)).toBe(good);
    }
    for (const bad of ['', 'x'.repeat(201), 'a b', 'tab\there', 'é', 'k1, k2', 'line\n']) {
      expect(() => parseIdempotencyKey(bad), JSON.stringify(bad)).toThrow(/Idempotency-Key/);
    }
  });

  it('fingerprints method, path and body, ignoring the order of object keys only', () => {
    const base = requestFingerprint('POST', '/api/calls', { a: 1, b: { c: [1, 2], d: null } });
    expect(requestFingerprint('post', '/api/calls', { b: { d: null, c: [1, 2] }, a: 1 })).toBe(
      base,
    );
    expect(requestFingerprint('POST', '/api/calls', { a: 1, b: { c: [2, 1], d: null } })).not.toBe(
      base,
    );
    expect(
      requestFingerprint('POST', '/api/calls/x', { a: 1, b: { c: [1, 2], d: null } }),
    ).not.toBe(base);
    expect(
      requestFingerprint('POST', '/api/calls', { a: '1', b: { c: [1, 2], d: null } }),
    ).not.toBe(base);
    expect(requestFingerprint('POST', '/api/calls', undefined)).toBe(
      requestFingerprint('POST', '/api/calls', null),
    );
  });
});
