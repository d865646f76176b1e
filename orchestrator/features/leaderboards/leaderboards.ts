import { command } from '../../commands/command-specs.js';
import type { BoardRow } from '../../store/show-reads.js';
import type { Feature } from '../../feature.js';
import { BOARDS, parseBoard, renderBoard, type Board } from './render-board.js';

const TOP = command('top', '[buyers|chatters|ambassadors]', 'leaderboards of this show', [{ name: 'board', type: 'word' }]);

/**
 * `!top [buyers|chatters|ambassadors]`: the running show's leaders in one line, names as private
 * as `engagement.leaderboards.names` says.
 */
export const leaderboards: Feature = {
  name: 'leaderboards',
  commands: [TOP],
  wire: ({ config, commands, ambassadors, reads, show }) => {
    const { names, size } = config.engagement.leaderboards;
    const currency = config.show.currency;
    const ambassadorsOn = config.ambassadors.enabled && config.checkout !== undefined;

    const rows = async (board: Board): Promise<BoardRow[]> => {
      if (board === 'buyers') return reads.topBuyers(size);
      if (board === 'chatters') return reads.topChatters(size);
      // Only ambassadors who sold something are "top".
      const standings = await ambassadors.standings();
      return standings
        .filter((s) => s.salesCents > 0)
        .slice(0, size)
        .map((s) => ({ name: s.name, value: s.salesCents }));
    };

    commands.handle(TOP, async ({ command: typed, prefix }) => {
      const board = parseBoard(typed.args.board);
      const { texts } = show;
      if (!board) return [{ text: texts.t('leaderboards.boards', { boards: BOARDS.map((b) => `${prefix}top ${b}`).join(', ') }) }];
      if (board === 'ambassadors' && !ambassadorsOn) return [{ text: texts.t('leaderboards.noAmbassadors') }];
      return [{ ...renderBoard(texts, board, await rows(board), names, currency) }];
    });
  },
};
