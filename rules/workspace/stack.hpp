// What stack a workspace uses (for stack-specific messages and generated files).
#pragma once
#include <string>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

struct Stack {
  std::string language;   ///< "python", "node", "go" or ""
  std::string framework;  ///< flask, fastapi, django, express, nextjs, gin, net/http, … or ""
  std::string manifest;   ///< requirements.txt, pyproject.toml, package.json, go.mod, or ""
};

/// The dominant stack: the entry module's language and framework, and the package manifest.
Stack detectStack(const WorkspaceView& view);

/// Where a "missing piece" finding goes: the line creating the app object (or starting the
/// server) in the entry module; else the package manifest; else the first source file.
struct Anchor {
  std::string path;
  std::uint32_t line = 0;
  [[nodiscard]] bool valid() const { return !path.empty(); }
};
Anchor appAnchor(const WorkspaceView& view);

/// A test file with code in it (test role, a parsed language), not fixtures or test data.
bool isTestSource(const core::FileResult& f);
/// A test source that holds at least one test with an assertion: an empty `tests.py`, or a
/// script that only prints what a live server answers, is not a test. Unreadable files count.
bool holdsTests(const WorkspaceView& view, const core::FileResult& f);

/// A Fastify app with its built-in pino logger switched on (`Fastify({ logger: … })`, not
/// `logger: false`): it logs every request with the id Fastify gives it (`reqId`).
bool fastifyLoggerEnabled(const WorkspaceView& view);

/// The first line (0-based) of `text` that contains `needle`, or 0.
std::uint32_t lineOf(const std::string& text, std::string_view needle);

/// A Next.js app deployed on Vercel by the repository's own account: `vercel.json`, a
/// `vercel-build` script, or a README with a deploy button or a Vercel deployment section. The
/// platform tags every invocation with an id and reports invocations, errors and latency.
bool vercelDeployedNextApp(const WorkspaceView& view);

}  // namespace agentlens::rules
