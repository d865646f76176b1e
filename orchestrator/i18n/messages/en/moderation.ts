/** Texts of the moderation area (see ../index.ts for the rules every catalog file follows). */
export const moderation = {} satisfies Record<string, string>;
