#include "core/cache/result_cache.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <type_traits>

#include "agentlens/version.hpp"

namespace agentlens::core {
namespace {

constexpr char kMagic[4] = {'A', 'L', 'C', 'R'};
constexpr std::size_t kHeader = 4 + 4 + 8 + 8;

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// ---- a symmetric archive: one io() per type serves both directions ----------------------------

class Writer {
 public:
  template <typename T>
  void num(const T& v) {
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out.append(buf, sizeof(T));
  }
  void str(const std::string& s) {
    num(static_cast<std::uint32_t>(s.size()));
    out += s;
  }
  bool size(std::size_t n) {
    num(static_cast<std::uint32_t>(n));
    return true;
  }
  static constexpr bool kReading = false;
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  void num(T& v) {
    if (!ok || pos_ + sizeof(T) > in_.size()) {
      ok = false;
      v = T{};
      return;
    }
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
  }
  void str(std::string& s) {
    std::uint32_t n = 0;
    num(n);
    if (!ok || pos_ + n > in_.size()) {
      ok = false;
      return;
    }
    s.assign(in_.data() + pos_, n);
    pos_ += n;
  }
  /// Reads a collection size; fails (instead of allocating) when it cannot fit the input.
  bool size(std::size_t& n) {
    std::uint32_t v = 0;
    num(v);
    if (!ok || v > in_.size() - pos_) {
      ok = false;
      return false;
    }
    n = v;
    return true;
  }
  [[nodiscard]] bool atEnd() const { return pos_ == in_.size(); }
  static constexpr bool kReading = true;
  bool ok = true;

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

template <typename A, typename T>
  requires std::is_arithmetic_v<T>
void io(A& a, T& v) {
  a.num(v);
}
template <typename A, typename E>
  requires std::is_enum_v<E>
void io(A& a, E& e) {
  auto u = static_cast<std::underlying_type_t<E>>(e);
  a.num(u);
  e = static_cast<E>(u);
}
template <typename A>
void io(A& a, std::string& s) {
  a.str(s);
}
template <typename A, typename T>
void io(A& a, std::vector<T>& v);
template <typename A, typename T>
void io(A& a, std::optional<T>& o);
template <typename A, typename X, typename Y>
void io(A& a, std::pair<X, Y>& p) {
  io(a, p.first);
  io(a, p.second);
}

template <typename A>
void io(A& a, Position& p) { io(a, p.line); io(a, p.character); }
template <typename A>
void io(A& a, ByteRange& r) { io(a, r.start); io(a, r.end); }
template <typename A>
void io(A& a, TextEdit& e) {
  io(a, e.kind); io(a, e.path); io(a, e.range); io(a, e.text); io(a, e.key); io(a, e.start); io(a, e.end);
}
template <typename A>
void io(A& a, Fix& f) { io(a, f.title); io(a, f.applicability); io(a, f.edits); }
template <typename A>
void io(A& a, RelatedLocation& r) { io(a, r.path); io(a, r.line); io(a, r.message); }
template <typename A>
void io(A& a, Finding& f) {
  io(a, f.ruleId); io(a, f.category); io(a, f.severity); io(a, f.confidence); io(a, f.path); io(a, f.range);
  io(a, f.start); io(a, f.end); io(a, f.message); io(a, f.excerpt); io(a, f.fixes); io(a, f.related);
  io(a, f.suppressedReason); io(a, f.sensitive);
}
template <typename A>
void io(A& a, Import& i) { io(a, i.module); io(a, i.line); }
template <typename A>
void io(A& a, Route& r) {
  io(a, r.framework); io(a, r.method); io(a, r.path); io(a, r.handler); io(a, r.line); io(a, r.handlerStart);
  io(a, r.handlerEnd); io(a, r.auth); io(a, r.validatesBody); io(a, r.readsInput); io(a, r.statusCodes);
  io(a, r.callsDb); io(a, r.callsHttp); io(a, r.name); io(a, r.registrar); io(a, r.authBy); io(a, r.publicReason);
}
template <typename A>
void io(A& a, EnvRead& e) { io(a, e.name); io(a, e.defaultValue); io(a, e.required); io(a, e.line); }
template <typename A>
void io(A& a, DbClient& d) { io(a, d.kind); io(a, d.moduleScope); io(a, d.line); }
template <typename A>
void io(A& a, Site& s) { io(a, s.what); io(a, s.line); }
template <typename A>
void io(A& a, Command& c) { io(a, c.source); io(a, c.text); io(a, c.line); }
template <typename A>
void io(A& a, HandlerSpan& h) { io(a, h.start); io(a, h.end); io(a, h.name); }
template <typename A>
void io(A& a, Mount& m) {
  io(a, m.owner); io(a, m.target); io(a, m.prefix); io(a, m.auth); io(a, m.line); io(a, m.module); io(a, m.authBy);
  io(a, m.optionalAuth);
}
template <typename A>
void io(A& a, AuthHook& h) { io(a, h.scope); io(a, h.evidence); io(a, h.publicPaths); io(a, h.line); }
template <typename A>
void io(A& a, RoleSpan& r) { io(a, r.start); io(a, r.end); io(a, r.role); io(a, r.why); }
template <typename A>
void io(A& a, Dependency& d) { io(a, d.name); io(a, d.spec); io(a, d.dev); io(a, d.line); }
template <typename A>
void io(A& a, DockerfileInfo& d) {
  io(a, d.baseImages); io(a, d.lastFromLine); io(a, d.user); io(a, d.userLine); io(a, d.healthcheck);
  io(a, d.cmdExecForm); io(a, d.cmdLine); io(a, d.hasCmd); io(a, d.envKeys); io(a, d.argKeys);
  io(a, d.copiesContext); io(a, d.copiesEnvFile); io(a, d.exposedPorts); io(a, d.npmInstall);
  io(a, d.unpinnedPipInstall); io(a, d.stopSignal); io(a, d.usesInit);
}
template <typename A>
void io(A& a, K8sObject::EphemeralData& e) { io(a, e.image); io(a, e.mountPath); io(a, e.line); }
template <typename A>
void io(A& a, K8sObject& k) {
  io(a, k.kind); io(a, k.name); io(a, k.line); io(a, k.livenessProbe); io(a, k.readinessProbe); io(a, k.probePaths);
  io(a, k.resourceRequests); io(a, k.resourceLimits); io(a, k.images); io(a, k.runAsNonRoot);
  io(a, k.noPrivilegeEscalation); io(a, k.privileged); io(a, k.replicas); io(a, k.terminationGracePeriodSeconds);
  io(a, k.literalSecretEnv); io(a, k.annotations); io(a, k.ephemeralData);
}
template <typename A>
void io(A& a, ComposeService& s) {
  io(a, s.name); io(a, s.image); io(a, s.line); io(a, s.restart); io(a, s.privileged); io(a, s.healthcheck); io(a, s.user);
}
template <typename A>
void io(A& a, Facts& f) {
  io(a, f.role); io(a, f.functionRoles); io(a, f.imports); io(a, f.frameworks); io(a, f.hasMainGuard); io(a, f.appObjects); io(a, f.routes);
  io(a, f.envReads); io(a, f.dbClients); io(a, f.loggerSetup); io(a, f.signalHandlers); io(a, f.errorHandlers);
  io(a, f.middleware); io(a, f.testRouteRefs); io(a, f.commands); io(a, f.dependencies); io(a, f.handlerSpans);
  io(a, f.mounts); io(a, f.shutdownCalls); io(a, f.serverRuns); io(a, f.deps); io(a, f.infraKind); io(a, f.envKeys);
  io(a, f.ignorePatterns); io(a, f.dockerfile); io(a, f.k8s); io(a, f.compose); io(a, f.testRunnerConfig);
  io(a, f.authHooks);
}
template <typename A>
void io(A& a, FileResult& r) {
  io(a, r.path); io(a, r.lang); io(a, r.facts); io(a, r.findings); io(a, r.sites);
}

template <typename A, typename T>
void io(A& a, std::vector<T>& v) {
  if constexpr (A::kReading) {
    std::size_t n = 0;
    if (!a.size(n)) return;
    v.clear();
    v.resize(n);
  } else {
    a.size(v.size());
  }
  for (auto& x : v) io(a, x);
}
template <typename A, typename T>
void io(A& a, std::optional<T>& o) {
  bool has = o.has_value();
  io(a, has);
  if constexpr (A::kReading) {
    if (has) o.emplace();
    else o.reset();
  }
  if (has) io(a, *o);
}

std::string hex(std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kHex[v & 15];
  return s;
}

/// The running tool's identity: version plus the executable's mtime and size, so a rebuilt
/// binary (a changed rule without a ruleset version bump) never reads its predecessor's results.
const std::string& toolIdentity() {
  static const std::string id = [] {
    std::string s = kVersion;
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      auto t = std::filesystem::last_write_time(exe, ec);
      auto size = ec ? 0 : std::filesystem::file_size(exe, ec);
      if (!ec) s += ":" + std::to_string(t.time_since_epoch().count()) + ":" + std::to_string(size);
    }
    return s;
  }();
  return id;
}

}  // namespace

std::string ResultCache::defaultDir() {
  if (const char* d = std::getenv("AGENTLENS_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/agentlens";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/agentlens";
  return "";
}

std::string ResultCache::key(std::string_view path, Lang lang, std::string_view content, std::string_view fingerprint) {
  std::string meta = toolIdentity() + '\0' + std::string(fingerprint) + '\0' + std::string(path) + '\0' +
                     std::string(langName(lang)) + '\0' + std::to_string(content.size()) + '\0' +
                     std::to_string(kFormat);
  // Two independent 64-bit FNV-1a streams over (meta, content): a 128-bit key.
  std::uint64_t a = fnv1a(content, fnv1a(meta));
  std::uint64_t b = fnv1a(content, fnv1a(meta, 0x84222325cbf29ce4ull) ^ 0x9e3779b97f4a7c15ull);
  return hex(a, 16) + hex(b, 16);
}

std::string ResultCache::entryPath(const std::string& key) const {
  return dir_ + "/v" + std::to_string(kFormat) + "/" + key.substr(0, 2) + "/" + key.substr(2) + ".bin";
}

std::string ResultCache::serialize(const std::string& key, const FileResult& r) {
  Writer w;
  std::string k = key;
  io(w, k);
  FileResult copy = r;  // io() takes non-const references for symmetry
  io(w, copy);
  std::string out(kMagic, 4);
  Writer h;
  h.num(kFormat);
  h.num(static_cast<std::uint64_t>(w.out.size()));
  h.num(fnv1a(w.out));
  out += h.out;
  out += w.out;
  return out;
}

std::optional<FileResult> ResultCache::deserialize(const std::string& key, std::string_view bytes) {
  if (bytes.size() < kHeader || std::memcmp(bytes.data(), kMagic, 4) != 0) return std::nullopt;
  Reader h(bytes.substr(4, kHeader - 4));
  std::uint32_t format = 0;
  std::uint64_t size = 0, checksum = 0;
  h.num(format);
  h.num(size);
  h.num(checksum);
  if (!h.ok || format != kFormat || size != bytes.size() - kHeader) return std::nullopt;
  auto payload = bytes.substr(kHeader);
  if (fnv1a(payload) != checksum) return std::nullopt;
  Reader r(payload);
  std::string storedKey;
  io(r, storedKey);
  if (!r.ok || storedKey != key) return std::nullopt;
  FileResult result;
  io(r, result);
  if (!r.ok || !r.atEnd()) return std::nullopt;
  return result;
}

std::optional<FileResult> ResultCache::load(const std::string& key) const {
  if (dir_.empty()) return std::nullopt;
  std::ifstream in(entryPath(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = deserialize(key, bytes);
  if (!r) spdlog::debug("cache: ignoring invalid entry {}", entryPath(key));
  return r;
}

void ResultCache::store(const std::string& key, const FileResult& result) const {
  if (dir_.empty()) return;
  namespace fs = std::filesystem;
  static std::atomic<std::uint64_t> counter{0};
  std::string path = entryPath(key);
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) {
    spdlog::debug("cache: cannot create {}: {}", fs::path(path).parent_path().string(), ec.message());
    return;
  }
  std::string tmp = path + ".tmp" + std::to_string(::getpid()) + "." +
                    std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000) +
                    "." + std::to_string(counter.fetch_add(1));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    auto bytes = serialize(key, result);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      spdlog::debug("cache: cannot write {}", tmp);
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    spdlog::debug("cache: cannot rename {}: {}", tmp, ec.message());
    fs::remove(tmp, ec);
  }
}

}  // namespace agentlens::core
