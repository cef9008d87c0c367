#include "cli/commands.hpp"
#include "cli/since.hpp"

#include <cmath>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/baseline.hpp"
#include "core/cache/result_cache.hpp"
#include "core/fix_writer.hpp"
#include "core/config/config.hpp"
#include "core/scan.hpp"
#include "project/project.hpp"
#include "project/project_scan.hpp"
#include "report/baseline_file.hpp"
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

std::string fileUri(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  if (ec) return "";
  if (!abs.ends_with('/')) abs += '/';
  return "file://" + abs;
}

namespace fs = std::filesystem;

bool writeText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  return f && (f << text);
}

}  // namespace

namespace {

using project::finishScan;
using project::ProjectFlags;
using Scan = project::ProjectScan;

/// How `check` and `plan` scan: the project scan plus the terminal's progress line and --stats.
struct ScanSettings {
  unsigned threads = 0;
  bool quiet = false;
  double parseTimeoutSeconds = 5;
  std::uint64_t maxFileBytes = 2 * 1024 * 1024;
  bool noCache = false;
  bool stats = false;
  ProjectFlags flags;  ///< config file, --select/--ignore, baseline
};

/// project::scanProject with the CLI's progress line; errors are printed to stderr.
std::optional<Scan> scanPaths(const std::vector<std::string>& paths, const ScanSettings& settings) {
  project::ScanSettings ps;
  ps.threads = settings.threads;
  ps.parseTimeoutSeconds = settings.parseTimeoutSeconds;
  ps.maxFileBytes = settings.maxFileBytes;
  ps.noCache = settings.noCache;
  ps.flags = settings.flags;
  if (settings.stats) ps.statsOut = &std::cerr;
  bool tty = isatty(fileno(stderr)) && isatty(fileno(stdout));
  static std::mutex progressMu;
  if (tty && !settings.quiet) {
    ps.progress = [](std::size_t done, std::size_t total) {
      if (done != total && done % 16 != 0) return;
      std::lock_guard lock(progressMu);
      std::fprintf(stderr, "\r\x1b[2Kindexing %zu/%zu files", done, total);
      if (done == total) std::fprintf(stderr, "\r\x1b[2K");
      std::fflush(stderr);
    };
  }
  std::string error;
  auto s = project::scanProject(paths, ps, error);
  if (!s) std::cerr << "agentlens: " << error << "\n";
  return s;
}

/// The overall score stored in a previous JSON report and its score version ("1" when the
/// report predates the field), if readable.
std::optional<std::pair<double, std::string>> previousScore(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    auto j = nlohmann::json::parse(in);
    const auto& r = j.at("readiness");
    const auto& s = r.at("score");
    std::string version = r.contains("scoreVersion") && r["scoreVersion"].is_string() ? r["scoreVersion"].get<std::string>() : "1";
    if (s.is_number()) return std::make_pair(s.get<double>(), version);
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

/// The first line of `check --since` text output: what "new code" means here and the delta.
std::string sinceHeader(const report::SinceInfo& info, const core::Readiness& r) {
  std::string out = fmt::format("New code since {}: {} changed file{}", info.ref, info.changedFiles,
                                info.changedFiles == 1 ? "" : "s");
  if (info.baseScore && r.applicable)
    out += fmt::format(" · readiness {:.1f} -> {:.1f} ({:+.1f})", *info.baseScore, r.overall, r.overall - *info.baseScore);
  if (info.hiddenFindings)
    out += fmt::format(" · {} older finding{} on unchanged code not shown", info.hiddenFindings,
                       info.hiddenFindings == 1 ? "" : "s");
  return out + "\n\n";
}

/// The key a finding is matched by between the work tree and REF's tree: its file relative to
/// the tree's top.
std::string treeKey(const core::FileResult& f, const std::string& projectRoot, const fs::path& top) {
  std::error_code ec;
  fs::path abs = f.absPath.empty() ? fs::path(projectRoot) / f.path : fs::absolute(f.absPath, ec);
  return fs::weakly_canonical(abs, ec).lexically_relative(top).generic_string();
}

/// check --since REF: keeps the findings on lines changed since REF plus those the change
/// introduced elsewhere (absent from a scan of REF's tree: workspace and cross-file findings),
/// against the same scan of REF's tree for the score delta. Run after finishScan (the score is
/// the whole project's). Nullopt (after a message) when git or REF fails.
std::optional<report::SinceInfo> applySince(const std::vector<std::string>& pathsIn, const std::string& ref,
                                            ScanSettings settings, Scan& s) {
  std::string error;
  std::error_code ec;
  std::vector<std::string> paths = pathsIn.empty() ? std::vector<std::string>{"."} : pathsIn;
  auto top = since::gitTopLevel(s.project->root(), error);
  std::optional<since::ChangedLines> changed;
  if (top) changed = since::changedSince(*top, ref, error);
  if (!changed) {
    std::cerr << "agentlens: " << error << "\n";
    return std::nullopt;
  }
  // REF's tree (the part under the project root), scanned with the same settings.
  fs::path tmp = fs::temp_directory_path(ec) / fmt::format("agentlens-since-{}", getpid());
  fs::remove_all(tmp, ec);
  struct Cleanup {
    fs::path p;
    ~Cleanup() { std::error_code e; fs::remove_all(p, e); }
  } cleanup{tmp};
  std::string sub = fs::weakly_canonical(s.project->root(), ec).lexically_relative(*top).generic_string();
  if (!since::extractTree(*top, ref, sub, tmp.string(), error)) {
    std::cerr << "agentlens: " << error << "\n";
    return std::nullopt;
  }
  tmp = fs::weakly_canonical(tmp, ec);
  std::vector<std::string> basePaths;
  for (const auto& p : paths) {
    fs::path b = tmp / fs::weakly_canonical(p, ec).lexically_relative(*top);
    if (fs::exists(b, ec)) basePaths.push_back(b.string());
  }
  core::Baseline atRef;  // REF's findings, matched like a baseline (rule, file, source line)
  report::SinceInfo info{ref, std::nullopt, changed->fileCountUnder((fs::path(*top) / sub).lexically_normal().string()), 0};
  if (!basePaths.empty()) {
    settings.quiet = true;
    // Cache entries are keyed by the path as discovered: only a one-directory scan has REF's
    // files under the same relative paths as the work tree's (and reuses their entries).
    if (basePaths.size() != 1 || !fs::is_directory(basePaths[0], ec)) settings.noCache = true;
    auto base = scanPaths(basePaths, settings);
    if (!base) return std::nullopt;
    finishScan(*base);
    if (base->readiness.applicable) info.baseScore = base->readiness.overall;
    for (const auto& f : base->result.files) {
      auto all = f.findings;
      for (auto& x : all) x.suppressedReason.reset();
      atRef.addFindings(treeKey(f, base->project->root(), tmp), all);
    }
  }
  for (auto& file : s.result.files) {
    std::string key = treeKey(file, s.project->root(), *top);
    std::string abs = (fs::path(*top) / key).lexically_normal().string();
    auto probe = file.findings;
    for (auto& x : probe) x.suppressedReason.reset();
    atRef.apply(key, probe, "at-ref");
    std::vector<core::Finding> keep;
    for (std::size_t i = 0; i < file.findings.size(); ++i) {
      const auto& f = file.findings[i];
      std::uint32_t last = f.end.line > f.start.line && f.end.character == 0 ? f.end.line : f.end.line + 1;
      if (changed->touches(abs, f.start.line + 1, std::max(last, f.start.line + 1)) || !probe[i].suppressedReason)
        keep.push_back(f);
      else
        ++info.hiddenFindings;
    }
    file.findings = std::move(keep);
  }
  return info;
}

}  // namespace

int runCheck(const CheckOptions& optsIn) {
  CheckOptions opts = optsIn;
  // A value given to --write-baseline that is a directory was meant as the path to scan.
  if (opts.writeBaseline && !opts.writeBaselineFile.empty() && fs::is_directory(opts.writeBaselineFile)) {
    opts.paths.push_back(opts.writeBaselineFile);
    opts.writeBaselineFile.clear();
  }
  ProjectFlags flags{opts.config, opts.select, opts.extendSelect, opts.ignore, opts.baseline,
                     !opts.noBaseline && !opts.writeBaseline};
  ScanSettings settings{opts.threads, opts.quiet, opts.parseTimeoutSeconds, opts.maxFileBytes, opts.noCache, opts.stats,
                        flags};
  if (!opts.since.empty() && (opts.fix || opts.writeBaseline || opts.pruneBaseline)) {
    std::cerr << "agentlens: --since cannot be combined with --fix, --write-baseline or --prune-baseline\n";
    return 2;
  }
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
  project::Project& proj = *s.project;
  const std::string& root = proj.root();

  // Baseline: write or prune from the raw findings; finishScan applies it.
  auto relOf = [&](const core::FileResult& f) { return f.absPath.empty() ? f.path : proj.relativePath(f.absPath); };
  std::string baselinePath = proj.baselinePath();
  if (opts.writeBaseline) {
    std::string target = opts.writeBaselineFile.empty() ? baselinePath : opts.writeBaselineFile;
    core::Baseline b;
    for (const auto& f : s.result.files) {
      std::vector<core::Finding> keep;
      for (const auto& x : f.findings)
        if (!core::isToolDiagnostic(x.ruleId)) keep.push_back(x);
      b.addFindings(relOf(f), keep);
    }
    if (!writeText(target, report::renderBaseline(b))) {
      std::cerr << "agentlens: cannot write " << target << "\n";
      return 2;
    }
    std::cout << "Wrote " << b.size() << " finding" << (b.size() == 1 ? "" : "s") << " to " << target << "\n";
    return 0;
  }
  if (!proj.baselineError().empty()) {
    std::cerr << "agentlens: " << proj.baselineError() << "\n";
    return 2;
  }
  if (opts.pruneBaseline) {
    auto baseline = proj.baseline();
    if (!baseline) {
      std::cerr << "agentlens: " << baselinePath << ": no baseline to prune\n";
      return 2;
    }
    std::map<std::string, const std::vector<core::Finding>*> current;
    for (const auto& f : s.result.files) current[relOf(f)] = &f.findings;
    // Entries of files that still exist but were not scanned this time are kept.
    core::Baseline pruned = baseline->pruned(current, [&](const std::string& rel) {
      std::error_code ec;
      return fs::exists(fs::path(root) / rel, ec);
    });
    std::size_t dropped = baseline->size() - pruned.size();
    if (!writeText(baselinePath, report::renderBaseline(pruned))) {
      std::cerr << "agentlens: cannot write " << baselinePath << "\n";
      return 2;
    }
    std::cerr << "agentlens: pruned " << dropped << " fixed entr" << (dropped == 1 ? "y" : "ies") << " from "
              << baselinePath << "\n";
    proj.refresh();  // reload the pruned file: the same apply path as every other run
  }
  finishScan(s);
  std::optional<report::SinceInfo> sinceInfo;
  if (!opts.since.empty() && !(sinceInfo = applySince(opts.paths, opts.since, settings, s))) return 2;

  report::ReportInput in;
  in.scan = &s.result;
  for (const rules::Rule* r : s.rules) in.rules.push_back(docOf(*r));
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) in.rules.push_back(docOf(c->meta()));
  std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
  if (paths.size() == 1 && std::filesystem::is_directory(paths[0])) in.rootUri = fileUri(paths[0]);
  in.readiness = &s.readiness;
  in.title = fmt::format("{}", fmt::join(paths, " "));
  in.since = sinceInfo;
  if (!opts.compare.empty()) {
    auto prev = previousScore(opts.compare);
    if (!prev) {
      std::cerr << "agentlens: " << opts.compare << ": not a JSON report with a readiness score\n";
      return 2;
    }
    in.previousScore = prev->first;
    in.previousScoreVersion = prev->second;
  }

