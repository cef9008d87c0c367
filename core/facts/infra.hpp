// Infra readers: Facts of files without a tree-sitter grammar in the rule engine — Dockerfiles
// and `.env` files (line parsers), Procfiles, requirements*.txt, go.mod, package.json and YAML
// manifests (compose, CI workflows, Kubernetes), read as structured data.
#pragma once
#include "core/facts/facts.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

/// Fills the infra part of `facts` (infraKind, commands, dependencies, dockerfile, k8s, …) from
/// the file's text. Pure: depends only on the path's file name and the text.
void readInfraFile(const ParsedFile& file, Facts& facts);

/// The infra kind a path implies from its name alone ("" for none).
std::string infraKindOfPath(std::string_view path);

}  // namespace agentlens::core
