import { projectIf, projector } from './projector';

type Event = { type: 'Opened'; n: number } | { type: 'Closed'; n: number } | { type: 'Ignored'; n: number };

describe('a projector descriptor', () => {
  const counts = projector({ table: 'counts', eventTypes: ['Opened', 'Closed'], project: (row: number, event: Event) => row + event.n });

  it('handles exactly the event types it lists', () => {
    expect(['Opened', 'Closed', 'Ignored'].map((type) => counts.canHandle({ type }))).toEqual([true, true, false]);
  });

  it("routes an event of its types to project, and leaves any other with the writer's default", () => {
    const [opened, ignored]: Event[] = [
      { type: 'Opened', n: 2 },
      { type: 'Ignored', n: 2 },
    ];
    expect(projectIf(counts, 1, opened, -1)).toBe(3);
    expect(projectIf(counts, 1, ignored, -1)).toBe(-1);
  });
});
