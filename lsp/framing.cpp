#include "lsp/framing.hpp"

#include <algorithm>
#include <charconv>

namespace agentlens::lsp {
namespace {

bool iequalsPrefix(std::string_view line, std::string_view key) {
  if (line.size() < key.size()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char a = line[i], b = key[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// The first position >= `from` where `s` holds `Content-Length: <digits>\r\n` (any case).
/// Such bytes can never be part of a JSON body: JSON forbids raw CR/LF inside strings and bare
/// words outside them. So they mark where the sender started its next message.
std::size_t findHeaderLine(std::string_view s, std::size_t from) {
  constexpr std::string_view kKey = "content-length:";
  for (std::size_t i = from; i + kKey.size() <= s.size(); ++i) {
    if (s[i] != 'c' && s[i] != 'C') continue;
    if (!iequalsPrefix(s.substr(i), kKey)) continue;
    std::size_t j = i + kKey.size();
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    std::size_t digits = j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == digits) continue;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    if (j + 1 < s.size() && s[j] == '\r' && s[j + 1] == '\n') return i;
  }
  return std::string_view::npos;
}

/// `Name: value` with a token name (RFC 9110 field names), the shape of every header line.
bool isHeaderField(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (char c : line.substr(0, colon)) {
    bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token) return false;
  }
  return true;
}

// Longest prefix of a header line findHeaderLine needs to see whole ("Content-Length: " + 20
// digits + spaces + CRLF): rescans start this far back so a header split across reads is found.
constexpr std::size_t kHeaderOverlap = 64;

}  // namespace

void FrameDecoder::feed(std::string_view bytes) {
  if (skipRemaining_ > 0) {
    // Discarding an oversized body. A sender that lied about its length (Content-Length: 2^63)
    // would otherwise swallow the rest of the session: a header line inside the skipped bytes
    // ends the skip there.
    std::size_t n = std::min(skipRemaining_, bytes.size());
    std::string window = skipTail_;
    window.append(bytes.substr(0, n));
    std::size_t at = style_ == InputStyle::ContentLength ? findHeaderLine(window, 0) : std::string::npos;
    if (at != std::string::npos) {
      skipRemaining_ = 0;
      skipTail_.clear();
      buf_.append(window, at);
      buf_.append(bytes.substr(n));
      return;
    }
    skipRemaining_ -= n;
    skipTail_ = skipRemaining_ > 0 ? window.substr(window.size() - std::min(window.size(), kHeaderOverlap)) : "";
    bytes.remove_prefix(n);
  }
  buf_.append(bytes);
}

bool FrameDecoder::next(Frame& out) {
  if (!ready_.empty()) {
    out = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }
  return style_ == InputStyle::ContentLength ? nextContentLength(out) : nextDelimited(out);
}

bool FrameDecoder::nextContentLength(Frame& out) {
  while (skipRemaining_ == 0) {
    // Headers end at an empty line. Accept a bare "\n\n" too (hand-typed input).
    std::size_t end = buf_.find("\r\n\r\n");
    std::size_t sepLen = 4;
    std::size_t alt = buf_.find("\n\n");
    if (alt != std::string::npos && (end == std::string::npos || alt < end)) {
      end = alt;
      sepLen = 2;
    }
    if (end == std::string::npos) {
      if (buf_.size() > 8192) {  // no header terminator in 8 KiB: garbage, resynchronise
        out = {Frame::Kind::BadHeader, "", "header section longer than 8 KiB"};
        buf_.clear();
        scanFrom_ = 0;
        return true;
      }
      return false;
    }
    // Bytes before the header that are not header lines (the rest of a message whose
    // Content-Length was too small, or stray output): report them once and resynchronise.
    if (std::size_t h = findHeaderLine(std::string_view(buf_).substr(0, end + sepLen), 0);
        h != std::string::npos && h > 0 && buf_[h - 1] != '\n') {
      out = {Frame::Kind::BadHeader, "", std::to_string(h) + " stray bytes before a Content-Length header"};
      buf_.erase(0, h);
      scanFrom_ = 0;
      return true;
    }
    std::string_view headers(buf_.data(), end);
    long long length = -1;
    bool bad = false;
    while (!headers.empty()) {
      std::size_t lineStart = static_cast<std::size_t>(headers.data() - buf_.data());
      std::size_t nl = headers.find('\n');
      std::string_view line = trim(headers.substr(0, nl));
      headers.remove_prefix(nl == std::string_view::npos ? headers.size() : nl + 1);
      if (line.empty()) continue;
      if (!isHeaderField(line)) {
        // Not a header: the header section is garbage (a truncated header, stray output). A
        // Content-Length line further on starts the next message: resume there, not after the
        // garbage's own terminator, so that message is not lost.
        std::size_t next = findHeaderLine(std::string_view(buf_).substr(0, end + sepLen), lineStart);
        std::size_t drop = next != std::string::npos ? next : end + sepLen;
        out = {Frame::Kind::BadHeader, "", "malformed header line (" + std::to_string(drop) + " bytes skipped)"};
        buf_.erase(0, drop);
        scanFrom_ = 0;
        return true;
      }
      if (iequalsPrefix(line, "content-length:")) {
        auto v = trim(line.substr(15));
        long long n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size() || n < 0) bad = true;
        else length = n;
      }
      // Other headers (Content-Type) are accepted and ignored.
    }
    std::size_t bodyStart = end + sepLen;
    if (bad || length < 0) {
      buf_.erase(0, bodyStart);
      scanFrom_ = 0;
      out = {Frame::Kind::BadHeader, "", bad ? "invalid Content-Length" : "missing Content-Length header"};
      return true;
    }
    auto len = static_cast<std::size_t>(length);
    if (len > maxBytes_) {
      std::size_t have = buf_.size() - bodyStart;
      scanFrom_ = 0;
      if (have >= len) {
        buf_.erase(0, bodyStart + len);
      } else {
        // What is buffered goes through the same resync check as the bytes still to come.
        std::string rest = buf_.substr(bodyStart);
        buf_.clear();
        skipRemaining_ = len;
        skipTail_.clear();
        feed(rest);
      }
      out = {Frame::Kind::TooLarge, "",
             "message of " + std::to_string(len) + " bytes exceeds the " + std::to_string(maxBytes_) + "-byte limit"};
      return true;
    }
    if (buf_.size() - bodyStart < len) {
      // A body still incomplete that already holds the next message's header was truncated
      // (its Content-Length overstated it): answer it as unparseable and carry on from there.
      std::size_t from = std::max(bodyStart, scanFrom_ > kHeaderOverlap ? scanFrom_ - kHeaderOverlap : 0);
      std::size_t next = findHeaderLine(buf_, from);
      if (next != std::string::npos) {
        out = {Frame::Kind::BadHeader, "",
               "truncated message: " + std::to_string(next - bodyStart) + " of " + std::to_string(len) +
                   " bytes before the next header"};
        buf_.erase(0, next);
        scanFrom_ = 0;
        return true;
      }
      scanFrom_ = buf_.size();
      return false;
    }
    out = {Frame::Kind::Message, buf_.substr(bodyStart, len), ""};
    buf_.erase(0, bodyStart + len);
    scanFrom_ = 0;
    return true;
  }
  return false;
}

// Delimited style: messages separated by lines holding only "---"; lines starting with '#'
// are comments. Lets transcripts be written by hand without counting bytes.
bool FrameDecoder::nextDelimited(Frame& out) {
  std::string body;
  std::size_t pos = 0;
  while (true) {
    std::size_t nl = buf_.find('\n', pos);
    if (nl == std::string::npos) return false;
    std::string_view line = trim(std::string_view(buf_).substr(pos, nl - pos));
    pos = nl + 1;
    if (line == "---") {
      buf_.erase(0, pos);
      if (trim(body).empty()) {
        body.clear();
        pos = 0;
        continue;
      }
      if (body.size() > maxBytes_) {
        out = {Frame::Kind::TooLarge, "", "message exceeds the size limit"};
      } else {
        out = {Frame::Kind::Message, std::move(body), ""};
      }
      return true;
    }
    if (!line.empty() && line.front() == '#') continue;
    body.append(line);
    body.push_back('\n');
  }
}

std::string frameMessage(std::string_view json) {
  std::string out = "Content-Length: " + std::to_string(json.size()) + "\r\n\r\n";
  out.append(json);
  return out;
}

}  // namespace agentlens::lsp
