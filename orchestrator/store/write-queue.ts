import { Transaction, type Sequelize } from 'sequelize';

/**
 * Runs the store's write transactions one at a time. SQLite has one writer anyway; queueing here,
 * instead of letting thousands of buyers' transactions fight over the file lock, keeps each write
 * one short transaction and answers in arrival order. On SQLite a write transaction takes the
 * lock when it begins (IMMEDIATE), so a read-then-write never fails on a snapshot that moved.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Sequelize) {}

  run<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    const type = this.db.getDialect() === 'sqlite' ? Transaction.TYPES.IMMEDIATE : undefined;
    const result = this.tail.then(() => this.db.transaction({ ...(type && { type }) }, fn));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every write queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
