// YAML manifests as structured data: tree-sitter-yaml -> a small document tree -> facts.
#include "core/facts/yaml_doc.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <memory>

extern "C" const TSLanguage* tree_sitter_yaml(void);

namespace agentlens::core {
namespace {

struct YEntry;

/// A YAML value: scalar, mapping (ordered) or sequence, with its 0-based line.
struct YNode {
  enum class Kind { Null, Scalar, Map, Seq } kind = Kind::Null;
  std::string scalar;
  std::vector<YEntry> map;  // not std::pair: clang rejects a pair of the type being defined
  std::vector<YNode> seq;
  std::uint32_t line = 0;

  [[nodiscard]] const YNode* get(std::string_view key) const;
  [[nodiscard]] const YNode* path(std::initializer_list<std::string_view> keys) const;
  [[nodiscard]] std::string str(std::string_view key) const;
};

struct YEntry {
  std::string key;
  YNode value;
};

const YNode* YNode::get(std::string_view key) const {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

const YNode* YNode::path(std::initializer_list<std::string_view> keys) const {
  const YNode* n = this;
  for (auto k : keys) {
    if (!n || n->kind != Kind::Map) return nullptr;
    n = n->get(k);
  }
  return n;
}

std::string YNode::str(std::string_view key) const {
  const YNode* n = get(key);
  return n && n->kind == Kind::Scalar ? n->scalar : std::string();
}

std::string_view nodeText(TSNode n, std::string_view src) {
  auto s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > src.size() || s > e) return {};
  return src.substr(s, e - s);
}

std::string_view typeOf(TSNode n) { return ts_node_type(n); }

std::string blockScalar(std::string_view text) {
  // Drop the indicator line (`|`, `>-`, …) and the common indentation.
  auto nl = text.find('\n');
  if (nl == std::string_view::npos) return {};
  std::string out;
  std::size_t pos = nl + 1;
  while (pos < text.size()) {
    auto next = text.find('\n', pos);
    auto line = text.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

YNode convert(TSNode n, std::string_view src, int depth = 0) {
  YNode y;
  if (ts_node_is_null(n) || depth > 200) return y;
  y.line = ts_node_start_point(n).row;
  auto t = typeOf(n);
  auto named = ts_node_named_child_count(n);
  if (t == "document" || t == "block_node" || t == "flow_node" || t == "block_sequence_item") {
    for (std::uint32_t i = 0; i < named; ++i) {
      TSNode c = ts_node_named_child(n, i);
      auto ct = typeOf(c);
      if (ct == "comment" || ct == "anchor" || ct == "tag") continue;
      return convert(c, src, depth + 1);
    }
    return y;
  }
  if (t == "block_mapping" || t == "flow_mapping") {
    y.kind = YNode::Kind::Map;
    for (std::uint32_t i = 0; i < named; ++i) {
      TSNode pair = ts_node_named_child(n, i);
      auto pt = typeOf(pair);
      if (pt != "block_mapping_pair" && pt != "flow_pair") continue;
      TSNode k = ts_node_child_by_field_name(pair, "key", 3);
      TSNode v = ts_node_child_by_field_name(pair, "value", 5);
      YNode key = convert(k, src, depth + 1);
      y.map.push_back({key.scalar, convert(v, src, depth + 1)});
      if (ts_node_is_null(v)) y.map.back().value.line = ts_node_start_point(pair).row;
    }
    return y;
  }
  if (t == "block_sequence" || t == "flow_sequence") {
    y.kind = YNode::Kind::Seq;
    for (std::uint32_t i = 0; i < named; ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (typeOf(c) == "comment") continue;
      y.seq.push_back(convert(c, src, depth + 1));
    }
    return y;
  }
  y.kind = YNode::Kind::Scalar;
  auto text = nodeText(n, src);
  if (t == "double_quote_scalar" || t == "single_quote_scalar") {
    y.scalar = text.size() >= 2 ? std::string(text.substr(1, text.size() - 2)) : std::string();
  } else if (t == "block_scalar") {
    y.scalar = blockScalar(text);
  } else {
    y.scalar = std::string(text);
  }
  return y;
}

std::vector<YNode> parseYaml(std::string_view text) {
  struct ParserDeleter {
    void operator()(TSParser* p) const { ts_parser_delete(p); }
  };
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser;
  if (!parser) {
    parser.reset(ts_parser_new());
    ts_parser_set_language(parser.get(), tree_sitter_yaml());
  }
  TSTree* tree = ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
  std::vector<YNode> docs;
  if (!tree) return docs;
  TSNode root = ts_tree_root_node(tree);
  for (std::uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
    TSNode d = ts_node_named_child(root, i);
    if (typeOf(d) == "document") docs.push_back(convert(d, text));
  }
  ts_tree_delete(tree);
  return docs;
}

std::string joinScalars(const YNode* n) {
  if (!n) return {};
  if (n->kind == YNode::Kind::Scalar) return n->scalar;
  std::string out;
  if (n->kind == YNode::Kind::Seq)
    for (const auto& s : n->seq)
      if (s.kind == YNode::Kind::Scalar) out += (out.empty() ? "" : " ") + s.scalar;
  return out;
}

bool secretName(std::string_view name) {
  std::string u(name);
  for (char& c : u) c = static_cast<char>((c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
  for (auto w : {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"})
    if (u.find(w) != std::string::npos) return true;
  return false;
}

bool isTrue(const YNode* n) { return n && n->kind == YNode::Kind::Scalar && (n->scalar == "true" || n->scalar == "True"); }
bool isFalse(const YNode* n) { return n && n->kind == YNode::Kind::Scalar && (n->scalar == "false" || n->scalar == "False"); }
int intOf(const YNode* n) {
  if (!n || n->kind != YNode::Kind::Scalar || n->scalar.empty() || n->scalar.size() > 9) return -1;
  int v = 0;
  for (char c : n->scalar) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

/// Official database images and the directories they keep their data in.
bool databaseDataPath(std::string_view image, std::string_view mountPath, std::string_view pgdata) {
  std::string repo(image.substr(0, image.find_first_of(":@")));
  if (auto slash = repo.find_last_of('/'); slash != std::string::npos) repo = repo.substr(slash + 1);
  auto under = [&](std::string_view dir) { return mountPath == dir || mountPath.starts_with(std::string(dir) + "/"); };
  if (repo == "postgres" || repo == "postgresql" || repo == "postgis")
    return under("/var/lib/postgresql") || under("/var/lib/pgsql") || under("/bitnami/postgresql") ||
           (!pgdata.empty() && pgdata.starts_with(mountPath));
  if (repo == "mysql" || repo == "mariadb") return under("/var/lib/mysql") || under("/bitnami/mysql") || under("/bitnami/mariadb");
  if (repo == "mongo" || repo == "mongodb") return under("/data/db") || under("/bitnami/mongodb");
  return false;
}

/// Database containers whose data directory is an emptyDir volume of the pod.
void readEphemeralData(const YNode& podSpec, K8sObject& k) {
  const YNode* volumes = podSpec.get("volumes");
  const YNode* containers = podSpec.get("containers");
  if (!volumes || volumes->kind != YNode::Kind::Seq || !containers || containers->kind != YNode::Kind::Seq) return;
  for (const YNode& c : containers->seq) {
    std::string image = c.str("image"), pgdata;
    if (const YNode* env = c.get("env"); env && env->kind == YNode::Kind::Seq)
      for (const auto& e : env->seq)
        if (e.str("name") == "PGDATA") pgdata = e.str("value");
    const YNode* mounts = c.get("volumeMounts");
    if (image.empty() || !mounts || mounts->kind != YNode::Kind::Seq) continue;
    for (const YNode& m : mounts->seq) {
      std::string path = m.str("mountPath"), name = m.str("name");
      if (!databaseDataPath(image, path, pgdata)) continue;
      for (const YNode& v : volumes->seq)
        if (v.str("name") == name)
          if (const YNode* empty = v.get("emptyDir")) {
            // A block mapping (`emptyDir:` then `medium: Memory`) starts on the line after its key.
            bool block = empty->kind == YNode::Kind::Map && !empty->map.empty() && empty->line > v.line;
            k.ephemeralData.push_back({image, path, block ? empty->line - 1 : empty->line});
          }
    }
  }
}

void readK8s(const YNode& doc, Facts& f) {
  K8sObject k;
  k.kind = doc.str("kind");
  k.line = doc.line;
  if (const YNode* md = doc.get("metadata")) {
    k.name = md->str("name");
    if (const YNode* an = md->get("annotations"); an && an->kind == YNode::Kind::Map)
      for (const auto& [key, v] : an->map) k.annotations.push_back(key);
  }
  const YNode* podSpec = nullptr;
  const YNode* spec = doc.get("spec");
  if (k.kind == "Pod") podSpec = spec;
  else if (k.kind == "CronJob") podSpec = doc.path({"spec", "jobTemplate", "spec", "template", "spec"});
  else if (spec) podSpec = spec->path({"template", "spec"});
  if (spec) k.replicas = intOf(spec->get("replicas"));
  if (podSpec && podSpec->kind == YNode::Kind::Map) {
    k.terminationGracePeriodSeconds = intOf(podSpec->get("terminationGracePeriodSeconds"));
    if (const YNode* psc = podSpec->get("securityContext"); isTrue(psc ? psc->get("runAsNonRoot") : nullptr))
      k.runAsNonRoot = true;
    const YNode* containers = podSpec->get("containers");
    bool allRequests = true, allLimits = true, allNoEsc = true, any = false;
    for (const YNode& c : containers && containers->kind == YNode::Kind::Seq ? containers->seq : std::vector<YNode>{}) {
      any = true;
      if (auto img = c.str("image"); !img.empty()) k.images.push_back(img);
      for (auto probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
        const YNode* p = c.get(probe);
        if (!p) continue;
        if (std::string_view(probe) == "livenessProbe") k.livenessProbe = true;
        if (std::string_view(probe) == "readinessProbe") k.readinessProbe = true;
        if (const YNode* path = p->path({"httpGet", "path"}); path && path->kind == YNode::Kind::Scalar)
          k.probePaths.push_back(path->scalar);
      }
      const YNode* res = c.get("resources");
      if (!res || !res->get("requests")) allRequests = false;
      if (!res || !res->get("limits")) allLimits = false;
      const YNode* sc = c.get("securityContext");
      if (sc && isTrue(sc->get("runAsNonRoot"))) k.runAsNonRoot = true;
      if (sc && isTrue(sc->get("privileged"))) k.privileged = true;
      if (!sc || !isFalse(sc->get("allowPrivilegeEscalation"))) allNoEsc = false;
      if (const YNode* env = c.get("env"); env && env->kind == YNode::Kind::Seq)
        for (const auto& e : env->seq)
          if (e.get("value") && secretName(e.str("name"))) k.literalSecretEnv.push_back(e.str("name"));
      auto cmd = joinScalars(c.get("command"));
      auto args = joinScalars(c.get("args"));
      if (!cmd.empty() || !args.empty())
        f.commands.push_back({"k8s:" + c.str("name"), cmd + (cmd.empty() || args.empty() ? "" : " ") + args, c.line});
    }
    k.resourceRequests = any && allRequests;
    k.resourceLimits = any && allLimits;
    k.noPrivilegeEscalation = any && allNoEsc;
    readEphemeralData(*podSpec, k);
  }
  f.k8s.push_back(std::move(k));
}

void readCompose(const YNode& doc, Facts& f) {
  const YNode* services = doc.get("services");
  if (!services || services->kind != YNode::Kind::Map) return;
  for (const auto& [name, s] : services->map) {
    ComposeService c;
    c.name = name;
    c.line = s.line;
    c.image = s.str("image");
    c.restart = s.get("restart") != nullptr || s.path({"deploy", "restart_policy"}) != nullptr;
    c.privileged = isTrue(s.get("privileged"));
    c.healthcheck = s.get("healthcheck") != nullptr;
    c.user = s.str("user");
    auto cmd = joinScalars(s.get("command"));
    if (!cmd.empty()) f.commands.push_back({"compose:" + name, cmd, s.line});
    f.compose.push_back(std::move(c));
  }
}

/// CI files: every `run`/`script`/`command` value anywhere is a step command; `uses` too.
void collectCommands(const YNode& n, std::string_view source, Facts& f, int depth = 0) {
  if (depth > 64) return;
  if (n.kind == YNode::Kind::Map) {
    for (const auto& [k, v] : n.map) {
      bool cmdKey = k == "run" || k == "script" || k == "before_script" || k == "after_script" || k == "command" ||
                    k == "commands" || k == "startCommand" || k == "buildCommand" || k == "entrypoint";
      if (cmdKey && v.kind == YNode::Kind::Scalar) {
        f.commands.push_back({std::string(source) + ":" + k, v.scalar, v.line});
      } else if (cmdKey && v.kind == YNode::Kind::Seq) {
        for (const auto& s : v.seq)
          if (s.kind == YNode::Kind::Scalar) f.commands.push_back({std::string(source) + ":" + k, s.scalar, s.line});
          else collectCommands(s, source, f, depth + 1);
      } else if (k == "uses" && v.kind == YNode::Kind::Scalar) {
        f.commands.push_back({std::string(source) + ":uses", v.scalar, v.line});
      } else {
        collectCommands(v, source, f, depth + 1);
      }
    }
  } else if (n.kind == YNode::Kind::Seq) {
    for (const auto& s : n.seq) collectCommands(s, source, f, depth + 1);
  }
}

}  // namespace

void readYamlFacts(std::string_view, std::string_view text, const std::string& kind, Facts& f) {
  auto docs = parseYaml(text);
  for (const auto& doc : docs) {
    if (doc.kind != YNode::Kind::Map) continue;
    if (kind == "github-actions" || kind == "gitlab-ci" || kind == "ci") {
      collectCommands(doc, "ci", f);
    } else if (kind == "deploy") {
      collectCommands(doc, "deploy", f);
    } else if (doc.get("apiVersion") && doc.get("kind")) {
      f.infraKind = "k8s";
      readK8s(doc, f);
    } else if (doc.get("services") && (kind == "compose" || kind == "yaml")) {
      f.infraKind = "compose";
      readCompose(doc, f);
    }
  }
  if (!f.k8s.empty() || !f.compose.empty()) f.role = FileRole::Infra;
}

}  // namespace agentlens::core
