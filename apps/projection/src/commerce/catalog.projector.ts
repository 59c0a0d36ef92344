/**
 * seed 001 `products` and `product_variants`: one product stream holds both. ProductDeleted
 * removes the product (its variants, inventory and metrics go by CASCADE; order lines keep
 * their row with product_variant_id NULL); a removed variant goes alone. The variants' "row"
 * is the product's whole list of variants.
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import { columnsOf, type EnvelopeOf, patched } from './commerce.events';

export interface ProductRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly collection: string | null;
  readonly status: string;
  readonly created_at: string;
  readonly updated_at: string;
}

type ProductEnvelope = EnvelopeOf<'ProductCreated' | 'ProductUpdated' | 'ProductStatusChanged' | 'ProductDeleted'>;

const projectProduct = (row: ProductRow | null, event: ProductEnvelope): ProductRow | null => {
  switch (event.type) {
    case 'ProductCreated': {
      const d = event.data;
      const fields = { name: d.name, description: d.description, collection: d.collection, status: d.status };
      return row ?? { id: d.productId, org_id: d.orgId, ...fields, created_at: d.createdAt, updated_at: d.createdAt };
    }
    case 'ProductUpdated': {
      const patch = columnsOf(event.data.changes, { name: 'name', description: 'description', collection: 'collection' });
      return row && patched(row, patch, { updated_at: event.data.updatedAt });
    }
    case 'ProductStatusChanged':
      return row && patched(row, { status: event.data.to }, { updated_at: event.data.changedAt });
    case 'ProductDeleted':
      return null;
  }
};

export const productsProjector = projector({
  table: 'products',
  eventTypes: ['ProductCreated', 'ProductUpdated', 'ProductStatusChanged', 'ProductDeleted'],
  project: projectProduct,
});

export interface VariantRow {
  readonly id: string;
  readonly org_id: string;
  readonly product_id: string;
  readonly sku: string;
  readonly title: string;
  readonly price: string | number;
  readonly currency: string;
  readonly created_at: string;
  readonly updated_at: string;
}

type VariantEnvelope = EnvelopeOf<'ProductCreated' | 'ProductVariantAdded' | 'ProductVariantRepriced' | 'ProductVariantRemoved' | 'ProductDeleted'>;

const variantRow = (orgId: string, productId: string, v: commerce.Variant, at: string): VariantRow => ({
  id: v.variantId,
  org_id: orgId,
  product_id: productId,
  sku: v.sku,
  title: v.title,
  price: v.price,
  currency: v.currency,
  created_at: at,
  updated_at: at,
});

const projectVariants = (rows: readonly VariantRow[], event: VariantEnvelope): readonly VariantRow[] => {
  const d = event.data;
  switch (event.type) {
    case 'ProductCreated':
      return rows.length > 0 ? rows : event.data.variants.map((v) => variantRow(d.orgId, d.productId, v, event.data.createdAt));
    case 'ProductVariantAdded': {
      const { variantId, sku, title, price, currency, addedAt } = event.data;
      return rows.some((row) => row.id === variantId) ? rows : [...rows, variantRow(d.orgId, d.productId, { variantId, sku, title, price, currency }, addedAt)];
    }
    case 'ProductVariantRepriced': {
      const { variantId, price, repricedAt } = event.data;
      return rows.map((row) => (row.id === variantId ? patched(row, { price }, { updated_at: repricedAt }) : row));
    }
    case 'ProductVariantRemoved':
      return rows.filter((row) => row.id !== event.data.variantId);
    case 'ProductDeleted':
      return [];
  }
};

export const productVariantsProjector = projector({
  table: 'product_variants',
  eventTypes: ['ProductCreated', 'ProductVariantAdded', 'ProductVariantRepriced', 'ProductVariantRemoved', 'ProductDeleted'],
  project: projectVariants,
});
