/**
 * Ids of read-model rows that no event names: derived from what identifies the row, so a
 * redelivered event finds the row it wrote and a rebuild writes the same ids again.
 */
import { nameUuid as uuidOf } from '@campaign/contracts';

/** A name-based UUID (version 5 layout over SHA-1) of the parts, within this context's namespace. */
const nameUuid = (...parts: readonly string[]): string => uuidOf('orchestration-read-model', ...parts);

/** campaign_workflow_steps: one row per step of an execution (UNIQUE (workflow_id, step_key)). */
export const stepRowId = (workflowId: string, stepKey: string): string => nameUuid('step', workflowId, stepKey);

/** agent_orchestration_performance: one row per attempt of a step. */
export const attemptRowId = (workflowId: string, stepKey: string, attempt: number): string => nameUuid('attempt', workflowId, stepKey, String(attempt));

/** campaign_content_relationships: one row per (source, target, type). */
export const relationshipRowId = (source: string, target: string, type: string): string => nameUuid('relationship', source, target, type);

/** campaign_analytics: one row per (campaign, content, date, platform); a missing part is its own value. */
export const analyticsRowId = (campaignId: string, contentId: string | null, date: string, platform: string | null): string =>
  nameUuid('analytics', campaignId, contentId ?? '', date, platform ?? '');

/** campaign_calendar: one row per kind of date of an owner (campaign, content, workflow), and per step for timeouts. */
export const calendarRowId = (eventType: string, ownerId: string, stepKey = ''): string => nameUuid('calendar', eventType, ownerId, stepKey);
