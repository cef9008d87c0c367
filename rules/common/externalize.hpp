// "Externalize to environment variable": the shared fix that replaces a hardcoded literal with the
// language's environment lookup, adds what the lookup needs (an import, a once-per-file helper)
// and lists the variable in .env.example. One multi-file fix, used by hardcoded-secret,
// secret-env-default and the configuration rules.
//
// Idioms (catalog SEC1/SEC2/CFG1–CFG5):
//   Python  required: os.environ["NAME"]             tunable: int(os.environ.get("NAME", "30"))
//   JS/TS   required: requiredEnv("NAME") (helper)   tunable: (Number(process.env.NAME) || 30)
//   Go      required: mustEnv("NAME") (helper)       tunable: envInt("NAME", 30) / envOr("NAME", "x")
// Thread-safe (pure functions of the file); may be called from visit() or finish().
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::rules {

/// What the literal is: decides the lookup (required or with a default) and what .env.example gets.
enum class EnvValueKind : std::uint8_t {
  Secret,            ///< required, no default; .env.example gets `NAME=` (never the value)
  Required,          ///< required non-secret value; .env.example gets `NAME=`
  ConnectionString,  ///< required; .env.example gets a redacted example (`postgresql://user:password@host:5432/db`)
  Endpoint,          ///< URL or host:port; required unless keepDefault; .env.example gets it without credentials or query
  Port,              ///< listen port; the literal stays the default; .env.example gets the literal
  Tunable,           ///< timeout, pool size, limit; the literal stays the default; .env.example gets the literal
};

struct ExternalizeOptions {
  std::string name;          ///< the variable name; "" = derived from the context
  bool keepDefault = false;  ///< Endpoint: keep the literal as the fallback (public SaaS API bases)
};

/// The variable name the literal's context suggests, in SCREAMING_SNAKE: the binding it is assigned
/// to, the dict key / property / struct field, the keyword argument, or the call it is passed to,
/// normalised per kind (connection strings → DATABASE_URL/REDIS_URL/…, endpoints end in _URL,
/// listen ports → PORT, HTTP timeouts → REQUEST_TIMEOUT, pool settings get a DB_ prefix).
std::string deriveEnvName(const core::ParsedFile& file, ts::Node literal, EnvValueKind kind);

/// The value written to .env.example for a literal's value: "" for secrets and required values,
/// a redacted URL for connection strings, the value without credentials/query for endpoints, the
/// literal for ports and tunables.
std::string envExampleValue(std::string_view value, EnvValueKind kind);

/// The fix replacing `literal` (a string or number node) with the environment lookup, or nullopt
/// when its position cannot hold one (a Go const group, a Go float tunable, a non-literal node).
/// Applicability is Unsafe: the program's configuration now comes from its environment.
std::optional<core::Fix> externalizeFix(const core::ParsedFile& file, ts::Node literal, EnvValueKind kind,
                                        const ExternalizeOptions& opts = {});

/// The fix replacing an existing environment read `expr` (`os.getenv("X")`, `process.env.X`,
/// `os.Getenv("X")`, `os.environ.get("X", "dev")`, …) with the language's required lookup of
/// `name` (`os.environ["X"]`, `requiredEnv("X")`, `mustEnv("X")`), adding the import/helper and
/// `X=` to .env.example. Unsafe: start-up now fails when the variable is missing.
std::optional<core::Fix> requiredEnvFix(const core::ParsedFile& file, ts::Node expr, const std::string& name);

}  // namespace agentlens::rules
