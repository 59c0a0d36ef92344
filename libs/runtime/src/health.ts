import { Public } from './auth/http-auth';
import { Controller, Get, Header, Inject, Injectable, Module, ServiceUnavailableException, type DynamicModule } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

export type HealthCheck = () => Promise<{ ok: boolean; detail?: unknown }>;

/** Named readiness checks the service registers as its parts come up. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<{ ok: boolean; checks: Record<string, { ok: boolean; detail?: unknown }> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch (error) {
          return [name, { ok: false, detail: (error as Error).message }] as const;
        }
      }),
    );
    return { ok: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
  }
}

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

@Controller()
export class OperationsController {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  /** 200 when every part is ready, 503 with the failing part named otherwise. */
  @Get('health')
  @Public()
  async getHealth(): Promise<object> {
    const report = await this.health.report();
    if (!report.ok) throw new ServiceUnavailableException({ status: 'DOWN', code: 'NOT_READY', ...report });
    return { status: 'UP', ...report };
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async getMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}

@Module({})
export class OperationsModule {
  /** Health and Prometheus endpoints; the registry is shared with the service's own metrics. */
  static forService(service: string): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    return {
      module: OperationsModule,
      global: true,
      controllers: [OperationsController],
      providers: [HealthRegistry, { provide: METRICS_REGISTRY, useValue: registry }],
      exports: [HealthRegistry, METRICS_REGISTRY],
    };
  }
}
