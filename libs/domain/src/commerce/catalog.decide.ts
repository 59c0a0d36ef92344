/**
 * Catalog commands (seed 001 "Products and Commerce"): products with their variants, prices as
 * exact decimals with a currency (CHECK price >= 0), a SKU unique in the tenant's catalog (a
 * claim: VARIANT_SKU_TAKEN), statuses from the seed's CHECK. DeleteProduct takes the variants
 * with it (product_variants ON DELETE CASCADE); orders keep their items (order_items SET NULL).
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import {
  evolveProduct,
  initialProductState,
  isLiveProduct,
  PRODUCT_STATUSES,
  type ProductEvent,
  type ProductFields,
  type ProductState,
  type ProductStatus,
  productGuards,
  productStreamId,
  type Variant,
} from './catalog';
import { CommerceErrorCode as Code, reject } from './errors';
import { amountCents, changedFields, COMMERCE_LIMITS as LIMITS, isCurrency, money, optionalText, requiredText, uuidField } from './values';

export type CreateProduct = Command<
  'CreateProduct',
  {
    readonly productId: string;
    readonly name: string;
    readonly description?: string | null;
    readonly collection?: string | null;
    readonly status?: string | null;
    readonly variants?: readonly Variant[] | null;
  }
>;
export type UpdateProduct = Command<'UpdateProduct', { readonly productId: string } & { readonly [K in keyof ProductFields]?: ProductFields[K] | null }>;
export type ChangeProductStatus = Command<'ChangeProductStatus', { readonly productId: string; readonly status: string }>;
export type AddProductVariant = Command<'AddProductVariant', { readonly productId: string } & Variant>;
export type RepriceProductVariant = Command<'RepriceProductVariant', { readonly productId: string; readonly variantId: string; readonly price: string }>;
export type RemoveProductVariant = Command<'RemoveProductVariant', { readonly productId: string; readonly variantId: string }>;
export type DeleteProduct = Command<'DeleteProduct', { readonly productId: string }>;

export type ProductCommand =
  | CreateProduct
  | UpdateProduct
  | ChangeProductStatus
  | AddProductVariant
  | RepriceProductVariant
  | RemoveProductVariant
  | DeleteProduct;

export const PRODUCT_COMMAND_TYPES: readonly ProductCommand['type'][] = [
  'CreateProduct',
  'UpdateProduct',
  'ChangeProductStatus',
  'AddProductVariant',
  'RepriceProductVariant',
  'RemoveProductVariant',
  'DeleteProduct',
];

const invalid = (field: string, message: string) => reject(Code.PRODUCT_INVALID, message, { field });
const notFound = (productId: string) => reject(Code.PRODUCT_NOT_FOUND, `Product ${productId} does not exist`, { productId });

const fieldsError = (fields: ProductFields): DomainError | null =>
  requiredText(invalid, 'name', fields.name, LIMITS.title) ??
  optionalText(invalid, 'description', fields.description, LIMITS.text) ??
  optionalText(invalid, 'collection', fields.collection, LIMITS.category);

const priceOf = (field: string, value: unknown): string | DomainError => {
  const cents = amountCents(invalid, field, value);
  return typeof cents === 'bigint' ? money(cents) : cents;
};

/** A variant checked and its price normalized (`12.5` → `12.50`); or the rejection. */
const checkedVariant = (variant: Variant, field: string): Variant | DomainError => {
  const wrong =
    uuidField(invalid, `${field}.variantId`, variant.variantId) ??
    requiredText(invalid, `${field}.sku`, variant.sku, LIMITS.sku) ??
    requiredText(invalid, `${field}.title`, variant.title, LIMITS.title) ??
    (isCurrency(variant.currency) ? null : invalid(`${field}.currency`, `${field}.currency is three capital letters (ISO 4217)`));
  if (wrong) return wrong;
  const price = priceOf(`${field}.price`, variant.price);
  return typeof price === 'string' ? { ...variant, price } : price;
};

const checkedVariants = (variants: readonly Variant[]): Variant[] | DomainError => {
  const checked: Variant[] = [];
  for (const [index, variant] of variants.entries()) {
    const one = checkedVariant(variant, `variants[${index}]`);
    if ('code' in one) return one;
    if (checked.some((v) => v.sku === one.sku || v.variantId === one.variantId)) return invalid(`variants[${index}]`, `variants[${index}] repeats a SKU or id`);
    checked.push(one);
  }
  return checked;
};

const create = (command: CreateProduct, state: ProductState): Decision<ProductEvent> => {
  const { productId, name, description = null, collection = null, status = null, variants = null } = command.data;
  const fields: ProductFields = { name, description, collection };
  const value = status ?? 'active';
  const wrong =
    uuidField(invalid, 'productId', productId) ??
    fieldsError(fields) ??
    (PRODUCT_STATUSES.includes(value as ProductStatus) ? null : invalid('status', `status is one of ${PRODUCT_STATUSES.join(', ')}`));
  if (wrong) return wrong;
  const checked = checkedVariants(variants ?? []);
  if ('code' in checked) return checked;
  if (state.status !== 'none') return reject(Code.PRODUCT_ALREADY_EXISTS, `Product ${productId} exists`, { productId });
  const data = { orgId: tenantOf(command), productId, ...fields, status: value as ProductStatus, variants: checked, createdAt: nowIsoOf(command) };
  return [{ type: 'ProductCreated', data }];
};

