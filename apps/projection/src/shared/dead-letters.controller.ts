import { PG_POOL, RequireScopes, SCOPES } from '@campaign/runtime';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import { listDeadLetters } from './dead-letters';
import type { ProjectionRunner } from './projection-runner';
import { unknownContext } from './projection-context';
import { ProjectionService } from './projection.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LISTED = 500;

/**
 * The events a context's read models could not apply (`projection_dead_letters`), and their
 * redrive after a fix: each held stream's events are applied again from the event store, in
 * order, dead letter first. Operators only (`projection:admin`).
 */
@Controller('v1/admin/dead-letters')
@RequireScopes(SCOPES.projectionAdmin)
export class DeadLettersController {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get(':context')
  list(@Param('context') context: string, @Query('all') all = 'false', @Query('limit') limit = '100') {
    const runner = this.runnerOf(context);
    const count = Number(limit);
    if (!['true', 'false'].includes(all)) throw new BadRequestException({ code: 'INVALID_QUERY', message: 'all is true or false' });
    if (!Number.isInteger(count) || count < 1 || count > MAX_LISTED)
      throw new BadRequestException({ code: 'INVALID_QUERY', message: `limit is an integer from 1 to ${MAX_LISTED}` });
    return listDeadLetters(this.pool, runner.projection.schema, { all: all === 'true', limit: count });
  }

  @Post(':context/redrive')
  @HttpCode(200)
  redrive(@Param('context') context: string, @Body() body: unknown) {
    const runner = this.runnerOf(context);
    return runner.redrive(eventIdsOf(body));
  }

  private runnerOf(context: string): ProjectionRunner {
    const runner = this.projections.runnerOf(context);
    if (!runner) throw unknownContext(context);
    return runner;
  }
}

/** `{}` or no body: every held stream; `{ "eventIds": [...] }`: the streams of those letters. */
const eventIdsOf = (body: unknown): string[] | undefined => {
  if (body === undefined || body === null || (typeof body === 'object' && !('eventIds' in body))) return undefined;
  const ids = (body as { eventIds?: unknown }).eventIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_LISTED || !ids.every((id) => typeof id === 'string' && UUID.test(id))) {
    throw new BadRequestException({ code: 'INVALID_BODY', message: `eventIds is a list of 1 to ${MAX_LISTED} event ids (UUIDs)` });
  }
  return ids;
};
