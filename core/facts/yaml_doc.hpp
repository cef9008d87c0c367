// Structured YAML reading for manifests: docker-compose, CI workflows, Kubernetes objects.
// YAML is parsed with the tree-sitter-yaml grammar into a small document tree (maps, sequences,
// scalars with their lines); the readers below work on that tree, never on raw text.
#pragma once
#include <string>
#include <string_view>

#include "core/facts/facts.hpp"

namespace agentlens::core {

/// Fills compose services, k8s objects, CI commands and deploy commands from a YAML file.
/// `kind` is the path-implied infra kind ("compose", "github-actions", "gitlab-ci", "ci",
/// "deploy", "dependency-updates" or "yaml"); content may refine it (a file with `apiVersion`
/// and `kind` is "k8s"). Multi-document files are supported.
void readYamlFacts(std::string_view path, std::string_view text, const std::string& kind, Facts& facts);

}  // namespace agentlens::core
