import { exportInfrastructure, provideInfrastructure } from './infrastructure';

/** Jest globalSetup of the integration and end-to-end tiers: services up before any test. */
export default async function globalSetup(): Promise<void> {
  const { infrastructure, stop } = await provideInfrastructure();
  exportInfrastructure(infrastructure);
  (globalThis as { __stopInfrastructure__?: () => Promise<void> }).__stopInfrastructure__ = stop;
}
