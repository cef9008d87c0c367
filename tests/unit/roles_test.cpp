// File and function roles: what code is for (service, script, browser, tooling, …), from the path
// and the prelude, and how the engine applies the roles a rule declares.
#include <doctest/doctest.h>

#include "core/facts/facts.hpp"
#include "rules/registry.hpp"
#include "support/fixture.hpp"

using namespace agentlens;
using core::FileRole;

namespace {
core::Facts factsOf(const std::string& path, std::string_view text) { return testing::analyzeText(path, text, {}).facts; }
std::string roleOf(const std::string& path, std::string_view text) {
  return std::string(core::fileRoleName(factsOf(path, text).role));
}
}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("python imports: module level, optional ones in try and if blocks, not under the main guard") {
    auto f = factsOf("app.py",
                     "import os, json as j\n"
                     "try:\n    import sentry_sdk, ujson as fastjson\nexcept ImportError:\n    sentry_sdk = None\n"
                     "if os.environ.get('OTEL'):\n    from opentelemetry import trace\n"
                     "if __name__ == '__main__':\n    import debugpy\n");
    std::vector<std::string> mods;
    for (const auto& i : f.imports) mods.push_back(i.module);
    CHECK(mods == std::vector<std::string>{"os", "json", "sentry_sdk", "ujson", "opentelemetry"});
    CHECK(f.hasMainGuard);
  }

  TEST_CASE("roles from the path: seeds, management commands, tool config") {
    CHECK(core::roleFromPath("lib/db/seed.ts") == FileRole::Script);
    CHECK(core::roleFromPath("server/utils/seed_database.py") == FileRole::Script);
    CHECK(core::roleFromPath("prisma/seedData.ts") == FileRole::Script);
    CHECK(core::roleFromPath("seeds/users.js") == FileRole::Script);
    CHECK(core::roleFromPath("shop/management/commands/import_orders.py") == FileRole::Script);
    CHECK(core::roleFromPath("vite.config.ts") == FileRole::Tooling);
    CHECK(core::roleFromPath("client/playwright.config.ts") == FileRole::Tooling);
    CHECK(core::roleFromPath("eslint-plugin-local.cjs") == FileRole::Tooling);
    CHECK(core::roleFromPath(".claude/hooks/check.py") == FileRole::Tooling);
    // Precision traps: words that only contain "seed", and an app's own runtime config.
    CHECK(core::roleFromPath("src/seedling/garden.py") == FileRole::Library);
    CHECK(core::roleFromPath("src/config/database.config.ts") == FileRole::Library);
    CHECK(core::roleFromPath("src/management/views.py") == FileRole::Library);
  }

  TEST_CASE("browser code from content and the front-end folder") {
    CHECK(roleOf("frontend-react/src/services/api.ts", "export const get = () => 1;\n") == "frontend");
    CHECK(roleOf("src/lib/env.ts", "export const api = import.meta.env.VITE_API_URL;\n") == "frontend");
    CHECK(roleOf("utils/download.ts", "export function d() { document.createElement('a'); }\n") == "frontend");
    CHECK(roleOf("src/hooks/useCart.ts", "import { useState } from 'react';\nexport const x = useState;\n") ==
          "frontend");
    CHECK(roleOf("pages/index.tsx", "import type { NextPage } from 'next';\nexport default function P() {}\n") ==
          "frontend");
    // Precision traps: server code in the same shapes.
    CHECK(roleOf("pages/api/orders.ts", "import type { NextApiRequest } from 'next';\nexport default 1;\n") ==
          "server");
    CHECK(roleOf("app/orders/page.tsx", "export default async function Page() { return null; }\n") == "library");
    CHECK(roleOf("app/orders/page.tsx", "\"use client\";\nexport default function Page() { return null; }\n") ==
          "frontend");
    CHECK(roleOf("client/src/middleware.ts", "import { defineMiddleware } from 'astro:middleware';\n") ==
          "library");
    CHECK(roleOf("server/src/app.ts", "import express from 'express';\nexport const app = express();\n") ==
          "server");
    CHECK(roleOf("client/src/api.ts", "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n") ==
          "library");
  }

  TEST_CASE("scripts from content: a module that runs its own main() and exports nothing") {
    CHECK(roleOf("lib/db/setup.ts", "async function main() {}\nmain().catch(console.error);\n") == "script");
    CHECK(roleOf("tools2/run.js", "const go = async () => {};\nawait go();\n") == "script");
    CHECK(roleOf("src/cache.ts", "function init() {}\ninit();\nexport const x = 1;\n") == "library");
    CHECK(roleOf("src/index.js", "function init() {}\ninit();\nmodule.exports = { init };\n") == "library");
    CHECK(roleOf("src/run.ts", "import { start } from './server';\nstart();\n") == "library");
    // Precision trap: a main() that starts the server is the service's entry point.
    CHECK(roleOf("src/main.ts", "import { serve } from '@hono/node-server';\n"
                                "async function main() { serve({ port: 3000 }); }\nmain();\n") == "library");
  }

  TEST_CASE("function roles: CLI commands in a server module, the main block, Next.js data functions") {
    auto py = factsOf("app/cli.py",
                      "import click\nfrom flask import Flask\napp = Flask(__name__)\n"
                      "@app.cli.command('seed')\ndef seed():\n    pass\n"
                      "@app.get('/x')\ndef x():\n    pass\n"
                      "class Command(BaseCommand):\n    pass\n"
                      "if __name__ == '__main__':\n    app.run()\n");
    CHECK(py.role == FileRole::Server);
    REQUIRE(py.functionRoles.size() == 3);
    CHECK(py.functionRoles[0].why == "@app.cli.command('seed')");
    CHECK(py.functionRoles[1].why == "BaseCommand");
    CHECK(py.functionRoles[2].why == "__main__");
    auto inSeed = py.functionRoles[0].start + 5;
    CHECK(py.roleAt(inSeed) == FileRole::Script);
    CHECK(py.roleAt(py.functionRoles[0].end + 2) == FileRole::Server);

    auto page = factsOf("pages/orders.tsx",
                        "import { useState } from 'react';\n"
                        "export default function P() { return null; }\n"
                        "export async function getServerSideProps() { return { props: {} }; }\n");
    CHECK(page.role == FileRole::Frontend);
    REQUIRE(page.functionRoles.size() == 1);
    CHECK(page.functionRoles[0].role == FileRole::Server);
  }

  TEST_CASE("the engine applies a rule's roles per file and per function") {
    const rules::Rule* print = nullptr;
    for (const rules::Rule* r : rules::allRules())
      if (r->meta().id == "print-instead-of-logging") print = r;
    REQUIRE(print);
    CHECK_FALSE(print->meta().roles.has(FileRole::Frontend));
    auto r = testing::analyzeText("app/views.py",
                                  "from flask import Flask\napp = Flask(__name__)\n"
                                  "@app.get('/a')\ndef a():\n    print('a')\n"
                                  "@app.cli.command()\ndef b():\n    print('b')\n",
                                  {print});
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].start.line == 4);
    // A script file that turns out to register routes is a server module: the rule applies.
    auto s = testing::analyzeText(
        "scripts/serve.py", "from flask import Flask\napp = Flask(__name__)\n@app.route('/x')\ndef x():\n    print('x')\n",
        {print});
    CHECK(s.facts.role == FileRole::Server);
    CHECK(s.findings.size() == 1);
  }
}
