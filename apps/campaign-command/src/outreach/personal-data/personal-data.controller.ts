import { Caller, type Principal, RequireTenant, z } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { type Headers as RequestHeaders, parseBody } from '../../shared/request-context';
import { derivedId, OutreachDoor } from '../outreach-door';
import { RequestAuthenticator } from '../request-auth';

const text = z.string().nullable().optional();

/** Who to forget and why; the rules (admin only, formats, a reason) are the decider's. */
export const erasureBody = z.object({ commandId: z.string().optional(), email: text, linkedin_url: text, reason: z.string() }).strict();

/**
 * The right to be forgotten, for an org's admins: erases every personal value the org holds
 * about the person named by email or LinkedIn URL — in every campaign, lead and read model —
 * and answers the erasure's id and the subjects it found. Audited: the erasure is an event
 * (who, when, why, which subjects), and the key store keeps its record.
 */
@RequireTenant()
@Controller('v1/outreach/personal-data')
export class PersonalDataController {
  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly door: OutreachDoor,
  ) {}

  @Post('erasures')
  @HttpCode(201)
  async erase(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { email = null, linkedin_url: linkedinUrl = null, reason } = parseBody(erasureBody, body);
    const erasureId = derivedId(metadata.tenant ?? '', metadata.commandId, 'erasure');
    return this.door.send({ type: 'ErasePersonalData', data: { erasureId, basis: 'request', email, linkedinUrl, reason }, metadata }, true, { erasureId });
  }
}