  std::string out;
  if (opts.format == "json") {
    // Written as it is produced: the report of a large scan is never held whole in memory.
    if (opts.output.empty()) {
      report::writeJson(in, std::cout);
      std::cout.flush();
    } else {
      std::ofstream f(opts.output, std::ios::binary | std::ios::trunc);
      if (f) report::writeJson(in, f);
      if (!f || !f.flush()) {
        std::cerr << "agentlens: cannot write " << opts.output << "\n";
        return 2;
      }
    }
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
    if (sinceInfo) out = sinceHeader(*sinceInfo, s.readiness) + out;
  }
  if (opts.format == "json") {
    // already written
  } else if (opts.output.empty()) {
    std::cout << out;
    std::cout.flush();
  } else {
    std::ofstream f(opts.output, std::ios::binary | std::ios::trunc);
    if (!f || !(f << out)) {
      std::cerr << "agentlens: cannot write " << opts.output << "\n";
      return 2;
    }
  }

  auto rootConfig = proj.configFileFor(opts.paths.empty() ? root : opts.paths[0]);
  std::optional<double> failUnder = opts.failUnder;
  if (!failUnder && rootConfig) failUnder = rootConfig->failUnder;  // [score] fail-under
  if (failUnder && s.readiness.applicable && s.readiness.overall < *failUnder) {
    std::cerr << fmt::format("agentlens: readiness {:.1f} is below fail-under {:.1f}\n", s.readiness.overall, *failUnder);
    return 1;
  }
  std::string failOn = opts.failOn;
  if (failOn.empty()) {
    auto fo = rootConfig ? rootConfig->failOn : std::nullopt;
    failOn = fo ? std::string(core::levelName(*fo)) : "error";
  }
  auto failLevel = core::levelFromName(failOn);
  if (!failLevel) return 0;  // --fail-on none
  for (const auto& file : s.result.files)
    for (const auto& f : file.findings)
      if (!f.suppressedReason && f.level() <= *failLevel) return 1;
  return 0;
}

