import 'reflect-metadata';
import { createHttpApp, startService } from '@campaign/runtime';
import { TimerSchedulerModule } from './app.module';
import { readConfig } from './config';

void startService(readConfig, (config, logger) => createHttpApp(TimerSchedulerModule.forRoot(config, logger), logger));
