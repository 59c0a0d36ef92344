import { decodeEvent, encodeEvent, type EventEnvelope } from '@campaign/contracts';
import { type Command, fold, isRejection, lifecycle } from '@campaign/domain';
import type { BatchResult } from '../shared/projection-runner';
import { campaignEnvelope, EXTREME_START_TIMES, Random, randomCreate, randomFollowUp, randomUuid, TimerHistory, useProjectionSchemas } from './testing';

const SEED = 20_261_204;
const CAMPAIGNS = 160;
const MINUTE = 60_000;

/** One campaign's life as production would record it: its events, the timers they set, what was refused. */
interface Simulated {
  readonly campaignId: string;
  readonly envelopes: EventEnvelope[];
  readonly timers: TimerHistory[];
  readonly rejections: string[];
  /** Commands `decide` threw on instead of deciding (a timer due at an instant it cannot read…). */
  readonly crashes: string[];
  readonly startTimes: (string | null)[];
  readonly state: lifecycle.CampaignState;
}

class CampaignSimulation implements Simulated {
  readonly envelopes: EventEnvelope[] = [];
  readonly timers: TimerHistory[] = [];
  readonly rejections: string[] = [];
  readonly crashes: string[] = [];
  readonly startTimes: (string | null)[] = [];
  private readonly pending = new Map<lifecycle.TimerType, { history: TimerHistory; dueAt: string }>();
  private view: lifecycle.CampaignTimerView | null = null;

  constructor(
    readonly campaignId: string,
    private clock: number,
  ) {}

  get state(): lifecycle.CampaignState {
    return fold(lifecycle.campaignDecider, this.envelopes as unknown as lifecycle.CampaignEvent[]);
  }

  get participants(): string[] {
    const state = this.state;
    return state.exists ? [...state.participants] : [];
  }

  /** A due timer fires at its due time; the scheduler sends its command judged at that instant. */
  dueTimer(): { type: lifecycle.TimerType; dueAt: string } | null {
    const due = [...this.pending].filter(([, timer]) => Date.parse(timer.dueAt) >= this.clock);
    return due.length > 0 ? { type: due[0][0], dueAt: due[0][1].dueAt } : null;
  }

  run(command: Pick<lifecycle.CampaignCommand, 'type' | 'data'>, at: number): void {
    this.clock = at;
    const now = new Date(at).toISOString();
    const full = { ...command, metadata: { commandId: `cmd-${this.envelopes.length}-${at}`, now, actor: 'user:property' } } as lifecycle.CampaignCommand;
    if (full.type === 'CreateCampaign') this.startTimes.push(full.data.startTime ?? null);
    let decision: ReturnType<typeof lifecycle.campaignDecider.decide>;
    try {
      decision = lifecycle.campaignDecider.decide(full, this.state);
    } catch (error) {
      this.crashes.push(`${full.type} at ${now}: ${(error as Error).message}`);
      return;
    }
    if (isRejection(decision)) {
      this.rejections.push(decision.code);
      return;
    }
    for (const event of decision) this.record(event, full);
  }

  private record(event: lifecycle.CampaignEvent, command: Command): void {
    const { now } = command.metadata;
    this.envelopes.push(
      campaignEnvelope(this.campaignId, this.envelopes.length + 1, event, command.metadata, randomUuidOf(this.campaignId, this.envelopes.length)),
    );
    const outcome = lifecycle.timerPolicy(this.view, event);
    for (const { timerType } of outcome.cancel) {
      this.pending.get(timerType)?.history.cancelled(now);
      this.pending.delete(timerType);
    }
    this.view = outcome.view;
    for (const { timerType, dueAt } of outcome.schedule) {
      // The scheduler stores only what seed 002's validate_timer_schedule() allows.
      if (!this.view || lifecycle.timerScheduleError(this.view, dueAt, now) !== null) continue;
      const history = new TimerHistory(this.campaignId, timerType).scheduled(dueAt, now);
      this.timers.push(history);
      this.pending.set(timerType, { history, dueAt });
    }
  }
}

const randomUuidOf = (campaignId: string, n: number): string => `${campaignId.slice(0, 24)}${n.toString(16).padStart(12, '0')}`;

/** A campaign created (or not) with random values, then up to 15 random commands, some sent by its timers. */
const simulate = (random: Random, index: number): Simulated => {
  let clock = Date.parse('2026-03-01T10:00:00.000Z') + index * MINUTE;
  const campaign = new CampaignSimulation(randomUuid(random), clock);
  // The first campaigns try each extreme start time once; the rest draw theirs.
  const extreme = index < EXTREME_START_TIMES.length ? EXTREME_START_TIMES[index] : undefined;
  for (let attempt = 0; attempt < 3 && !campaign.state.exists; attempt++) {
    campaign.run(randomCreate(random, campaign.campaignId, clock, attempt === 0 ? extreme : undefined), clock);
  }
  for (let step = random.int(3, 15); step > 0; step--) {
    const timer = campaign.dueTimer();
    if (timer && random.chance(0.5)) {
      clock = Date.parse(timer.dueAt);
      campaign.run(lifecycle.timerCommandOf(timer.type, campaign.campaignId) as lifecycle.CampaignCommand, clock);
    } else {
      clock += random.int(1, 5 * 24 * 60) * MINUTE;
      campaign.run(randomFollowUp(random, campaign.campaignId, campaign.participants) as lifecycle.CampaignCommand, clock);
    }
  }
  return campaign;
};

describe('every lifecycle command the decider accepts can be projected (seeded property)', () => {
  const schemas = useProjectionSchemas();

  it(`${CAMPAIGNS} random campaigns — extreme instants, durations, metadata and unicode — project with no dead letter`, async () => {
    const random = new Random(SEED);
    const campaigns = Array.from({ length: CAMPAIGNS }, (_, index) => simulate(random, index));
    // As the projection receives them: through the Avro contract, as Kafka carries them.
    const events = campaigns.flatMap((c) => [...c.envelopes, ...c.timers.flatMap((t) => t.envelopes)]).map((e) => decodeEvent(encodeEvent(e)));
    const { schema, runner } = await schemas.projectionIn('lc_accepted');

    const results: BatchResult[] = [];
    for (let i = 0; i < events.length; i += 250) results.push(await runner.applyBatch(events.slice(i, i + 250)));

    const deadLetters = results.flatMap((r) => r.deadLetters.map((d) => ({ type: d.event.type, occurredAt: d.event.occurredAt, error: d.error })));
    expect(deadLetters).toEqual([]);
    expect(campaigns.flatMap((c) => c.crashes)).toEqual([]);
    const created = campaigns.filter((c) => c.envelopes.length > 0);
    const { rows } = await schemas.pool().query<{ id: string; status: string }>(`SELECT id, status FROM ${schema}.campaigns ORDER BY id`);
    expect(rows).toEqual(
      created.map((c) => ({ id: c.campaignId, status: (c.state as lifecycle.ExistingCampaign).status })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    const {
      rows: [timers],
    } = await schemas.pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.campaign_timers`);
    expect(timers.n).toBe(campaigns.reduce((n, c) => n + c.timers.length, 0));

    // The generator keeps reaching what it is here for: the year-9999 start, accepted and refused commands.
    expect(campaigns.flatMap((c) => c.startTimes)).toContain('9999-12-31T23:59:59Z');
    expect(created.length).toBeGreaterThan(CAMPAIGNS / 3);
    expect(campaigns.flatMap((c) => c.rejections).length).toBeGreaterThan(CAMPAIGNS);
  });
});
