import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { variantLabel } from './commerce-scopes';
import { sendPersonCommand } from './commerce.door';
import { addVariantBody, createProductBody, emptyBody, repriceBody, statusBody, updateProductBody } from './commerce.requests';

/**
 * HTTP doors to the org's catalog (seed 001 products, product_variants; editors and admins).
 * A SKU names one variant of the org's catalog (409 VARIANT_SKU_TAKEN); deleting a product takes
 * its variants with it (product_variants ON DELETE CASCADE) and lets their SKUs go.
 */
@RequireTenant()
@Controller('v1/commerce/products')
export class CommerceCatalogController {
  constructor(private readonly bus: CommandBus) {}

  /** The answer names the product and its variants' ids, in the order of the body's variants. */
  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createProductBody, true, (fields, metadata, newId) => {
      const productId = newId('product');
      const variants = (fields.variants ?? []).map((variant, index) => ({ variantId: newId(variantLabel(index)), ...variant }));
      const data = { productId, name: fields.name, description: fields.description, collection: fields.collection, status: fields.status, variants };
      return { command: { type: 'CreateProduct', data, metadata }, ids: { productId, variantIds: variants.map((v) => v.variantId) } };
    });
  }

  /** Changes the fields given; a field left out or null keeps its value. */
  @Patch(':productId')
  @HttpCode(200)
  async update(@Param('productId') productId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateProductBody, false, ({ name, description, collection }, metadata) => ({
      command: { type: 'UpdateProduct', data: { productId, name, description, collection }, metadata },
      ids: { productId },
    }));
  }

  /** seed 001: CHECK (status IN ('active', 'inactive', 'archived')); only active products are sold. */
  @Put(':productId/status')
  @HttpCode(200)
  async changeStatus(@Param('productId') productId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeProductStatus', data: { productId, status }, metadata },
      ids: { productId },
    }));
  }

  @Post(':productId/variants')
  @HttpCode(201)
  async addVariant(@Param('productId') productId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, addVariantBody, true, ({ sku, title, price, currency }, metadata, newId) => {
      const variantId = newId('variant');
      return { command: { type: 'AddProductVariant', data: { productId, variantId, sku, title, price, currency }, metadata }, ids: { productId, variantId } };
    });
  }

  /** A new price applies to orders placed from now on; placed orders keep theirs. */
  @Patch(':productId/variants/:variantId')
  @HttpCode(200)
  async reprice(
    @Param('productId') productId: string,
    @Param('variantId') variantId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, repriceBody, false, ({ price }, metadata) => ({
      command: { type: 'RepriceProductVariant', data: { productId, variantId, price }, metadata },
      ids: { productId, variantId },
    }));
  }

  @Delete(':productId/variants/:variantId')
  @HttpCode(200)
  async removeVariant(
    @Param('productId') productId: string,
    @Param('variantId') variantId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'RemoveProductVariant', data: { productId, variantId }, metadata },
      ids: { productId, variantId },
    }));
  }

  /** seed 001 order_items: orders keep their items when a product goes. */
  @Delete(':productId')
  @HttpCode(200)
  async remove(@Param('productId') productId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteProduct', data: { productId }, metadata },
      ids: { productId },
    }));
  }
}
