import { isUuid } from '@campaign/domain';
import { TimerStore, wakeChannel } from '@campaign/timers';
import { BadRequestException, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';

const requireUuid = (value: string | undefined, name: string): string => {
  if (!isUuid(value)) throw new BadRequestException({ code: 'INVALID_REQUEST', message: `${name} must be a UUID` });
  return value;
};

/** Operators' view of the scheduler's timers, and "run this timer now". */
@Controller('v1/timers')
export class TimersController {
  constructor(private readonly store: TimerStore) {}

  /** Active timers of a campaign, and the ones it already finished. */
  @Get()
  async list(@Query('campaignId') campaignId?: string): Promise<object> {
    const id = requireUuid(campaignId, 'campaignId');
    const [active, history] = await Promise.all([
      this.store.pool.query(
        `SELECT id, timer_type, status, due_at, next_attempt_at, retry_count, lease_owner, lease_until FROM ${this.store.s}.timers
          WHERE campaign_id = $1 ORDER BY due_at`,
        [id],
      ),
      this.store.pool.query(
        `SELECT id, timer_type, status, due_at, first_fired_at, finished_at, retry_count, result, error FROM ${this.store.s}.timer_history
          WHERE campaign_id = $1 ORDER BY finished_at`,
        [id],
      ),
    ]);
    return { campaignId: id, active: active.rows, finished: history.rows };
  }

  /**
   * Makes a PENDING timer due now (its scheduled time is kept, for the record). The timer
   * still fires through the engine, once, as it would have at its time.
   */
  @Post(':id/fire-now')
  @HttpCode(202)
  async fireNow(@Param('id') timerId: string): Promise<object> {
    const id = requireUuid(timerId, 'timer id');
    const { rows } = await this.store.pool.query(
      `WITH moved AS (
         UPDATE ${this.store.s}.timers SET next_attempt_at = now() WHERE id = $1 AND status = 'PENDING'
         RETURNING id, timer_type, due_at, next_attempt_at
       ), woken AS (SELECT pg_notify($2, 'fire-now') FROM moved)
       SELECT moved.* FROM moved, woken`,
      [id, wakeChannel(this.store.options.schema)],
    );
    if (!rows[0]) throw new NotFoundException({ code: 'TIMER_NOT_PENDING', message: `no PENDING timer ${id}` });
    return rows[0];
  }
}
