#include "lsp/framing.hpp"

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

}  // namespace

void FrameDecoder::feed(std::string_view bytes) {
  if (skipRemaining_ > 0) {
    std::size_t n = std::min(skipRemaining_, bytes.size());
    skipRemaining_ -= n;
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
        return true;
      }
      return false;
    }
    std::string_view headers(buf_.data(), end);
    long long length = -1;
    bool bad = false;
    while (!headers.empty()) {
      std::size_t nl = headers.find('\n');
      std::string_view line = trim(headers.substr(0, nl));
      headers.remove_prefix(nl == std::string_view::npos ? headers.size() : nl + 1);
      if (line.empty()) continue;
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
      out = {Frame::Kind::BadHeader, "", bad ? "invalid Content-Length" : "missing Content-Length header"};
      return true;
    }
    auto len = static_cast<std::size_t>(length);
    if (len > maxBytes_) {
      std::size_t have = buf_.size() - bodyStart;
      if (have >= len) {
        buf_.erase(0, bodyStart + len);
      } else {
        skipRemaining_ = len - have;
        buf_.clear();
      }
      out = {Frame::Kind::TooLarge, "",
             "message of " + std::to_string(len) + " bytes exceeds the " + std::to_string(maxBytes_) + "-byte limit"};
      return true;
    }
    if (buf_.size() - bodyStart < len) return false;
    out = {Frame::Kind::Message, buf_.substr(bodyStart, len), ""};
    buf_.erase(0, bodyStart + len);
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
