import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { lastSevenDays, type PlacedItem, type SevenDayItem, seedOrder, sevenDayChanges } from './metrics.window';
import { WINDOW_START } from './metrics.schema';

/** Orgs whose last answer is kept (about 2.5 MB each at 10,000 campaigns: the bytes sent, ids and ROAS). */
const CACHED_ORGS = 16;

/**
 * Past this share of the answer's campaigns changed, the answer is read whole again: merging
 * that many costs about as much, and one statement reads them all.
 */
const MERGE_SHARE = 0.25;

/** `cache`: served as kept; `changes`: the kept answer brought up to date; `postgres`: read whole. */
export type AnswerSource = 'cache' | 'changes' | 'postgres';

interface Kept extends Answer {
  /** Everything a change of which makes the whole answer read again. */
  readonly base: string;
  /** Everything the answer is made of (base, the facts' offsets, the campaigns' version). */
  readonly version: string;
  /** The snapshot the answer was read in or last brought up to date in. */
  readonly snapshot: string;
}

/**
 * seed 003 "Get campaign performance (last 7 days)" with the last answer per org kept in memory
 * (issue 12 point 11b: p99 ≤ 100 ms over 10,000 campaigns). Never stale: every request reads, in
 * its own snapshot, the version of everything the answer is made of:
 * - unchanged: the kept answer is served as it is. The facts: every facts batch rewrites its
 *   partition's metric_fact_offsets row in the transaction of its rows and window deltas
 *   (metric-facts.projection.ts), so the rows' xmin and last_offset change with every batch; the
 *   campaigns' names, platforms and orgs: a trigger bumps campaign_metrics_campaigns_version.
 * - a fact, a campaign or the window's slide changed: only the campaigns whose window row or
 *   campaigns row was written (or whose window row went) by a transaction the kept answer's
 *   snapshot did not see are read (sevenDayChanges), and put in their place in the seed's order.
 * - the window was built again (rebuildWindow bumps campaign_metrics_window_state.version) or the
 *   window table is another (a rebuild swaps schemas): the answer is read whole. While a slide is
 *   pending (S moved, the answer is corrected from campaign_metrics), nothing is kept.
 */
export class PerformanceAnswers {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly schema: string) {}

  /**
   * The org's answer, `{"days":7,"items":[…]}`, as the bytes sent (UTF-8, encoded once); the
   * caller's transaction is REPEATABLE READ (one snapshot for the version and the answer).
   */
  async read(client: PoolClient, orgId: string): Promise<{ body: Buffer; source: AnswerSource }> {
    const now = await this.version(client);
    const cached = this.kept.get(orgId);
    if (cached && cached.version === now.version) return { body: cached.body, source: 'cache' };
    if (now.kept !== now.nowStart) {
      this.kept.delete(orgId);
      return { body: bodyOf(await lastSevenDays(client, this.schema, orgId, now)), source: 'postgres' };
    }
    if (cached && cached.base === now.base) {
      const changes = await sevenDayChanges(client, this.schema, orgId, cached.snapshot);
      if (changes.length === 0) {
        // Another org's facts or campaigns: this answer stands, seen from the newer snapshot.
        this.kept.set(orgId, { ...cached, version: now.version, snapshot: now.snapshot });
        return { body: cached.body, source: 'cache' };
      }
      if (changes.length <= cached.items.length * MERGE_SHARE) {
        const changed = new Set(changes.map((change) => change.id));
        const fresh = changes.flatMap(({ item }) => (item ? [item] : [])).sort(seedOrder);
        return { body: this.keep(orgId, now, broughtUpToDate(cached, changed, fresh)).body, source: 'changes' };
      }
    }
    return { body: this.keep(orgId, now, written(await lastSevenDays(client, this.schema, orgId, now))).body, source: 'postgres' };
  }

  private keep(orgId: string, now: { base: string; version: string; snapshot: string }, answer: Answer): Kept {
    const kept: Kept = { base: now.base, version: now.version, snapshot: now.snapshot, ...answer };
    this.kept.delete(orgId);
    this.kept.set(orgId, kept);
    // The least recently computed org goes first (a Map iterates in insertion order).
    if (this.kept.size > CACHED_ORGS) this.kept.delete(this.kept.keys().next().value as string);
    return kept;
  }

  private async version(client: PoolClient): Promise<{ kept: string; nowStart: string; base: string; version: string; snapshot: string }> {
    const s = quoteIdent(this.schema);
    const { rows } = await client.query<{ kept: string; now_start: string; base: string; facts: string; snapshot: string }>(
      `SELECT st.window_start::text AS kept, (${WINDOW_START})::text AS now_start,
              concat_ws('/', to_regclass($1)::oid, st.version) AS base,
              concat_ws('/', cv.version,
                (SELECT string_agg(concat_ws(':', o.topic, o.partition, o.last_offset, o.xmin), ',' ORDER BY o.topic, o.partition)
                   FROM ${s}.metric_fact_offsets o)) AS facts,
              pg_current_snapshot()::text AS snapshot
         FROM ${s}.campaign_metrics_window_state st CROSS JOIN ${s}.campaign_metrics_campaigns_version cv`,
      [`${s}.campaign_metrics_window`],
    );
    const { kept, now_start: nowStart, base, snapshot } = rows[0];
    return { kept, nowStart, base, version: `${base}|${kept}|${nowStart}|${rows[0].facts}`, snapshot };
  }
}

