import { isUuid, type outreach } from '@campaign/domain';
import { RequireScopes, SCOPES } from '@campaign/runtime';
import { TimerStore } from '@campaign/timers';
import { BadRequestException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { OUTREACH_TIMER_STORE } from '../outreach/tokens';

const requireUuid = (value: string | undefined, name: string): string => {
  if (!isUuid(value)) throw new BadRequestException({ code: 'INVALID_REQUEST', message: `${name} must be a UUID` });
  return value;
};

const CONTEXTS = ['lifecycle', 'outreach'] as const;
type Context = (typeof CONTEXTS)[number];

/**
 * Operators' view of the scheduler's timers, and "run this timer now", for both contexts:
 * lifecycle timers (seed 002) and outreach timers (seed 004), kept in separate schemas.
 * Operators only: listing needs `timers:read`, firing `timers:operate` (timers span every org).
 */
@Controller('v1/timers')
export class TimersController {
  constructor(
    private readonly store: TimerStore,
    @Inject(OUTREACH_TIMER_STORE) private readonly outreachStore: TimerStore<outreach.OutreachTimerType>,
  ) {}

  /**
   * Active timers of a campaign, and the ones it already finished, in `lifecycle` and
   * `outreach` (each present unless `?context=` names one). An outreach campaign's list
   * includes the active soft-bounce retries of its contacts; a contact's own timers, finished
   * ones too, are listed by its id (`?campaignId=<contactId>`: the timer's subject).
   */
  @Get()
  @RequireScopes(SCOPES.timersRead)
  async list(@Query('campaignId') campaignId?: string, @Query('context') context?: string): Promise<object> {
    const id = requireUuid(campaignId, 'campaignId');
    if (context !== undefined && !CONTEXTS.includes(context as Context)) {
      throw new BadRequestException({ code: 'INVALID_REQUEST', message: `context must be one of ${CONTEXTS.join(', ')}` });
    }
    const wanted = (c: Context) => context === undefined || context === c;
    const [lifecycle, outreachTimers] = await Promise.all([
      wanted('lifecycle') ? this.store.listForCampaign(id) : null,
      wanted('outreach') ? this.outreachStore.listForCampaign(id, true) : null,
    ]);
    // The lifecycle's lists stay at the top level, where clients of the first version read them.
    return { campaignId: id, ...(lifecycle ?? {}), ...(outreachTimers ? { outreach: outreachTimers } : {}) };
  }

  /**
   * Makes a PENDING timer of either context due now (its scheduled time is kept, for the
   * record). The timer still fires through its engine, once, as it would have at its time.
   */
  @Post(':id/fire-now')
  @RequireScopes(SCOPES.timersOperate)
  @HttpCode(202)
  async fireNow(@Param('id') timerId: string): Promise<object> {
    const id = requireUuid(timerId, 'timer id');
    const lifecycle = await this.store.makeDueNow(id);
    if (lifecycle) return { context: 'lifecycle', ...lifecycle };
    const outreachTimer = await this.outreachStore.makeDueNow(id);
    if (outreachTimer) return { context: 'outreach', ...outreachTimer };
    throw new NotFoundException({ code: 'TIMER_NOT_PENDING', message: `no PENDING timer ${id}` });
  }
}
