export type ArgType = 'word' | 'int' | 'number' | 'rest';

export interface ArgSpec {
  name: string;
  type: ArgType;
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * How a command is typed: its name, its arguments, and what `!help` says of it. Each feature
 * defines its commands beside their handlers; the parser, `!help` and the show file's list of
 * command names (for aliases and `disabled`) are all read from these definitions.
 */
export interface CommandSpec {
  name: string;
  /** Arguments as a viewer types them, shown in help and in error replies. */
  usage: string;
  summary: string;
  args: readonly ArgSpec[];
  /** Only moderators use it (`!help` lists it after the viewers' commands). */
  moderators?: boolean;
}

export function command(name: string, usage: string, summary: string, args: readonly ArgSpec[] = [], options: { moderators?: boolean } = {}): CommandSpec {
  return { name, usage, summary, args, ...(options.moderators && { moderators: true }) };
}
