/**
 * Rejection codes of the orchestration context (seed 000). The seed names CHECK constraints,
 * not codes, so the codes follow the other contexts' convention (SCREAMING_SNAKE, subject
 * first); where a code enforces a seed CHECK, `details.rule` carries the constraint's name.
 * Adapters map them to HTTP statuses or to dead-letter.
 */
import { rejectionsOf } from '../shared/decider';

export enum OrchestrationErrorCode {
  // Workflow templates: details.step names the offending step, details.field the field.
  TEMPLATE_INVALID = 'TEMPLATE_INVALID',
  TEMPLATE_NO_STEPS = 'TEMPLATE_NO_STEPS',
  TEMPLATE_TOO_MANY_STEPS = 'TEMPLATE_TOO_MANY_STEPS',
  TEMPLATE_STEP_INVALID = 'TEMPLATE_STEP_INVALID',
  TEMPLATE_STEP_KEY_INVALID = 'TEMPLATE_STEP_KEY_INVALID',
  TEMPLATE_STEP_KEY_DUPLICATE = 'TEMPLATE_STEP_KEY_DUPLICATE',
  TEMPLATE_STEP_TIMEOUT_OUT_OF_RANGE = 'TEMPLATE_STEP_TIMEOUT_OUT_OF_RANGE',
  TEMPLATE_STEP_ATTEMPTS_OUT_OF_RANGE = 'TEMPLATE_STEP_ATTEMPTS_OUT_OF_RANGE',
  TEMPLATE_STEP_BACKOFF_INVALID = 'TEMPLATE_STEP_BACKOFF_INVALID',
  TEMPLATE_DEPENDENCY_UNKNOWN = 'TEMPLATE_DEPENDENCY_UNKNOWN',
  /** seed 000: steps depend on other steps — a step cannot wait for itself. */
  TEMPLATE_DEPENDENCY_SELF = 'TEMPLATE_DEPENDENCY_SELF',
  /** A cycle of any length would never become ready; details.cycle is its path (`a → b → a`). */
  TEMPLATE_DEPENDENCY_CYCLE = 'TEMPLATE_DEPENDENCY_CYCLE',
  // Workflow executions
  /** An instant that is not integer milliseconds within the platform's bounds. */
  WORKFLOW_TIME_INVALID = 'WORKFLOW_TIME_INVALID',
  /** seed 000 chk_workflow_timing: nothing of a workflow happens before it started. */
  WORKFLOW_TIMING_INVALID = 'WORKFLOW_TIMING_INVALID',
  /** The workflow completed or failed: it takes no more reports. */
  WORKFLOW_ALREADY_FINISHED = 'WORKFLOW_ALREADY_FINISHED',
  WORKFLOW_STEP_UNKNOWN = 'WORKFLOW_STEP_UNKNOWN',
  /** The step's status does not allow the report (completing a step never dispatched…). */
  WORKFLOW_STEP_INVALID_STATUS = 'WORKFLOW_STEP_INVALID_STATUS',
  /** A report names an attempt that was never dispatched. */
  WORKFLOW_STEP_ATTEMPT_UNKNOWN = 'WORKFLOW_STEP_ATTEMPT_UNKNOWN',
  /** A retry dispatched before its back-off elapsed. */
  WORKFLOW_STEP_RETRY_NOT_DUE = 'WORKFLOW_STEP_RETRY_NOT_DUE',
  /** A timeout reported before the attempt's timeout elapsed. */
  WORKFLOW_STEP_NOT_TIMED_OUT = 'WORKFLOW_STEP_NOT_TIMED_OUT',
  /** seed 000 chk_step_timing: a step's completed_at must be after its started_at. */
  WORKFLOW_STEP_TIMING_INVALID = 'WORKFLOW_STEP_TIMING_INVALID',
  /** A completion or failure report whose fields are out of range; details.field names it. */
  WORKFLOW_STEP_REPORT_INVALID = 'WORKFLOW_STEP_REPORT_INVALID',
  /** The step already finished differently: a second, different report for it. */
  WORKFLOW_STEP_REPORT_CONFLICT = 'WORKFLOW_STEP_REPORT_CONFLICT',
  // Who may act (the doc's "Scopes"): details.role and details.allowed.
  /** A person's role does not allow the command, or a person sent what only services send. */
  ORCHESTRATION_ROLE_REQUIRED = 'ORCHESTRATION_ROLE_REQUIRED',
  // Strategies: details.field names the offending field.
  STRATEGY_INVALID = 'STRATEGY_INVALID',
  STRATEGY_ALREADY_EXISTS = 'STRATEGY_ALREADY_EXISTS',
  STRATEGY_NOT_FOUND = 'STRATEGY_NOT_FOUND',
  // Orchestrators
  ORCHESTRATOR_INVALID = 'ORCHESTRATOR_INVALID',
  ORCHESTRATOR_ALREADY_EXISTS = 'ORCHESTRATOR_ALREADY_EXISTS',
  ORCHESTRATOR_NOT_FOUND = 'ORCHESTRATOR_NOT_FOUND',
  /** seed 000 RESTRICT: "cannot be deleted if it has active workflows"; details.workflows = how many. */
  ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS = 'ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS',
  // Workflow starts (on the orchestrator's stream)
  WORKFLOW_INVALID = 'WORKFLOW_INVALID',
  /** The workflow id was already started by this orchestrator. */
  WORKFLOW_ALREADY_EXISTS = 'WORKFLOW_ALREADY_EXISTS',
  /** No workflow was started under this id (a report or timer for an unknown execution). */
  WORKFLOW_NOT_FOUND = 'WORKFLOW_NOT_FOUND',
  // Campaigns: details.field names the offending field.
  CAMPAIGN_INVALID = 'CAMPAIGN_INVALID',
  CAMPAIGN_ALREADY_EXISTS = 'CAMPAIGN_ALREADY_EXISTS',
  /** Never created, or deleted (its content commands answer this too). */
  CAMPAIGN_NOT_FOUND = 'CAMPAIGN_NOT_FOUND',
  /** draft → active ⇄ paused → completed | cancelled; details.from and details.to. */
  CAMPAIGN_STATUS_TRANSITION_INVALID = 'CAMPAIGN_STATUS_TRANSITION_INVALID',
  /** seed 000 chk_campaign_timeline */
  CAMPAIGN_TIMELINE_INVALID = 'CAMPAIGN_TIMELINE_INVALID',
  /** seed 000 chk_campaign_progress */
  CAMPAIGN_PROGRESS_OUT_OF_RANGE = 'CAMPAIGN_PROGRESS_OUT_OF_RANGE',
  /** seed 000 chk_campaign_priority */
  CAMPAIGN_PRIORITY_INVALID = 'CAMPAIGN_PRIORITY_INVALID',
  // Content: details.field names the offending field.
  CONTENT_INVALID = 'CONTENT_INVALID',
  CONTENT_ALREADY_EXISTS = 'CONTENT_ALREADY_EXISTS',
  CONTENT_NOT_FOUND = 'CONTENT_NOT_FOUND',
  /** The parent named is not a (live) content of the same campaign. */
  CONTENT_PARENT_NOT_FOUND = 'CONTENT_PARENT_NOT_FOUND',
  /** Content is published once. */
  CONTENT_ALREADY_PUBLISHED = 'CONTENT_ALREADY_PUBLISHED',
  /** A relation of a content with itself, or of an unknown type. */
  CONTENT_RELATION_INVALID = 'CONTENT_RELATION_INVALID',
  /** An analytics measurement out of range (negative counts, revenue beyond DECIMAL(12,2), a bad date). */
  CONTENT_ANALYTICS_INVALID = 'CONTENT_ANALYTICS_INVALID',
  /** seed 000 chk_content_no_self_parent */
  CONTENT_SELF_PARENT = 'CONTENT_SELF_PARENT',
  /** The derivation chain would loop (any length); details.cycle is its path, child first. */
  CONTENT_DERIVATION_CYCLE = 'CONTENT_DERIVATION_CYCLE',
  /** seed 000 chk_content_publish_timing */
  CONTENT_PUBLISH_TIMING_INVALID = 'CONTENT_PUBLISH_TIMING_INVALID',
  /** seed 000 chk_content_schedule_timing, and at command time: the schedule is in the future. */
  CONTENT_SCHEDULE_TIMING_INVALID = 'CONTENT_SCHEDULE_TIMING_INVALID',
}

export const reject = rejectionsOf<OrchestrationErrorCode>();
