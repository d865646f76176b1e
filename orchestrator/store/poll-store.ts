import { Op } from 'sequelize';
import type { Platform } from '../chat-types.js';
import type { StoreAccess } from './store.js';

type Pending = { option: number; platform: Platform } | null;

/**
 * Polls and their votes in the store. Votes arrive in storms (a whole audience at once), so they
 * are written in small batches, one transaction each; one row per viewer per poll (a unique index),
 * and a changed vote updates that row.
 */
export class PollStore {
  private pending = new Map<number, Map<number, Pending>>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
    private readonly onError: (err: unknown, lost: number) => void,
    private readonly flushMs = 100,
  ) {}

  async open(key: string, question: string, options: string[], startedAt: number, endsAt: number): Promise<number> {
    return this.store.writes.run(async (transaction) => {
      const row = await this.store.models.Poll.create(
        { showId: this.showId, key, question, options, status: 'open', startedAt: new Date(startedAt), endsAt: new Date(endsAt), result: null },
        { transaction },
      );
      return row.id;
    });
  }

  /** `null` retracts the viewer's vote. */
  record(pollId: number, viewerId: number, vote: Pending): void {
    let votes = this.pending.get(pollId);
    if (!votes) this.pending.set(pollId, (votes = new Map<number, Pending>()));
    votes.set(viewerId, vote);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return this.writing;
    const batch = this.pending;
    this.pending = new Map();
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  async close(pollId: number, counts: number[]): Promise<void> {
    await this.flush();
    await this.store.writes.run((transaction) => this.store.models.Poll.update({ status: 'closed', result: counts }, { where: { id: pollId }, transaction }));
  }

  /** The stored votes of a poll: after identities were merged, this is who counts. */
  async votes(pollId: number): Promise<Array<{ viewerId: number; option: number; platform: Platform }>> {
    await this.flush();
    const rows = await this.store.models.Vote.findAll({ where: { pollId }, attributes: ['viewerId', 'optionIndex', 'platform'], raw: true });
    return rows.map((r) => ({ viewerId: r.viewerId, option: r.optionIndex, platform: r.platform as Platform }));
  }

  /** Polls a previous process left open (it stopped mid-poll): closed now with what they had. */
  async closeAbandoned(): Promise<number> {
    return this.store.writes.run(async (transaction) => {
      const [n] = await this.store.models.Poll.update({ status: 'closed' }, { where: { showId: this.showId, status: 'open' }, transaction });
      return n;
    });
  }

  private async write(batch: Map<number, Map<number, Pending>>): Promise<void> {
    let size = 0;
    for (const votes of batch.values()) size += votes.size;
    try {
      await this.store.writes.run(async (transaction) => {
        for (const [pollId, votes] of batch) {
          const cast = [...votes].flatMap(([viewerId, v]) => (v === null ? [] : [{ pollId, viewerId, optionIndex: v.option, platform: v.platform }]));
          const retracted = [...votes].flatMap(([viewerId, v]) => (v === null ? [viewerId] : []));
          if (cast.length > 0) {
            await this.store.models.Vote.bulkCreate(cast, {
              transaction,
              updateOnDuplicate: ['optionIndex', 'platform'],
              conflictAttributes: ['pollId', 'viewerId'],
            });
          }
          if (retracted.length > 0) await this.store.models.Vote.destroy({ where: { pollId, viewerId: { [Op.in]: retracted } }, transaction });
        }
      });
    } catch (err) {
      this.onError(err, size);
    }
  }
}
