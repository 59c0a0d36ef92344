import { accepted, given, rejected, unchecked } from '../testing';
import { PRODUCT_STATUSES, type ProductEvent } from './catalog';
import { productDecider } from './catalog.decide';
import { AS_SERVICE, AS_VIEWER, command, NOW, ORG_ID, productId, productWith, variantId, variantOf } from './testing';

const claim = (sku: string) => ({ kind: 'claim', key: `sku:${sku}`, code: 'VARIANT_SKU_TAKEN' });
const release = (sku: string) => ({ kind: 'release', key: `sku:${sku}` });
const guardsOf = (events: readonly ProductEvent[]) => events.flatMap((e) => productDecider.guardsOf?.(e) ?? []);

describe('when the product does not exist', () => {
  it('CreateProduct records ProductCreated, active, with its variants priced to two decimals', () => {
    given(productDecider)
      .when(command.createProduct({ variants: [variantOf(1, { price: '12.5' })] }))
      .then([
        {
          type: 'ProductCreated',
          data: {
            orgId: ORG_ID,
            productId: productId(1),
            name: 'Canvas print',
            description: null,
            collection: null,
            status: 'active',
            variants: [{ ...variantOf(1), price: '12.50' }],
            createdAt: NOW,
          },
        },
      ]);
  });

  // seed 001 (line 358): CHECK (status IN ('active', 'inactive', 'archived'))
  it("CHECK status: a product's status is one of the seed's three", () => {
    expect(PRODUCT_STATUSES).toEqual(['active', 'inactive', 'archived']);
    given(productDecider)
      .when(command.createProduct({ status: 'draft' }))
      .thenRejects('PRODUCT_INVALID', { details: { field: 'status' } });
  });

  // seed 001 (line 359): CHECK (amount >= 0) — a price is money, never negative
  it.each(['0', '0.00', '19.99', '1000000'])('a variant priced %p is accepted (price >= 0)', (price) => {
    expect(accepted(given(productDecider).when(command.createProduct({ variants: [variantOf(1, { price })] })))).toHaveLength(1);
  });

  // seed 001 (line 359): CHECK (amount >= 0); DECIMAL(15,2) money
  it.each(['-0.01', '1.999', 'ten', '', unchecked<string>(null)])('a variant priced %p is refused as PRODUCT_INVALID (>= 0, two decimals)', (price) => {
    given(productDecider)
      .when(command.createProduct({ variants: [variantOf(1, { price })] }))
      .thenRejects('PRODUCT_INVALID', { details: { field: 'variants[0].price' } });
  });

  it.each(['eur', 'EURO', '', 'E1R'])('a variant currency %p that is not three capital letters is refused', (currency) => {
    given(productDecider)
      .when(command.createProduct({ variants: [variantOf(1, { currency })] }))
      .thenRejects('PRODUCT_INVALID', { details: { field: 'variants[0].currency' } });
  });

  // Not a seed rule (seed 001 has no SKU index): catalog.ts makes a SKU name one variant of the catalog.
  it('a SKU repeated in one command is refused as PRODUCT_INVALID', () => {
    given(productDecider)
      .when(command.createProduct({ variants: [variantOf(1), variantOf(2, { sku: 'SKU-1' })] }))
      .thenRejects('PRODUCT_INVALID', { details: { field: 'variants[1]' } });
  });

  it('a viewer may not create products (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(productDecider).when(command.createProduct({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(productDecider).when(command.createProduct({}, AS_SERVICE)))).toHaveLength(1);
  });

  it('commands on a product that does not exist are refused as PRODUCT_NOT_FOUND', () => {
    given(productDecider).when(command.repriceVariant()).thenRejects('PRODUCT_NOT_FOUND');
    given(productDecider).when(command.addVariant()).thenRejects('PRODUCT_NOT_FOUND');
  });
});

