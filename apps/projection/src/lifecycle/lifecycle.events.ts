import type { EventEnvelope } from '@campaign/contracts';
import type { lifecycle } from '@campaign/domain';

/** A lifecycle event as it arrives from the bus: the domain event inside its envelope. */
export type LifecycleEnvelope = {
  [T in lifecycle.CampaignEvent['type']]: EventEnvelope<Extract<lifecycle.CampaignEvent, { type: T }>['data']> & { type: T };
}[lifecycle.CampaignEvent['type']];

export interface CampaignRow {
  readonly id: string;
  readonly status: lifecycle.CampaignStatus;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly created_at: string;
  readonly updated_at: string;
  readonly start_time: string | null;
  readonly end_time: string | null;
  readonly duration_hours: number;
  readonly auto_close: boolean;
  readonly rewards_enabled: boolean;
}
