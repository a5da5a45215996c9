// Import rules of the house (docs/architecture.md): imports go one way.
//   pages (src/*.md) → src/components → src/lib
//   src/data, cli, bench → entrepot → src/lib
//   loaders → src/lib
// src/lib is the pure domain: it imports nothing outside itself, no Node built-in, no DuckDB, no DOM library.
// `npm test` runs `npm run imports`; a wrong import fails with the name of the rule below.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "pas-de-cycle",
      severity: "error",
      comment: "No cycles anywhere: two modules that need each other belong together, or share a third.",
      from: {},
      to: {circular: true}
    },
    {
      name: "lib-pur",
      severity: "error",
      comment: "src/lib is the pure domain: it imports only src/lib (and pure npm packages).",
      from: {path: "^src/lib/"},
      to: {path: "^(?!src/lib/)", dependencyTypesNot: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"]}
    },
    {
      name: "lib-sans-entrees-sorties",
      severity: "error",
      comment: "src/lib runs in the browser and in Node: no Node built-in, no DuckDB, no DOM or chart library (views are src/components).",
      from: {path: "^src/lib/"},
      to: {
        path: "^(node:|fs$|path$|os$|crypto$|child_process$)|node_modules/(@duckdb|htl|@observablehq|d3|write-excel-file|docx|topojson-client)/",
        dependencyTypesNot: ["type-only"]
      }
    },
    {
      name: "composants-vers-lib",
      severity: "error",
      comment: "Views (src/components) import src/lib and each other, never the warehouse, the loaders or src/data.",
      from: {path: "^src/components/"},
      to: {path: "^(entrepot|loaders|cli|bench|scripts|src/data)/"}
    },
    {
      name: "donnees-par-entrepot",
      severity: "error",
      comment: "Framework data loaders (src/data) read the warehouse through entrepot/ and the domain in src/lib; never loaders/ or views.",
      from: {path: "^src/data/"},
      to: {path: "^(loaders|cli|bench|scripts|src/components)/"}
    },
    {
      name: "entrepot-vers-lib",
      severity: "error",
      comment: "The warehouse-reading layer returns the domain's types: it imports src/lib only (not loaders, views, CLI or pages' data).",
      from: {path: "^entrepot/"},
      to: {path: "^(loaders|cli|bench|scripts|src/components|src/data)/"}
    },
    {
      name: "chargeurs-ingestion-seule",
      severity: "error",
      comment: "Ingest (loaders/) writes the warehouse; it imports src/lib for definitions, never the readers, views, CLI or src/data.",
      from: {path: "^loaders/"},
      to: {path: "^(entrepot|cli|bench|scripts|src/components|src/data)/"}
    },
    {
      name: "cli-sans-vues",
      severity: "error",
      comment: "The CLI and the bench print what the domain computes; they never import browser views.",
      from: {path: "^(cli|bench)/"},
      to: {path: "^src/components/"}
    },
    {
      name: "rien-ne-dépend-des-tests",
      severity: "error",
      comment: "Product code never imports test code.",
      from: {pathNot: "^test/"},
      to: {path: "^test/"}
    }
  ],
  options: {
    doNotFollow: {path: "node_modules"},
    exclude: {path: "^(dist|src/\\.observablehq|src/paquets)/"},
    tsPreCompilationDeps: true,
    tsConfig: {fileName: "tsconfig.json"},
    enhancedResolveOptions: {exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".js", ".mjs", ".cjs", ".json"]},
    reporterOptions: {text: {highlightFocused: true}}
  }
};
