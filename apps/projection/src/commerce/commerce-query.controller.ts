import { commerce } from '@campaign/domain';
import { Caller, type Principal } from '@campaign/runtime';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { checkQuery, intParam, invalid, oneOf, uuidParam } from '../shared/query-params';
import type { Reader } from '../shared/read-as';
import { BUCKETS, fiscalMonthOf, instantParam, type Page, pageOf, paged, orgOf, required } from './commerce-query.params';
import { CommerceQueryService } from './commerce-query.service';
import * as SQL from './commerce-query.sql';

const Code = { ...commerce.CommerceErrorCode, ...commerce.CommerceWorkErrorCode };
type Query = Record<string, unknown>;

/** seed 001 tasks: `open` is work not yet done, pending or in progress (agent_performance.tasks_open counts the same). */
const OPEN = ['pending', 'in_progress'];
const TASK_FILTERS = ['open', ...commerce.TASK_STATUSES] as const;

/** One page more than asked: `paged` tells from the extra row whether a next page exists. */
const window = ({ limit, offset }: Page) => [limit + 1, offset];

/**
 * The commerce query API over seed 001's read models: the queries its composite indexes serve,
 * its three materialized views, budgets against spending and KPI trends. A person reads its org
 * with the role viewer, editor or admin; a service token with commerce:read names the org.
 * Row-level security confines every statement (commerce.rls.ts).
 */
@Controller('v1/commerce')
export class CommerceQueryController {
  constructor(private readonly queries: CommerceQueryService) {}

  /** seed 001 idx_orders_customer_created: a customer's orders, newest first, each with its lines. */
  @Get('customers/:customerId/orders')
  async orders(@Caller() caller: Principal, @Param('customerId') id: string, @Query() query: Query) {
    const q = checkQuery(query, ['limit', 'offset', 'org_id']);
    const [orgId, customerId, page] = [orgOf(caller, q.org_id), uuidParam('customerId', id), pageOf(q)];
    return this.queries.asOrg(orgId, async (read) => {
      await visible(read, SQL.CUSTOMER_EXISTS, customerId, Code.CUSTOMER_NOT_FOUND, 'Customer');
      const orders = await read<{ id: string }>(SQL.ORDERS_OF_CUSTOMER, [customerId, ...window(page)]);
      const items = groupBy(await read<{ order_id: string }>(SQL.ITEMS_OF_ORDERS, [orders.map((o) => o.id)]), 'order_id');
      return paged(
        orders.map((order) => ({ ...order, items: items.get(order.id) ?? [] })),
        page,
      );
    });
  }

  /** seed 001 idx_tasks_agent_status: an agent's tasks, most urgent first; `status=open` is pending and in_progress. */
  @Get('agents/:agentId/tasks')
  async tasks(@Caller() caller: Principal, @Param('agentId') id: string, @Query() query: Query) {
    const q = checkQuery(query, ['status', 'limit', 'offset', 'org_id']);
    const [orgId, agentId, page] = [orgOf(caller, q.org_id), uuidParam('agentId', id), pageOf(q)];
    const filter = oneOf('status', q.status, TASK_FILTERS);
    const statuses = filter === null ? commerce.TASK_STATUSES : filter === 'open' ? OPEN : [filter];
    return this.queries.asOrg(orgId, async (read) => {
      await visible(read, SQL.AGENT_EXISTS, agentId, Code.AGENT_NOT_FOUND, 'Agent');
      return paged(await read(SQL.TASKS_OF_AGENT, [agentId, statuses, ...window(page)]), page);
    });
  }

