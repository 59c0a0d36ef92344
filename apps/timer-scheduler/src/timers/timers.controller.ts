import { isUuid } from '@campaign/domain';
import { TimerStore } from '@campaign/timers';
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
    return { campaignId: id, ...(await this.store.listForCampaign(id)) };
  }

  /**
   * Makes a PENDING timer due now (its scheduled time is kept, for the record). The timer
   * still fires through the engine, once, as it would have at its time.
   */
  @Post(':id/fire-now')
  @HttpCode(202)
  async fireNow(@Param('id') timerId: string): Promise<object> {
    const id = requireUuid(timerId, 'timer id');
    const moved = await this.store.makeDueNow(id);
    if (!moved) throw new NotFoundException({ code: 'TIMER_NOT_PENDING', message: `no PENDING timer ${id}` });
    return moved;
  }
}
