import 'reflect-metadata';
import { createHttpApp, startService } from '@campaign/runtime';
import { CommandModule } from './app.module';
import { readCommandConfig } from './config';

void startService(readCommandConfig, (config, logger) => createHttpApp(CommandModule.forRoot(config, logger), logger));
