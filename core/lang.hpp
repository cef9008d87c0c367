// Languages and file kinds AgentLens understands, and how a path maps to one.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace agentlens::core {

/// A source language (parsed with tree-sitter) or a workspace file kind read by a line/structured
/// reader (Dockerfile, .env, manifests). Stable order: used as an array index.
enum class Lang : std::uint8_t {
  Python,
  JavaScript,  // .js .jsx .mjs .cjs (the grammar handles JSX)
  TypeScript,  // .ts .mts .cts
  Tsx,         // .tsx
  Go,
  Dockerfile,
  DotEnv,      // .env, .env.*
  Yaml,
  Json,
  Toml,
  Text,        // requirements.txt, Procfile, other plain manifests
  Ini,         // .ini, .cfg (alembic.ini, setup.cfg, tox.ini, app config)
};
inline constexpr std::size_t kLangCount = 12;

/// True for languages that have a tree-sitter grammar (and so a syntax tree).
constexpr bool hasGrammar(Lang l) { return l <= Lang::Go; }

/// True for JavaScript, TypeScript and TSX: rules treat them as one family.
constexpr bool isJsFamily(Lang l) {
  return l == Lang::JavaScript || l == Lang::TypeScript || l == Lang::Tsx;
}

/// Lower-case name used in CLI output and config (`python`, `javascript`, `typescript`, `tsx`, `go`, …).
std::string_view langName(Lang l);
std::optional<Lang> langFromName(std::string_view name);

/// Maps a path (only its file name and extension are looked at) to a language or file kind.
/// Returns nullopt for files AgentLens does not read.
std::optional<Lang> detectLang(std::string_view path);

}  // namespace agentlens::core
