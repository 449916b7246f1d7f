import { DEFAULT_DATASET, DatasetOptionsError, datasetName, datasetOptions } from './dataset-options';

describe('dataset options', () => {
  it('fills defaults and keeps only the options that shape the rows', () => {
    expect(datasetOptions()).toEqual(DEFAULT_DATASET);
    expect(datasetOptions({ events: 10, seed: 3, cacheDir: '/x' } as never)).toEqual({ ...DEFAULT_DATASET, events: 10, seed: 3 });
  });

  it('refuses options that cannot make a dataset', () => {
    for (const bad of [{ events: 0 }, { events: 1.5 }, { swapsPerEvent: -1 }, { days: 0 }, { seed: -1 }, { seed: 2 ** 32 }]) {
      expect(() => datasetOptions(bad)).toThrow(DatasetOptionsError);
    }
  });

  it('names a dataset by its size and a hash of every option', () => {
    const name = datasetName(DEFAULT_DATASET);
    expect(name).toMatch(/^scale-1000000-[0-9a-f]{12}$/);
    expect(datasetName({ ...DEFAULT_DATASET })).toBe(name);
    for (const other of [{ seed: 2 }, { days: 90 }, { swapsPerEvent: 1 }, { events: 999_999 }])
      expect(datasetName({ ...DEFAULT_DATASET, ...other })).not.toBe(name);
  });
});