/** An answer: its items in the seed's order, its bytes, and where each item's JSON starts in them. */
export interface Answer {
  readonly items: readonly PlacedItem[];
  readonly body: Buffer;
  readonly starts: Int32Array;
}

/**
 * The kept answer without the `changed` campaigns, with `fresh` (in the seed's order) merged in:
 * one comparison per item, not a sort of the whole answer, and the kept items' bytes copied from
 * the kept body rather than encoded again (encoding 10,000 items' JSON took ~6 ms an answer).
 */
export const broughtUpToDate = (kept: Answer, changed: ReadonlySet<string>, fresh: readonly SevenDayItem[]): Answer => {
  const staying: number[] = [];
  for (let i = 0; i < kept.items.length; i++) if (!changed.has(kept.items[i].id)) staying.push(i);
  const total = staying.length + fresh.length;
  const items: (PlacedItem | SevenDayItem)[] = new Array(total);
  // Where each item's bytes are in the kept body, -1 for a fresh one (encoded from its JSON text).
  const from = new Int32Array(total);
  let i = 0;
  let j = 0;
  for (let k = 0; k < total; k++) {
    const a = i < staying.length ? kept.items[staying[i]] : null;
    if (a && (j >= fresh.length || seedOrder(a, fresh[j]) <= 0)) {
      items[k] = a;
      from[k] = kept.starts[staying[i++]];
    } else {
      items[k] = fresh[j++];
      from[k] = -1;
    }
  }
  return laidOut(items, from, kept.body);
};

const OPEN = '{"days":7,"items":[';
const CLOSE = ']}';
const COMMA = 0x2c;

/** `{"days":7,"items":[…]}` for items in the seed's order, written into one buffer. */
export const written = (items: readonly SevenDayItem[]): Answer => laidOut(items, null, null);

/**
 * The answer's bytes, each item's JSON copied from `source` at `from[i]` when that is not -1,
 * else encoded from its text. The items kept with it drop their text: an answer kept in memory
 * holds its JSON once, in its bytes (the texts of 10,000 items, ~2 MB, survived young-generation
 * collections and made each one copy them: 20–150 ms pauses under the bench).
 */
const laidOut = (items: readonly (PlacedItem | SevenDayItem)[], from: Int32Array | null, source: Buffer | null): Answer => {
  let length = OPEN.length + CLOSE.length + Math.max(items.length - 1, 0);
  for (const item of items) length += item.bytes;
  const body = Buffer.allocUnsafe(length);
  const starts = new Int32Array(items.length);
  const placed: PlacedItem[] = new Array(items.length);
  let at = body.write(OPEN, 0, 'latin1');
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) body[at++] = COMMA;
    starts[i] = at;
    const start = from ? from[i] : -1;
    if (start >= 0 && source) {
      at += source.copy(body, at, start, start + item.bytes);
      placed[i] = item;
    } else {
      at += body.write((item as SevenDayItem).json, at);
      placed[i] = { id: item.id, roas: item.roas, roasApprox: item.roasApprox, bytes: item.bytes };
    }
  }
  body.write(CLOSE, at, 'latin1');
  return { items: placed, body, starts };
};

/** The answer's bytes for `items` (in the seed's order). */
export const bodyOf = (items: readonly SevenDayItem[]): Buffer => written(items).body;
