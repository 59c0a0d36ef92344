import { isUuid } from '@campaign/domain';
import { Caller, type JsonLogger, LOGGER, type Principal, RequireScopes, SCOPES } from '@campaign/runtime';
import { listTimerDeadLetters, redriveFailedTimer, retryFailedTimer, TimerRedriveError } from '@campaign/timers';
import {
  BadRequestException,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { REGISTERED_CONTEXTS, type RegisteredContext } from './registered-context';

const requireUuid = (value: string | undefined, name: string): string => {
  if (!isUuid(value)) throw new BadRequestException({ code: 'INVALID_REQUEST', message: `${name} must be a UUID` });
  return value;
};

/** A redrive refused for what the dead letter or its timer is, as the HTTP status it deserves. */
const redriveRefusal = (error: TimerRedriveError): HttpException => {
  const body = { code: error.code, message: error.message };
  if (error.code === 'DEAD_LETTER_NOT_FOUND' || error.code === 'TIMER_NOT_FOUND') return new NotFoundException(body);
  if (error.code === 'NOT_REDRIVABLE' || error.code === 'TIMER_PAYLOAD_UNKNOWN') return new UnprocessableEntityException(body);
  return new ConflictException(body);
};

/**
 * Operators' view of the scheduler's timers, and "run this timer now", for every registered
 * context (each keeps its timers in a schema of its own).
 * Operators only: listing needs `timers:read`, firing `timers:operate` (timers span every org).
 */
@Controller('v1/timers')
export class TimersController {
  private readonly names: string;

  constructor(
    @Inject(REGISTERED_CONTEXTS) private readonly contexts: readonly RegisteredContext[],
    @Inject(LOGGER) private readonly log: JsonLogger,
  ) {
    this.names = contexts.map((c) => c.context.name).join(', ');
  }

  /**
   * Active timers of a campaign, and the ones it already finished, in every context (or only
   * the one `?context=` names). The first-registered context's lists stay at the top level,
   * where clients of the first version read them; the others' are under their names. A context
   * that lists payload campaigns includes the active timers of the campaign's contacts; a
   * contact's own timers, finished ones too, are listed by its id (the timer's subject).
   */
  @Get()
  @RequireScopes(SCOPES.timersRead)
  async list(@Query('campaignId') campaignId?: string, @Query('context') context?: string): Promise<object> {
    const id = requireUuid(campaignId, 'campaignId');
    if (context !== undefined && !this.contexts.some((c) => c.context.name === context)) {
      throw new BadRequestException({ code: 'INVALID_REQUEST', message: `context must be one of ${this.names}` });
    }
    const wanted = this.contexts.filter((c) => context === undefined || context === c.context.name);
    const lists = await Promise.all(wanted.map((c) => this.listOf(c, id)));
    const [first, ...others] = this.contexts;
    const top = wanted.includes(first) ? lists[wanted.indexOf(first)] : {};
    const named = others.filter((c) => wanted.includes(c)).map((c) => [c.context.name, lists[wanted.indexOf(c)]]);
    return { campaignId: id, ...top, ...Object.fromEntries(named) };
  }

  /** One context's timers of a campaign (or of a contact), answered alike for every context. */
  @Get(':context')
  @RequireScopes(SCOPES.timersRead)
  async listOne(@Param('context') context: string, @Query('campaignId') campaignId?: string): Promise<object> {
    const registered = this.registered(context);
    const id = requireUuid(campaignId, 'campaignId');
    return { campaignId: id, context, ...(await this.listOf(registered, id)) };
  }

  /**
   * Makes a PENDING timer of any context due now (its scheduled time is kept, for the
   * record). The timer still fires through its engine, once, as it would have at its time.
   */
  @Post(':id/fire-now')
  @RequireScopes(SCOPES.timersOperate)
  @HttpCode(202)
  async fireNow(@Param('id') timerId: string): Promise<object> {
    const id = requireUuid(timerId, 'timer id');
    for (const { context, store } of this.contexts) {
      const timer = await store.makeDueNow(id);
      if (timer) return { context: context.name, ...timer };
    }
    throw new NotFoundException({ code: 'TIMER_NOT_PENDING', message: `no PENDING timer ${id}` });
  }

  /** The scheduler's dead letters of a context: timers out of retries, and timers the rules refused. */
  @Get('dead-letters/:context')
  @RequireScopes(SCOPES.timersRead)
  async deadLetters(@Param('context') context: string, @Query('all') all?: string): Promise<object> {
    const { store } = this.registered(context);
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
    const { store } = this.registered(context);
    try {
      return { context, ...(await redriveFailedTimer(store, id)) };
    } catch (error) {
      if (error instanceof TimerRedriveError) throw redriveRefusal(error);
      throw error;
    }
  }

  /**
   * seed 002: an operator retries a FAILED timer (campaign_timers.status FAILED). One failed for
   * good is armed again — PENDING, due now, retries from zero; one whose retry waits for its
   * back-off has that retry made due now. Unknown timer: 404 TIMER_NOT_FOUND; a timer that has
   * not failed: 409 TIMER_NOT_FAILED; a newer active timer of its type: 409 TIMER_ALREADY_ACTIVE.
   * Every retry is audited in the log with who asked.
   */
  @Post(':context/:timerId/retry')
  @RequireScopes(SCOPES.timersOperate)
  @HttpCode(202)
  async retry(@Param('context') context: string, @Param('timerId') timerId: string, @Caller() caller: Principal): Promise<object> {
    const { store } = this.registered(context);
    const id = requireUuid(timerId, 'timer id');
    try {
      const retried = await retryFailedTimer(store, id);
      this.log.warn('audit: an operator retried a FAILED timer', { audit: 'timer-retry', actor: caller.actor, context, ...retried });
      return { context, ...retried };
    } catch (error) {
      if (!(error instanceof TimerRedriveError)) throw error;
      this.log.warn('audit: an operator retry of a timer was refused', { audit: 'timer-retry', actor: caller.actor, context, timerId: id, code: error.code });
      throw redriveRefusal(error);
    }
  }

  private listOf({ context, store }: RegisteredContext, id: string) {
    return store.listForCampaign(id, context.listsPayloadCampaign ?? false);
  }

  private registered(name: string): RegisteredContext {
    const found = this.contexts.find((c) => c.context.name === name);
    if (!found) throw new NotFoundException({ code: 'UNKNOWN_CONTEXT', message: `context must be one of ${this.names}` });
    return found;
  }
}
