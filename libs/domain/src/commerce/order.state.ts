/**
 * What an order's decision reads besides its own stream: the agent registry (the processing
 * agent), the customer (who must exist; their touches for attribution), the products of its
 * lines (prices, SKUs) and the shop's configuration (the attribution model). Each stream's
 * events fold into their own part.
 */
import type { Event } from '../shared/decider';
import { type AgentEvent, type AgentsState, evolveAgents, initialAgentsState, isAgentEvent } from './agents';
import { evolveProduct, initialProductState, PRODUCT_EVENT_TYPES, type ProductEvent, type ProductState } from './catalog';
import { type ConfigurationEvent, type ConfigurationState, evolveConfiguration } from './configuration';
import { CUSTOMER_EVENT_TYPES, type CustomerEvent, type CustomerState, evolveCustomer, initialCustomerState } from './customer';
import { evolveOrder, initialOrderState, type OrderEvent, type OrderState } from './order';

export interface OrderReads {
  readonly agents: AgentsState;
  readonly customer: CustomerState;
  readonly products: ReadonlyMap<string, ProductState>;
  readonly configuration: ConfigurationState;
  readonly order: OrderState;
}

export type OrderStreamEvent = OrderEvent | AgentEvent | CustomerEvent | ProductEvent | ConfigurationEvent;

export const initialOrderReads = (): OrderReads => ({
  agents: initialAgentsState(),
  customer: initialCustomerState(),
  products: new Map(),
  configuration: new Map(),
  order: initialOrderState(),
});

const CUSTOMER = new Set<string>(CUSTOMER_EVENT_TYPES);
const PRODUCT = new Set<string>(PRODUCT_EVENT_TYPES);

const is = <E extends Event>(types: ReadonlySet<string>, event: Event): event is E => types.has(event.type);

export const evolveOrderReads = (state: OrderReads, event: OrderStreamEvent): OrderReads => {
  if (isAgentEvent(event)) return { ...state, agents: evolveAgents(state.agents, event) };
  if (is<CustomerEvent>(CUSTOMER, event)) return { ...state, customer: evolveCustomer(state.customer, event) };
  if (is<ProductEvent>(PRODUCT, event)) {
    const { productId } = event.data;
    const product = evolveProduct(state.products.get(productId) ?? initialProductState(), event);
    return { ...state, products: new Map(state.products).set(productId, product) };
  }
  if (event.type === 'ConfigurationSet') return { ...state, configuration: evolveConfiguration(state.configuration, event as ConfigurationEvent) };
  return { ...state, order: evolveOrder(state.order, event as OrderEvent) };
};
