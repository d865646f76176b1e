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

/** What one member of a group got: its value, or the error that failed it alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Group commit: calls that arrive while the queue is busy wait together and then run as one
 * transaction (one BEGIN, one COMMIT, and whatever the handler can do for all of them at once).
 * The handler answers for each member in order; one member's failure is its own (the handler
 * keeps the others' writes, e.g. with a savepoint per member). Every member hears back only after
 * the COMMIT, so what a caller is told is on disk; if the COMMIT fails, every member fails.
 */
export class WriteGroup<I, R> {
  private open: Array<Member<I, R>> | undefined;

  constructor(
    private readonly writes: WriteQueue,
    private readonly handle: (t: Transaction, items: readonly I[]) => Promise<Array<Outcome<R>>>,
    private readonly maxSize = 1000,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.open && this.open.length < this.maxSize) {
        this.open.push({ item, resolve, reject });
        return;
      }
      const members: Array<Member<I, R>> = [{ item, resolve, reject }];
      this.open = members;
      this.writes
        .run((t) => {
          // From here on the group is closed: calls arriving now start the next one.
          if (this.open === members) this.open = undefined;
          return this.handle(
            t,
            members.map((m) => m.item),
          );
        })
        .then(
          (outcomes) =>
            members.forEach((m, i) => {
              const outcome = outcomes[i] ?? { ok: false, error: new Error('a grouped write got no outcome') };
              if (outcome.ok) m.resolve(outcome.value);
              else m.reject(outcome.error);
            }),
          (error: unknown) => members.forEach((m) => m.reject(error)),
        );
    });
  }
}

interface Member<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/** The transaction could not be brought back to a savepoint: nothing in it may be committed. */
export class SavepointLost extends Error {}

/**
 * Runs `fn` inside a savepoint of `t`: if it throws, only its own writes are undone and the
 * transaction goes on. SAVEPOINT / RELEASE / ROLLBACK TO are the same on SQLite and PostgreSQL.
 * If even the undo fails, `SavepointLost` is thrown, and the caller must fail the transaction.
 */
export async function inSavepoint<T>(db: Sequelize, t: Transaction, name: string, fn: () => Promise<T>): Promise<T> {
  await db.query(`SAVEPOINT ${name}`, { transaction: t });
  try {
    const value = await fn();
    await db.query(`RELEASE SAVEPOINT ${name}`, { transaction: t });
    return value;
  } catch (err) {
    try {
      await db.query(`ROLLBACK TO SAVEPOINT ${name}`, { transaction: t });
      await db.query(`RELEASE SAVEPOINT ${name}`, { transaction: t });
    } catch (undo) {
      throw new SavepointLost(`could not roll back to savepoint ${name}`, { cause: undo });
    }
    throw err;
  }
}