int runConfigShow(const ConfigShowOptions& opts) {
  std::error_code ec;
  if (!fs::exists(opts.path, ec)) {
    std::cerr << "agentlens: " << opts.path << ": no such file or directory\n";
    return 2;
  }
  std::string usageError;
  auto proj = project::makeProject(project::projectRoot({opts.path}),
                                   {opts.config, opts.select, opts.extendSelect, opts.ignore, "", false}, usageError);
  if (!usageError.empty()) {
    std::cerr << "agentlens: " << usageError << "\n";
    return 2;
  }
  auto cfg = proj->configFor(fs::absolute(opts.path).lexically_normal().string());
  std::cout << core::describeConfig(*cfg, proj->knownRules(), opts.path);
  auto diags = proj->diagnostics();
  for (const auto& d : diags)
    std::cout << "# problem: " << d.path << ":" << d.start.line + 1 << ":" << d.start.character + 1 << " " << d.message << "\n";
  return 0;
}

int runPlan(const PlanOptions& opts) {
  ScanSettings planSettings;
  planSettings.threads = opts.threads;
  planSettings.quiet = true;
  auto scanned = scanPaths(opts.paths, planSettings);
  if (!scanned) return 2;
  if (!scanned->project->baselineError().empty()) {
    std::cerr << "agentlens: " << scanned->project->baselineError() << "\n";
    return 2;
  }
  finishScan(*scanned);
  if (opts.format == "json") {
    std::cout << report::dumpJson(report::readinessJson(scanned->readiness));
    return 0;
  }
  std::cout << report::renderPlanText(scanned->readiness, opts.prompt);
  return 0;
}

