import type { Feature } from '../feature.js';
import { topBuyers, topChatters, type BoardRow } from './leaderboard-queries.js';
import { BOARDS, parseBoard, renderBoard, type Board } from './render-board.js';

/**
 * `!top [buyers|chatters|ambassadors]`: the running show's leaders in one line, names as private
 * as `engagement.leaderboards.names` says.
 */
export const leaderboards: Feature = ({ config, commands, commerce, events, show, store }) => {
  const { names, size } = config.engagement.leaderboards;
  const currency = config.show.currency;
  const ambassadorsOn = config.ambassadors.enabled && config.checkout !== undefined;

  const rows = async (board: Board): Promise<BoardRow[]> => {
    if (board === 'buyers') return topBuyers(store.db, show.id, size);
    if (board === 'chatters') {
      // Chat lines are logged in batches; count the ones already typed.
      await events.flush();
      return topChatters(store.db, show.id, size);
    }
    // Only ambassadors who sold something are "top".
    const standings = await commerce.ambassadors.standings();
    return standings.filter((s) => s.salesCents > 0).slice(0, size).map((s) => ({ name: s.name, value: s.salesCents }));
  };

  commands.handle('top', async ({ command, prefix }) => {
    const board = parseBoard(command.args.board);
    if (!board) return [{ text: `Boards: ${BOARDS.map((b) => `${prefix}top ${b}`).join(', ')}.` }];
    if (board === 'ambassadors' && !ambassadorsOn) return [{ text: 'This show has no ambassadors.' }];
    return [{ text: renderBoard(board, await rows(board), names, currency) }];
  });
};
