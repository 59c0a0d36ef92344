import { unstorableTextPath } from '@campaign/domain';
import { INVALID_TEXT_MESSAGE } from '@campaign/runtime';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { rejected } from './http';

interface RequestParts {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly headers?: unknown;
}

/**
 * The webhooks are `outsideText` routes (their body's text is cleaned, not refused), which
 * takes them out of the shared text guard altogether. Their path, query and headers are no
 * provider's text, so they are refused as everywhere else: 400 INVALID_TEXT naming where.
 */
@Injectable()
export class UrlTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { params, query, headers } = context.switchToHttp().getRequest<RequestParts>();
    const where = unstorableTextPath({ params, query, headers });
    if (where !== null) throw rejected(400, 'INVALID_TEXT', INVALID_TEXT_MESSAGE, { where });
    return true;
  }
}
