// Public API of the domain module: pure functions and types, no I/O, no Prisma, no React,
// so the data layer, the importer, scripts and client components can all share the rules.
export * from "./types";
export * from "./dates";
export * from "./timeline";
export * from "./sentence";
export * from "./status";
export * from "./case-derivation";
export * from "./seed-event";
