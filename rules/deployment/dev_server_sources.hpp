// dev-server-entrypoint: where the launch commands are in each file kind: the CMD/ENTRYPOINT
// instructions of a Dockerfile's final stage (with the FLASK_APP it sets) and the `start` script
// of a package.json (from the facts index). The Dockerfile scan is a small text scan.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/facts/facts.hpp"
#include "core/text/line_index.hpp"

namespace agentlens::rules::dev_server {

/// A CMD or ENTRYPOINT instruction: its keyword and the byte range of its arguments.
struct LaunchInstr {
  std::string keyword;
  std::uint32_t argStart, end;
};

/// The launch instructions of a Dockerfile's final stage, and the module FLASK_APP names.
struct DockerLaunch {
  std::vector<LaunchInstr> finalStage;
  std::string flaskApp;
};
DockerLaunch scanDockerfile(std::string_view src);

/// The byte range of the string value of scripts.start (inside the quotes): the first `start`
/// script the facts index read from this package.json (`src`).
std::optional<core::ByteRange> startScript(const core::Facts& facts, std::string_view src);

}  // namespace agentlens::rules::dev_server
