import 'reflect-metadata';
import { startService } from '@campaign/runtime';
import { createIngestApp } from './app.module';
import { readConfig } from './config';

void startService(readConfig, createIngestApp);