describe('when the product has variants 1 and 2', () => {
  const product = productWith();

  it('RepriceProductVariant records the new price; the same price records nothing', () => {
    given(productDecider, product)
      .when(command.repriceVariant({ price: '12' }))
      .then([{ type: 'ProductVariantRepriced', data: { orgId: ORG_ID, productId: productId(1), variantId: variantId(1), price: '12.00', repricedAt: NOW } }]);
    given(productDecider, product)
      .when(command.repriceVariant({ price: '10.0' }))
      .thenNothing();
    given(productDecider, product)
      .when(command.repriceVariant({ price: '-1.00' }))
      .thenRejects('PRODUCT_INVALID');
  });

  it('repricing a variant the product does not have is refused as VARIANT_NOT_FOUND', () => {
    given(productDecider, product)
      .when(command.repriceVariant({ variantId: variantId(9) }))
      .thenRejects('VARIANT_NOT_FOUND');
  });

  // catalog.ts: a SKU names one variant. The store's claim cannot catch this one: the key is already held by
  // this very stream, so a second claim by the same holder fails the append without a GuardViolationError.
  it("adding a variant with the SKU another variant of this product carries is refused (its claim is this stream's own)", () => {
    const decision = given(productDecider, product).when(command.addVariant({ sku: 'SKU-2' }));
    expect(['VARIANT_SKU_TAKEN', 'PRODUCT_INVALID']).toContain(rejected(decision).code);
  });

  it('adding a variant again with the same id and SKU records nothing; with another SKU is refused', () => {
    given(productDecider, product)
      .when(command.addVariant(variantOf(1)))
      .thenNothing();
    given(productDecider, product)
      .when(command.addVariant(variantOf(1, { sku: 'OTHER' })))
      .thenRejects('PRODUCT_INVALID', { details: { field: 'variantId' } });
  });

  // seed 001 (line 132): product_variants ON DELETE CASCADE
  it('product_variants ON DELETE CASCADE: DeleteProduct names the SKUs of its variants', () => {
    expect(accepted(given(productDecider, product).when(command.deleteProduct()))[0].data).toEqual({
      orgId: ORG_ID,
      productId: productId(1),
      skus: ['SKU-1', 'SKU-2'],
      deletedAt: NOW,
    });
  });

  // seed 001 (line 132): the variants go with the product
  it('after DeleteProduct, the product is gone: deleting again records nothing, other commands are refused', () => {
    const deleted = [...product, ...accepted(given(productDecider, product).when(command.deleteProduct()))];
    given(productDecider, deleted).when(command.deleteProduct()).thenNothing();
    given(productDecider, deleted).when(command.repriceVariant()).thenRejects('PRODUCT_NOT_FOUND');
    given(productDecider, deleted).when(command.createProduct()).thenRejects('PRODUCT_ALREADY_EXISTS');
  });
});

describe('guardsOf (SKU claims across the catalog)', () => {
  it('ProductCreated claims the SKU of every variant', () => {
    expect(guardsOf(productWith())).toMatchObject([claim('SKU-1'), claim('SKU-2')]);
  });

  it('ProductVariantAdded claims its SKU; ProductVariantRemoved releases it', () => {
    const added = accepted(given(productDecider, productWith()).when(command.addVariant()));
    expect(guardsOf(added)).toMatchObject([claim('SKU-3')]);
    const removed = accepted(given(productDecider, productWith()).when(command.removeVariant({ variantId: variantId(2) })));
    expect(guardsOf(removed)).toEqual([release('SKU-2')]);
  });

  // seed 001 (line 132): product_variants ON DELETE CASCADE — the SKUs go with the variants
  it('ProductDeleted releases the SKU of every variant left', () => {
    const product = productWith(command.removeVariant({ variantId: variantId(1) }), command.addVariant());
    expect(guardsOf(accepted(given(productDecider, product).when(command.deleteProduct())))).toEqual([release('SKU-2'), release('SKU-3')]);
  });

  it('updates, status changes and repricing hold nothing', () => {
    const product = productWith();
    const events = [command.updateProduct({ name: 'Poster' }), command.changeProductStatus(), command.repriceVariant()].flatMap((c) =>
      accepted(given(productDecider, product).when(c)),
    );
    expect(events).toHaveLength(3);
    expect(guardsOf(events)).toEqual([]);
  });
});
