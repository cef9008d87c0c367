// dockerfile-hardening: whether a compose healthcheck command can run in the image it probes —
// `curl`/`wget` called in an image that does not ship them (python:*-slim, node:*-alpine, …).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::rules::probe_tools {

/// The program a healthcheck `test:` value runs first (`["CMD", "curl", …]`,
/// `["CMD-SHELL", "curl -f … || exit 1"]`, `curl -f …`), lower-cased; "" when not found.
std::string firstProgram(std::string_view test);

/// `tool` (curl or wget) is missing from the final image: the base image is known not to ship it
/// and the Dockerfile never mentions it (no `apt-get install curl`, `apk add wget`, COPY of it).
/// Unknown base images and other tools: false.
bool missingFromImage(std::string_view tool, std::string_view baseImage, std::string_view dockerfileText);

}  // namespace agentlens::rules::probe_tools
