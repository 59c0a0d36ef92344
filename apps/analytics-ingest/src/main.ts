import 'reflect-metadata';
import { createHttpApp, startService } from '@campaign/runtime';
import { AnalyticsIngestModule } from './app.module';
import { readConfig } from './config';

void startService(readConfig, (config, logger) => createHttpApp(AnalyticsIngestModule.forRoot(config, logger), logger));
