import { ads } from '@campaign/domain';

/**
 * seed 003 campaign_metrics' derived columns (cpc, cpm, ctr, roas, roi) from base figures — one
 * bucket's or summed ones — at scale 4, null where the denominator is zero: the domain's rule.
 */
export const kpisOf = (figures: ads.MetricFigures): ads.Kpis => ads.computeKpis(figures);
