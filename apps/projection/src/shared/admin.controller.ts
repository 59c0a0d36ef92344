import { RequireScopes, SCOPES } from '@campaign/runtime';
import { BadRequestException, ConflictException, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { unknownContext } from './projection-context';
import { RebuildTargetError } from './rebuild';
import { RebuildService } from './rebuild.service';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Operator endpoints (`projection:admin`). Rebuilds are long: one at a time, answered when done. */
@Controller('v1/admin')
@RequireScopes(SCOPES.projectionAdmin)
export class AdminController {
  constructor(private readonly rebuilds: RebuildService) {}

  /** Every context's rebuild at one URL: `/v1/admin/rebuild/<context>`. */
  @Post('rebuild/:context')
  @HttpCode(200)
  rebuild(@Param('context') context: string, @Query('swap') swap = 'true', @Query('into') into?: string) {
    if (!this.rebuilds.has(context)) throw unknownContext(context);
    return this.refusingForeignTargets(() => this.rebuilds.rebuild(context, this.options(swap, into)));
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
