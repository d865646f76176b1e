/** Texts of the codes area (see ../index.ts for the rules every catalog file follows). */
export const codes = {} satisfies Record<string, string>;
