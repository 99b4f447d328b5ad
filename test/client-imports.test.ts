/**
 * Browser code must not use values from `*.server` modules or the database schema: Remix replaces `.server`
 * modules with empty ones in the browser bundle (so such a value is `undefined` there and the page breaks
 * after hydration), and the schema would ship drizzle and every column name. Route modules may use them in
 * `loader`, `action` and `headers`, which the browser build drops; this test follows what each file's browser
 * code reaches from its other exports, as the bundler's tree shaking does. docs/frontend.md
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// What Remix keeps of a route module in the browser build; everything else there is tree-shaken away.
const BROWSER_ROUTE_EXPORTS = new Set([
  "default",
  "ErrorBoundary",
  "HydrateFallback",
  "Layout",
  "clientAction",
  "clientLoader",
  "handle",
  "links",
  "meta",
  "shouldRevalidate",
]);
const isServerModule = (specifier: string) => /\.server$/.test(specifier) || specifier === "~db/schema";

function browserFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return ["jobs", "emails"].includes(entry.name) ? [] : browserFiles(file);
    if (
      !/\.tsx?$/.test(entry.name) ||
      /\.(server|test|worker)\.tsx?$/.test(entry.name) ||
      entry.name === "entry.server.tsx"
    )
      return [];
    return [file];
  });
}

/** Names a node refers to, outside type positions (`typeof loader` in a type is not a use). */
function referencedNames(node: ts.Node, names = new Set<string>()): Set<string> {
  if (
    ts.isTypeNode(node) ||
    ts.isImportDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isInterfaceDeclaration(node)
  )
    return names;
  if (ts.isIdentifier(node)) {
    const parent = node.parent;
    // A JSX attribute's name (`<Panel checkInOpen={…}>`) is a prop name, not a use of a variable.
    const isMemberName =
      ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node) ||
      (ts.isBindingElement(parent) && parent.propertyName === node) ||
      (ts.isJsxAttribute(parent) && parent.name === node);
    if (!isMemberName) names.add(node.text);
  }
  node.forEachChild((child) => void referencedNames(child, names));
  return names;
}

/** Names a node declares inside itself (locals and parameters shadow an import of the same name). */
function localNames(node: ts.Node, names = new Set<string>()): Set<string> {
  if (
    (ts.isBindingElement(node) || ts.isVariableDeclaration(node) || ts.isParameter(node)) &&
    ts.isIdentifier(node.name)
  )
    names.add(node.name.text);
  node.forEachChild((child) => void localNames(child, names));
  return names;
}

function declaredNames(statement: ts.Statement): string[] {
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
    return [statement.name.text];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [...referencedNames(d.name)],
    );
  }
  return [];
}

const isExported = (statement: ts.Statement) =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** `name from module` for every server value that code reachable in the browser uses. */
function serverValuesUsedInBrowser(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  // Route modules keep only Remix's browser exports; root.tsx, which components also import, drops its loader.
  const inBrowser = fileName.includes("/routes/")
    ? (name: string) => BROWSER_ROUTE_EXPORTS.has(name)
    : (name: string) => !["loader", "action", "headers"].includes(name);
  const serverImports = new Map<string, string>();
  const declarations = new Map<string, ts.Statement>();
  const roots: ts.Node[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      const clause = statement.importClause;
      if (!isServerModule(specifier) || !clause || clause.isTypeOnly) continue;
      if (clause.name) serverImports.set(clause.name.text, specifier);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) serverImports.set(bindings.name.text, specifier);
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) if (!el.isTypeOnly) serverImports.set(el.name.text, specifier);
      continue;
    }
    const names = declaredNames(statement);
    for (const name of names) declarations.set(name, statement);
    const isDefault =
      ts.canHaveModifiers(statement) &&
      (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    const browserExport = isExported(statement) && (isDefault || names.some(inBrowser));
    if (browserExport || names.length === 0) roots.push(statement);
  }
  const used = new Set<string>();
  const seen = new Set<ts.Node>();
  const queue = [...roots];
  while (queue.length) {
    const node = queue.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const locals = localNames(node);
    for (const name of referencedNames(node)) {
      if (locals.has(name)) continue;
      if (serverImports.has(name)) used.add(`${name} from ${serverImports.get(name)}`);
      const declaration = declarations.get(name);
      if (declaration) queue.push(declaration);
    }
  }
  return [...used];
}

describe("browser code and server modules", () => {
  it("no browser code uses a value from a .server module or the schema", () => {
    const problems = browserFiles("app").flatMap((file) =>
      serverValuesUsedInBrowser(file, fs.readFileSync(file, "utf8")).map((use) => `${file}: ${use}`),
    );
    expect(problems).toEqual([]);
  });

  it("catches a server value used by a component, not one used only by the loader", () => {
    const route = `
      import { json } from "@remix-run/node";
      import { listThings, THING_KINDS, type Kind } from "~/models/thing.server";
      import { LIMIT } from "~/models/limit.server";
      const pick = (k: string) => (THING_KINDS as readonly string[]).includes(k);
      export async function loader() { return json({ things: listThings(LIMIT), ok: pick("a") }); }
      function Kinds() { return THING_KINDS.map((k: Kind) => k); }
      export default function Page() { const data = useLoaderData<typeof loader>(); return Kinds(); }
    `;
    expect(serverValuesUsedInBrowser("app/routes/things.tsx", route)).toEqual([
      "THING_KINDS from ~/models/thing.server",
    ]);
    const prop = `
      import { checkInOpen } from "~/models/rsvp.server";
      export async function loader() { return { open: checkInOpen() }; }
      export default function Page() { const open = true; return <Panel checkInOpen={open} />; }
    `;
    expect(serverValuesUsedInBrowser("app/routes/prop.tsx", prop)).toEqual([]);
    const component = `import { THEMES } from "~db/schema";\nexport const Themes = () => THEMES.length;`;
    expect(serverValuesUsedInBrowser("app/components/Themes.tsx", component)).toEqual(["THEMES from ~db/schema"]);
  });
});
