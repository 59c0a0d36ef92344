/**
 * Revenue attribution of a payment (seed 001 revenue_attribution: "Must credit an agent"). The
 * touches are the customer's interactions within the window before the payment; each credits
 * its agent (or the order's agent when it names none) and its campaign. last_touch gives the
 * whole to the latest touch; linear splits it evenly, the odd cents to the latest touches. With
 * no touch the order's agent gets the whole. Amounts sum to the payment to the cent, shares to 1
 * exactly (the last share is what the others leave); one row per (agent, campaign).
 */
import type { AttributionModel } from './configuration';
import type { Touch } from './customer';
import type { Attribution } from './order';
import { money } from './values';

const DAY_MS = 86_400_000;
const SHARE_SCALE = 100_000_000n;

const shareText = (units: bigint): string => `${units / SHARE_SCALE}.${String(units % SHARE_SCALE).padStart(8, '0')}`;

/** The touches that count: inside the window, oldest first. */
export const touchesInWindow = (touches: readonly Touch[], paidAt: string, windowDays: number): Touch[] => {
  const end = Date.parse(paidAt);
  const start = end - windowDays * DAY_MS;
  return touches
    .filter((t) => Date.parse(t.occurredAt) >= start && Date.parse(t.occurredAt) <= end)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
};

export const attribute = (totalCents: bigint, model: AttributionModel, touches: readonly Touch[], orderAgentId: string): Attribution[] => {
  const credited = touches.map((t) => ({ agentId: t.agentId ?? orderAgentId, campaignId: t.campaignId }));
  const chosen = credited.length === 0 ? [{ agentId: orderAgentId, campaignId: null }] : model === 'last_touch' ? [credited[credited.length - 1]] : credited;
  const n = BigInt(chosen.length);
  // Even split; the odd cents go to the latest touches, one each.
  const cents = chosen.map((_, i) => totalCents / n + (BigInt(chosen.length - 1 - i) < totalCents % n ? 1n : 0n));
  const merged = new Map<string, { agentId: string; campaignId: string | null; cents: bigint; units: bigint }>();
  chosen.forEach((touch, i) => {
    const key = `${touch.agentId}|${touch.campaignId ?? ''}`;
    const row = merged.get(key) ?? { ...touch, cents: 0n, units: 0n };
    merged.set(key, { ...row, cents: row.cents + cents[i], units: row.units + SHARE_SCALE / n });
  });
  const rows = [...merged.values()];
  const others = rows.slice(0, -1).reduce((sum, row) => sum + row.units, 0n);
  return rows.map((row, i) => ({
    agentId: row.agentId,
    campaignId: row.campaignId,
    share: shareText(i === rows.length - 1 ? SHARE_SCALE - others : row.units),
    amount: money(row.cents),
  }));
};
