// Masking detected secrets in text that is shown to people: excerpts, messages, fix titles.
// A finding's `sensitive` range marks a secret; every other finding on the same line or file
// must hide it too (a workspace check anchored on `.env:1` shows that line as well).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"

namespace agentlens::rules {

/// The secret ranges (bytes of the file) that `findings` carry, valid for a text of `size` bytes.
std::vector<core::ByteRange> sensitiveRanges(const std::vector<core::Finding>& findings, std::size_t size);

/// Masks each occurrence of `secret` in `text` that is the secret itself: not a part of a longer
/// identifier (`secret` in `secret_key`) and, for a short secret, only where punctuation encloses it
/// (`"secret"`, `:secret@`): in prose a short secret is usually a word ("hardcoded secret in").
void maskOccurrences(std::string& text, std::string_view secret);

/// Masks in `text` every secret `src[r.start, r.end)` of `ranges` where it occurs as itself (see maskOccurrences).
/// When `lineStart` is given, `text` is the source line starting at that byte: the parts of
/// secrets that overlap the line (a secret spanning lines) are masked by position as well.
void maskSensitive(std::string& text, std::string_view src, const std::vector<core::ByteRange>& ranges,
                   std::optional<std::uint32_t> lineStart = std::nullopt);

}  // namespace agentlens::rules
