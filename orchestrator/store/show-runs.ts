import type { Models } from './models.js';

/** Where show runs (one per time the stream goes live) are recorded; the show clock counts from a run's start. */
export interface ShowRunLog {
  /** Records a run that starts at `at`; resolves to its id. */
  open(showId: string, at: number): Promise<number>;
  close(runId: number, at: number): Promise<void>;
}

export function showRunLog({ ShowRun }: Pick<Models, 'ShowRun'>): ShowRunLog {
  return {
    open: async (showId, at) => (await ShowRun.create({ showId, startedAt: new Date(at), endedAt: null })).id,
    close: async (runId, at) => {
      await ShowRun.update({ endedAt: new Date(at) }, { where: { id: runId } });
    },
  };
}
