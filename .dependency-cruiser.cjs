// The direction of imports, checked by `npm test` (`depcruise`): routes → verbs → views, domain
// and db; infrastructure below the features; the tools the project ships stand alone. A wrong-way
// import fails the test command like a type error. The layers are described in the README.

/** Feature folders under functions/ that hold verbs (one file per verb, each owning its batch). */
const FEATURES = [
  "businesses",
  "invoices",
  "payments",
  "portal",
  "pdf",
  "links",
  "owners",
  "notifications",
];

/**
 * The only imports allowed between features, each one way: the customer page reads the Checkout
 * outcome and Pay Now eligibility; owner edits end the invoice's open Checkout Session; every
 * customer-facing verb starts from the resolved secret link. The owner app's pages read an
 * invoice the way the owner API does, with the session check in the same batch.
 */
const FEATURE_EDGES = {
  businesses: [],
  invoices: ["payments"],
  payments: ["links"],
  portal: ["payments", "links"],
  pdf: ["links"],
  links: [],
  owners: ["invoices"],
  notifications: [],
};

const featurePath = (names) => `^functions/(${names.join("|")})/`;

const featureRules = FEATURES.map((from) => {
  const others = FEATURES.filter((f) => f !== from && !FEATURE_EDGES[from].includes(f));
  return {
    name: `feature-${from}`,
    comment: `functions/${from} may import only these features: ${
      FEATURE_EDGES[from].join(", ") || "none"
    }`,
    severity: "error",
    from: { path: `^functions/${from}/` },
    to: { path: featurePath(others) },
  };
});

// Tests may reach across layers (a route test starts the whole app): the rules bind the code only.
const TESTS = "\\.test\\.ts$";
const codeOnly = (rule) => ({ ...rule, from: { ...rule.from, pathNot: TESTS } });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules never import each other in a circle",
      severity: "error",
      from: { path: "^(functions|db|src|tools)/" },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      comment:
        "functions/domain holds pure rules: it imports only itself, i18n and the schema's row types; no db, Hono, Stripe or I/O",
      severity: "error",
      from: { path: "^functions/domain/" },
      to: {
        pathNot: ["^functions/(domain|i18n)/", "^db/schema\\.ts$", "^node_modules/"],
      },
    },
    {
      name: "domain-no-io-packages",
      comment: "functions/domain and functions/views use no database, HTTP framework or Stripe SDK",
      severity: "error",
      from: { path: "^functions/(domain|views)/" },
      to: {
        path: "^node_modules/(hono|stripe|@libsql|drizzle-orm|pdf-lib|@pdf-lib|astro)/",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "schema-types-only",
      comment: "Pure code reads the schema's row types, never the tables",
      severity: "error",
      from: { path: "^functions/(domain|views|i18n)/" },
      to: { path: "^db/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "views-are-pure",
      comment:
        "functions/views turns rows into page models: it imports domain, i18n, itself, the schema's types and the bindings' type",
      severity: "error",
      from: { path: "^functions/views/" },
      to: {
        pathNot: [
          "^functions/(domain|i18n|views)/",
          "^functions/env\\.ts$",
          "^db/schema\\.ts$",
          "^node_modules/",
        ],
      },
    },
    {
      name: "db-imports-no-app",
      comment: "db/ (schema, client, migrations) knows nothing of the app above it",
      severity: "error",
      from: { path: "^db/" },
      to: { path: "^(functions|src|test|tools|scripts|cli|bench)/" },
    },
    {
      name: "infrastructure-imports-no-features",
      comment:
        "functions/http, functions/platform, functions/i18n and functions/env.ts sit below the features and routes",
      severity: "error",
      from: { path: "^functions/(http/|platform/|i18n/|env\\.ts$)" },
      to: { path: `^functions/(routes/|app\\.ts$|${FEATURES.join("/|")}/)` },
    },
    {
      name: "verbs-not-up",
      comment:
        "Verbs never import routes, the app or the request context; of functions/http they use only its errors",
      severity: "error",
      from: { path: featurePath(FEATURES) },
      to: { path: "^functions/(routes/|app\\.ts$|http/(?!errors\\.ts$))" },
    },
    ...featureRules,
    {
      name: "app-stands-alone",
      comment: "The Worker's code never imports tests, tools, scripts, the CLI or the benchmark",
      severity: "error",
      from: { path: "^(functions|db|src)/" },
      to: { path: "^(test|tools|scripts|cli|bench)/" },
    },
    {
      name: "tools-stand-alone",
      comment: "A shipped tool (the local libSQL server) depends on nothing of the app",
      severity: "error",
      from: { path: "^tools/" },
      to: { path: "^(functions|db|src|test|scripts|cli|bench)/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every relative import resolves to a file",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: "^\\." },
    },
  ].map(codeOnly),
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.astro|\\.wrangler|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".mjs", ".js", ".d.ts", ".json"],
    },
    skipAnalysisNotInRules: true,
  },
};
