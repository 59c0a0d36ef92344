import { assignVariant, variantDraw } from './variant';
import { CAMPAIGN_ID, contactId } from './testing';

const IDS = Array.from({ length: 10_000 }, (_, i) => contactId(i));

describe('A/B variant assignment', () => {
  it('is reproducible: the same campaign and contact always get the same variant', () => {
    expect(IDS.slice(0, 100).map((id) => assignVariant(CAMPAIGN_ID, id, 50))).toEqual(IDS.slice(0, 100).map((id) => assignVariant(CAMPAIGN_ID, id, 50)));
  });

  // Pinned: a change of the hash would re-split every A/B campaign replayed from its commands.
  it('keeps the draws it has always made', () => {
    expect([0, 1, 2, 3].map((n) => variantDraw(CAMPAIGN_ID, contactId(n)))).toEqual([
      0.5222093402408063, 0.9146285764873028, 0.5402586502023041, 0.27750185457989573,
    ]);
  });

  it('draws a number in [0, 1)', () => {
    const draws = IDS.map((id) => variantDraw(CAMPAIGN_ID, id));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  // seed 004: Split Logic — "Value of 70 = 70% A, 30% B"; ab_split_percentage is the share of variant A.
  it.each([10, 50, 70, 90])('ab_split_percentage %i puts that share of 10,000 contacts in variant A (±2 points)', (split) => {
    const shareA = (IDS.filter((id) => assignVariant(CAMPAIGN_ID, id, split) === 'A').length / IDS.length) * 100;
    expect(Math.abs(shareA - split)).toBeLessThanOrEqual(2);
  });

  it('another campaign splits the same contacts differently', () => {
    const other = '223e4567-e89b-42d3-a456-426614174001';
    const differing = IDS.filter((id) => assignVariant(CAMPAIGN_ID, id, 50) !== assignVariant(other, id, 50)).length;
    expect(differing).toBeGreaterThan(4000);
  });
});
