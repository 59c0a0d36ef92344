/**
 * The orchestration context's enumerations and limits (seed 000 prints no column types for
 * them; the read model's columns hold exactly these).
 */

/** draft → active ⇄ paused → completed | cancelled (campaign.decide.ts holds the transitions). */
export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Where a piece of content stands in its review; publishing is a fact of its own (ContentPublished). */
export const CONTENT_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'archived'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/** seed 000: "tracks references, dependencies, and connections" between content pieces. */
export const RELATIONSHIP_TYPES = ['references', 'depends_on', 'repurposes', 'translates', 'supports'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** People's roles (a JWT's `role`); services carry none. */
export const ORCHESTRATION_ROLES = ['viewer', 'editor', 'admin'] as const;
export type OrchestrationRole = (typeof ORCHESTRATION_ROLES)[number];

/** The A/B label of an execution when the starter names none. */
export const DEFAULT_VARIANT = 'default';

export const ORCHESTRATION_LIMITS = {
  strategyName: 200,
  strategyType: 100,
  orchestratorName: 255,
  campaignName: 255,
  description: 10_000,
  variant: 50,
  contentTitle: 500,
  contentType: 50,
  platform: 50,
  contentMarkdown: 100_000,
  stepKey: 63,
  /** Serialized size of a JSON object field (settings, target audience). */
  jsonBytes: 64_000,
  /**
   * Serialized size of a step's output: it travels in StepCompleted and again in the
   * StepDispatched of each dependent step, and an event is at most 512 KiB on the wire.
   */
  stepOutput: 100_000,
} as const;

/** A free-form JSON object (JSONB in the read model; a `json` string on the wire). */
export type JsonObject = Readonly<Record<string, unknown>>;
