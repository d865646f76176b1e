import type { Types } from 'telegraf';

/** A timed-out viewer may do nothing at all until the time is up. */
export const NO_PERMISSIONS = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
  can_change_info: false,
  can_invite_users: false,
  can_pin_messages: false,
  can_manage_topics: false,
} as const;

// Telegram restricts *forever* when until_date is under 30 s or over 366 days away, so a short
// timeout is stretched a little and a huge one capped rather than turning into a permanent mute.
const MIN_SECONDS = 31;
const MAX_SECONDS = 366 * 86_400 - 60;

/** The Unix time a timeout of `seconds` ends, kept inside the range Telegram treats as temporary. */
export function timeoutUntil(nowMs: number, seconds: number): number {
  const span = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, Math.ceil(seconds)));
  return Math.floor(nowMs / 1000) + span;
}

/** restrictChatMember's options for a timeout of `seconds` starting at `nowMs`. */
export function timeoutRestriction(nowMs: number, seconds: number): Types.ExtraRestrictChatMember {
  return { permissions: { ...NO_PERMISSIONS }, use_independent_chat_permissions: true, until_date: timeoutUntil(nowMs, seconds) };
}
