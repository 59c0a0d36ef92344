import 'reflect-metadata';
import { startService } from '@campaign/runtime';
import { NestFactory } from '@nestjs/core';
import { AnalyticsIngestModule } from './app.module';
import { readConfig } from './config';

void startService(readConfig, (config, logger) => NestFactory.create(AnalyticsIngestModule.forRoot(config, logger), { logger, abortOnError: false }));
