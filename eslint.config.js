// Lint rules for the whole repository (docs/decisions/006-lint-and-format.md). Formatting is Prettier's job;
// eslint-config-prettier switches off every rule that would fight it.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "data/", "node_modules/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "import-x": importX },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import-x/no-duplicates": ["error", { "prefer-inline": true }],
      "import-x/first": "error",
      "import-x/no-self-import": "error",
      eqeqeq: ["error", "smart"],
      // Kring strips control characters from input and output on purpose (docs/security.md).
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "18" } },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
    },
  },
  {
    // Browser code that is not a route: a value from a `.server` module is empty there (Remix replaces the
    // module), so only types may come from one. Routes may use them in loaders and actions, which
    // test/client-imports.test.ts follows through each route's exports.
    files: ["app/components/**", "app/health/**", "app/entry.client.tsx", "app/utils/**"],
    ignores: ["**/*.server.ts", "**/*.server.tsx", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["*.server", "**/*.server", "~db/schema"],
              allowTypeImports: true,
              message: "Browser code may import only types from .server modules and the schema (docs/frontend.md).",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
