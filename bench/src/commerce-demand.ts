/**
 * The commerce bench's demand: a shop (one org, one agent, products with variants, stock per
 * variant, customers) and a sequence of orders drawing on it, all from a seeded PRNG, so that
 * every side of a run — and every run with the same settings — places exactly the same orders.
 * Which variants an order takes follows a Zipf law over a seeded ranking of the variants: a few
 * hot variants sell out early and their later orders are refused, the long tail keeps stock.
 */

export interface DemandSettings {
  readonly orders: number;
  readonly variants: number;
  readonly variantsPerProduct: number;
  /** Units received per variant before the orders start. */
  readonly stock: number;
  readonly customers: number;
  /** Zipf exponent of variant popularity (s ≈ 1.1: the top 1 % of 1,000 variants draw ~40 % of the lines). */
  readonly zipfS: number;
  /** Lines of an order: 1 to maxLines, distinct variants. */
  readonly maxLines: number;
  /** Units of a line: 1 to maxQuantity. */
  readonly maxQuantity: number;
  readonly seed: number;
}

export interface Variant {
  readonly variantId: string;
  readonly productId: string;
  readonly sku: string;
  /** Decimal text, two places. */
  readonly price: string;
}

export interface Product {
  readonly productId: string;
  readonly variants: readonly Variant[];
}

/** One line of a demanded order: `variant` indexes Shop.variants. */
export interface DemandLine {
  readonly variant: number;
  readonly quantity: number;
}

export interface DemandOrder {
  readonly orderId: string;
  readonly customer: number;
  /** Sorted by variant id: the reference takes its row locks in that order (no deadlocks). */
  readonly lines: readonly DemandLine[];
}

export interface Shop {
  readonly orgId: string;
  readonly agentId: string;
  readonly products: readonly Product[];
  readonly variants: readonly Variant[];
  readonly customerIds: readonly string[];
}

export interface Demand {
  readonly shop: Shop;
  readonly orders: readonly DemandOrder[];
}

/** sfc32: small, fast, and the same numbers on every machine for the same seed. */
export const seededRandom = (seed: number): (() => number) => {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
};

/** A version-4 UUID from the PRNG (the domain checks ids are UUIDs; the run's ids repeat with its seed). */
const uuidOf = (random: () => number): string => {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Draws a rank 0…n−1 with P(k) ∝ (k+1)^−s, by binary search of the cumulative weights. */
const zipfSampler = (n: number, s: number, random: () => number): (() => number) => {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += (k + 1) ** -s;
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
};

const shuffled = (n: number, random: () => number): number[] => {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
};

const shopOf = (s: DemandSettings, random: () => number): Shop => {
  const products: Product[] = [];
  for (let first = 0; first < s.variants; first += s.variantsPerProduct) {
    const productId = uuidOf(random);
    const count = Math.min(s.variantsPerProduct, s.variants - first);
    const variants = Array.from({ length: count }, (_, i) => ({
      variantId: uuidOf(random),
      productId,
      sku: `BENCH-${first + i}`,
      price: (1 + Math.floor(random() * 9_900) / 100).toFixed(2),
    }));
    products.push({ productId, variants });
  }
  const customerIds = Array.from({ length: s.customers }, () => uuidOf(random));
  return { orgId: uuidOf(random), agentId: uuidOf(random), products, variants: products.flatMap((p) => p.variants), customerIds };
};

/** The same settings always give the same shop and the same orders, in the same sequence. */
export const demandOf = (s: DemandSettings): Demand => {
  const random = seededRandom(s.seed);
  const shop = shopOf(s, random);
  // Popularity rank → variant: the hot variants are spread over the products, not the first ones.
  const byRank = shuffled(s.variants, random);
  const rank = zipfSampler(s.variants, s.zipfS, random);
  const orders: DemandOrder[] = [];
  for (let i = 0; i < s.orders; i++) {
    const count = 1 + Math.floor(random() * Math.min(s.maxLines, s.variants));
    const taken = new Set<number>();
    while (taken.size < count) taken.add(byRank[rank()]);
    const lines = [...taken].map((variant) => ({ variant, quantity: 1 + Math.floor(random() * s.maxQuantity) }));
    lines.sort((x, y) => (shop.variants[x.variant].variantId < shop.variants[y.variant].variantId ? -1 : 1));
    orders.push({ orderId: uuidOf(random), customer: Math.floor(random() * s.customers), lines });
  }
  return { shop, orders };
};

/** What the demand asks for, and what a one-at-a-time shop would decide in the demand's order. */
export const demandSummary = (demand: Demand, stock: number) => {
  const units = new Array<number>(demand.shop.variants.length).fill(0);
  const left = new Array<number>(demand.shop.variants.length).fill(stock);
  let lines = 0;
  let sequentialAccepted = 0;
  for (const order of demand.orders) {
    lines += order.lines.length;
    for (const line of order.lines) units[line.variant] += line.quantity;
    if (order.lines.every((l) => left[l.variant] >= l.quantity)) {
      sequentialAccepted++;
      for (const l of order.lines) left[l.variant] -= l.quantity;
    }
  }
  const sorted = [...units].sort((a, b) => b - a);
  const total = units.reduce((a, b) => a + b, 0);
  return {
    lines,
    units_demanded: total,
    units_in_stock: stock * units.length,
    variants_demanded_beyond_stock: units.filter((u) => u > stock).length,
    hottest_variant_share: Math.round((sorted[0] / total) * 1000) / 1000,
    top_1pct_share: Math.round((sorted.slice(0, Math.max(1, Math.floor(units.length / 100))).reduce((a, b) => a + b, 0) / total) * 1000) / 1000,
    sequential_accepted: sequentialAccepted,
  };
};
