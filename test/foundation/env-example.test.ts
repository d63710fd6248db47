import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from '../../server/config/config.js';

const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, name, value]) => ({
  name: name!,
  value: value!,
}));

describe('.env.example', () => {
  it('lists every variable the configuration reads, and nothing else', () => {
    expect(listed.map((v) => v.name).sort()).toEqual([...configVariables].sort());
  });

  it('is a valid configuration as it stands', () => {
    const env = Object.fromEntries(listed.map(({ name, value }) => [name, value]));
    expect(() => loadConfig(env)).not.toThrow();
  });
});
