import { type DeciderEntry, deciderEntry as entry } from '../shared/decider';
import { AGENT_COMMAND_TYPES, agentsDecider } from './agents.decide';
import { BUDGET_COMMAND_TYPES, budgetDecider } from './budget';
import { CAMPAIGN_COMMAND_TYPES, campaignDecider } from './campaign';
import { CONTENT_COMMAND_TYPES, contentDecider } from './content';
import { EMAIL_LIST_COMMAND_TYPES, emailListDecider } from './email-list';
import { SEGMENT_COMMAND_TYPES, segmentDecider } from './segment';
import { WORK_DECIDERS } from './work.deciders';
import { PRODUCT_COMMAND_TYPES, productDecider } from './catalog.decide';
import { CONFIGURATION_COMMAND_TYPES, configurationDecider } from './configuration';
import { CUSTOMER_COMMAND_TYPES, customerDecider } from './customer.decide';
import { EXPENSE_COMMAND_TYPES, expenseDecider } from './expense';
import { GOAL_COMMAND_TYPES, goalsDecider } from './goals.decide';
import { INVENTORY_COMMAND_TYPES, inventoryDecider } from './inventory';
import { ORDER_COMMAND_TYPES, orderDecider } from './order.decide';

/** Every decider of the commerce context, one per aggregate (docs/commerce.md, "Streams"). */
export const COMMERCE_DECIDERS: readonly DeciderEntry[] = [
  entry('agents', agentsDecider, AGENT_COMMAND_TYPES),
  entry('goals', goalsDecider, GOAL_COMMAND_TYPES),
  entry('configuration', configurationDecider, CONFIGURATION_COMMAND_TYPES),
  entry('product', productDecider, PRODUCT_COMMAND_TYPES),
  entry('inventory', inventoryDecider, INVENTORY_COMMAND_TYPES),
  entry('customer', customerDecider, CUSTOMER_COMMAND_TYPES),
  entry('order', orderDecider, ORDER_COMMAND_TYPES),
  entry('budget', budgetDecider, BUDGET_COMMAND_TYPES),
  entry('expense', expenseDecider, EXPENSE_COMMAND_TYPES),
  entry('segment', segmentDecider, SEGMENT_COMMAND_TYPES),
  entry('campaign', campaignDecider, CAMPAIGN_COMMAND_TYPES),
  entry('content', contentDecider, CONTENT_COMMAND_TYPES),
  entry('email-list', emailListDecider, EMAIL_LIST_COMMAND_TYPES),
  ...WORK_DECIDERS,
];
