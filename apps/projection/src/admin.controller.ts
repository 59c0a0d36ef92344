import { RequireScopes, SCOPES } from '@campaign/runtime';
import { BadRequestException, ConflictException, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { RebuildService } from './rebuild.service';
import { RebuildTargetError } from './shared/rebuild';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Operator endpoints (`projection:admin`). Rebuilds are long: one at a time, answered when done. */
@Controller('v1/admin')
@RequireScopes(SCOPES.projectionAdmin)
export class AdminController {
  constructor(private readonly rebuilds: RebuildService) {}

  @Post('rebuild/lifecycle')
  @HttpCode(200)
  rebuildLifecycle(@Query('swap') swap = 'true', @Query('into') into?: string) {
    return this.refusingForeignTargets(() => this.rebuilds.rebuildLifecycle(this.options(swap, into)));
  }

  @Post('rebuild/outreach')
  @HttpCode(200)
  rebuildOutreach(@Query('swap') swap = 'true', @Query('into') into?: string) {
    return this.refusingForeignTargets(() => this.rebuilds.rebuildOutreach(this.options(swap, into)));
  }

  private options(swap: string, into: string | undefined): { swap: boolean; target?: string } {
    if (!['true', 'false'].includes(swap)) throw new BadRequestException({ code: 'INVALID_QUERY', message: 'swap is true or false' });
    if (into !== undefined && !SCHEMA_NAME.test(into)) throw new BadRequestException({ code: 'INVALID_QUERY', message: 'into is a lower-case SQL identifier' });
    if (this.rebuilds.busy) throw new ConflictException({ code: 'REBUILD_IN_PROGRESS', message: 'a rebuild is already running' });
    return { swap: swap === 'true', target: into };
  }

  private async refusingForeignTargets<T>(rebuild: () => Promise<T>): Promise<T> {
    try {
      return await rebuild();
    } catch (error) {
      if (error instanceof RebuildTargetError) throw new ConflictException({ code: error.code, message: error.message });
      throw error;
    }
  }
}
