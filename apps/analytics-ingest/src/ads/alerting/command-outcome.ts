import type { AdsCommandOutcome } from '../shared/ads-ingest.ports';

/** Rejections that say nothing about the command: the command side failed (as outreach's ingest reads them). */
const TRANSIENT = new Set(['INTERNAL_ERROR']);

/**
 * Throws for a transient rejection, so the batch (or the analysis) is tried again with the same
 * command ids; any other outcome is the command side's answer and is returned.
 */
export const settled = (outcome: AdsCommandOutcome, what: string): AdsCommandOutcome => {
  if (outcome.status === 'REJECTED' && TRANSIENT.has(outcome.code ?? '')) throw new Error(`${what}: ${outcome.code} ${outcome.message ?? ''}`.trim());
  return outcome;
};
