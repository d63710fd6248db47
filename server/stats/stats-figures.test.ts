import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './stats-csv.js';
import { figuresFrom, percentile, processingBins } from './stats-figures.js';

const histogram = (values: number[]) => {
  const h = new Map<number, number>();
  for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
  return h;
};

describe('nearest-rank percentile over a histogram', () => {
  it('is a value that occurred: the smallest with at least p of the values at or below it', () => {
    const h = histogram([100, 10, 30, 20, 60]);
    expect(percentile(h, 0.5)).toBe(30);
    expect(percentile(h, 0.9)).toBe(100);
    expect(percentile(h, 0.8)).toBe(60);
    expect(percentile(histogram([7]), 0.9)).toBe(7);
    expect(percentile(new Map(), 0.5)).toBeNull();
  });
});

describe('figures', () => {
  it('has no rates, only zeros, for an empty period', () => {
    const f = figuresFrom({ calls: [], attendances: [] }, { perDiversion: 338, currency: 'AUD' });
    expect(f).toMatchObject({
      calls: 0,
      attendances: 0,
      diversionRate: null,
      overrideRate: null,
      costAvoided: { amount: 0, currency: 'AUD' },
    });
    expect(f.recontact72h.rate).toBeNull();
    expect(f.processing.p50Sec).toBeNull();
  });

  it('bins processing time by 10 s up to 3 minutes, then one open bin', () => {
    const bins = processingBins(histogram([0, 9, 10, 59, 60, 179, 180, 900]));
    expect(bins).toHaveLength(19);
    expect(bins[0]).toEqual({ fromSec: 0, toSec: 10, calls: 2 });
    expect(bins[5]).toEqual({ fromSec: 50, toSec: 60, calls: 1 });
    expect(bins[6]).toEqual({ fromSec: 60, toSec: 70, calls: 1 });
    expect(bins[18]).toEqual({ fromSec: 180, toSec: null, calls: 2 });
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField(-81.24)).toBe('-81.24');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
  });
});
