/**
 * seed 001's analytics, financial and system tables: KPIs and their measurements, reports,
 * (partitioned) transactions, budgets, revenue attribution, (partitioned) system events and
 * configurations. `s` is the quoted schema; the design and departures are listed in
 * commerce.schema.ts.
 */
export const financeDdl = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.kpis (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT,
    unit VARCHAR(50),
    target_value DECIMAL(15,4),
    direction VARCHAR(10) NOT NULL DEFAULT 'increase',
    owner_agent_id UUID,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_kpis_owner_agent_id FOREIGN KEY (owner_agent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT chk_kpis_direction CHECK (direction IN ('increase', 'decrease'))
);
CREATE INDEX IF NOT EXISTS idx_kpis_owner_agent_id ON ${s}.kpis(owner_agent_id);

CREATE TABLE IF NOT EXISTS ${s}.kpi_measurements (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    kpi_id UUID NOT NULL,
    measured_at TIMESTAMPTZ NOT NULL,
    value DECIMAL(15,4) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Measurements deleted with KPI".
    CONSTRAINT fk_kpi_measurements_kpi_id FOREIGN KEY (kpi_id) REFERENCES ${s}.kpis(id) ON DELETE CASCADE
);
-- The FK's index, and a KPI's time series in order ("Time-series data").
CREATE INDEX IF NOT EXISTS idx_kpi_measurements_kpi_id ON ${s}.kpi_measurements(kpi_id, measured_at);

CREATE TABLE IF NOT EXISTS ${s}.reports (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    created_by_agent_id UUID,
    title VARCHAR(200) NOT NULL,
    report_type VARCHAR(50) NOT NULL,
    period_start DATE,
    period_end DATE,
    content JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Reports preserved if agent deleted".
    CONSTRAINT fk_reports_created_by_agent_id FOREIGN KEY (created_by_agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_reports_created_by_agent_id ON ${s}.reports(created_by_agent_id);

-- seed 001: "Partition Large Tables: transactions by transaction_date" (monthly, commerce.views.ts).
CREATE TABLE IF NOT EXISTS ${s}.transactions (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    transaction_date TIMESTAMPTZ NOT NULL,
    type VARCHAR(20) NOT NULL,
    amount DECIMAL(15,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    category VARCHAR(100),
    order_id UUID,
    customer_id UUID,
    agent_id UUID,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id, transaction_date),
    -- seed 001: "All optional for flexibility": a money movement outlives what it names.
    CONSTRAINT fk_transactions_order_id FOREIGN KEY (order_id) REFERENCES ${s}.orders(id) ON DELETE SET NULL,
    CONSTRAINT fk_transactions_customer_id FOREIGN KEY (customer_id) REFERENCES ${s}.customers(id) ON DELETE SET NULL,
    CONSTRAINT fk_transactions_agent_id FOREIGN KEY (agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL,
    CONSTRAINT chk_transactions_type CHECK (type IN ('sale', 'refund', 'expense', 'adjustment')),
    CONSTRAINT chk_transactions_amount CHECK (amount >= 0)
) PARTITION BY RANGE (transaction_date);
CREATE TABLE IF NOT EXISTS ${s}.transactions_default PARTITION OF ${s}.transactions DEFAULT;
CREATE INDEX IF NOT EXISTS idx_transactions_order_id ON ${s}.transactions(order_id);
CREATE INDEX IF NOT EXISTS idx_transactions_customer_id ON ${s}.transactions(customer_id);
CREATE INDEX IF NOT EXISTS idx_transactions_agent_id ON ${s}.transactions(agent_id);

CREATE TABLE IF NOT EXISTS ${s}.budgets (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    category VARCHAR(100) NOT NULL,
    fiscal_year INTEGER NOT NULL,
    fiscal_month INTEGER NOT NULL,
    amount DECIMAL(15,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    owner_agent_id UUID,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Can exist without owner"; no rule printed, so NO ACTION.
    CONSTRAINT fk_budgets_owner_agent_id FOREIGN KEY (owner_agent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT chk_budgets_fiscal_month CHECK (fiscal_month BETWEEN 1 AND 12),
    CONSTRAINT chk_budgets_amount CHECK (amount >= 0)
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_budgets_category_period ON ${s}.budgets(org_id, category, fiscal_year, fiscal_month);
CREATE INDEX IF NOT EXISTS idx_budgets_owner_agent_id ON ${s}.budgets(owner_agent_id);

CREATE TABLE IF NOT EXISTS ${s}.revenue_attribution (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    transaction_id UUID NOT NULL,
    transaction_date TIMESTAMPTZ NOT NULL,
    agent_id UUID NOT NULL,
    campaign_id UUID,
    model VARCHAR(20) NOT NULL,
    share DECIMAL(9,8) NOT NULL,
    amount DECIMAL(15,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Attribution deleted with transaction".
    CONSTRAINT fk_revenue_attribution_transaction_id FOREIGN KEY (transaction_id, transaction_date)
        REFERENCES ${s}.transactions(id, transaction_date) ON DELETE CASCADE,
    -- seed 001: "Must credit an agent" (NOT NULL, so NO ACTION: SET NULL could not hold).
    CONSTRAINT fk_revenue_attribution_agent_id FOREIGN KEY (agent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT fk_revenue_attribution_campaign_id FOREIGN KEY (campaign_id) REFERENCES ${s}.campaigns(id) ON DELETE SET NULL,
    CONSTRAINT chk_revenue_attribution_model CHECK (model IN ('last_touch', 'linear')),
    CONSTRAINT chk_revenue_attribution_share CHECK (share > 0 AND share <= 1),
    CONSTRAINT chk_revenue_attribution_amount CHECK (amount >= 0)
);
CREATE INDEX IF NOT EXISTS idx_revenue_attribution_transaction_id ON ${s}.revenue_attribution(transaction_id, transaction_date);
CREATE INDEX IF NOT EXISTS idx_revenue_attribution_agent_id ON ${s}.revenue_attribution(agent_id);
CREATE INDEX IF NOT EXISTS idx_revenue_attribution_campaign_id ON ${s}.revenue_attribution(campaign_id);

-- seed 001: "Partition Large Tables: system_events by created_at" (monthly, commerce.views.ts).
CREATE TABLE IF NOT EXISTS ${s}.system_events (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    source_agent_id UUID,
    event_type VARCHAR(100) NOT NULL,
    severity VARCHAR(10) NOT NULL DEFAULT 'info',
    payload JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, created_at),
    -- seed 001: "Events preserved if agent deleted".
    CONSTRAINT fk_system_events_source_agent_id FOREIGN KEY (source_agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL,
    CONSTRAINT chk_system_events_severity CHECK (severity IN ('info', 'warning', 'error', 'critical'))
) PARTITION BY RANGE (created_at);
CREATE TABLE IF NOT EXISTS ${s}.system_events_default PARTITION OF ${s}.system_events DEFAULT;
CREATE INDEX IF NOT EXISTS idx_system_events_source_agent_id ON ${s}.system_events(source_agent_id);

CREATE TABLE IF NOT EXISTS ${s}.configurations (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    key VARCHAR(100) NOT NULL,
    value JSONB NOT NULL,
    updated_by_agent_id UUID,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_configurations_key UNIQUE (org_id, key),
    -- seed 001: "Configs preserved if agent deleted".
    CONSTRAINT fk_configurations_updated_by_agent_id FOREIGN KEY (updated_by_agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_configurations_updated_by_agent_id ON ${s}.configurations(updated_by_agent_id);
`;
