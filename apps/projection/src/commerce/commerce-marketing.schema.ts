/**
 * seed 001's customers' segmentation and marketing: segments and their members, customer
 * interactions, campaigns, content, email lists and subscribers. `s` is the quoted schema; the
 * design and departures are listed in commerce.schema.ts.
 */
export const marketingDdl = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.customer_segments (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT,
    kind VARCHAR(10) NOT NULL,
    rules JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chk_customer_segments_kind CHECK (kind IN ('rule', 'static'))
);

CREATE TABLE IF NOT EXISTS ${s}.customer_segment_members (
    customer_id UUID NOT NULL,
    segment_id UUID NOT NULL,
    org_id UUID NOT NULL,
    added_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (customer_id, segment_id),
    -- seed 001: "Membership deleted if either side deleted".
    CONSTRAINT fk_customer_segment_members_customer_id FOREIGN KEY (customer_id) REFERENCES ${s}.customers(id) ON DELETE CASCADE,
    CONSTRAINT fk_customer_segment_members_segment_id FOREIGN KEY (segment_id) REFERENCES ${s}.customer_segments(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_customer_segment_members_customer_id ON ${s}.customer_segment_members(customer_id);
CREATE INDEX IF NOT EXISTS idx_customer_segment_members_segment_id ON ${s}.customer_segment_members(segment_id);

CREATE TABLE IF NOT EXISTS ${s}.customer_interactions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    customer_id UUID NOT NULL,
    agent_id UUID,
    channel VARCHAR(50) NOT NULL,
    summary TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Interactions deleted with customer".
    CONSTRAINT fk_customer_interactions_customer_id FOREIGN KEY (customer_id) REFERENCES ${s}.customers(id) ON DELETE CASCADE,
    -- seed 001: "Preserve if agent deleted".
    CONSTRAINT fk_customer_interactions_agent_id FOREIGN KEY (agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS idx_customer_interactions_customer_id ON ${s}.customer_interactions(customer_id);
CREATE INDEX IF NOT EXISTS idx_customer_interactions_agent_id ON ${s}.customer_interactions(agent_id);

-- seed 001: "All relationships optional. Campaigns can exist independently" — each ON DELETE SET NULL.
CREATE TABLE IF NOT EXISTS ${s}.campaigns (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    goal_id UUID,
    owner_agent_id UUID,
    target_segment_id UUID,
    status VARCHAR(20) NOT NULL DEFAULT 'draft',
    channel VARCHAR(50),
    budget DECIMAL(15,2),
    currency CHAR(3),
    starts_at TIMESTAMPTZ,
    ends_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_campaigns_goal_id FOREIGN KEY (goal_id) REFERENCES ${s}.goals(id) ON DELETE SET NULL,
    CONSTRAINT fk_campaigns_owner_agent_id FOREIGN KEY (owner_agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL,
    CONSTRAINT fk_campaigns_target_segment_id FOREIGN KEY (target_segment_id) REFERENCES ${s}.customer_segments(id) ON DELETE SET NULL,
    CONSTRAINT chk_campaigns_status CHECK (status IN ('draft', 'active', 'paused', 'completed', 'archived')),
    CONSTRAINT chk_campaigns_budget CHECK (budget >= 0)
);
CREATE INDEX IF NOT EXISTS idx_campaigns_goal_id ON ${s}.campaigns(goal_id);
CREATE INDEX IF NOT EXISTS idx_campaigns_owner_agent_id ON ${s}.campaigns(owner_agent_id);
CREATE INDEX IF NOT EXISTS idx_campaigns_target_segment_id ON ${s}.campaigns(target_segment_id);

CREATE TABLE IF NOT EXISTS ${s}.content (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    campaign_id UUID,
    created_by_agent_id UUID,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    content_type VARCHAR(50) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'draft',
    published_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Content preserved if campaign deleted".
    CONSTRAINT fk_content_campaign_id FOREIGN KEY (campaign_id) REFERENCES ${s}.campaigns(id) ON DELETE SET NULL,
    -- seed 001: "Track creator agent" (SET NULL: "agent references in logs/events").
    CONSTRAINT fk_content_created_by_agent_id FOREIGN KEY (created_by_agent_id) REFERENCES ${s}.agents(id) ON DELETE SET NULL,
    CONSTRAINT chk_content_status CHECK (status IN ('draft', 'published', 'archived'))
);
CREATE INDEX IF NOT EXISTS idx_content_campaign_id ON ${s}.content(campaign_id);
CREATE INDEX IF NOT EXISTS idx_content_created_by_agent_id ON ${s}.content(created_by_agent_id);

CREATE TABLE IF NOT EXISTS ${s}.email_lists (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ${s}.email_subscribers (
    email VARCHAR(255) NOT NULL,
    list_id UUID NOT NULL,
    -- Not in the seed: the subscriber's stream (one per subscription), which an unsubscription
    -- names — its email may be erased by then, the id never is.
    subscriber_id UUID NOT NULL,
    org_id UUID NOT NULL,
    customer_id UUID,
    status VARCHAR(20) NOT NULL DEFAULT 'subscribed',
    subscribed_at TIMESTAMPTZ,
    unsubscribed_at TIMESTAMPTZ,
    PRIMARY KEY (email, list_id),
    -- seed 001: "Subscriber deleted if list deleted".
    CONSTRAINT fk_email_subscribers_list_id FOREIGN KEY (list_id) REFERENCES ${s}.email_lists(id) ON DELETE CASCADE,
    -- seed 001: "Preserve subscription if customer deleted".
    CONSTRAINT fk_email_subscribers_customer_id FOREIGN KEY (customer_id) REFERENCES ${s}.customers(id) ON DELETE SET NULL,
    CONSTRAINT chk_email_subscribers_status CHECK (status IN ('subscribed', 'unsubscribed', 'bounced')),
    CONSTRAINT uq_email_subscribers_subscriber_id UNIQUE (subscriber_id)
);
CREATE INDEX IF NOT EXISTS idx_email_subscribers_list_id ON ${s}.email_subscribers(list_id);
CREATE INDEX IF NOT EXISTS idx_email_subscribers_customer_id ON ${s}.email_subscribers(customer_id);
`;
