#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/cache/result_cache.hpp"
#include "core/fix_writer.hpp"
#include "core/scan.hpp"
#include "report/facts_json.hpp"
#include "report/report.hpp"
#include "report/stats.hpp"
#include "report/json_model.hpp"
#include "rules/engine.hpp"
#include "rules/readiness_info.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::cli {
namespace {

report::RuleDoc docOf(const rules::RuleMeta& m) {
  report::RuleDoc d{std::string(m.id), m.category, m.severity, std::string(m.summary), std::string(m.docs), {}, m.fix.has_value()};
  for (auto l : m.languages.list()) d.languages.emplace_back(core::langName(l));
  return d;
}
report::RuleDoc docOf(const rules::Rule& r) { return docOf(r.meta()); }

/// Every rule's metadata: file-level rules, then workspace checks.
std::vector<const rules::RuleMeta*> allMetas() {
  std::vector<const rules::RuleMeta*> out;
  for (const rules::Rule* r : rules::allRules()) out.push_back(&r->meta());
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) out.push_back(&c->meta());
  return out;
}

/// Reads a file under `root` for workspace checks: regular files only, inside the root, capped.
rules::WorkspaceView::Reader rootReader(const std::string& root) {
  std::error_code ec;
  auto base = std::filesystem::weakly_canonical(root, ec);
  return [base](const std::string& rel) -> std::optional<std::string> {
    if (rel.empty() || rel.find("..") != std::string::npos || rel.front() == '/') return std::nullopt;
    std::error_code e;
    auto p = std::filesystem::weakly_canonical(base / rel, e);
    if (e) return std::nullopt;
    auto [a, b] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
    if (a != base.end() || !std::filesystem::is_regular_file(p, e)) return std::nullopt;
    if (std::filesystem::file_size(p, e) > 2 * 1024 * 1024) return std::nullopt;
    std::string text, err;
    if (!core::readFile(p.string(), text, err)) return std::nullopt;
    return text;
  };
}

std::string fileUri(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  if (ec) return "";
  if (!abs.ends_with('/')) abs += '/';
  return "file://" + abs;
}

}  // namespace

namespace {

struct Scan {
  std::vector<const rules::Rule*> rules;
  core::ScanResult result;
  core::Readiness readiness;
};

/// Scans paths with every rule and computes readiness: the shared path of check and plan.
struct ScanSettings {
  unsigned threads = 0;
  bool quiet = false;
  double parseTimeoutSeconds = 5;
  std::uint64_t maxFileBytes = 2 * 1024 * 1024;
  bool noCache = false;
  bool stats = false;
};

std::optional<Scan> scanPaths(std::vector<std::string> paths, const ScanSettings& settings) {
  if (paths.empty()) paths.push_back(".");
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "agentlens: " << p << ": no such file or directory\n";
      return std::nullopt;
    }
  }
  Scan s;
  s.rules.assign(rules::allRules().begin(), rules::allRules().end());
  rules::Engine engine(s.rules);
  core::ScanOptions scanOpts;
  scanOpts.threads = settings.threads;
  scanOpts.parseTimeout = std::chrono::milliseconds(static_cast<std::int64_t>(settings.parseTimeoutSeconds * 1000));
  scanOpts.discovery.maxFileBytes = settings.maxFileBytes;
  bool tty = isatty(fileno(stderr)) && isatty(fileno(stdout));
  static std::mutex progressMu;
  if (tty && !settings.quiet) {
    scanOpts.progress = [](std::size_t done, std::size_t total) {
      if (done != total && done % 16 != 0) return;
      std::lock_guard lock(progressMu);
      std::fprintf(stderr, "\r\x1b[2Kindexing %zu/%zu files", done, total);
      if (done == total) std::fprintf(stderr, "\r\x1b[2K");
      std::fflush(stderr);
    };
  }
  core::ResultCache cache(settings.noCache ? std::string() : core::ResultCache::defaultDir());
  scanOpts.cache = &cache;
  s.result = core::scan(paths, engine, scanOpts);
  if (settings.stats) std::cerr << report::renderStats(s.result, cache.dir());
  // Workspace checks judge a whole project: they run when one directory is scanned.
  if (paths.size() == 1 && std::filesystem::is_directory(paths[0])) {
    rules::applyCrossFileKnowledge(s.result.files, rootReader(paths[0]), s.rules);
    rules::runWorkspaceChecks(s.result.files, rootReader(paths[0]), rules::allWorkspaceChecks());
  }
  core::ReadinessInput ri;
  ri.rules = rules::ruleInfos(s.rules);
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) ri.rules.push_back(rules::checkInfo(c->meta()));
  ri.files = &s.result.files;
  s.readiness = core::computeReadiness(ri);
  return s;
}

