import { checkpointOutlived } from './log-checkpoint';

describe('a checkpoint kept beside the rows is trusted only in the log it was taken in', () => {
  it('is trusted in the same cluster while it does not point past the partition end', () => {
    expect(checkpointOutlived({ nextOffset: 10n, clusterId: 'c1' }, { clusterId: 'c1', highWatermark: '10' })).toBeNull();
    expect(checkpointOutlived({ nextOffset: 10n, clusterId: 'c1' }, { clusterId: 'c1', highWatermark: '500' })).toBeNull();
    expect(checkpointOutlived({ nextOffset: 10n, clusterId: 'c1' }, { clusterId: 'c1' })).toBeNull();
  });

  it('a checkpoint of another cluster (Kafka data wiped) is outlived even when the new topic has grown past it', () => {
    expect(checkpointOutlived({ nextOffset: 10n, clusterId: 'old' }, { clusterId: 'new', highWatermark: '500' })).toMatch(/cluster old.*cluster new/);
  });

  it('a checkpoint past the partition end (topic made again or truncated) is outlived', () => {
    expect(checkpointOutlived({ nextOffset: 11n, clusterId: 'c1' }, { clusterId: 'c1', highWatermark: '10' })).toMatch(/past the partition's end 10/);
  });

  it('a checkpoint written before clusters were recorded is judged by the partition end only', () => {
    expect(checkpointOutlived({ nextOffset: 10n, clusterId: null }, { clusterId: 'c1', highWatermark: '10' })).toBeNull();
    expect(checkpointOutlived({ nextOffset: 300n, clusterId: null }, { clusterId: 'c1', highWatermark: '0' })).not.toBeNull();
  });
});
