import 'reflect-metadata';
import { startService } from '@campaign/runtime';
import { NestFactory } from '@nestjs/core';
import { CommandModule } from './app.module';
import { readCommandConfig } from './config';

void startService(readCommandConfig, (config, logger) =>
  NestFactory.create(CommandModule.forRoot(config, logger), { logger, abortOnError: false }),
);
