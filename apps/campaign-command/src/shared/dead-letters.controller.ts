import { DeadLetterRedriveError } from '@campaign/messaging';
import { RequireScopes, SCOPES, z } from '@campaign/runtime';
import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import { DeadLettersService } from './dead-letters.service';

const redriveBody = z
  .object({
    offsets: z
      .array(z.union([z.string().regex(/^\d{1,19}$/), z.number().int().nonnegative()]))
      .min(1)
      .max(10_000)
      .optional(),
  })
  .strict();

const refusal = (error: unknown): unknown => {
  if (!(error instanceof DeadLetterRedriveError)) return error;
  const body = { code: error.code, message: error.message };
  return error.code === 'UNKNOWN_CONTEXT' ? new NotFoundException(body) : new UnprocessableEntityException(body);
};

/**
 * Operators' door to the `<context>.dead-letter` topics: list the letters not yet redriven,
 * and republish them (all, or chosen offsets) after the cause was fixed. Reading needs
 * `dead-letters:read`, redriving `dead-letters:redrive`: letters span every org.
 */
@Controller('v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly service: DeadLettersService) {}

  @Get(':context')
  @RequireScopes(SCOPES.deadLettersRead)
  async list(@Param('context') context: string, @Query('all') all?: string): Promise<object> {
    try {
      return { context, letters: await this.service.redriver.list(context, all === 'true') };
    } catch (error) {
      throw refusal(error);
    }
  }

  /**
   * Each letter's outcome: `redriven` (and where to), `already-redriven`, or `still-failing`
   * with why — a command whose token expired is reported so, not republished to fail again.
   */
  @Post(':context/redrive')
  @RequireScopes(SCOPES.deadLettersRedrive)
  @HttpCode(200)
  async redrive(@Param('context') context: string, @Body() body: unknown): Promise<object> {
    const parsed = redriveBody.safeParse(body ?? {});
    if (!parsed.success)
      throw new BadRequestException({ code: 'INVALID_REQUEST', message: 'the body is { offsets?: [offset, ...] } with offsets as non-negative integers' });
    const offsets = parsed.data.offsets?.map(String);
    try {
      return { context, results: await this.service.redriver.redrive(context, offsets) };
    } catch (error) {
      throw refusal(error);
    }
  }
}
