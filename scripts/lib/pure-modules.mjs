// Modules of ours whose loading does nothing but define values, declared so to the bundler.
//
// db/schema.ts re-exports the portal's tables and the owner's. A module the bundler must
// assume has side effects is loaded wherever it is imported, so any import of a table from the
// schema would build every table when the Worker starts. Declared free of side effects, a
// module is loaded only where something it exports is used: a customer's request builds the
// portal's tables, the owner's routes (loaded on first use) build the owner's.
const pure = ["/db/schema.ts", "/db/portal-tables.ts", "/db/owner-tables.ts"];

/** A Vite plugin marking `pure` modules as free of side effects. */
export function pureModules() {
  return {
    name: "pure-modules",
    transform(_code, id) {
      const path = id.replaceAll("\\", "/");
      if (!pure.some((suffix) => path.endsWith(suffix))) return null;
      // No code: the module's text is left as it is, only the flag changes.
      return { moduleSideEffects: false };
    },
  };
}
