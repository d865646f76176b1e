/** Texts of the commands area (see ../index.ts for the rules every catalog file follows). */
export const commands = {} satisfies Record<string, string>;
