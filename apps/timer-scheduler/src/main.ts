import 'reflect-metadata';
import { startService } from '@campaign/runtime';
import { NestFactory } from '@nestjs/core';
import { TimerSchedulerModule } from './app.module';
import { readConfig } from './config';

void startService(readConfig, (config, logger) => NestFactory.create(TimerSchedulerModule.forRoot(config, logger), { logger, abortOnError: false }));
