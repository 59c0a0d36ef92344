import { compareNumeric, type SevenDayItem, seedOrder } from './metrics.window';
import { bodyOf, broughtUpToDate, written } from './performance-answers';

const item = (id: string, roas: string | null): SevenDayItem => ({
  id,
  roas,
  roasApprox: roas === null ? Number.NaN : Number(roas),
  json: '{}',
  bytes: 2,
});

describe('the 7-day answer in the seed order, kept in memory (seed 003 Sample Queries "ORDER BY roas DESC"; issue 12 point 11b)', () => {
  it('compares NUMERIC text exactly: by magnitude, not by text or by float', () => {
    expect(compareNumeric('10.0', '9.99')).toBeGreaterThan(0);
    expect(compareNumeric('2.5', '2.50000000000000000000')).toBe(0);
    expect(compareNumeric('0.1000000000000000000001', '0.1')).toBeGreaterThan(0);
    // Beyond a double's precision: equal as floats, not as numbers.
    expect(compareNumeric('1.00000000000000000001', '1.00000000000000000002')).toBeLessThan(0);
    expect(compareNumeric('123456789012345678901', '123456789012345678900')).toBeGreaterThan(0);
    expect(compareNumeric('0', '0.0000')).toBe(0);
    expect(compareNumeric('-1.5', '1')).toBeLessThan(0);
    expect(compareNumeric('-1.5', '-1.25')).toBeLessThan(0);
    expect(compareNumeric('-0.5', '0')).toBeLessThan(0);
  });

  it('ORDER BY roas DESC puts NULL first (as PostgreSQL does), then the highest ROAS; equal ROAS by campaign id', () => {
    const items = [
      item('b0000000-0000-4000-8000-000000000000', '2.0000'),
      item('a0000000-0000-4000-8000-000000000000', '2.00000000000000000000'),
      item('c0000000-0000-4000-8000-000000000000', null),
      item('d0000000-0000-4000-8000-000000000000', '10.5'),
      item('e0000000-0000-4000-8000-000000000000', '0.0000000000000000000000'),
      item('01000000-0000-4000-8000-000000000000', null),
    ];
    expect([...items].sort(seedOrder).map((i) => [i.id[0] + i.id[1], i.roas])).toEqual([
      ['01', null],
      ['c0', null],
      ['d0', '10.5'],
      ['a0', '2.00000000000000000000'],
      ['b0', '2.0000'],
      ['e0', '0.0000000000000000000000'],
    ]);
  });

  it('ROAS equal as doubles but not as numbers keep their exact order', () => {
    const items = [
      item('a0000000-0000-4000-8000-000000000000', '1.00000000000000000001'),
      item('b0000000-0000-4000-8000-000000000000', '1.00000000000000000002'),
      item('c0000000-0000-4000-8000-000000000000', '1'),
    ];
    expect([...items].sort(seedOrder).map((i) => i.roas)).toEqual(['1.00000000000000000002', '1.00000000000000000001', '1']);
  });

  it('a kept answer brought up to date by merging is in the order a whole sort gives', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const roas = () => [null, '0', '2.5', '2.50000000000000000001', '10', `${random(1000)}.${random(100)}`][random(6)];
    const all = Array.from({ length: 400 }, (_, n) => item(`${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`, roas()));
    // Every item's JSON differs (and some are not ASCII), so a byte copied from the wrong place shows.
    const named = all.map((i, n) => ({ ...i, json: `{"n":${n},"name":"é ✓ 𝄞 ${n}"}`, bytes: Buffer.byteLength(`{"n":${n},"name":"é ✓ 𝄞 ${n}"}`) }));
    const sorted = [...named].sort(seedOrder);
    // The kept answer held every item; a seventh of them changed (their new versions are fresh), a few went.
    const kept = written(sorted);
    const changed = new Set(named.filter((_, n) => n % 7 === 0 || n % 50 === 1).map((i) => i.id));
    const fresh = named.filter((_, n) => n % 7 === 0).map((i) => ({ ...i, json: i.json.replace('{', '{"new":true,'), bytes: i.bytes + 11 }));
    fresh.sort(seedOrder);
    const expected = written([...named.filter((i) => !changed.has(i.id)), ...fresh].sort(seedOrder));
    const merged = broughtUpToDate(kept, changed, fresh);
    expect(merged.items.map((i) => i.id)).toEqual(expected.items.map((i) => i.id));
    expect(merged.body.toString()).toBe(expected.body.toString());
    expect([...merged.starts]).toEqual([...expected.starts]);
    const gone = named.filter((_, n) => n % 7 !== 0 && n % 50 === 1).length;
    expect(JSON.parse(merged.body.toString()).items).toHaveLength(named.length - gone);
    expect(broughtUpToDate(written([]), new Set(), fresh).body.toString()).toBe(written(fresh).body.toString());
    expect(broughtUpToDate(kept, new Set(), []).body.toString()).toBe(kept.body.toString());
  });

  it('the answer is {"days":7,"items":[…]} with every item, also when there is none', () => {
    const named = { ...item('c0000000-0000-4000-8000-000000000000', '2'), json: '{"name":"é ✓ 𝄞"}', bytes: Buffer.byteLength('{"name":"é ✓ 𝄞"}') };
    const items = [item('a0000000-0000-4000-8000-000000000000', '1'), named, item('b0000000-0000-4000-8000-000000000000', null)];
    expect(JSON.parse(bodyOf(items).toString())).toEqual({ days: 7, items: [{}, { name: 'é ✓ 𝄞' }, {}] });
    expect(JSON.parse(bodyOf([]).toString())).toEqual({ days: 7, items: [] });
  });
});
