import type { Feature } from '../../feature.js';

/**
 * Every viewer line reaches every other room, tagged with where it came from. It never goes back
 * to its own room, and bot lines never arrive here (the inbound pipeline drops them), so no loops.
 */
export const relay: Feature = {
  name: 'relay',
  wire: ({ config, bus, outbox }) => {
    if (!config.relay.enabled) return;
    const max = config.relay.maxLength;
    bus.on('chat.message', ({ event }) => {
      const text = event.text.length > max ? `${event.text.slice(0, max - 1)}…` : event.text;
      outbox.enqueue({
        priority: 'relay',
        target: { kind: 'broadcast', except: { platform: event.platform, channelId: event.channelId } },
        body: {
          kind: 'relay',
          lines: [
            {
              platform: event.platform,
              author: event.user.name,
              text,
              at: event.receivedAt,
              messageId: event.messageId,
              ...(event.releasedAt !== undefined && { releasedAt: event.releasedAt }),
            },
          ],
        },
      });
    });
  },
};
