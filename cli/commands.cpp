#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/baseline.hpp"
#include "core/config/config.hpp"
#include "core/config/custom_rule_def.hpp"
#include "core/scan.hpp"
#include "report/baseline_file.hpp"
#include "project/project.hpp"
#include "report/report.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"

namespace agentlens::cli {
namespace {

report::RuleDoc docOf(const rules::Rule& r) {
  const auto& m = r.meta();
  report::RuleDoc d{std::string(m.id), m.category, m.severity, std::string(m.summary), std::string(m.docs), {}, m.fix.has_value()};
  for (auto l : m.languages.list()) d.languages.emplace_back(core::langName(l));
  return d;
}

std::string fileUri(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  if (ec) return "";
  if (!abs.ends_with('/')) abs += '/';
  return "file://" + abs;
}

namespace fs = std::filesystem;

/// The project root: the scanned directory (one directory argument), else the current one.
/// Custom rules (`.agentlens/rules/`) and the default baseline live there; baseline paths are
/// relative to it.
std::string projectRoot(const std::vector<std::string>& paths) {
  std::error_code ec;
  fs::path root = paths.size() == 1 && fs::is_directory(paths[0], ec) ? fs::path(paths[0]) : fs::current_path(ec);
  return fs::absolute(root, ec).lexically_normal().string();
}

/// The project for a root with the CLI's config flags; `error` is set for a usage error.
std::unique_ptr<project::Project> makeProject(const std::string& root, const std::string& config,
                                              const std::vector<std::string>& select,
                                              const std::vector<std::string>& extendSelect,
                                              const std::vector<std::string>& ignore, const std::string& baseline,
                                              bool useBaseline, std::string& error) {
  project::ProjectOptions po;
  po.root = root;
  po.explicitConfig = config;
  po.cli.select = core::splitList(select);
  po.cli.extendSelect = core::splitList(extendSelect);
  po.cli.ignore = core::splitList(ignore);
  po.baselineFile = baseline;
  po.useBaseline = useBaseline;
  if (!config.empty() && !fs::exists(config)) error = config + ": config file not found";
  auto p = std::make_unique<project::Project>(po);
  const auto& infos = p->engine()->ruleInfos();
  for (const auto* list : {&po.cli.select, &po.cli.extendSelect, &po.cli.ignore})
    for (const auto& name : *list) {
      bool ok = name == "all" || name == "ALL" || core::categoryFromName(name).has_value() ||
                std::any_of(infos.begin(), infos.end(), [&](const core::RuleInfo& r) { return r.id == name; });
      if (!ok) error = "unknown rule or category '" + name + "' (agentlens rules lists them)";
    }
  return p;
}

bool writeText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  return f && (f << text);
}

}  // namespace

