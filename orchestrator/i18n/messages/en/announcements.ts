/** Texts of the announcements area (see ../index.ts for the rules every catalog file follows). */
export const announcements = {} satisfies Record<string, string>;
