/**
 * seed 001's products and commerce: products, variants, inventory, product metrics, customers,
 * orders and their items. `s` is the quoted schema; the design and departures are listed in
 * commerce.schema.ts.
 */
const ACTIVE_INACTIVE_ARCHIVED = `('active', 'inactive', 'archived')`;

export const salesDdl = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.products (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT,
    collection VARCHAR(100),
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chk_products_status CHECK (status IN ${ACTIVE_INACTIVE_ARCHIVED})
);
CREATE INDEX IF NOT EXISTS idx_products_collection_status ON ${s}.products(collection, status);

CREATE TABLE IF NOT EXISTS ${s}.product_variants (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    product_id UUID NOT NULL,
    sku VARCHAR(100) NOT NULL,
    title VARCHAR(200) NOT NULL,
    price DECIMAL(15,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_product_variants_sku UNIQUE (org_id, sku),
    -- seed 001: "Variants deleted with product".
    CONSTRAINT fk_product_variants_product_id FOREIGN KEY (product_id) REFERENCES ${s}.products(id) ON DELETE CASCADE,
    CONSTRAINT chk_product_variants_price CHECK (price >= 0)
);
CREATE INDEX IF NOT EXISTS idx_product_variants_product_id ON ${s}.product_variants(product_id);

CREATE TABLE IF NOT EXISTS ${s}.inventory (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    product_variant_id UUID NOT NULL,
    location VARCHAR(100) NOT NULL,
    quantity_on_hand INTEGER NOT NULL DEFAULT 0,
    quantity_reserved INTEGER NOT NULL DEFAULT 0,
    quantity_available INTEGER GENERATED ALWAYS AS (quantity_on_hand - quantity_reserved) STORED,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "One variant per location".
    CONSTRAINT uq_inventory_variant_location UNIQUE (product_variant_id, location),
    -- seed 001: "Inventory deleted with variant".
    CONSTRAINT fk_inventory_product_variant_id FOREIGN KEY (product_variant_id) REFERENCES ${s}.product_variants(id) ON DELETE CASCADE,
    -- Only what holds in every stream's own order: an order's reservations are placed before they are
    -- released. On hand and available may dip below zero for a moment — a fulfilment or an order
    -- projected before the receipt of another stream it followed — and never do once caught up (the
    -- command side's guard keeps stock at or above zero in the log's order). A check that waited for
    -- the other stream would hold up the partitions that carry it.
    CONSTRAINT chk_inventory_quantities CHECK (quantity_reserved >= 0)
);
CREATE INDEX IF NOT EXISTS idx_inventory_product_variant_id ON ${s}.inventory(product_variant_id);

CREATE TABLE IF NOT EXISTS ${s}.product_metrics (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    product_id UUID NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    units_sold INTEGER NOT NULL DEFAULT 0,
    orders_count INTEGER NOT NULL DEFAULT 0,
    revenue DECIMAL(15,2) NOT NULL DEFAULT 0,
    currency CHAR(3),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "One metric per product per period".
    CONSTRAINT uq_product_metrics_period UNIQUE (product_id, period_start, period_end),
    -- seed 001: "Metrics deleted with product".
    CONSTRAINT fk_product_metrics_product_id FOREIGN KEY (product_id) REFERENCES ${s}.products(id) ON DELETE CASCADE,
    CONSTRAINT chk_product_metrics_period CHECK (period_end >= period_start)
);
CREATE INDEX IF NOT EXISTS idx_product_metrics_product_id ON ${s}.product_metrics(product_id);

CREATE TABLE IF NOT EXISTS ${s}.customers (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    -- NULL once the person is erased (crypto-shredding): the row stays, orders still name it.
    email VARCHAR(255),
    first_name VARCHAR(100),
    last_name VARCHAR(100),
    phone VARCHAR(50),
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    accepts_marketing BOOLEAN NOT NULL DEFAULT false,
    attributes JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chk_customers_status CHECK (status IN ${ACTIVE_INACTIVE_ARCHIVED})
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_customers_email ON ${s}.customers(org_id, email);

CREATE TABLE IF NOT EXISTS ${s}.orders (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    customer_id UUID,
    status VARCHAR(20) NOT NULL DEFAULT 'pending',
    currency CHAR(3) NOT NULL,
    subtotal DECIMAL(15,2) NOT NULL,
    total DECIMAL(15,2) NOT NULL,
    refunded_amount DECIMAL(15,2) NOT NULL DEFAULT 0,
    placed_at TIMESTAMPTZ,
    paid_at TIMESTAMPTZ,
    fulfilled_at TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Orders preserved if customer deleted".
    CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES ${s}.customers(id) ON DELETE SET NULL,
    CONSTRAINT chk_orders_status CHECK (status IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded')),
    CONSTRAINT chk_orders_subtotal CHECK (subtotal >= 0),
    CONSTRAINT chk_orders_total CHECK (total >= 0),
    CONSTRAINT chk_orders_refunded_amount CHECK (refunded_amount >= 0 AND refunded_amount <= total)
);
CREATE INDEX IF NOT EXISTS idx_orders_customer_id ON ${s}.orders(customer_id);
CREATE INDEX IF NOT EXISTS idx_orders_customer_created ON ${s}.orders(customer_id, created_at DESC);

CREATE TABLE IF NOT EXISTS ${s}.order_items (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    order_id UUID NOT NULL,
    product_variant_id UUID,
    -- The line as sold, kept when its variant goes (no FK: history).
    product_id UUID,
    sku VARCHAR(100) NOT NULL,
    location VARCHAR(100) NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price DECIMAL(15,2) NOT NULL,
    line_total DECIMAL(15,2) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Items deleted with order".
    CONSTRAINT fk_order_items_order_id FOREIGN KEY (order_id) REFERENCES ${s}.orders(id) ON DELETE CASCADE,
    -- seed 001: "Preserve items if variant deleted".
    CONSTRAINT fk_order_items_product_variant_id FOREIGN KEY (product_variant_id) REFERENCES ${s}.product_variants(id) ON DELETE SET NULL,
    CONSTRAINT chk_order_items_quantity CHECK (quantity > 0),
    CONSTRAINT chk_order_items_unit_price CHECK (unit_price >= 0),
    CONSTRAINT chk_order_items_line_total CHECK (line_total >= 0)
);
CREATE INDEX IF NOT EXISTS idx_order_items_order_id ON ${s}.order_items(order_id);
CREATE INDEX IF NOT EXISTS idx_order_items_product_variant_id ON ${s}.order_items(product_variant_id);
-- Not a foreign key, but what product_performance groups the lines by.
CREATE INDEX IF NOT EXISTS idx_order_items_product_id ON ${s}.order_items(product_id);
`;