const update = (command: UpdateProduct, state: ProductState): Decision<ProductEvent> => {
  const { productId, name, description, collection } = command.data;
  if (!isLiveProduct(state)) return notFound(productId);
  const before: ProductFields = { name: state.name, description: state.description, collection: state.collection };
  const after: ProductFields = { name: name ?? before.name, description: description ?? before.description, collection: collection ?? before.collection };
  const wrong = fieldsError(after);
  if (wrong) return wrong;
  const changes = changedFields(before, after);
  return Object.keys(changes).length === 0
    ? []
    : [{ type: 'ProductUpdated', data: { orgId: tenantOf(command), productId, changes, updatedAt: nowIsoOf(command) } }];
};

const changeStatus = (command: ChangeProductStatus, state: ProductState): Decision<ProductEvent> => {
  const { productId, status } = command.data;
  if (!isLiveProduct(state)) return notFound(productId);
  if (!PRODUCT_STATUSES.includes(status as ProductStatus)) return invalid('status', `status is one of ${PRODUCT_STATUSES.join(', ')}`);
  if (state.status === status) return [];
  return [
    {
      type: 'ProductStatusChanged',
      data: { orgId: tenantOf(command), productId, from: state.status, to: status as ProductStatus, changedAt: nowIsoOf(command) },
    },
  ];
};

const addVariant = (command: AddProductVariant, state: ProductState): Decision<ProductEvent> => {
  const { productId, ...given } = command.data;
  if (!isLiveProduct(state)) return notFound(productId);
  const variant = checkedVariant(given, 'variant');
  if ('code' in variant) return variant;
  const existing = state.variants.get(variant.variantId);
  if (existing) return existing.sku === variant.sku ? [] : invalid('variantId', `variant ${variant.variantId} exists with another SKU`);
  // The product's own claim on a SKU would not stop a second variant of it taking the SKU.
  const twin = [...state.variants.values()].find((v) => v.sku === variant.sku);
  if (twin)
    return reject(Code.VARIANT_SKU_TAKEN, `SKU ${variant.sku} names variant ${twin.variantId} of this product`, {
      sku: variant.sku,
      variantId: twin.variantId,
    });
  return [{ type: 'ProductVariantAdded', data: { orgId: tenantOf(command), productId, ...variant, addedAt: nowIsoOf(command) } }];
};

const reprice = (command: RepriceProductVariant, state: ProductState): Decision<ProductEvent> => {
  const { productId, variantId } = command.data;
  if (!isLiveProduct(state)) return notFound(productId);
  const variant = state.variants.get(variantId);
  if (!variant) return reject(Code.VARIANT_NOT_FOUND, `Variant ${variantId} is not a variant of product ${productId}`, { productId, variantId });
  const price = priceOf('price', command.data.price);
  if (typeof price !== 'string') return price;
  if (price === variant.price) return [];
  return [{ type: 'ProductVariantRepriced', data: { orgId: tenantOf(command), productId, variantId, price, repricedAt: nowIsoOf(command) } }];
};

const removeVariant = (command: RemoveProductVariant, state: ProductState): Decision<ProductEvent> => {
  const { productId, variantId } = command.data;
  if (!isLiveProduct(state)) return notFound(productId);
  const variant = state.variants.get(variantId);
  if (!variant) return [];
  return [{ type: 'ProductVariantRemoved', data: { orgId: tenantOf(command), productId, variantId, sku: variant.sku, removedAt: nowIsoOf(command) } }];
};

const remove = (command: DeleteProduct, state: ProductState): Decision<ProductEvent> => {
  const { productId } = command.data;
  if (state.status === 'deleted') return [];
  if (!isLiveProduct(state)) return notFound(productId);
  const skus = [...state.variants.values()].map((v) => v.sku);
  return [{ type: 'ProductDeleted', data: { orgId: tenantOf(command), productId, skus, deletedAt: nowIsoOf(command) } }];
};

export const decideProduct = (command: ProductCommand, state: ProductState): Decision<ProductEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  switch (command.type) {
    case 'CreateProduct':
      return create(command, state);
    case 'UpdateProduct':
      return update(command, state);
    case 'ChangeProductStatus':
      return changeStatus(command, state);
    case 'AddProductVariant':
      return addVariant(command, state);
    case 'RepriceProductVariant':
      return reprice(command, state);
    case 'RemoveProductVariant':
      return removeVariant(command, state);
    case 'DeleteProduct':
      return remove(command, state);
    default:
      return assertNever(command);
  }
};

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  decide: decideProduct,
  evolve: evolveProduct,
  streamIdOf: (command) => productStreamId(tenantOf(command), command.data.productId),
  guardsOf: productGuards,
};
