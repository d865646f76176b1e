/** Texts of the community area (see ../index.ts for the rules every catalog file follows). */
export const community = {} satisfies Record<string, string>;
