/**
 * The catalog (seed 001 "Products and Commerce"): one stream per product holding its variants,
 * whose prices orders are computed from. A SKU names one variant of the tenant's catalog (a
 * claim across streams); deleting a product deletes its variants (product_variants ON DELETE
 * CASCADE) and lets their SKUs go.
 */
import type { Event, Guard } from '../shared/decider';

// seed 001: CHECK (status IN ('active', 'inactive', 'archived'))
export const PRODUCT_STATUSES = ['active', 'inactive', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const productStreamId = (orgId: string, productId: string): string => `commerce-product-${orgId}-${productId}`;

export interface Variant {
  readonly variantId: string;
  readonly sku: string;
  readonly title: string;
  /** DECIMAL(15,2) as text. */
  readonly price: string;
  readonly currency: string;
}

export interface ProductFields {
  readonly name: string;
  readonly description: string | null;
  readonly collection: string | null;
}

type ProductRef = { readonly orgId: string; readonly productId: string };

export type ProductCreated = Event<
  'ProductCreated',
  ProductRef & ProductFields & { readonly status: ProductStatus; readonly variants: readonly Variant[]; readonly createdAt: string }
>;
export type ProductUpdated = Event<'ProductUpdated', ProductRef & { readonly changes: Partial<ProductFields>; readonly updatedAt: string }>;
export type ProductStatusChanged = Event<
  'ProductStatusChanged',
  ProductRef & { readonly from: ProductStatus; readonly to: ProductStatus; readonly changedAt: string }
>;
export type ProductVariantAdded = Event<'ProductVariantAdded', ProductRef & Variant & { readonly addedAt: string }>;
export type ProductVariantRepriced = Event<
  'ProductVariantRepriced',
  ProductRef & { readonly variantId: string; readonly price: string; readonly repricedAt: string }
>;
export type ProductVariantRemoved = Event<
  'ProductVariantRemoved',
  ProductRef & { readonly variantId: string; readonly sku: string; readonly removedAt: string }
>;
export type ProductDeleted = Event<'ProductDeleted', ProductRef & { readonly skus: readonly string[]; readonly deletedAt: string }>;

export type ProductEvent =
  | ProductCreated
  | ProductUpdated
  | ProductStatusChanged
  | ProductVariantAdded
  | ProductVariantRepriced
  | ProductVariantRemoved
  | ProductDeleted;

export const PRODUCT_EVENT_TYPES: readonly ProductEvent['type'][] = [
  'ProductCreated',
  'ProductUpdated',
  'ProductStatusChanged',
  'ProductVariantAdded',
  'ProductVariantRepriced',
  'ProductVariantRemoved',
  'ProductDeleted',
];

export type ProductState =
  | { readonly status: 'none' | 'deleted' }
  | (ProductFields & { readonly status: ProductStatus; readonly productId: string; readonly variants: ReadonlyMap<string, Variant> });

export type LiveProduct = Extract<ProductState, { productId: string }>;

export const initialProductState = (): ProductState => ({ status: 'none' });

export const isLiveProduct = (state: ProductState): state is LiveProduct => state.status !== 'none' && state.status !== 'deleted';

const withVariants = (state: ProductState, change: (variants: Map<string, Variant>) => void): ProductState => {
  if (!isLiveProduct(state)) return state;
  const variants = new Map(state.variants);
  change(variants);
  return { ...state, variants };
};

export const evolveProduct = (state: ProductState, event: ProductEvent): ProductState => {
  switch (event.type) {
    case 'ProductCreated': {
      const { productId, name, description, collection, status, variants } = event.data;
      return { productId, name, description, collection, status, variants: new Map(variants.map((v) => [v.variantId, v])) };
    }
    case 'ProductUpdated':
      return isLiveProduct(state) ? { ...state, ...event.data.changes } : state;
    case 'ProductStatusChanged':
      return isLiveProduct(state) ? { ...state, status: event.data.to } : state;
    case 'ProductVariantAdded': {
      const { variantId, sku, title, price, currency } = event.data;
      return withVariants(state, (variants) => variants.set(variantId, { variantId, sku, title, price, currency }));
    }
    case 'ProductVariantRepriced':
      return withVariants(state, (variants) => {
        const variant = variants.get(event.data.variantId);
        if (variant) variants.set(variant.variantId, { ...variant, price: event.data.price });
      });
    case 'ProductVariantRemoved':
      return withVariants(state, (variants) => variants.delete(event.data.variantId));
    case 'ProductDeleted':
      return { status: 'deleted' };
  }
};

const skuClaim = (sku: string): Guard => ({ kind: 'claim', key: `sku:${sku}`, code: 'VARIANT_SKU_TAKEN', message: `SKU ${sku} names another variant` });

/** SKUs are claimed by the variants that carry them and let go with them. */
export const productGuards = (event: ProductEvent): readonly Guard[] => {
  switch (event.type) {
    case 'ProductCreated':
      return event.data.variants.map((v) => skuClaim(v.sku));
    case 'ProductVariantAdded':
      return [skuClaim(event.data.sku)];
    case 'ProductVariantRemoved':
      return [{ kind: 'release', key: `sku:${event.data.sku}` }];
    case 'ProductDeleted':
      return event.data.skus.map((sku) => ({ kind: 'release', key: `sku:${sku}` }));
    default:
      return [];
  }
};
