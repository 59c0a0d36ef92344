import type { Command } from '@campaign/domain';
import type { CommandBus } from '@nestjs/cqrs';
import { sendContextCommand } from '../../shared/send-command';

/** Hands an ads command to the bus and maps its outcome to HTTP (rejections raise). */
export const sendAdsCommand = (bus: CommandBus, command: Command, creates = false, extra: Record<string, unknown> = {}) =>
  sendContextCommand(bus, 'ads', command, creates, extra);
