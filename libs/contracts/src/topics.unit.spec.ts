import { topicSpecs, topicsFor } from './topics';

describe('topics', () => {
  it('names one events, commands, results and dead-letter topic per context, with the prefix', () => {
    expect(topicsFor('lifecycle', 'test-1.')).toEqual({
      events: 'test-1.lifecycle.events',
      commands: 'test-1.lifecycle.commands',
      commandResults: 'test-1.lifecycle.command-results',
      deadLetter: 'test-1.lifecycle.dead-letter',
    });
  });

  it('creates topics with explicit partition counts', () => {
    expect(topicSpecs('lifecycle').map((s) => [s.topic, s.numPartitions])).toEqual([
      ['lifecycle.events', 6],
      ['lifecycle.commands', 6],
      ['lifecycle.command-results', 6],
      ['lifecycle.dead-letter', 1],
    ]);
  });
});
