import 'reflect-metadata';
import { startService } from '@campaign/runtime';
import { NestFactory } from '@nestjs/core';
import { ProjectionModule } from './app.module';
import { readProjectionConfig } from './config';

void startService(readProjectionConfig, (config, logger) =>
  NestFactory.create(ProjectionModule.forRoot(config, logger), { logger, abortOnError: false }),
);