int runServices(const ServicesOptions& opts) {
  ScanSettings settings;
  settings.threads = opts.threads;
  settings.quiet = true;
  auto scanned = scanPaths(opts.paths, settings);
  if (!scanned) return 2;
  finishScan(*scanned);
  // A workspace without a detected service is one job: its root.
  nlohmann::json list = nlohmann::json::array();
  const auto& r = scanned->readiness;
  for (const auto& svc : r.services)
    list.push_back({{"name", svc.name},
                    {"path", svc.root.empty() ? "." : svc.root},
                    {"kind", core::unitKindName(svc.kind)},
                    {"detected", true},
                    {"score", svc.applicable ? nlohmann::json(std::round(svc.overall * 10) / 10) : nlohmann::json(nullptr)},
                    {"grade", svc.grade},
                    {"blockers", svc.gate.blockers}});
  if (list.empty())
    list.push_back({{"name", "(root)"},
                    {"path", "."},
                    {"detected", false},
                    {"score", r.applicable ? nlohmann::json(std::round(r.overall * 10) / 10) : nlohmann::json(nullptr)},
                    {"grade", r.grade},
                    {"blockers", r.gate.blockers}});
  if (opts.format == "json") {
    std::cout << report::dumpJson(nlohmann::json{{"services", list}});
    return 0;
  }
  for (const auto& s : list) {
    std::string score = s["score"].is_null() ? "n/a" : std::to_string(static_cast<int>(std::lround(s["score"].get<double>())));
    std::cout << s["path"].get<std::string>() << "\t" << s["name"].get<std::string>() << "\t" << score << " "
              << s["grade"].get<std::string>() << (s["detected"].get<bool>() ? "" : "\t(no service detected: the whole root)")
              << "\n";
  }
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

namespace {
/// The built-in rules and the custom rules of the project in the current directory
/// (`.agentlens/rules/`), kept alive for the process.
std::vector<const rules::RuleMeta*> listedMetas() {
  static std::unique_ptr<project::Project> proj;
  static std::shared_ptr<const rules::Engine> engine;
  std::string ignored;
  if (!proj) {
    proj = project::makeProject(project::projectRoot({}), {"", {}, {}, {}, "", false}, ignored);
    engine = proj->engine();
  }
  return project::ruleMetas(engine.get());
}
}  // namespace

int runRules(const std::string& format) {
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const rules::RuleMeta* m : listedMetas()) {
      auto d = docOf(*m);
      arr.push_back({{"id", d.id},
                     {"category", core::categoryName(d.category)},
                     {"severity", core::severityName(d.severity)},
                     {"languages", d.languages},
                     {"fixable", d.fixable},
                     {"gate", m->gate},
                     {"summary", d.summary}});
    }
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", "ID", "CATEGORY", "SEVERITY", "LANGUAGES", "FIX");
  for (const rules::RuleMeta* m : listedMetas()) {
    auto d = docOf(*m);
    std::string fix = m->fix ? std::string(core::applicabilityName(*m->fix)) : "-";
    std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", d.id, core::categoryName(d.category),
                             core::severityName(d.severity), fmt::format("{}", fmt::join(d.languages, ",")), fix);
  }
  return 0;
}

int runExplain(const std::string& ruleId) {
  const rules::RuleMeta* found = nullptr;
  for (const rules::RuleMeta* m : listedMetas())
    if (m->id == ruleId) found = m;
  if (!found) {
    std::cerr << "agentlens: unknown rule '" << ruleId << "' (agentlens rules lists them)\n";
    return 2;
  }
  std::cout << project::explainText(*found);
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
  for (const rules::RuleMeta* m : project::ruleMetas()) {
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
