// The live chat of every platform in one column, with one-click moderation.
import { api, badge, clock, el } from './api.js';

const MAX_LINES = 400;
const TIMEOUT_SECONDS = 600;

export function chatColumn(list, notify) {
  const moderate = async (row, action) => {
    const { platform, channelId, messageId, userId, userName } = row;
    try {
      await api('/api/admin/moderate', { platform, channelId, messageId, userId, userName, action, ...(action === 'timeout' && { seconds: TIMEOUT_SECONDS }) });
      notify(action === 'delete' ? `Deleting ${userName}'s message` : `Timing out ${userName} for ${TIMEOUT_SECONDS / 60} minutes`);
    } catch (err) {
      notify(`Moderation failed: ${err.message}`, true);
    }
  };

  const append = (li) => {
    const box = list.parentElement;
    const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
    list.append(li);
    while (list.children.length > MAX_LINES) list.firstElementChild.remove();
    if (stick) box.scrollTop = box.scrollHeight;
  };

  const line = (event) => {
    const d = event.data;
    // The platform's user id is what a timeout needs; lines logged without it can still be deleted.
    const row = { platform: event.platform, channelId: d.channelId, messageId: d.messageId, userName: d.user, ...(d.userId && { userId: String(d.userId) }) };
    const roles = (d.roles ?? []).filter((r) => r !== 'member');
    append(
      el(
        'li',
        { class: `chat-line ${event.platform}`, 'data-platform': event.platform, 'data-message-id': d.messageId },
        el('time', { text: clock(event.at) }),
        badge(event.platform),
        el('span', { class: 'author', text: d.user }),
        roles.length ? el('span', { class: 'roles', text: roles.join(' ') }) : null,
        el('span', { class: 'text', text: d.text }),
        el(
          'span',
          { class: 'mod' },
          el('button', { type: 'button', class: 'quiet delete', title: 'Delete this message', text: 'Delete', onclick: () => moderate(row, 'delete') }),
          el('button', { type: 'button', class: 'quiet timeout', title: `Time out for ${TIMEOUT_SECONDS / 60} minutes`, text: 'Timeout', onclick: () => moderate(row, 'timeout') }),
        ),
      ),
    );
  };

  const moderation = (event) => {
    const d = event.data;
    const target = d.messageId && list.querySelector(`[data-message-id="${CSS.escape(String(d.messageId))}"]`);
    if (target) target.classList.add('moderated');
    const what = d.step ?? d.action ?? 'action';
    append(el('li', { class: 'chat-line moderation' }, el('time', { text: clock(event.at) }), badge(event.platform), el('span', { class: 'text', text: `${what}: ${d.user ?? d.userName ?? ''} ${d.reason ? `(${d.reason})` : ''}${d.by ? ` by ${d.by}` : ''}` })));
  };

  return {
    handle(event) {
      if (event.type === 'chat.message') line(event);
      else if (event.type === 'moderation.action') moderation(event);
    },
  };
}
