// Cross-file knowledge for the authorization rules (see cross_file_auth.hpp).
#include "rules/workspace/cross_file_auth.hpp"

#include <algorithm>
#include <map>

namespace agentlens::rules {

// ---- route-without-auth: auth and public reasons seen from the whole service -------------------

/// Drops the findings of routes that the workspace shows protected (a mount after `app.use(auth)`,
/// a Go group handed to the registering function after `Use(auth)`, a Fastify autohooks file) or
/// public by design once mounted (`/auth` + `/register`): every route on the finding's line must be.
void routeAuthAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  std::map<std::pair<std::string, std::uint32_t>, bool> open;  // (path, line) -> some route still open
  for (const auto& r : view.index().routes()) {
    bool covered = r.route.auth != core::AuthStatus::None || !r.route.publicReason.empty();
    auto key = std::make_pair(r.file->path, r.route.line);
    open[key] = open[key] || !covered;
  }
  for (auto& fr : files)
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != "route-without-auth") return false;
      auto it = open.find({fr.path, f.start.line});
      return it != open.end() && !it->second;
    });
}

/// untrusted-client-ip judges one file alone: Express's `app.set("trust proxy", …)` or gin's
/// `SetTrustedProxies` may sit in another module (the file that builds the app or router).
void trustProxyElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read) {
  struct Kind {
    std::string_view message;  ///< identifies the finding
    bool (*lang)(core::Lang);
    std::initializer_list<std::string_view> settings;
  };
  static constexpr auto isGo = [](core::Lang l) { return l == core::Lang::Go; };
  static constexpr auto isJs = [](core::Lang l) { return core::isJsFamily(l); };
  for (const Kind& k : {Kind{"never sets `trust proxy`", +isJs, {"trust proxy", "trustProxy"}},
                        Kind{"`SetTrustedProxies` names your proxies", +isGo, {"SetTrustedProxies", "TrustedPlatform"}}}) {
    auto ours = [&](const core::Finding& f) {
      return f.ruleId == "untrusted-client-ip" && f.message.find(k.message) != std::string::npos;
    };
    bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
      return std::any_of(fr.findings.begin(), fr.findings.end(), ours);
    });
    if (!any) continue;
    bool trusted = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
      if (!k.lang(fr.lang)) return false;
      auto text = read ? read(fr.path) : std::nullopt;
      return text && std::any_of(k.settings.begin(), k.settings.end(),
                                 [&](std::string_view s) { return text->find(s) != std::string::npos; });
    });
    if (trusted)
      for (auto& fr : files) std::erase_if(fr.findings, ours);
  }
}

}  // namespace agentlens::rules
