/**
 * seed 000's content side of the orchestration read models — campaign_content, its
 * relationships, the calendar and analytics — with every foreign key, CHECK and index the seed
 * prints (the design and departures: orchestration.schema.ts). `s` is the quoted schema.
 */
export const contentDdl = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.campaign_content (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    workflow_id UUID,
    step_key VARCHAR(100),
    parent_content_id UUID,
    title VARCHAR(500) NOT NULL,
    content_type VARCHAR(50) NOT NULL,
    platform VARCHAR(50) NOT NULL,
    content_markdown TEXT,
    status VARCHAR(30) NOT NULL DEFAULT 'draft',
    is_active BOOLEAN NOT NULL DEFAULT true,
    scheduled_publish_at TIMESTAMPTZ,
    published_at TIMESTAMPTZ,
    review_deadline TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT fk_content_campaign FOREIGN KEY (campaign_id) REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    CONSTRAINT fk_content_workflow FOREIGN KEY (workflow_id) REFERENCES ${s}.campaign_workflows(id) ON DELETE SET NULL,
    CONSTRAINT fk_content_parent FOREIGN KEY (parent_content_id) REFERENCES ${s}.campaign_content(id) ON DELETE SET NULL,
    CONSTRAINT chk_content_no_self_parent CHECK (id != parent_content_id),
    CONSTRAINT chk_content_publish_timing CHECK (
      published_at IS NULL OR
      published_at >= created_at
    ),
    CONSTRAINT chk_content_schedule_timing CHECK (
      scheduled_publish_at IS NULL OR
      scheduled_publish_at > created_at
    )
);
CREATE INDEX IF NOT EXISTS idx_content_campaign_active ON ${s}.campaign_content(campaign_id, is_active, status);
CREATE INDEX IF NOT EXISTS idx_content_parent_child ON ${s}.campaign_content(parent_content_id, created_at);
-- The legacy INSERT names no org: the content's is its campaign's.
CREATE OR REPLACE FUNCTION ${s}.content_org_of_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.org_id IS NULL THEN
    EXECUTE format('SELECT org_id FROM %I.campaigns WHERE id = $1', TG_TABLE_SCHEMA) INTO NEW.org_id USING NEW.campaign_id;
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS content_org_of_campaign ON ${s}.campaign_content;
CREATE TRIGGER content_org_of_campaign BEFORE INSERT ON ${s}.campaign_content
  FOR EACH ROW EXECUTE FUNCTION ${s}.content_org_of_campaign();

CREATE TABLE IF NOT EXISTS ${s}.campaign_content_relationships (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    source_content_id UUID NOT NULL,
    target_content_id UUID NOT NULL,
    relationship_type VARCHAR(30) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT uq_content_relationships UNIQUE (source_content_id, target_content_id, relationship_type),
    CONSTRAINT fk_content_relationships_source FOREIGN KEY (source_content_id) REFERENCES ${s}.campaign_content(id) ON DELETE CASCADE,
    CONSTRAINT fk_content_relationships_target FOREIGN KEY (target_content_id) REFERENCES ${s}.campaign_content(id) ON DELETE CASCADE,
    CONSTRAINT chk_content_relationship_not_self CHECK (source_content_id != target_content_id)
);
CREATE INDEX IF NOT EXISTS idx_content_relationships_source ON ${s}.campaign_content_relationships(source_content_id, relationship_type);

CREATE TABLE IF NOT EXISTS ${s}.campaign_calendar (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    content_id UUID,
    workflow_id UUID,
    event_type VARCHAR(50) NOT NULL,
    title VARCHAR(500) NOT NULL,
    scheduled_datetime TIMESTAMPTZ NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'scheduled',
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT fk_calendar_campaign FOREIGN KEY (campaign_id) REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    CONSTRAINT fk_calendar_content FOREIGN KEY (content_id) REFERENCES ${s}.campaign_content(id) ON DELETE CASCADE,
    CONSTRAINT fk_calendar_workflow FOREIGN KEY (workflow_id) REFERENCES ${s}.campaign_workflows(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_calendar_campaign_date ON ${s}.campaign_calendar(campaign_id, scheduled_datetime);

CREATE TABLE IF NOT EXISTS ${s}.campaign_analytics (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    content_id UUID,
    measurement_date DATE NOT NULL,
    platform VARCHAR(50),
    views BIGINT NOT NULL DEFAULT 0,
    clicks BIGINT NOT NULL DEFAULT 0,
    conversions BIGINT NOT NULL DEFAULT 0,
    engagements BIGINT NOT NULL DEFAULT 0,
    shares BIGINT NOT NULL DEFAULT 0,
    revenue DECIMAL(12,2) NOT NULL DEFAULT 0,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT uq_campaign_analytics_measurement UNIQUE NULLS NOT DISTINCT (campaign_id, content_id, measurement_date, platform),
    CONSTRAINT fk_analytics_campaign FOREIGN KEY (campaign_id) REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    CONSTRAINT fk_analytics_content FOREIGN KEY (content_id) REFERENCES ${s}.campaign_content(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_analytics_campaign_date ON ${s}.campaign_analytics(campaign_id, measurement_date DESC);
`;
