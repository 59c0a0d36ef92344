/** The OpenAPI paths of the catalog, stock, customers, orders and money (seed 001). */
import { body, jsonObject, money, operation, pathId, pathText, responses, status, text, uuid } from './commerce.openapi-parts';

const ok = (ids: Record<string, unknown>, conflicts = '—', invalid = '—') => responses('200', ids, conflicts, invalid);
const optionalUuid = { type: ['string', 'null'], format: 'uuid' };
const variant = {
  sku: { type: 'string', maxLength: 100 },
  title: { type: 'string', maxLength: 200 },
  price: money,
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
};
const variantSchema = { type: 'object', additionalProperties: false, required: ['sku', 'title', 'price', 'currency'], properties: variant };
const product = { name: { type: 'string', maxLength: 200 }, description: text(10_000), collection: text(100) };
const stockAt = { product_id: uuid, variant_id: uuid, location: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,50}$', default: 'main' } };
const customer = { first_name: text(100), last_name: text(100), phone: text(50), accepts_marketing: { type: ['boolean', 'null'] }, attributes: jsonObject };
const item = {
  type: 'object',
  additionalProperties: false,
  required: ['product_id', 'variant_id', 'quantity'],
  properties: { ...stockAt, quantity: { type: 'integer', minimum: 1 } },
};
const STOCK = 'INSUFFICIENT_STOCK (details.available: the units left)';
const ORDER_STATUS = 'ORDER_STATUS_INVALID (details.status, details.command)';

const catalogPaths = {
  '/v1/commerce/products': {
    post: operation(
      'Create a product with its variants; the answer lists the variants’ ids in the body’s order',
      [],
      body({ ...product, status: { enum: ['active', 'inactive', 'archived'], default: 'active' }, variants: { type: 'array', items: variantSchema } }, [
        'name',
      ]),
      responses('201', { productId: uuid, variantIds: { type: 'array', items: uuid } }, 'VARIANT_SKU_TAKEN', 'PRODUCT_INVALID (details.field)'),
    ),
  },
  '/v1/commerce/products/{productId}': {
    patch: operation('Change a product’s fields', [pathId('productId')], body(product), ok({ productId: uuid }, '—', 'PRODUCT_INVALID')),
    delete: operation('Delete a product and its variants (seed 001 CASCADE); their SKUs are free again', [pathId('productId')], null, ok({ productId: uuid })),
  },
  '/v1/commerce/products/{productId}/status': {
    put: operation(
      'Change a product’s status; only active products are sold',
      [pathId('productId')],
      body(status(['active', 'inactive', 'archived']), ['status']),
      ok({ productId: uuid }, '—', 'PRODUCT_INVALID'),
    ),
  },
  '/v1/commerce/products/{productId}/variants': {
    post: operation(
      'Add a variant',
      [pathId('productId')],
      body(variant, ['sku', 'title', 'price', 'currency']),
      responses('201', { productId: uuid, variantId: uuid }, 'VARIANT_SKU_TAKEN', 'PRODUCT_INVALID'),
    ),
  },
  '/v1/commerce/products/{productId}/variants/{variantId}': {
    patch: operation(
      'Reprice a variant (placed orders keep their prices)',
      [pathId('productId'), pathId('variantId')],
      body({ price: money }, ['price']),
      ok({ productId: uuid, variantId: uuid }, '—', 'PRODUCT_INVALID'),
    ),
    delete: operation('Remove a variant; its SKU is free again', [pathId('productId'), pathId('variantId')], null, ok({ productId: uuid, variantId: uuid })),
  },
  '/v1/commerce/inventory/receipts': {
    post: operation(
      'Receive stock at a location',
      [],
      body({ ...stockAt, quantity: { type: 'integer', minimum: 1 } }, ['product_id', 'variant_id', 'quantity']),
      ok({ productId: uuid, variantId: uuid, location: { type: 'string' } }, '—', 'INVENTORY_INVALID'),
    ),
  },
  '/v1/commerce/inventory/adjustments': {
    post: operation(
      'Correct stock by a signed delta, never below zero',
      [],
      body({ ...stockAt, delta: { type: 'integer' }, reason: { type: 'string', maxLength: 200 } }, ['product_id', 'variant_id', 'delta', 'reason']),
      ok({ productId: uuid, variantId: uuid, location: { type: 'string' } }, STOCK, 'INVENTORY_INVALID'),
    ),
  },
};

