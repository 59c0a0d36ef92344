import { isUuid, type outreach } from '@campaign/domain';
import { RequireScopes, SCOPES } from '@campaign/runtime';
import { listTimerDeadLetters, redriveFailedTimer, TimerRedriveError, TimerStore } from '@campaign/timers';
import { BadRequestException, ConflictException, Controller, Get, HttpCode, HttpException, Inject, NotFoundException, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import { OUTREACH_TIMER_STORE } from '../outreach/tokens';

const requireUuid = (value: string | undefined, name: string): string => {
  if (!isUuid(value)) throw new BadRequestException({ code: 'INVALID_REQUEST', message: `${name} must be a UUID` });
  return value;
};

const CONTEXTS = ['lifecycle', 'outreach'] as const;
type Context = (typeof CONTEXTS)[number];

const requireContext = (value: string): Context => {
  if (!CONTEXTS.includes(value as Context)) throw new NotFoundException({ code: 'UNKNOWN_CONTEXT', message: `context must be one of ${CONTEXTS.join(', ')}` });
  return value as Context;
};

/** A redrive refused for what the dead letter or its timer is, as the HTTP status it deserves. */
const redriveRefusal = (error: TimerRedriveError): HttpException => {
  const body = { code: error.code, message: error.message };
  if (error.code === 'DEAD_LETTER_NOT_FOUND') return new NotFoundException(body);
  if (error.code === 'NOT_REDRIVABLE' || error.code === 'TIMER_PAYLOAD_UNKNOWN') return new UnprocessableEntityException(body);
  return new ConflictException(body);
};

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

  /** The scheduler's dead letters of a context: timers out of retries, and timers the rules refused. */
  @Get('dead-letters/:context')
  @RequireScopes(SCOPES.timersRead)
  async deadLetters(@Param('context') context: string, @Query('all') all?: string): Promise<object> {
    const store = this.storeOf(requireContext(context));
    return { context, deadLetters: await listTimerDeadLetters(store, all === 'true') };
  }

  /**
   * Arms a FAILED timer again after its cause was fixed: PENDING, due now, retries from zero.
   * Refused timers have no timer to arm (422); a letter already redriven, or a timer that is
   * active again, is a conflict (409).
   */
  @Post('dead-letters/:context/:id/redrive')
  @RequireScopes(SCOPES.timersOperate)
  @HttpCode(202)
  async redrive(@Param('context') context: string, @Param('id') id: string): Promise<object> {
    const store = this.storeOf(requireContext(context));
    try {
      return { context, ...(await redriveFailedTimer(store, id)) };
    } catch (error) {
      if (error instanceof TimerRedriveError) throw redriveRefusal(error);
      throw error;
    }
  }

  private storeOf(context: Context): TimerStore<string> {
    return context === 'lifecycle' ? this.store : this.outreachStore;
  }
}
