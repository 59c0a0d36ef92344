import 'reflect-metadata';
import { createHttpApp, startService } from '@campaign/runtime';
import { ReferenceAgentModule } from './app.module';
import { readConfig } from './config';

void startService(readConfig, (config, logger) => createHttpApp(ReferenceAgentModule.forRoot(config, logger), logger));
