// Structured reading of a fuzz input (FuzzedDataProvider-style, which g++ builds do not have), and
// the failure check the targets use as their oracle: a broken invariant aborts with a message, so
// libFuzzer and the standalone driver both keep the input that broke it.
#pragma once
#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::fuzz {

/// Turns logging off once per process: the code under test logs what it clamps and refuses, and
/// a fuzzer prints nothing but its own progress.
inline void silenceLogs() {
  static const bool once = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)once;
}

/// Reads from the front of the input; past its end every read returns zero / empty.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}

  [[nodiscard]] bool empty() const { return n_ == 0; }
  [[nodiscard]] std::size_t remaining() const { return n_; }

  std::uint8_t byte() {
    if (n_ == 0) return 0;
    --n_;
    return *p_++;
  }
  std::uint32_t u16() { return static_cast<std::uint32_t>(byte()) | static_cast<std::uint32_t>(byte()) << 8; }
  /// A small number, usually < 16, sometimes up to 65535 (positions, counts).
  std::uint32_t smallNumber() {
    std::uint8_t b = byte();
    if (b < 0xf0) return b & 0x0f;
    return u16();
  }
  /// The next `len` bytes (fewer at the end).
  std::string_view take(std::size_t len) {
    len = std::min(len, n_);
    std::string_view s(reinterpret_cast<const char*>(p_), len);
    p_ += len;
    n_ -= len;
    return s;
  }
  /// Bytes up to (not including) the next `sep`, or the rest; the separator is consumed.
  std::string_view until(char sep) {
    std::string_view rest(reinterpret_cast<const char*>(p_), n_);
    std::size_t at = rest.find(sep);
    if (at == std::string_view::npos) return take(n_);
    std::string_view s = take(at);
    byte();
    return s;
  }
  std::string_view rest() { return take(n_); }

 private:
  const std::uint8_t* p_;
  std::size_t n_;
};

/// One file of a multi-file input: the byte that chooses its path, and its text.
struct FilePart {
  unsigned char selector;
  std::string_view text;
};

/// Splits a multi-file input (the check and config targets): up to `maxFiles` parts, each a
/// selector byte followed by the file's text, separated by the bytes "\0\1".
inline std::vector<FilePart> splitFiles(const std::uint8_t* data, std::size_t size, int maxFiles) {
  std::vector<FilePart> parts;
  std::string_view all(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < maxFiles && !all.empty(); ++i) {
    auto sel = static_cast<unsigned char>(all.front());
    all.remove_prefix(1);
    std::size_t end = all.find(std::string_view("\0\1", 2));
    parts.push_back({sel, all.substr(0, end)});
    all = end == std::string_view::npos ? std::string_view() : all.substr(end + 2);
  }
  return parts;
}

/// Replaces invalid UTF-8 by '?' (the oracles that need valid text use it on generated text).
inline std::string validUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    // Overlong and surrogate forms: E0 needs A0..BF, ED needs 80..9F, F0 needs 90..BF, F4 80..8F.
    if (ok && n >= 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F));
    }
    if (ok) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.push_back('?');
      ++i;
    }
  }
  return out;
}

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz oracle failed: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace agentlens::fuzz

/// Aborts with `what` (a std::string expression, evaluated only on failure) unless `cond` holds.
#define FUZZ_CHECK(cond, what)                   \
  do {                                           \
    if (!(cond)) ::agentlens::fuzz::fail(what); \
  } while (0)
