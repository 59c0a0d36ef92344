/**
 * Validation of the commerce query API's parameters and callers: every bad value is a 400
 * INVALID_QUERY that names it (the generic checks are shared/query-params.ts).
 */
import { contextScope, hasScope, type Principal } from '@campaign/runtime';
import { ForbiddenException } from '@nestjs/common';
import { intParam, invalid, uuidParam } from '../shared/query-params';

/** A service's token reads any org's rows, naming the org (`org_id`) in the query. */
export const COMMERCE_READ_SCOPE = contextScope('commerce', 'read');

/** Everyone of the shop reads: viewers (who may not write, libs/domain commerce/access.ts), editors and admins. */
export const COMMERCE_READERS = ['viewer', 'editor', 'admin'] as const;

/**
 * The org a request reads: a person's own (its token's org_id, with a reader's role), or, for a
 * service token granting commerce:read, the org it names in `org_id`. Nothing else is ever read.
 */
export const orgOf = (caller: Principal, orgParam: string | undefined): string => {
  if (caller.orgId) {
    if (!(COMMERCE_READERS as readonly string[]).includes(caller.role ?? '')) {
      throw new ForbiddenException({ code: 'COMMERCE_ROLE_REQUIRED', message: `Reading commerce needs the role ${COMMERCE_READERS.join(', ')}` });
    }
    if (orgParam !== undefined && orgParam.toLowerCase() !== caller.orgId) {
      throw new ForbiddenException({ code: 'TENANT_MISMATCH', message: 'A user token reads its own organization only' });
    }
    return caller.orgId;
  }
  if (!hasScope(caller, COMMERCE_READ_SCOPE)) {
    throw new ForbiddenException({ code: 'FORBIDDEN', message: `The token does not grant ${COMMERCE_READ_SCOPE}` });
  }
  if (orgParam === undefined) throw invalid('org_id', 'is required with a service token: name the organization to read');
  return uuidParam('org_id', orgParam);
};

/** Lists are pages of at most 500 rows, by offset. */
export const PAGE = { fallback: 100, max: 500 };

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export const pageOf = (q: Readonly<Record<string, string | undefined>>): Page => ({
  limit: intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max),
  offset: intParam('offset', q.offset, 0, 0, 1_000_000_000),
});

/**
 * A page's answer. The query asked for one row more than the limit: its presence says a next
 * page exists, without counting every row.
 */
export const paged = <T>(rows: readonly T[], { limit, offset }: Page) => ({
  items: rows.slice(0, limit),
  limit,
  offset,
  next_offset: rows.length > limit ? offset + limit : null,
});

/** A required parameter. */
export const required = (name: string, value: string | undefined): string => {
  if (value === undefined || value === '') throw invalid(name, 'is required');
  return value;
};

/** seed 001 budgets: a fiscal month is a calendar month (years 2000 to 2999, as the budget decider takes them); [start, end) as UTC instants (transaction_date's partitions are UTC months too). */
export const fiscalMonthOf = (q: Readonly<Record<string, string | undefined>>) => {
  const year = intParam('fiscal_year', required('fiscal_year', q.fiscal_year), 0, 2000, 2999);
  const month = intParam('fiscal_month', required('fiscal_month', q.fiscal_month), 0, 1, 12);
  return { year, month, start: new Date(Date.UTC(year, month - 1, 1)).toISOString(), end: new Date(Date.UTC(year, month, 1)).toISOString() };
};

/** KPI trend buckets, as date_trunc names them (UTC; a week starts on Monday). */
export const BUCKETS = ['day', 'week', 'month'] as const;

/**
 * An ISO-8601 instant with its zone (`2026-03-01T09:00:00Z`), or a date (midnight UTC); as ISO UTC.
 * The same as orchestration-query.params.ts's: a context may not import another's folder.
 */
export const instantParam = (name: string, value: string | undefined): string | null => {
  if (value === undefined) return null;
  const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw invalid(name, 'must be an ISO-8601 instant (2026-03-01T09:00:00Z) or a date (2026-03-01)');
  return new Date(at).toISOString();
};
