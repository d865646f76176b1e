import type { Platform } from '../../chat-types.js';
import { PollTally, type CastResult } from './poll-tally.js';
import type { PollView } from '../../events/poll-types.js';

/** What a running or finished poll knows about itself. */
export interface PollDefinition {
  /** The YAML id, or `api-<n>` for one written on the dashboard. */
  id: string;
  question: string;
  options: string[];
  durationMs: number;
  /** One SKU per option: the winner's product is featured when the poll closes. */
  features?: string[];
}

/**
 * One poll from start to result. `ref` ("p17", from the store's row id) names this very run:
 * native polls and buttons carry it, so a late answer to an older poll is never counted in the
 * current one.
 */
export class PollRun {
  readonly tally: PollTally;
  state: PollView['state'] = 'open';

  constructor(
    readonly definition: PollDefinition,
    readonly rowId: number,
    readonly startedAt: number,
  ) {
    this.tally = new PollTally(definition.options);
  }

  get ref(): string {
    return `p${this.rowId}`;
  }

  get endsAt(): number {
    return this.startedAt + this.definition.durationMs;
  }

  cast(viewerId: number, option: number, platform: Platform): CastResult {
    return this.tally.cast(viewerId, option, platform);
  }

  view(): PollView {
    const { id, question } = this.definition;
    return this.tally.view({ id, question, state: this.state, startedAt: this.startedAt, endsAt: this.endsAt });
  }

  /** The product the poll decided on: only with a clear winner, never on a tie or no votes. */
  decided(): string | undefined {
    const leaders = this.view().leaders;
    const winner = leaders.length === 1 ? leaders[0] : undefined;
    return winner === undefined ? undefined : this.definition.features?.[winner];
  }
}

export const MIN_DURATION_MS = 10_000;
export const MAX_DURATION_MS = 60 * 60_000;

/** A poll typed on the dashboard, held to the same limits as the show file's (Telegram's own). */
export function validatePoll(input: { question: string; options: string[]; durationMs: number }): string | undefined {
  const question = input.question.trim();
  const options = input.options.map((o) => o.trim());
  if (question.length < 1 || question.length > 300) return 'The question needs 1 to 300 characters.';
  if (options.length < 2 || options.length > 12) return 'A poll needs 2 to 12 options.';
  if (options.some((o) => o.length < 1 || o.length > 100)) return 'Each option needs 1 to 100 characters.';
  if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) return 'Two options are the same.';
  if (!Number.isFinite(input.durationMs) || input.durationMs < MIN_DURATION_MS || input.durationMs > MAX_DURATION_MS) {
    return 'A poll runs from 10 seconds to 60 minutes.';
  }
  return undefined;
}