/// The overall score stored in a previous JSON report, if readable.
std::optional<double> previousScore(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    auto j = nlohmann::json::parse(in);
    const auto& s = j.at("readiness").at("score");
    if (s.is_number()) return s.get<double>();
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

int runCheck(const CheckOptions& opts) {
  ScanSettings settings{opts.threads, opts.quiet, opts.parseTimeoutSeconds, opts.maxFileBytes, opts.noCache, opts.stats};
  auto scanned = scanPaths(opts.paths, settings);
  if (!scanned) return 2;
  if (opts.fix) {
    std::vector<std::string> roots = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
    core::FixWriteResult fixed = core::writeSafeFixes(scanned->result.files, roots);
    for (const auto& r : fixed.refused) std::cerr << "agentlens: --fix: " << r << "\n";
    std::cerr << fmt::format("agentlens: fixed {} finding{} in {} file{}\n", fixed.findingsFixed,
                             fixed.findingsFixed == 1 ? "" : "s", fixed.filesChanged.size(),
                             fixed.filesChanged.size() == 1 ? "" : "s");
    if (opts.verbose)
      for (const auto& f : fixed.filesChanged) std::cerr << "agentlens: --fix: wrote " << f << "\n";
    // Report what remains: a fresh scan of the files as they are now.
    if (!fixed.filesChanged.empty()) {
      scanned = scanPaths(opts.paths, settings);
      if (!scanned) return 2;
    }
  }
  Scan& s = *scanned;

  report::ReportInput in;
  in.scan = &s.result;
  for (const rules::Rule* r : s.rules) in.rules.push_back(docOf(*r));
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) in.rules.push_back(docOf(c->meta()));
  std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
  if (paths.size() == 1 && std::filesystem::is_directory(paths[0])) in.rootUri = fileUri(paths[0]);
  in.readiness = &s.readiness;
  in.title = fmt::format("{}", fmt::join(paths, " "));
  if (!opts.compare.empty()) {
    in.previousScore = previousScore(opts.compare);
    if (!in.previousScore) {
      std::cerr << "agentlens: " << opts.compare << ": not a JSON report with a readiness score\n";
      return 2;
    }
  }

  std::string out;
  if (opts.format == "json") {
    out = report::renderJson(in);
  } else if (opts.format == "sarif") {
    out = report::renderSarif(in);
  } else if (opts.format == "html") {
    out = report::renderHtml(in);
  } else {
    report::TextOptions t;
    bool toTerminal = opts.output.empty() && isatty(fileno(stdout));
    t.color = opts.color == "always" || (opts.color == "auto" && toTerminal && !std::getenv("NO_COLOR"));
    t.verbose = opts.verbose;
    out = report::renderText(in, t);
  }
  if (opts.output.empty()) {
    std::cout << out;
    std::cout.flush();
  } else {
    std::ofstream f(opts.output, std::ios::binary | std::ios::trunc);
    if (!f || !(f << out)) {
      std::cerr << "agentlens: cannot write " << opts.output << "\n";
      return 2;
    }
  }

  if (opts.failUnder && s.readiness.applicable && s.readiness.overall < *opts.failUnder) {
    std::cerr << fmt::format("agentlens: readiness {:.1f} is below --fail-under {:.1f}\n", s.readiness.overall, *opts.failUnder);
    return 1;
  }
  auto failLevel = core::levelFromName(opts.failOn);
  if (!failLevel) return 0;  // --fail-on none
  for (const auto& file : s.result.files)
    for (const auto& f : file.findings)
      if (!f.suppressedReason && f.level() <= *failLevel) return 1;
  return 0;
}

int runPlan(const PlanOptions& opts) {
  auto scanned = scanPaths(opts.paths, ScanSettings{opts.threads, true});
  if (!scanned) return 2;
  if (opts.format == "json") {
    std::cout << report::dumpJson(report::readinessJson(scanned->readiness));
    return 0;
  }
  std::cout << report::renderPlanText(scanned->readiness, opts.prompt);
  return 0;
}