const customerPaths = {
  '/v1/commerce/customers': {
    post: operation(
      'Register a customer',
      [],
      body({ email: { type: 'string', format: 'email', maxLength: 255 }, ...customer }, ['email']),
      responses('201', { customerId: uuid }, 'CUSTOMER_EMAIL_TAKEN (seed 001 idx_customers_email, per org)', 'CUSTOMER_INVALID'),
    ),
  },
  '/v1/commerce/customers/{customerId}': {
    patch: operation('Change a customer’s fields', [pathId('customerId')], body(customer), ok({ customerId: uuid }, '—', 'CUSTOMER_INVALID')),
    delete: operation('Delete a customer; the email is free again, orders stay', [pathId('customerId')], null, ok({ customerId: uuid })),
  },
  '/v1/commerce/customers/{customerId}/email': {
    put: operation(
      'Change a customer’s email',
      [pathId('customerId')],
      body({ email: { type: 'string', format: 'email' } }, ['email']),
      ok({ customerId: uuid }, 'CUSTOMER_EMAIL_TAKEN', 'CUSTOMER_INVALID'),
    ),
  },
  '/v1/commerce/customers/{customerId}/interactions': {
    post: operation(
      'Record an interaction an agent handled (a touch revenue is attributed to)',
      [pathId('customerId')],
      body(
        {
          agent_id: optionalUuid,
          campaign_id: optionalUuid,
          channel: { type: 'string', maxLength: 50 },
          summary: text(10_000),
          occurred_at: { type: ['string', 'null'], format: 'date-time' },
        },
        ['channel'],
      ),
      responses('201', { customerId: uuid, interactionId: uuid }, '—', 'CUSTOMER_INVALID'),
    ),
  },
};

const orderPaths = {
  '/v1/commerce/orders': {
    post: operation(
      'Place an order: lines priced from the catalog, units drawn from stock (no price or total in the body)',
      [],
      body({ customer_id: uuid, agent_id: uuid, items: { type: 'array', items: item, minItems: 1, maxItems: 100 } }, ['customer_id', 'agent_id', 'items']),
      responses('201', { orderId: uuid }, STOCK, 'ORDER_INVALID (details.field), ORDER_CURRENCY_MISMATCH'),
    ),
  },
  '/v1/commerce/orders/{orderId}/payments': {
    post: operation(
      'Pay a pending order its total',
      [pathId('orderId')],
      body({ amount: money }, ['amount']),
      responses('201', { orderId: uuid, transactionId: uuid }, ORDER_STATUS, 'ORDER_PAYMENT_MISMATCH (details.total)'),
    ),
  },
  '/v1/commerce/orders/{orderId}/refunds': {
    post: operation(
      'Refund up to what is paid and not refunded',
      [pathId('orderId')],
      body({ amount: money, reason: text(200) }, ['amount']),
      responses('201', { orderId: uuid, transactionId: uuid }, ORDER_STATUS, 'ORDER_REFUND_EXCEEDS_PAID (details.refundable)'),
    ),
  },
  '/v1/commerce/orders/{orderId}/fulfilment': { post: operation('Ship a paid order', [pathId('orderId')], null, ok({ orderId: uuid }, ORDER_STATUS)) },
  '/v1/commerce/orders/{orderId}/cancellation': {
    post: operation(
      'Cancel a pending order (or a refunded one not shipped); its units go back to stock',
      [pathId('orderId')],
      null,
      ok({ orderId: uuid }, ORDER_STATUS),
    ),
  },
};

const budget = {
  category: { type: 'string', maxLength: 100 },
  fiscal_year: { type: 'integer', minimum: 2000, maximum: 2999 },
  fiscal_month: { type: 'integer', minimum: 1, maximum: 12 },
};
const moneyPaths = {
  '/v1/commerce/budgets': {
    post: operation(
      'Set a budget for a category and fiscal month',
      [],
      body({ ...budget, amount: money, currency: { type: 'string', pattern: '^[A-Z]{3}$' }, owner_agent_id: optionalUuid }, [
        'category',
        'fiscal_year',
        'fiscal_month',
        'amount',
        'currency',
      ]),
      responses('201', { budgetId: uuid }, 'BUDGET_PERIOD_TAKEN (seed 001 idx_budgets_category_period)', 'BUDGET_INVALID'),
    ),
  },
  '/v1/commerce/budgets/{budgetId}': {
    patch: operation('Revise a budget’s amount', [pathId('budgetId')], body({ amount: money }, ['amount']), ok({ budgetId: uuid }, '—', 'BUDGET_INVALID')),
    delete: operation('Delete a budget; its period is free again', [pathId('budgetId')], null, ok({ budgetId: uuid })),
  },
  '/v1/commerce/expenses': {
    post: operation(
      'Record an expense (seed 001 transactions, CHECK (amount >= 0))',
      [],
      body(
        {
          category: { type: 'string', maxLength: 100 },
          amount: money,
          currency: { type: 'string' },
          agent_id: optionalUuid,
          description: text(10_000),
          transaction_date: { type: ['string', 'null'], format: 'date-time' },
        },
        ['category', 'amount', 'currency'],
      ),
      responses('201', { transactionId: uuid }, '—', 'TRANSACTION_INVALID'),
    ),
  },
  '/v1/commerce/configuration/{key}': {
    put: operation(
      'Set a configuration value (attribution_model, attribution_window_days are checked)',
      [pathText('key')],
      body({ value: {}, updated_by_agent_id: optionalUuid }, ['value']),
      ok({ key: { type: 'string' } }, '—', 'CONFIGURATION_INVALID'),
    ),
  },
};

export const commerceSalesPaths = { ...catalogPaths, ...customerPaths, ...orderPaths, ...moneyPaths };
