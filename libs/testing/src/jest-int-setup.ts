// Integration and end-to-end tests wait on real brokers and processes.
jest.setTimeout(180_000);