int runFacts(const std::vector<std::string>& pathsIn) {
  std::vector<std::string> paths = pathsIn.empty() ? std::vector<std::string>{"."} : pathsIn;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "agentlens: " << p << ": no such file or directory\n";
      return 2;
    }
  }
  std::vector<const rules::Rule*> selected(rules::allRules().begin(), rules::allRules().end());
  rules::Engine engine(selected);
  core::ScanResult result = core::scan(paths, engine, {});
  for (const auto& e : result.errors) std::cerr << "agentlens: " << e << "\n";
  std::cout << report::renderFactsJson(result.files);
  return 0;
}

int runRules(const std::string& format) {
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const rules::RuleMeta* m : allMetas()) {
      auto d = docOf(*m);
      arr.push_back({{"id", d.id},
                     {"category", core::categoryName(d.category)},
                     {"severity", core::severityName(d.severity)},
                     {"languages", d.languages},
                     {"fixable", d.fixable},
                     {"summary", d.summary}});
    }
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", "ID", "CATEGORY", "SEVERITY", "LANGUAGES", "FIX");
  for (const rules::RuleMeta* m : allMetas()) {
    auto d = docOf(*m);
    std::string fix = m->fix ? std::string(core::applicabilityName(*m->fix)) : "-";
    std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", d.id, core::categoryName(d.category),
                             core::severityName(d.severity), fmt::format("{}", fmt::join(d.languages, ",")), fix);
  }
  return 0;
}

int runExplain(const std::string& ruleId) {
  const rules::RuleMeta* found = nullptr;
  for (const rules::RuleMeta* m : allMetas())
    if (m->id == ruleId) found = m;
  if (!found) {
    std::cerr << "agentlens: unknown rule '" << ruleId << "' (agentlens rules lists them)\n";
    return 2;
  }
  const auto& m = *found;
  std::cout << "# " << m.id << "\n\n"
            << m.summary << "\n\n"
            << "Category: " << core::categoryName(m.category) << " · Severity: " << core::severityName(m.severity)
            << " · Fix: " << (m.fix ? core::applicabilityName(*m.fix) : "none") << "\n\n"
            << m.docs;
  return 0;
}

int runGenDocs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "agentlens: cannot create " << dir << ": " << ec.message() << "\n";
    return 2;
  }
  std::string index = "# AgentLens rules\n\nGenerated by `agentlens gen-docs docs/rules` from the rule sources; do not edit.\n\n"
                      "| id | category | severity | languages | fix |\n|---|---|---|---|---|\n";
  for (const rules::RuleMeta* m : allMetas()) {
    auto d = docOf(*m);
    std::string fix = m->fix ? std::string(core::applicabilityName(*m->fix)) : "-";
    index += fmt::format("| [{}]({}.md) | {} | {} | {} | {} |\n", d.id, d.id, core::categoryName(d.category),
                         core::severityName(d.severity), fmt::join(d.languages, ", "), fix);
    std::string page = fmt::format("# {}\n\n{}\n\nCategory: `{}` · Severity: `{}` · Languages: {} · Fix: {}\n\n{}", d.id,
                                   d.summary, core::categoryName(d.category), core::severityName(d.severity),
                                   fmt::join(d.languages, ", "), fix, m->docs);
    std::ofstream(std::filesystem::path(dir) / (d.id + ".md"), std::ios::binary | std::ios::trunc) << page;
  }
  std::ofstream(std::filesystem::path(dir) / "README.md", std::ios::binary | std::ios::trunc) << index;
  return 0;
}

int runDumpTree(const std::string& path) {
  auto lang = core::detectLang(path);
  std::string text, err;
  if (!lang || !core::hasGrammar(*lang)) {
    std::cerr << "agentlens: " << path << ": not a Python, JavaScript, TypeScript or Go file\n";
    return 2;
  }
  if (!core::readFile(path, text, err)) {
    std::cerr << "agentlens: " << path << ": " << err << "\n";
    return 2;
  }
  auto pf = core::parseFile(path, *lang, std::make_shared<std::string>(std::move(text)));
  int depth = 0;
  ts::TreeCursor c(pf.tree.root());
  for (;;) {
    ts::Node n = c.node();
    if (n.isNamed()) {
      std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << n.type();
      if (n.namedChildCount() == 0) std::cout << "  `" << n.text(pf.source()).substr(0, 60) << "`";
      std::cout << "  [" << n.startPoint().row + 1 << ":" << n.startPoint().column + 1 << "]\n";
    }
    if (c.gotoFirstChild()) {
      ++depth;
      continue;
    }
    bool done = false;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) {
        done = true;
        break;
      }
      --depth;
    }
    if (done) break;
  }
  return 0;
}

}  // namespace agentlens::cli
