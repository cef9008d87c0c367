// Facts: what the index knows about one file, extracted in the same traversal as the rules.
// Small, serialisable, cached by content hash; workspace checks and the score are pure functions
// of the Facts of all files plus the findings.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::core {

enum class FileRole : std::uint8_t {
  Server,     ///< imports a web framework or defines routes
  Test,       ///< test files and fixtures
  Script,     ///< CLI entry points and one-off scripts
  Config,     ///< settings modules
  Migration,  ///< schema migrations
  Frontend,   ///< browser code ("use client", components)
  Generated,  ///< generated, vendored or minified code
  Infra,      ///< Dockerfiles, CI, manifests, compose, k8s
  Library,    ///< anything else: application modules
};
std::string_view fileRoleName(FileRole r);

/// A module this file imports, as written (`flask`, `express`, `net/http`, `./db`).
struct Import {
  std::string module;
  std::uint32_t line = 0;  ///< 0-based
};

struct Facts {
  FileRole role = FileRole::Library;
  std::vector<Import> imports;
  /// Web frameworks seen in imports: flask, fastapi, django, starlette, express, koa, fastify,
  /// hono, nextjs, net/http, gin, chi, echo.
  std::vector<std::string> frameworks;
  bool hasMainGuard = false;  ///< Python `if __name__ == "__main__":` / Go `package main`

  [[nodiscard]] bool imports_(std::string_view module) const;  // exact module match
  [[nodiscard]] bool usesFramework(std::string_view name) const;
  [[nodiscard]] bool isTestOrGenerated() const {
    return role == FileRole::Test || role == FileRole::Generated;
  }
};

/// Role decided from the path alone (tests/, *_test.go, migrations/, vendor/, …), or Library.
FileRole roleFromPath(std::string_view path);

}  // namespace agentlens::core
