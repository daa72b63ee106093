/**
 * The dependency rule of ARCHITECTURE.md, checked by `npm test` (npm run check:deps):
 * kernel -> magics -> shared leaves, never back; the client and the notebook runner stay out of the
 * kernel process; no import cycles. A broken rule fails with its name and the import that broke it.
 */
const SOURCE = "^(protocol|common|kernel|magics|public|tutorials|client|notebook-runner|kernelspec)/";
const notTests = "[.]test[.]ts$";

/** `from` may import only `allowed` (and itself, Node and packages). */
function onlyImports(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: `^${from}/`, pathNot: notTests },
    to: { path: SOURCE, pathNot: `^(${[from, ...allowed].join("|")})/` },
  };
}

/** magics/, top to bottom: a folder imports only folders of lower layers (ARCHITECTURE.md, "Inside magics/"). */
const MAGICS_LAYERS = [
  ["registry.ts"],
  ["cells", "results-magic", "escapes"],
  ["experiment"],
  ["render", "options", "timing"],
  ["measure", "statistics"],
  ["runners"],
  ["lanes"],
  ["body"],
  ["tasks"],
  ["framework", "result"],
];

function magicsLayerRules() {
  return MAGICS_LAYERS.slice(1).map((layer, i) => {
    const above = MAGICS_LAYERS.slice(0, i + 1).flat();
    return {
      name: `magics-layers: ${layer.join(", ")}`,
      comment: `magics/${layer.join(", magics/")} may not import the layers above it: ${above.join(", ")}`,
      severity: "error",
      from: { path: `^magics/(${layer.join("|")})/`, pathNot: notTests },
      to: { path: `^magics/(${above.map((p) => p.replace(".", "[.]")).join("|")})(/|$)` },
    };
  });
}

module.exports = {
  forbidden: [
    { name: "no-cycles", comment: "No two files may import each other, directly or around a loop.", severity: "error", from: {}, to: { circular: true } },
    onlyImports("protocol-is-a-leaf", "protocol", [], "The wire format knows nothing of what travels in it."),
    onlyImports("common-is-a-leaf", "common", [], "common/ holds what both sides share; it imports none of them."),
    onlyImports("kernel-imports-down", "kernel", ["magics", "public", "protocol", "common"], "The kernel process never loads the client, the notebook runner or the tutorials."),
    onlyImports("magics-import-leaves", "magics", ["common"], "Magics get what they need of the kernel through MagicContext, never by importing kernel/."),
    onlyImports("public-api", "public", ["magics", "common"], "The module cells import: the kernel installs its hooks, the API never imports the kernel."),
    onlyImports("tutorials", "tutorials", ["public", "magics", "common"], "Verdict helpers for the tutorial notebooks."),
    onlyImports("client", "client", ["protocol", "common", "kernelspec"], "A Jupyter client: it starts the kernel as a process, it never imports it."),
    onlyImports("notebook-runner", "notebook-runner", ["client", "protocol", "common"], "The notebook runner talks to a kernel through the client."),
    ...magicsLayerRules(),
    {
      name: "no-tests-in-source",
      comment: "Source never imports test code.",
      severity: "error",
      from: { path: SOURCE, pathNot: notTests },
      to: { path: "(^test/|[.]test[.]ts$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^(dist|node_modules)/" },
  },
};
