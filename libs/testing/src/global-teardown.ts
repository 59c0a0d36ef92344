export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __stopInfrastructure__?: () => Promise<void> }).__stopInfrastructure__?.();
}
