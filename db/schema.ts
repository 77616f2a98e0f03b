// Every table, for drizzle-kit and for code that needs both sides. The two files are kept apart
// so a customer's request builds only the portal's tables: the build marks all three modules
// free of side effects (scripts/lib/pure-modules.mjs), so importing a portal table from here
// does not load the owner's.
export * from "./owner-tables";
export * from "./portal-tables";
