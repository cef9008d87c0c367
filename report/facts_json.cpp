#include "report/facts_json.hpp"

#include <nlohmann/json.hpp>

#include "core/index/workspace_index.hpp"

namespace agentlens::report {
namespace {

using nlohmann::ordered_json;

ordered_json sites(const std::vector<core::Site>& v) {
  ordered_json a = ordered_json::array();
  for (const auto& s : v) a.push_back({{"what", s.what}, {"line", s.line + 1}});
  return a;
}

template <typename T, typename F>
void putList(ordered_json& o, const char* key, const std::vector<T>& v, F&& fn) {
  if (v.empty()) return;
  ordered_json a = ordered_json::array();
  for (const auto& x : v) a.push_back(fn(x));
  o[key] = std::move(a);
}

ordered_json factsJson(const core::Facts& f) {
  ordered_json o;
  o["role"] = core::fileRoleName(f.role);
  if (!f.infraKind.empty()) o["infraKind"] = f.infraKind;
  if (!f.frameworks.empty()) o["frameworks"] = f.frameworks;
  if (f.hasMainGuard) o["hasMainGuard"] = true;
  if (!f.appObjects.empty()) o["appObjects"] = f.appObjects;
  putList(o, "routes", f.routes, [](const core::Route& r) {
    ordered_json j;
    j["method"] = r.method;
    j["path"] = r.path;
    j["framework"] = r.framework;
    j["handler"] = r.handler;
    j["line"] = r.line + 1;
    j["auth"] = core::authStatusName(r.auth);
    if (!r.authBy.empty()) j["authBy"] = r.authBy;
    if (!r.publicReason.empty()) j["public"] = r.publicReason;
    if (!r.name.empty()) j["name"] = r.name;
    if (!r.registrar.empty()) j["registrar"] = r.registrar;
    j["handlerRange"] = r.handlerEnd > r.handlerStart ? ordered_json::array({r.handlerStart, r.handlerEnd}) : ordered_json();
    if (r.readsInput) j["readsInput"] = true;
    if (r.validatesBody) j["validatesBody"] = true;
    if (!r.statusCodes.empty()) j["statusCodes"] = r.statusCodes;
    if (r.callsDb) j["callsDb"] = true;
    if (r.callsHttp) j["callsHttp"] = true;
    return j;
  });
  putList(o, "functionRoles", f.functionRoles, [](const core::RoleSpan& r) {
    return ordered_json{{"role", core::fileRoleName(r.role)}, {"why", r.why}, {"range", {r.start, r.end}}};
  });
  putList(o, "mounts", f.mounts, [](const core::Mount& m) {
    ordered_json j{{"owner", m.owner}, {"target", m.target}, {"prefix", m.prefix}, {"auth", m.auth}, {"line", m.line + 1}};
    if (!m.module.empty()) j["module"] = m.module;
    if (!m.authBy.empty()) j["authBy"] = m.authBy;
    if (m.optionalAuth) j["optionalAuth"] = true;
    return j;
  });
  putList(o, "authHooks", f.authHooks, [](const core::AuthHook& h) {
    return ordered_json{{"scope", h.scope}, {"evidence", h.evidence}, {"publicPaths", h.publicPaths}, {"line", h.line + 1}};
  });
  putList(o, "handlerSpans", f.handlerSpans, [](const core::HandlerSpan& h) {
    return ordered_json{{"name", h.name}, {"range", {h.start, h.end}}};
  });
  putList(o, "envReads", f.envReads, [](const core::EnvRead& e) {
    ordered_json j{{"name", e.name}};
    j["default"] = e.defaultValue ? ordered_json(*e.defaultValue) : ordered_json();
    j["required"] = e.required;
    j["line"] = e.line + 1;
    return j;
  });
  putList(o, "dbClients", f.dbClients, [](const core::DbClient& d) {
    return ordered_json{{"kind", d.kind}, {"moduleScope", d.moduleScope}, {"line", d.line + 1}};
  });
  if (!f.loggerSetup.empty()) o["loggerSetup"] = sites(f.loggerSetup);
  if (!f.signalHandlers.empty()) o["signalHandlers"] = sites(f.signalHandlers);
  if (!f.shutdownCalls.empty()) o["shutdownCalls"] = sites(f.shutdownCalls);
  if (!f.serverRuns.empty()) o["serverRuns"] = sites(f.serverRuns);
  if (!f.errorHandlers.empty()) o["errorHandlers"] = sites(f.errorHandlers);
  if (!f.middleware.empty()) o["middleware"] = sites(f.middleware);
  if (!f.testRouteRefs.empty()) o["testRouteRefs"] = f.testRouteRefs;
  putList(o, "commands", f.commands, [](const core::Command& c) {
    return ordered_json{{"source", c.source}, {"text", c.text}, {"line", c.line + 1}};
  });
  putList(o, "dependencies", f.deps, [](const core::Dependency& d) {
    ordered_json j{{"name", d.name}, {"spec", d.spec}};
    if (d.dev) j["dev"] = true;
    return j;
  });
  if (!f.envKeys.empty()) o["envKeys"] = f.envKeys;
  if (!f.ignorePatterns.empty()) o["ignorePatterns"] = f.ignorePatterns;
  if (f.testRunnerConfig) o["testRunnerConfig"] = true;
  if (f.dockerfile) {
    const auto& d = *f.dockerfile;
    ordered_json j;
    j["baseImages"] = d.baseImages;
    j["user"] = d.user;
    j["healthcheck"] = d.healthcheck;
    j["hasCmd"] = d.hasCmd;
    j["cmdExecForm"] = d.cmdExecForm;
    j["envKeys"] = d.envKeys;
    j["argKeys"] = d.argKeys;
    j["copiesContext"] = d.copiesContext;
    j["copiesEnvFile"] = d.copiesEnvFile;
    j["exposedPorts"] = d.exposedPorts;
    j["npmInstall"] = d.npmInstall;
    j["unpinnedPipInstall"] = d.unpinnedPipInstall;
    if (!d.stopSignal.empty()) j["stopSignal"] = d.stopSignal;
    if (d.usesInit) j["usesInit"] = true;
    o["dockerfile"] = std::move(j);
  }
  putList(o, "k8s", f.k8s, [](const core::K8sObject& k) {
    ordered_json j{{"kind", k.kind}, {"name", k.name}, {"line", k.line + 1}};
    j["livenessProbe"] = k.livenessProbe;
    j["readinessProbe"] = k.readinessProbe;
    if (!k.probePaths.empty()) j["probePaths"] = k.probePaths;
    j["resourceRequests"] = k.resourceRequests;
    j["resourceLimits"] = k.resourceLimits;
    if (!k.images.empty()) j["images"] = k.images;
    j["runAsNonRoot"] = k.runAsNonRoot;
    j["noPrivilegeEscalation"] = k.noPrivilegeEscalation;
    if (k.privileged) j["privileged"] = true;
    if (k.replicas >= 0) j["replicas"] = k.replicas;
    if (k.terminationGracePeriodSeconds >= 0) j["terminationGracePeriodSeconds"] = k.terminationGracePeriodSeconds;
    if (!k.literalSecretEnv.empty()) j["literalSecretEnv"] = k.literalSecretEnv;
    if (!k.annotations.empty()) j["annotations"] = k.annotations;
    return j;
  });
  putList(o, "compose", f.compose, [](const core::ComposeService& s) {
    ordered_json j{{"name", s.name}, {"image", s.image}, {"line", s.line + 1}, {"restart", s.restart},
                   {"healthcheck", s.healthcheck}};
    if (s.privileged) j["privileged"] = true;
    if (!s.user.empty()) j["user"] = s.user;
    return j;
  });
  return o;
}

}  // namespace

std::string renderFactsJson(const std::string& path, const core::Facts& facts) {
  ordered_json o{{"path", path}, {"facts", factsJson(facts)}};
  return o.dump(2) + "\n";
}

/// The service's routes as the workspace index sees them: mounts across files applied, with the
/// evidence of their auth or the reason they are public.
ordered_json serviceRoutes(const std::vector<core::FileResult>& files) {
  core::WorkspaceIndex index;
  for (const auto& f : files) index.update(f);
  ordered_json arr = ordered_json::array();
  for (const auto& r : index.routes()) {
    if (r.file->facts.isTestOrGenerated()) continue;
    ordered_json j{{"file", r.file->path}, {"line", r.route.line + 1}, {"method", r.route.method},
                   {"path", r.route.path}, {"auth", core::authStatusName(r.route.auth)}};
    if (!r.route.authBy.empty()) j["authBy"] = r.route.authBy;
    if (!r.route.publicReason.empty()) j["public"] = r.route.publicReason;
    if (!r.route.name.empty()) j["name"] = r.route.name;
    if (!r.testPaths.empty()) j["testPaths"] = r.testPaths;
    arr.push_back(std::move(j));
  }
  return arr;
}

std::string renderFactsJson(const std::vector<core::FileResult>& files) {
  ordered_json arr = ordered_json::array();
  for (const auto& f : files) arr.push_back({{"path", f.path}, {"facts", factsJson(f.facts)}});
  ordered_json o{{"files", std::move(arr)}};
  if (auto routes = serviceRoutes(files); !routes.empty()) o["routes"] = std::move(routes);
  return o.dump(2) + "\n";
}

}  // namespace agentlens::report
