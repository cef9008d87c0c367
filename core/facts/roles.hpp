// Roles from content: what a file (or a function in it) is for, when its path did not decide
// it. Part of the prelude: reads the root's children, the imports and the text, no extra walk.
//
// Browser code: `"use client"`, a Next.js pages-router page component, imports of a UI library
// (react, vue, svelte, …), Vite's `import.meta.env`, DOM globals, or the `src/` of a front-end
// folder (`frontend/`, `client/`, `web/`, `ui/`) — unless a server signal says otherwise
// (a web framework import, Node built-ins, a `middleware`/`*.server.*` file, a Next.js
// app-router server component or route handler).
// Scripts: Python with argparse/click/typer or a main guard and no web framework; JS with a
// shebang, a CLI library, or a top-level `main()` call in a module that exports nothing.
// Function roles: the `if __name__ == "__main__":` block, CLI commands in a server module (Flask `@app.cli.command()`, click/typer
// commands, Django `BaseCommand`), and Next.js data functions (`getServerSideProps`) in a page.
#pragma once
#include "core/facts/facts.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

/// Decides `f.role` for a file whose path left it a library module, from the prelude's imports
/// and frameworks (already in `f`). `useClient`: the module starts with a "use client" directive.
void decideContentRole(const ParsedFile& file, Facts& f, bool useClient);

/// Appends the top-level functions and classes whose role differs from the file's to
/// `f.functionRoles` (see the file comment).
void findFunctionRoles(const ParsedFile& file, Facts& f);

}  // namespace agentlens::core