  /** seed 001 idx_products_collection_status: a collection's products (in one status, or all), by name, with their variants. */
  @Get('products')
  async products(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['collection', 'status', 'limit', 'offset', 'org_id']);
    const [orgId, collection, page] = [orgOf(caller, q.org_id), required('collection', q.collection), pageOf(q)];
    const status = oneOf('status', q.status, commerce.PRODUCT_STATUSES);
    return this.queries.asOrg(orgId, async (read) => {
      const products = await read<{ id: string }>(SQL.PRODUCTS_OF_COLLECTION, [collection, status ? [status] : commerce.PRODUCT_STATUSES, ...window(page)]);
      const variants = groupBy(await read<{ product_id: string }>(SQL.VARIANTS_OF_PRODUCTS, [products.map((p) => p.id)]), 'product_id');
      return paged(
        products.map((product) => ({ ...product, variants: variants.get(product.id) ?? [] })),
        page,
      );
    });
  }

  /** Stock of a product's variants, or of one variant: per location on hand, reserved, available, and the variant's totals. */
  @Get('inventory')
  async inventory(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['product_id', 'variant_id', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const productId = q.product_id === undefined ? null : uuidParam('product_id', q.product_id);
    const variantId = q.variant_id === undefined ? null : uuidParam('variant_id', q.variant_id);
    if (productId === null && variantId === null) throw invalid('product_id', 'or variant_id is required');
    return this.queries.asOrg(orgId, async (read) => {
      const rows = await read<StockRow>(SQL.STOCK, [productId, variantId]);
      if (rows.length > 0) return { items: stockOf(rows) };
      if (variantId !== null) throw notFound(Code.VARIANT_NOT_FOUND, `Variant ${variantId} does not exist${productId ? ` in product ${productId}` : ''}`);
      await visible(read, SQL.PRODUCT_EXISTS, productId as string, Code.PRODUCT_NOT_FOUND, 'Product');
      return { items: [] };
    });
  }

  /** seed 001 "Materialized Views: Customer lifetime value": the top customers by `order` (total_spent by default). */
  @Get('customers/lifetime-value')
  async topLifetimeValues(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['order', 'limit', 'offset', 'org_id']);
    const [orgId, page] = [orgOf(caller, q.org_id), pageOf(q)];
    const order = oneOf('order', q.order, SQL.CLV_ORDERS, 'total_spent');
    return { order, ...paged(await this.queries.asOrg(orgId, (read) => read(SQL.topLifetimeValues(order), window(page))), page) };
  }

  /** seed 001 "Materialized Views: Customer lifetime value" of one customer (as of the view's last refresh). */
  @Get('customers/:customerId/lifetime-value')
  async lifetimeValue(@Caller() caller: Principal, @Param('customerId') id: string, @Query() query: Query) {
    const q = checkQuery(query, ['org_id']);
    const [orgId, customerId] = [orgOf(caller, q.org_id), uuidParam('customerId', id)];
    const [row] = await this.queries.asOrg(orgId, (read) => read(SQL.CUSTOMER_LIFETIME_VALUE, [customerId]));
    if (!row) throw notFound(Code.CUSTOMER_NOT_FOUND, `Customer ${customerId} does not exist`);
    return row;
  }

  /** seed 001 "Materialized Views: Product performance summaries", of one collection or all, by revenue. */
  @Get('products/performance')
  async productPerformance(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['collection', 'limit', 'offset', 'org_id']);
    const [orgId, page] = [orgOf(caller, q.org_id), pageOf(q)];
    const collection = q.collection === undefined ? null : required('collection', q.collection);
    return paged(await this.queries.asOrg(orgId, (read) => read(SQL.PRODUCT_PERFORMANCE, [collection, ...window(page)])), page);
  }

  /** seed 001 "Materialized Views: Agent performance metrics", by attributed revenue. */
  @Get('agents/performance')
  async agentPerformance(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['limit', 'offset', 'org_id']);
    const [orgId, page] = [orgOf(caller, q.org_id), pageOf(q)];
    return paged(await this.queries.asOrg(orgId, (read) => read(SQL.AGENT_PERFORMANCE, window(page))), page);
  }

  /** seed 001 budgets against the expense transactions of the same fiscal month (UTC), per category. */
  @Get('budgets')
  async budgets(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['fiscal_year', 'fiscal_month', 'org_id']);
    const [orgId, { year, month, start, end }] = [orgOf(caller, q.org_id), fiscalMonthOf(q)];
    const items = await this.queries.asOrg(orgId, (read) => read(SQL.BUDGET_VS_SPENT, [year, month, start, end]));
    return { fiscal_year: year, fiscal_month: month, items };
  }

  /** A KPI's measurements per UTC day, week or month in [from, to): average, minimum, maximum, last value, and the target. */
  @Get('kpis/:kpiId/trend')
  async kpiTrend(@Caller() caller: Principal, @Param('kpiId') id: string, @Query() query: Query) {
    const q = checkQuery(query, ['from', 'to', 'bucket', 'limit', 'org_id']);
    const [orgId, kpiId] = [orgOf(caller, q.org_id), uuidParam('kpiId', id)];
    const [from, to] = [instantParam('from', q.from), instantParam('to', q.to)];
    if (from !== null && to !== null && from >= to) throw invalid('from', 'must come before to');
    const bucket = oneOf('bucket', q.bucket, BUCKETS, 'day');
    const limit = intParam('limit', q.limit, 500, 1, 500);
    return this.queries.asOrg(orgId, async (read) => {
      const [kpi] = await read<{ target_value: unknown }>(SQL.KPI, [kpiId]);
      if (!kpi) throw notFound(Code.KPI_NOT_FOUND, `KPI ${kpiId} does not exist`);
      const buckets = await read(SQL.KPI_TREND, [kpiId, bucket, from, to, limit]);
      return { ...kpi, bucket, from, to, items: buckets.map((b) => ({ ...b, target_value: kpi.target_value })) };
    });
  }
}

const notFound = (code: string, message: string) => new NotFoundException({ code, message });

/** Another org's row, or a deleted one, does not exist. */
const visible = async (read: Reader, sql: string, id: string, code: string, what: string): Promise<void> => {
  if ((await read(sql, [id])).length === 0) throw notFound(code, `${what} ${id} does not exist`);
};

/** Rows by the value of one column, in their order. */
const groupBy = <R extends Record<string, unknown>>(rows: readonly R[], key: keyof R): Map<unknown, R[]> => {
  const groups = new Map<unknown, R[]>();
  for (const row of rows) groups.set(row[key], [...(groups.get(row[key]) ?? []), row]);
  return groups;
};

interface StockRow extends Record<string, unknown> {
  readonly product_id: string;
  readonly variant_id: string;
  readonly sku: string;
  readonly location: string | null;
  readonly on_hand: number | null;
  readonly reserved: number | null;
  readonly available: number | null;
}

/** One item per variant: its locations and their sums (a variant stocked nowhere has none, and zeros). */
const stockOf = (rows: readonly StockRow[]) =>
  [...groupBy(rows, 'variant_id').values()].map((lines) => {
    const located = lines.filter((line) => line.location !== null);
    const sum = (column: 'on_hand' | 'reserved' | 'available') => located.reduce((total, line) => total + (line[column] ?? 0), 0);
    return {
      product_id: lines[0].product_id,
      variant_id: lines[0].variant_id,
      sku: lines[0].sku,
      locations: located.map(({ location, on_hand, reserved, available }) => ({ location, on_hand, reserved, available })),
      total: { on_hand: sum('on_hand'), reserved: sum('reserved'), available: sum('available') },
    };
  });