int runCheck(const CheckOptions& optsIn) {
  CheckOptions opts = optsIn;
  if (opts.paths.empty()) opts.paths.push_back(".");
  for (const auto& p : opts.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "agentlens: " << p << ": no such file or directory\n";
      return 2;
    }
  }
  // A value given to --write-baseline that is a directory was meant as the path to scan.
  if (opts.writeBaseline && !opts.writeBaselineFile.empty() && fs::is_directory(opts.writeBaselineFile)) {
    opts.paths.push_back(opts.writeBaselineFile);
    opts.writeBaselineFile.clear();
    if (opts.paths.size() == 2 && opts.paths[0] == ".") opts.paths.erase(opts.paths.begin());
  }
  std::string usageError;
  auto proj = makeProject(projectRoot(opts.paths), opts.config, opts.select, opts.extendSelect, opts.ignore,
                          opts.baseline, !opts.noBaseline && !opts.writeBaseline, usageError);
  if (!usageError.empty()) {
    std::cerr << "agentlens: " << usageError << "\n";
    return 2;
  }
  const std::string& root = proj->root();
  auto enginePtr = proj->engine();
  const rules::Engine& engine = *enginePtr;

  core::ScanOptions scanOpts;
  scanOpts.threads = opts.threads;
  scanOpts.configFor = [&](const core::DiscoveredFile& f) { return proj->configFor(f.absPath); };
  bool tty = isatty(fileno(stderr)) && isatty(fileno(stdout));
  std::mutex progressMu;
  if (tty && !opts.quiet) {
    scanOpts.progress = [&](std::size_t done, std::size_t total) {
      if (done != total && done % 16 != 0) return;
      std::lock_guard lock(progressMu);
      std::fprintf(stderr, "\r\x1b[2Kindexing %zu/%zu files", done, total);
      if (done == total) std::fprintf(stderr, "\r\x1b[2K");
      std::fflush(stderr);
    };
  }
  core::ScanResult result = core::scan(opts.paths, engine, scanOpts);

  // Problems in config and custom rule files are findings on those files (never silent).
  auto rootConfig = proj->configFileFor(root);
  std::vector<core::Finding> toolDiags = proj->diagnostics();
  for (auto& d : toolDiags) {
    std::string abs = d.path;
    d.path = proj->relativePath(abs);
    auto it = std::find_if(result.files.begin(), result.files.end(), [&](const auto& f) { return f.path == d.path; });
    if (it == result.files.end()) {
      core::FileResult fr;
      fr.path = d.path;
      fr.absPath = abs;
      fr.lang = core::Lang::Toml;
      result.files.push_back(std::move(fr));
      it = result.files.end() - 1;
    }
    it->findings.push_back(std::move(d));
  }
  std::sort(result.files.begin(), result.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  result.stats.files = result.files.size();

  // Baseline: write, prune, or apply (only new findings stay reported).
  auto relOf = [&](const core::FileResult& f) { return f.absPath.empty() ? f.path : proj->relativePath(f.absPath); };
  std::string baselinePath = proj->baselinePath();
  if (opts.writeBaseline) {
    std::string target = opts.writeBaselineFile.empty() ? baselinePath : opts.writeBaselineFile;
    core::Baseline b;
    for (const auto& f : result.files) {
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
  if (!proj->baselineError().empty()) {
    std::cerr << "agentlens: " << proj->baselineError() << "\n";
    return 2;
  }
  auto baseline = proj->baseline();
  if (opts.pruneBaseline && !baseline) {
    std::cerr << "agentlens: " << baselinePath << ": no baseline to prune\n";
    return 2;
  }
  if (baseline && opts.pruneBaseline) {
    std::map<std::string, const std::vector<core::Finding>*> current;
    for (const auto& f : result.files) current[relOf(f)] = &f.findings;
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
    proj->refresh();  // reload the pruned file: the same apply path as every other run
  }
  if (proj->baseline())
    for (auto& f : result.files) proj->applyBaseline(f);
  std::vector<const rules::Rule*> selected = engine.rules();

  report::ReportInput in;
  in.scan = &result;
  for (const rules::Rule* r : selected) in.rules.push_back(docOf(*r));
  if (opts.paths.size() == 1 && std::filesystem::is_directory(opts.paths[0])) in.rootUri = fileUri(opts.paths[0]);

  std::string out;
  if (opts.format == "json") {
    out = report::renderJson(in);
  } else if (opts.format == "sarif") {
    out = report::renderSarif(in);
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

  std::string failOn = opts.failOn;
  if (failOn.empty()) {
    auto fo = rootConfig ? rootConfig->failOn : std::nullopt;
    failOn = fo ? std::string(core::levelName(*fo)) : "error";
  }
  auto failLevel = core::levelFromName(failOn);
  if (!failLevel) return 0;  // --fail-on none
  for (const auto& file : result.files)
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
  auto proj = makeProject(projectRoot({opts.path}), opts.config, opts.select, opts.extendSelect, opts.ignore, "", false,
                          usageError);
  if (!usageError.empty()) {
    std::cerr << "agentlens: " << usageError << "\n";
    return 2;
  }
  auto cfg = proj->configFor(fs::absolute(opts.path).lexically_normal().string());
  std::cout << core::describeConfig(*cfg, proj->engine()->ruleInfos(), opts.path);
  auto diags = proj->diagnostics();
  for (const auto& d : diags)
    std::cout << "# problem: " << d.path << ":" << d.start.line + 1 << ":" << d.start.character + 1 << " " << d.message << "\n";
  return 0;
}

int runRules(const std::string& format) {
  // Built-in rules and the custom rules of the project in the current directory.
  std::string ignored;
  auto proj = makeProject(projectRoot({}), "", {}, {}, {}, "", false, ignored);
  auto engine = proj->engine();
  const auto& all = engine->rules();
  if (format == "json") {
    nlohmann::json arr = nlohmann::json::array();
    for (const rules::Rule* r : all) {
      auto d = docOf(*r);
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
  for (const rules::Rule* r : all) {
    auto d = docOf(*r);
    std::string fix = r->meta().fix ? std::string(core::applicabilityName(*r->meta().fix)) : "-";
    std::cout << fmt::format("{:<28} {:<15} {:<9} {:<34} {}\n", d.id, core::categoryName(d.category),
                             core::severityName(d.severity), fmt::format("{}", fmt::join(d.languages, ",")), fix);
  }
  return 0;
}

int runExplain(const std::string& ruleId) {
  const rules::Rule* r = rules::findRule(ruleId);
  // Custom rules of the project in the current directory.
  std::string ignored;
  auto proj = r ? nullptr : makeProject(projectRoot({}), "", {}, {}, {}, "", false, ignored);
  auto engine = proj ? proj->engine() : nullptr;
  if (engine)
    for (const rules::Rule* c : engine->rules())
      if (c->meta().id == ruleId) r = c;
  if (!r) {
    std::cerr << "agentlens: unknown rule '" << ruleId << "' (agentlens rules lists them)\n";
    return 2;
  }
  const auto& m = r->meta();
  std::cout << "# " << m.id << "\n\n"
            << m.summary << "\n\n"
            << "Category: " << core::categoryName(m.category) << " · Severity: " << core::severityName(m.severity)
            << " · Fix: " << (m.fix ? core::applicabilityName(*m.fix) : "none") << "\n\n"
            << m.docs;
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
