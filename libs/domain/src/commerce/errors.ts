/**
 * Rejection codes of the commerce context (seed 001). The seed names rules, not codes, so the
 * codes follow the other contexts' convention (SCREAMING_SNAKE, subject first); details.field
 * names a wrong field, details.rule a seed constraint. Adapters map them to HTTP statuses.
 */
import { rejectionsOf } from '../shared/decider';

export enum CommerceErrorCode {
  /** A person whose role may not do this (viewers read only). */
  COMMERCE_ROLE_REQUIRED = 'COMMERCE_ROLE_REQUIRED',
  // Agents (seed 001 "Agent System")
  AGENT_INVALID = 'AGENT_INVALID',
  AGENT_ALREADY_EXISTS = 'AGENT_ALREADY_EXISTS',
  AGENT_NOT_FOUND = 'AGENT_NOT_FOUND',
  /** seed 001 idx_agents_name: one agent per name (per tenant). */
  AGENT_NAME_TAKEN = 'AGENT_NAME_TAKEN',
  /** seed 001 agents.parent_id: a hierarchy, so no agent may end up its own ancestor. */
  AGENT_HIERARCHY_CYCLE = 'AGENT_HIERARCHY_CYCLE',
  /** seed 001 agents.parent_id NO ACTION ("handle hierarchy manually"): children must move first. */
  AGENT_HAS_CHILDREN = 'AGENT_HAS_CHILDREN',
  /** Work goes to active agents only. */
  AGENT_NOT_ACTIVE = 'AGENT_NOT_ACTIVE',
  COLLABORATION_INVALID = 'COLLABORATION_INVALID',
  // Goals
  GOAL_INVALID = 'GOAL_INVALID',
  GOAL_ALREADY_EXISTS = 'GOAL_ALREADY_EXISTS',
  GOAL_NOT_FOUND = 'GOAL_NOT_FOUND',
  /** seed 001 goals.parent_goal_id: a hierarchy of goals, acyclic. */
  GOAL_HIERARCHY_CYCLE = 'GOAL_HIERARCHY_CYCLE',
  /** seed 001 goals.parent_goal_id NO ACTION: sub-goals must go first. */
  GOAL_HAS_CHILDREN = 'GOAL_HAS_CHILDREN',
  // Catalog and inventory
  PRODUCT_INVALID = 'PRODUCT_INVALID',
  PRODUCT_ALREADY_EXISTS = 'PRODUCT_ALREADY_EXISTS',
  PRODUCT_NOT_FOUND = 'PRODUCT_NOT_FOUND',
  VARIANT_NOT_FOUND = 'VARIANT_NOT_FOUND',
  /** A SKU names one variant of the tenant's catalog. */
  VARIANT_SKU_TAKEN = 'VARIANT_SKU_TAKEN',
  INVENTORY_INVALID = 'INVENTORY_INVALID',
  /** Stock never goes below zero: the units asked for are not available at that location. */
  INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK',
  // Customers
  CUSTOMER_INVALID = 'CUSTOMER_INVALID',
  CUSTOMER_ALREADY_EXISTS = 'CUSTOMER_ALREADY_EXISTS',
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  /** seed 001 idx_customers_email: one customer per email (per tenant). */
  CUSTOMER_EMAIL_TAKEN = 'CUSTOMER_EMAIL_TAKEN',
  // Orders and money
  ORDER_INVALID = 'ORDER_INVALID',
  ORDER_ALREADY_EXISTS = 'ORDER_ALREADY_EXISTS',
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  /** A transition the order's status does not allow (details.status, details.command). */
  ORDER_STATUS_INVALID = 'ORDER_STATUS_INVALID',
  /** Items of one order are priced in one currency. */
  ORDER_CURRENCY_MISMATCH = 'ORDER_CURRENCY_MISMATCH',
  /** A payment must be the order's computed total. */
  ORDER_PAYMENT_MISMATCH = 'ORDER_PAYMENT_MISMATCH',
  /** A refund above what was paid and not yet refunded. */
  ORDER_REFUND_EXCEEDS_PAID = 'ORDER_REFUND_EXCEEDS_PAID',
  TRANSACTION_INVALID = 'TRANSACTION_INVALID',
  TRANSACTION_ALREADY_EXISTS = 'TRANSACTION_ALREADY_EXISTS',
  BUDGET_INVALID = 'BUDGET_INVALID',
  BUDGET_ALREADY_EXISTS = 'BUDGET_ALREADY_EXISTS',
  BUDGET_NOT_FOUND = 'BUDGET_NOT_FOUND',
  /** seed 001 idx_budgets_category_period: one budget per category and fiscal month. */
  BUDGET_PERIOD_TAKEN = 'BUDGET_PERIOD_TAKEN',
  CONFIGURATION_INVALID = 'CONFIGURATION_INVALID',
  // Marketing
  SEGMENT_INVALID = 'SEGMENT_INVALID',
  SEGMENT_ALREADY_EXISTS = 'SEGMENT_ALREADY_EXISTS',
  SEGMENT_NOT_FOUND = 'SEGMENT_NOT_FOUND',
  /** Members of a rule segment come from its rules, not from a list. */
  SEGMENT_RULE_BASED = 'SEGMENT_RULE_BASED',
  CAMPAIGN_INVALID = 'CAMPAIGN_INVALID',
  CAMPAIGN_ALREADY_EXISTS = 'CAMPAIGN_ALREADY_EXISTS',
  CAMPAIGN_NOT_FOUND = 'CAMPAIGN_NOT_FOUND',
  CAMPAIGN_STATUS_TRANSITION_INVALID = 'CAMPAIGN_STATUS_TRANSITION_INVALID',
  CONTENT_INVALID = 'CONTENT_INVALID',
  CONTENT_ALREADY_EXISTS = 'CONTENT_ALREADY_EXISTS',
  CONTENT_NOT_FOUND = 'CONTENT_NOT_FOUND',
  EMAIL_LIST_INVALID = 'EMAIL_LIST_INVALID',
  EMAIL_LIST_ALREADY_EXISTS = 'EMAIL_LIST_ALREADY_EXISTS',
  EMAIL_LIST_NOT_FOUND = 'EMAIL_LIST_NOT_FOUND',
  /** seed 001 email_subscribers PRIMARY KEY (email, list_id): one subscription per email and list. */
  EMAIL_ALREADY_SUBSCRIBED = 'EMAIL_ALREADY_SUBSCRIBED',
  SUBSCRIBER_NOT_FOUND = 'SUBSCRIBER_NOT_FOUND',
}

export const reject = rejectionsOf<CommerceErrorCode>();
