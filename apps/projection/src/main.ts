import 'reflect-metadata';
import { createHttpApp, startService } from '@campaign/runtime';
import { ProjectionModule } from './app.module';
import { readProjectionConfig } from './config';

void startService(readProjectionConfig, (config, logger) => createHttpApp(ProjectionModule.forRoot(config, logger), logger));
