/** Texts of the web-chat area (see ../index.ts for the rules every catalog file follows). */
export const webChat = {} satisfies Record<string, string>;
