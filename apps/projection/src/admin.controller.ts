import { BadRequestException, ConflictException, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { RebuildService } from './rebuild.service';

/** Operator endpoints. Rebuilds are long: one at a time, answered when done. */
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post('rebuild/lifecycle')
  @HttpCode(200)
  rebuildLifecycle(@Query('swap') swap = 'true', @Query('into') into?: string) {
    return this.rebuilds.rebuildLifecycle(this.options(swap, into));
  }

  @Post('rebuild/outreach')
  @HttpCode(200)
  rebuildOutreach(@Query('swap') swap = 'true', @Query('into') into?: string) {
    return this.rebuilds.rebuildOutreach(this.options(swap, into));
  }

  private options(swap: string, into: string | undefined): { swap: boolean; target?: string } {
    if (!['true', 'false'].includes(swap)) throw new BadRequestException({ code: 'INVALID_QUERY', message: 'swap is true or false' });
    if (this.rebuilds.busy) throw new ConflictException({ code: 'REBUILD_IN_PROGRESS', message: 'a rebuild is already running' });
    return { swap: swap === 'true', target: into };
  }
}
