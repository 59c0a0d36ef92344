/**
 * Who is calling, as a verified token says: never a header or a message field alone.
 *
 * A user token names its organization (`org_id`) and its role (seed 004's RLS claims); such a
 * principal is bound to its tenant. A service or operator token names no org and carries
 * scopes instead (`scope`, space-separated, or `scp`, a list), granting whole capabilities.
 */
export interface Principal {
  readonly subject: string;
  /** The tenant the principal is confined to; null for a service or an operator. */
  readonly orgId: string | null;
  readonly role: string | null;
  readonly scopes: ReadonlySet<string>;
  /** What the audit trail records: `user:<sub>` or `service:<sub>`. */
  readonly actor: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * The scopes of this platform. A route or a command topic names the scope it needs; a token
 * carries the scopes its holder was granted by whoever issues tokens (an identity provider).
 */
export const SCOPES = {
  /** The scheduler's timer listings. */
  timersRead: 'timers:read',
  /** Operator actions on timers (fire now). */
  timersOperate: 'timers:operate',
  /** Read-model rebuilds and dead-letter redrives. */
  projectionAdmin: 'projection:admin',
  /** Listing the `<context>.dead-letter` topics (campaign-command). */
  deadLettersRead: 'dead-letters:read',
  /** Republishing those letters after a fix. */
  deadLettersRedrive: 'dead-letters:redrive',
} as const;

/**
 * A context's own scopes: `<context>:write`, its commands over HTTP or its Kafka command topic;
 * `<context>:read`, its query API; `<context>:service`, its commands on behalf of any org
 * (internal services of an org-scoped context: the scheduler, the ingest, the dispatcher);
 * `<context>:agent`, a worker's reports about the work the context dispatched to it (orchestration's agents).
 */
export const contextScope = (context: string, access: 'write' | 'read' | 'service' | 'agent'): string => `${context}:${access}`;

/** Every scope of the platform for these contexts: an operator's or a test's all-powerful token. */
export const allScopes = (contexts: readonly string[]): string[] => [
  ...Object.values(SCOPES),
  ...contexts.flatMap((context) => (['write', 'read', 'service'] as const).map((access) => contextScope(context, access))),
];

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const hasScope = (principal: Principal, scope: string): boolean => principal.scopes.has(scope);
