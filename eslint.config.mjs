import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "tmp/**", "next-env.d.ts"] },
  {
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
  },
  {
    // Only lib/aws talks to the AWS SDK; only lib/ talks to the database.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@aws-sdk/*", "@/lib/aws/*"], message: "Only domain services in lib/ call AWS." },
            { group: ["@/lib/db", "@/lib/generated/*", "@prisma/*"], message: "Pages and components read data through lib/<domain>/queries.ts." },
            { group: ["@/local-aws/*", "**/local-aws/*"], message: "The app never imports the emulator." },
          ],
        },
      ],
    },
  },
];

export default config;
