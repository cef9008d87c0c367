#include "core/workspace.hpp"

#include "core/score/services.hpp"

#include "core/cancel.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

#include "core/incremental.hpp"
#include "core/text/line_index.hpp"
#include "core/text/line_map.hpp"
#include "core/scheduler.hpp"
#include "core/scan.hpp"
#include "core/workspace_pass.hpp"

namespace agentlens::core {
namespace {

namespace fs = std::filesystem;

bool under(const std::string& path, const std::string& root) {
  if (root.empty()) return false;
  if (path.size() <= root.size() || path.compare(0, root.size(), root) != 0) return false;
  return root.back() == '/' || path[root.size()] == '/';
}

std::string joinPath(const std::string& root, const std::string& rel) {
  return root.back() == '/' ? root + rel : root + "/" + rel;
}

bool sameFindings(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].ruleId != b[i].ruleId || a[i].range.start != b[i].range.start || a[i].range.end != b[i].range.end ||
        a[i].message != b[i].message || a[i].fixes.size() != b[i].fixes.size() || a[i].severity != b[i].severity ||
        a[i].confidence != b[i].confidence)
      return false;
  return true;
}

/// sameFindings, and each fix with as many edits (re-anchoring drops a fix's own-file edits).
bool sameShown(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  if (!sameFindings(a, b)) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t k = 0; k < a[i].fixes.size(); ++k)
      if (a[i].fixes[k].edits.size() != b[i].fixes[k].edits.size()) return false;
  return true;
}

/// Re-anchors a workspace finding (a whole-line finding) on `text`, the text it is published
/// with: the checks may have read an older version of an open document (`checked`). Its line
/// follows the edits made since (core::mapLine); a line that was edited or removed withdraws the
/// finding (false) until the checks judge the new text. When the texts differ, byte-level fix
/// edits of the file itself are dropped (they could hit wrong bytes).
void dropOwnFileEdits(Finding& f) {
  for (auto& fix : f.fixes)
    std::erase_if(fix.edits, [](const TextEdit& e) { return e.kind == TextEdit::Kind::Replace && e.path.empty(); });
  std::erase_if(f.fixes, [](const Fix& fix) { return fix.edits.empty(); });
}

bool rebase(Finding& f, const std::string& text, const std::string* checked) {
  bool sameText = !checked || *checked == text;
  std::uint32_t target = f.start.line;
  if (!sameText) {
    auto moved = mapLine(*checked, text, f.start.line);
    if (!moved) return false;
    target = *moved;
  }
  LineIndex li(text);
  std::uint32_t line = std::min(target, li.lineCount() - 1);
  std::string_view lt = li.lineText(line);
  std::size_t lead = lt.find_first_not_of(" \t");
  if (lead == std::string_view::npos) lead = lt.size();
  f.range = {li.lineStart(line) + static_cast<std::uint32_t>(lead), li.lineEnd(line)};
  f.start = li.toPosition(f.range.start, PositionEncoding::Utf32);
  f.end = li.toPosition(f.range.end, PositionEncoding::Utf32);
  if (!sameText) dropOwnFileEdits(f);
  return true;
}

}  // namespace

struct Workspace::Impl {
  Impl(std::shared_ptr<const Analyzer> a, WorkspaceCallbacks& c, WorkspaceOptions o)
      : analyzer(std::move(a)), cb(c), opts(std::move(o)),
        clock(opts.synchronous ? std::make_unique<ManualClock>() : nullptr),
        sched(std::make_unique<Scheduler>(schedulerOptions(opts, clock.get()))) {}

  static SchedulerOptions schedulerOptions(const WorkspaceOptions& o, ManualClock* clock) {
    SchedulerOptions so;
    so.workers = o.threads;
    so.manualClock = clock;
    return so;
  }

  struct OpenDoc {
    Document doc;
    std::int64_t latest = 0;  // newest version scheduled
    // The last parse (tree reused for incremental reparses) and the edits made since, by version.
    std::shared_ptr<const ParsedFile> parsed;
    std::int64_t parsedVersion = -1;
    std::vector<std::pair<std::int64_t, std::vector<TSInputEdit>>> pending;
    bool needFull = true;
    // The version whose text the next tree must be parsed from scratch for (a full replacement or
    // a dropped text): an older run's tree must not be kept over it.
    std::int64_t fullFrom = std::numeric_limits<std::int64_t>::min();
  };

  std::shared_ptr<const Analyzer> analyzer;  // guarded by mu
  AnalysisProvider provider;                 // guarded by mu (copied out before use)
  Workspace::ServicesProvider services;      // guarded by mu (copied out before use)
  WorkspaceCallbacks& cb;
  WorkspaceOptions opts;

  mutable std::mutex mu;
  std::vector<std::string> roots;
  std::map<std::string, OpenDoc> docs;
  std::map<std::string, FileDiagnostics> results;
  std::set<std::string> indexed;  // files found by discovery (closed files are re-read from disk)
  // The facts and scored sites of each file's last analysis (findings live in `results`): the
  // input of the workspace checks and of the readiness score.
  std::map<std::string, std::shared_ptr<const FileResult>> fileResults;
  // Results of the workspace pass (core/workspace_pass.hpp), by the absolute path of the file:
  // the findings it added there (workspace checks, cross-file findings), what it did to the
  // file's own findings, and the sites it counted.
  struct Anchored {
    std::string displayPath;
    std::vector<Finding> findings;  // added by the pass
    std::vector<std::pair<std::string, std::uint32_t>> sites;
    std::shared_ptr<const std::string> text;  // what the checks read (ranges refer to it)
    FindingDelta own;  // removals and adjustments of the file's own findings (`added` unused)
    std::shared_ptr<const std::string> ownText;  // the text those own findings were computed on
  };
  std::map<std::string, Anchored> anchored;
  std::atomic<std::int64_t> checksVersion{0};
  std::atomic<std::uint64_t> generation{0};
  std::uint64_t indexGeneration = 0;

  // ---- execution: the core Scheduler (debounce, latest wins, priorities) ----
  /// The scheduler's cancel flag of the job running on this thread (set by submit()).
  static inline thread_local const std::atomic<bool>* jobCancel = nullptr;
  // Disk analyses run under their own key (diskKey), so an editor's version numbers (which may
  // start at 0) never collide with them: a late index job cannot replace an open document's.
  static constexpr std::int64_t kDiskVersion = 0;
  static std::string diskKey(const std::string& path) { return "\x02" + path; }
  static constexpr const char* kIndexKey = "\x01index";
  static constexpr const char* kChecksKey = "\x01checks";

  void submit(const std::string& key, std::int64_t version, Priority prio, std::function<void()> job,
              bool debounce = true) {
    sched->update(key, version, [job = std::move(job)](const JobContext& ctx) -> Publish {
      jobCancel = ctx.cancelFlag;
      job();
      jobCancel = nullptr;
      return {};
    }, prio, debounce);
  }
  /// Synchronous mode: run everything now, on the calling (session) thread.
  void settle() {
    if (opts.synchronous) sched->runUntilIdle();
  }
  void waitIdle() {
    if (opts.synchronous) sched->runUntilIdle();
    else sched->waitIdle();
  }

  // Progress of the current background index.
  std::size_t indexTotal = 0;
  std::size_t indexDone = 0;
  std::set<std::string> indexPending;

  /// Marks an index entry done (analysed, or taken over by an open document).
  void indexStep(const std::string& path, std::uint64_t gen) {
    std::size_t done, total;
    {
      std::lock_guard lock(mu);
      if (gen != indexGeneration || !indexPending.erase(path)) return;
      done = ++indexDone;
      total = indexTotal;
    }
    cb.onIndexProgress(done, total);
    if (done == total) {
      scheduleChecks();
      cb.onIndexFinished(total);
    }
  }

  std::string displayPathLocked(const std::string& path) const {
    const std::string* best = nullptr;
    for (const auto& r : roots)
      if (under(path, r) && (!best || r.size() > best->size())) best = &r;
    if (!best) return path;
    std::size_t skip = best->size() + (best->back() == '/' ? 0 : 1);
    return path.substr(skip);
  }

  /// The file's own findings followed by the workspace findings anchored at it.
  FileDiagnostics mergedLocked(FileDiagnostics d) const {
    auto it = anchored.find(d.path);
    return mergeWith(std::move(d), it == anchored.end() ? nullptr : &it->second);
  }
  static FileDiagnostics mergeWith(FileDiagnostics d, const Anchored* anchoredAt) {
    if (!anchoredAt) return d;
    const Anchored& w = *anchoredAt;
    applyOwnDelta(d, w);
    if (w.findings.empty()) return d;
    if (!d.text) d.text = w.text ? w.text : std::make_shared<const std::string>();
    // Without the checked text (a file that could not be read) the line stays as reported.
    const std::string* checked = w.text && w.text != d.text ? w.text.get() : nullptr;
    for (Finding f : w.findings) {
      if (!rebase(f, *d.text, checked)) continue;
      if (!w.text) dropOwnFileEdits(f);  // no text the fixes' bytes refer to
      d.findings.push_back(std::move(f));
    }
    return d;
  }
  /// Re-applies what the pass did to the file's own findings; when they were computed on another
  /// text than the pass judged, by line (core::mapLine), like the added findings.
  static void applyOwnDelta(FileDiagnostics& d, const Anchored& w) {
    if (w.own.removed.empty() && w.own.adjusted.empty()) return;
    const std::string* judged = w.ownText.get();
    if (!d.text || !judged || w.ownText == d.text || *judged == *d.text) {
      applyDelta(d.findings, w.own);
      return;
    }
    std::function<std::optional<std::uint32_t>(std::uint32_t)> map = [&](std::uint32_t line) {
      return mapLine(*judged, *d.text, line);
    };
    applyDelta(d.findings, w.own, &map);
  }
  /// Diagnostics of a file only the workspace checks speak about (e.g. .gitignore).
  FileDiagnostics anchoredOnlyLocked(const std::string& path, const Anchored& w) const {
    FileDiagnostics d;
    d.path = path;
    d.displayPath = w.displayPath;
    d.text = w.text ? w.text : std::make_shared<const std::string>();
    d.generation = generation;
    return mergedLocked(std::move(d));
  }

  void report(FileDiagnostics d, std::shared_ptr<const FileResult> fr) {
    d.generation = ++generation;
    bool indexing;
    {
      std::lock_guard lock(mu);
      if (d.version) {
        auto it = docs.find(d.path);
        if (it == docs.end() || it->second.latest != *d.version) return;  // superseded or closed
      } else if (docs.count(d.path)) {
        return;  // the open document wins over the disk
      }
      results[d.path] = d;
      if (fr) fileResults[d.path] = std::move(fr);
      d = mergedLocked(std::move(d));
      indexing = !indexPending.empty();
    }
    cb.onDiagnosticsReady(d);
    // The file's facts may have changed what the workspace checks conclude (after the initial
    // index: during it, one run at the end judges the complete picture).
    if (!indexing) scheduleChecks();
  }

  void scheduleChecks() {
    std::int64_t v = ++checksVersion;
    submit(kChecksKey, v, Priority::Background, [this] { runChecks(); });
  }

  /// What the workspace pass reads of one analysed file: its facts (fileResults) and its own
  /// findings with the text they were computed on (results).
  struct Known {
    std::shared_ptr<const FileResult> result;
    std::vector<Finding> findings;
    std::shared_ptr<const std::string> text;
  };

  /// Runs the workspace pass (core/workspace_pass.hpp, as `agentlens check` does) over every
  /// root and republishes the files whose findings it changed.
  void runChecks() {
    std::shared_ptr<const Analyzer> a;
    std::vector<std::string> rootsCopy;
    std::map<std::string, Known> known;
    std::map<std::string, std::shared_ptr<const std::string>> openTexts;
    AnalysisProvider prov;
    Workspace::ServicesProvider servicesOf;
    {
      std::lock_guard lock(mu);
      a = analyzer;
      prov = provider;
      servicesOf = services;
      rootsCopy = roots;
      for (const auto& [p, fr] : fileResults) {
        Known& k = known[p];
        k.result = fr;
        if (auto r = results.find(p); r != results.end()) {
          k.findings = r->second.findings;
          k.text = r->second.text;
        }
      }
      for (const auto& [p, od] : docs)
        if (od.doc.valid()) openTexts[p] = od.doc.text();
    }
    std::map<std::string, Anchored> next;
    for (const auto& root : rootsCopy) judgeRoot(root, rootsCopy, *a, prov, servicesOf, known, openTexts, next);
    publishChanged(std::move(next), a);
  }

  /// The workspace pass over one root's files; its results go to `next`.
  static void judgeRoot(const std::string& root, const std::vector<std::string>& allRoots, const Analyzer& a,
                        const AnalysisProvider& prov, const Workspace::ServicesProvider& servicesOf,
                        const std::map<std::string, Known>& known,
                        const std::map<std::string, std::shared_ptr<const std::string>>& openTexts,
                        std::map<std::string, Anchored>& next) {
    auto inThisRoot = [&](const std::string& path) {
      const std::string* best = nullptr;
      for (const auto& r : allRoots)
        if (under(path, r) && (!best || r.size() > best->size())) best = &r;
      return best && *best == root;
    };
    std::vector<FileResult> files;
    std::size_t skip = root.size() + (root.back() == '/' ? 0 : 1);
    for (const auto& [abs, k] : known) {
      if (!inThisRoot(abs)) continue;
      FileResult c;
      c.path = abs.substr(skip);
      c.absPath = abs;
      c.lang = k.result->lang;
      c.facts = k.result->facts;
      c.findings = k.findings;  // the pass drops, adjusts and adds findings, as in `check`
      files.push_back(std::move(c));
    }
    if (files.empty()) return;
    std::map<std::string, std::shared_ptr<const std::string>> reads;
    auto readShared = [&](const std::string& rel) -> std::shared_ptr<const std::string> {
      auto [it, inserted] = reads.try_emplace(rel);
      if (!inserted) return it->second;
      std::string abs = joinPath(root, rel);
      if (auto o = openTexts.find(abs); o != openTexts.end()) return it->second = o->second;
      auto text = std::make_shared<std::string>();
      std::string err;
      std::error_code ec;
      if (fs::is_regular_file(abs, ec) && readFile(abs, *text, err)) it->second = std::move(text);
      return it->second;
    };
    // Findings obey the configuration of the file they are anchored at (as in `agentlens check`).
    WorkspaceConfigLookup configOf;
    if (prov)
      configOf = [&](const FileResult& f) { return prov(joinPath(root, f.path)).config; };
    runWorkspacePass(
        a, files,
        [&](const std::string& rel) -> std::optional<std::string> {
          auto t = readShared(rel);
          if (!t) return std::nullopt;
          return *t;
        },
        servicesOf ? servicesOf(root) : ServiceOptions{}, configOf);
    static const std::vector<Finding> kNone;
    for (auto& f : files) {
      std::string abs = joinPath(root, f.path);
      auto k = known.find(abs);
      FindingDelta delta = diffFindings(k == known.end() ? kNone : k->second.findings, f.findings);
      if (delta.empty() && f.sites.empty()) continue;
      // The baseline applies to what the pass added, as `check` applies it to every finding.
      if (prov && !delta.added.empty()) {
        if (FileAnalysis fa = prov(abs); fa.finish) {
          FileResult added;
          added.path = f.path;
          added.absPath = abs;
          added.findings = std::move(delta.added);
          fa.finish(added);
          delta.added = std::move(added.findings);
        }
      }
      Anchored& w = next[abs];
      w.displayPath = f.path;
      w.findings = std::move(delta.added);
      w.sites = std::move(f.sites);
      if (!w.findings.empty()) w.text = readShared(f.path);
      w.own = std::move(delta);
      if (k != known.end()) w.ownText = k->second.text;
    }
  }

  /// Replaces the pass results with `next` and republishes every file whose findings, as shown,
  /// changed.
  void publishChanged(std::map<std::string, Anchored> next, const std::shared_ptr<const Analyzer>& a) {
    std::vector<FileDiagnostics> changed;
    {
      std::lock_guard lock(mu);
      if (analyzer != a) return;  // a new rule selection: its own run follows
      std::set<std::string> paths;
      for (const auto& [p, w] : anchored) paths.insert(p);
      for (const auto& [p, w] : next) paths.insert(p);
      std::vector<std::string> differ;
      for (const auto& p : paths) {
        auto o = anchored.find(p);
        auto n = next.find(p);
        const Anchored* before = o == anchored.end() ? nullptr : &o->second;
        const Anchored* after = n == next.end() ? nullptr : &n->second;
        static const std::vector<Finding> kNone;
        bool differs = !sameFindings(before ? before->findings : kNone, after ? after->findings : kNone);
        // The file as shown: its own findings after the pass, and the added ones re-anchored on
        // its text (judged on a newer text, the same findings may show differently).
        if (auto r = results.find(p); !differs && r != results.end())
          differs = !sameShown(mergeWith(r->second, before).findings, mergeWith(r->second, after).findings);
        if (differs) differ.push_back(p);
      }
      anchored = std::move(next);
      for (const auto& p : differ) {
        if (auto r = results.find(p); r != results.end()) {
          FileDiagnostics d = r->second;
          d.generation = ++generation;
          changed.push_back(mergedLocked(std::move(d)));
        } else if (docs.count(p)) {
          continue;  // its own analysis is on the way and will carry these
        } else if (auto w = anchored.find(p); w != anchored.end()) {
          FileDiagnostics d = anchoredOnlyLocked(p, w->second);
          d.generation = ++generation;
          changed.push_back(std::move(d));
        } else {
          FileDiagnostics d;  // the last workspace finding of a file nothing else reports on
          d.path = p;
          d.text = std::make_shared<const std::string>();
          d.generation = ++generation;
          changed.push_back(std::move(d));
        }
      }
    }
    for (auto& d : changed) {
      d.fromWorkspaceChecks = true;
      cb.onDiagnosticsReady(d);
    }
  }

  void forget(const std::string& path) {
    {
      std::lock_guard lock(mu);
      results.erase(path);
      fileResults.erase(path);
      indexed.erase(path);
    }
    FileDiagnostics d;
    d.path = path;
    d.text = std::make_shared<const std::string>();
    d.generation = ++generation;
    cb.onDiagnosticsReady(d);
  }

  /// Analyses one parsed file under the provider's analyzer and configuration, if any.
  static FileResult run(const std::shared_ptr<const Analyzer>& a, const AnalysisProvider& p, const std::string& path,
                        const ParsedFile& pf) {
    if (!p) return a->analyze(pf);
    FileAnalysis fa = p(path);
    if (fa.config && fa.config->excluded()) {
      FileResult excluded;  // excluded by configuration: nothing to report
      excluded.path = pf.path;
      excluded.lang = pf.lang;
      return excluded;
    }
    const Analyzer& an = fa.analyzer ? *fa.analyzer : *a;
    FileResult r = fa.config ? an.analyze(pf, *fa.config) : an.analyze(pf);
    if (fa.finish) fa.finish(r);
    return r;
  }

  [[nodiscard]] ParseBudget parseBudget() const {
    return opts.budget.count() > 0 ? ParseBudget(opts.budget) : std::nullopt;
  }
  [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> analysisDeadline() const {
    if (opts.budget.count() <= 0) return std::nullopt;
    return std::chrono::steady_clock::now() + opts.budget;
  }

  /// Analyses an open document at `version` (incrementally when the previous tree is usable).
  void analyzeOpen(const std::string& path, std::int64_t version) {
    ts::Tree oldTree;
    std::vector<TSInputEdit> edits;
    bool full = true;
    std::shared_ptr<const std::string> text;
    Lang lang = Lang::Text;
    std::string display;
    std::shared_ptr<const Analyzer> a;
    AnalysisProvider prov;
    {
      std::lock_guard lock(mu);
      auto it = docs.find(path);
      if (it == docs.end() || it->second.latest != version) return;  // latest version wins
      prov = provider;
      OpenDoc& od = it->second;
      text = od.doc.text();
      lang = od.doc.lang();
      display = displayPathLocked(path);
      a = analyzer;
      if (od.parsed && !od.needFull && od.parsed->tree.valid()) {
        oldTree = od.parsed->tree.copy();
        full = false;
        for (const auto& [v, es] : od.pending)
          if (v <= version) edits.insert(edits.end(), es.begin(), es.end());
      }
    }
    // A newer version (or a close) cancels this run: the parse and then the rule pass stop
    // early. Only open documents do this: a disk or index analysis always completes (index
    // progress counts it).
    ReparseResult r = reparse(display, lang, std::move(oldTree), edits, text, full, parseBudget(), jobCancel);
    if (r.cancelled) return;
    if (r.timedOut && !full) {
      spdlog::warn("workspace: {}: incremental parse of version {} took over {} ms; parsing it from scratch", display,
                   version, opts.budget.count());
      r = reparse(display, lang, ts::Tree(), {}, text, true, parseBudget(), jobCancel);
      if (r.cancelled) return;
    }
    if (r.timedOut)
      spdlog::warn("workspace: {}: parsing version {} took over {} ms: no findings for it", display, version,
                   opts.budget.count());
    const bool parsedOk = !r.timedOut;
    auto parsed = std::make_shared<const ParsedFile>(std::move(r.file));
    {
      // The tree is kept even if the rule pass below is cancelled: the next run edits this one
      // instead of replaying every edit since the last completed analysis (while the user types
      // faster than the rules run, that list would only grow). A timed-out parse leaves no tree:
      // the next run parses from scratch.
      std::lock_guard lock(mu);
      auto it = docs.find(path);
      if (it == docs.end()) return;
      OpenDoc& od = it->second;
      if (version > od.parsedVersion && version >= od.fullFrom) {
        od.parsed = parsed;
        od.parsedVersion = version;
        od.needFull = !parsedOk;
        std::erase_if(od.pending, [&](const auto& p) { return p.first <= version; });
      }
    }
    FileResult fr;
    if (parsedOk) {
      CancelScope scope(jobCancel);
      DeadlineScope deadline(analysisDeadline());
      fr = run(a, prov, path, *parsed);
      if (jobCancel && jobCancel->load(std::memory_order_relaxed)) return;
      if (deadline.expired()) {
        spdlog::warn("workspace: {}: the rules took over {} ms on version {}: no findings for it", display,
                     opts.budget.count(), version);
        fr = FileResult{};
      }
    }
    FileDiagnostics d;
    d.path = path;
    d.displayPath = display;
    d.version = version;
    d.text = text;
    d.findings = std::move(fr.findings);
    report(std::move(d), std::make_shared<const FileResult>(std::move(fr)));
  }

  /// Analyses a file from disk (indexing, a close, a watched-file change).
  void analyzeDisk(const std::string& path, std::uint64_t indexGen, bool fromIndex) {
    std::string display;
    std::shared_ptr<const Analyzer> a;
    AnalysisProvider prov;
    {
      std::lock_guard lock(mu);
      if (fromIndex && indexGen != indexGeneration) return;  // a newer index replaced this one
      if (docs.count(path)) return;
      display = displayPathLocked(path);
      a = analyzer;
      prov = provider;
    }
    auto lang = detectLang(path);
    auto text = std::make_shared<std::string>();
    std::string err;
    if (!lang || !fs::is_regular_file(path) || !readFile(path, *text, err) || looksBinary(*text) ||
        (isJsFamily(*lang) && looksMinified(*text))) {
      forget(path);
      return;
    }
    ParsedFile pf = parseFile(display, *lang, text, analysisDeadline());
    if (hasGrammar(*lang) && !pf.tree.valid()) {
      spdlog::warn("workspace: {}: parsing took over {} ms, skipped", display, opts.budget.count());
      forget(path);
      return;
    }
    FileResult fr;
    {
      DeadlineScope deadline(analysisDeadline());
      fr = run(a, prov, path, pf);
      if (deadline.expired()) {
        spdlog::warn("workspace: {}: the rules took over {} ms, skipped", display, opts.budget.count());
        forget(path);
        return;
      }
    }
    FileDiagnostics d;
    d.path = path;
    d.displayPath = display;
    d.text = text;
    d.findings = std::move(fr.findings);
    {
      std::lock_guard lock(mu);
      indexed.insert(path);
    }
    report(std::move(d), std::make_shared<const FileResult>(std::move(fr)));
  }

  void startIndex() {
    std::vector<std::string> rootsCopy;
    std::uint64_t gen;
    {
      std::lock_guard lock(mu);
      gen = ++indexGeneration;
      rootsCopy = roots;
      indexPending.clear();
      indexTotal = indexDone = 0;
    }
    if (!opts.indexWorkspace) return;
    submit(kIndexKey, static_cast<std::int64_t>(gen), Priority::Background, [this, rootsCopy, gen] {
      std::vector<std::string> files;
      for (const auto& root : rootsCopy) {
        DiscoveryResult dr = discover(root, opts.discovery);
        for (auto& f : dr.files) files.push_back(std::move(f.absPath));
        for (const auto& e : dr.errors) spdlog::warn("workspace: {}", e);
      }
      {
        std::lock_guard lock(mu);
        if (gen != indexGeneration) return;
        indexTotal = files.size();
        for (const auto& f : files)
          if (!docs.count(f)) indexPending.insert(f);
        indexDone = indexTotal - indexPending.size();  // open files were analysed already
        files.assign(indexPending.begin(), indexPending.end());
      }
      if (files.empty()) {
        cb.onIndexFinished(indexTotal);
        return;
      }
      for (const auto& f : files) {
        submit(diskKey(f), kDiskVersion, Priority::Background, [this, f, gen] {
          analyzeDisk(f, gen, true);
          indexStep(f, gen);
        });
      }
    });
  }

  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<Scheduler> sched;  // last: destroyed (and its jobs joined) first
};

Workspace::Workspace(std::shared_ptr<const Analyzer> analyzer, WorkspaceCallbacks& callbacks, WorkspaceOptions opts)
    : impl_(std::make_unique<Impl>(std::move(analyzer), callbacks, std::move(opts))) {}

Workspace::~Workspace() { impl_->sched->shutdown(); }

void Workspace::setRoots(std::vector<std::string> roots) {
  std::vector<std::string> dropped;
  {
    std::lock_guard lock(impl_->mu);
    for (auto& r : roots) r = fs::path(r).lexically_normal().string();
    impl_->roots = std::move(roots);
    // Files no longer under any root are forgotten (unless open).
    for (const auto& [path, d] : impl_->results) {
      bool inside = std::any_of(impl_->roots.begin(), impl_->roots.end(), [&path = path](const auto& r) { return under(path, r); });
      if (!inside && !impl_->docs.count(path)) dropped.push_back(path);
    }
  }
  for (const auto& p : dropped) impl_->forget(p);
  impl_->startIndex();
  impl_->settle();
}

std::vector<std::string> Workspace::roots() const {
  std::lock_guard lock(impl_->mu);
  return impl_->roots;
}

void Workspace::open(const std::string& path, std::int64_t version, std::string text) {
  std::uint64_t gen;
  {
    std::lock_guard lock(impl_->mu);
    gen = impl_->indexGeneration;
    auto lang = detectLang(path).value_or(Lang::Text);
    impl_->docs.erase(path);
    auto [it, _] = impl_->docs.try_emplace(path, Impl::OpenDoc{Document(path, lang, version, std::move(text))});
    it->second.latest = version;
  }
  // An open document takes over from its disk analysis (and from the index's queue).
  impl_->sched->cancel(path);
  impl_->sched->cancel(Impl::diskKey(path));
  impl_->indexStep(path, gen);
  // No debounce: the first analysis of an opened file is what the user waits for.
  impl_->submit(path, version, Priority::Interactive, [this, path, version] { impl_->analyzeOpen(path, version); },
                false);
  impl_->settle();
}

bool Workspace::change(const std::string& path, std::int64_t version, const std::vector<ContentChange>& changes,
                       PositionEncoding enc, std::string* error) {
  bool ok;
  {
    std::lock_guard lock(impl_->mu);
    auto it = impl_->docs.find(path);
    if (it == impl_->docs.end()) {
      if (error) *error = "document is not open";
      return false;
    }
    Impl::OpenDoc& od = it->second;
    ApplyResult r = od.doc.applyChanges(changes, enc, version);
    ok = r.ok;
    od.latest = version;  // whatever happens, older analyses are now stale
    if (!ok) {
      if (error) *error = r.error;
      // Never keep a diverged copy: analysis stops until a full text arrives.
      od.parsed.reset();
      od.pending.clear();
      od.needFull = true;
      od.fullFrom = version;
      impl_->results.erase(path);
    } else {
      if (r.clamped) spdlog::warn("workspace: {}: a change position was clamped", path);
      if (r.fullReplace) {
        od.needFull = true;
        od.fullFrom = version;
        od.pending.clear();
      } else {
        od.pending.emplace_back(version, std::move(r.edits));
      }
    }
  }
  if (ok) {
    impl_->submit(path, version, Priority::Interactive, [this, path, version] { impl_->analyzeOpen(path, version); });
    impl_->settle();
    return true;
  }
  impl_->sched->cancel(path);
  // Clear what the client shows: findings of the diverged text would point at wrong bytes.
  FileDiagnostics d;
  d.path = path;
  d.version = version;
  d.text = std::make_shared<const std::string>();
  d.generation = ++impl_->generation;
  impl_->cb.onDiagnosticsReady(d);
  return false;
}

void Workspace::close(const std::string& path) {
  bool inside;
  {
    std::lock_guard lock(impl_->mu);
    impl_->docs.erase(path);
    impl_->results.erase(path);
    inside = std::any_of(impl_->roots.begin(), impl_->roots.end(), [&](const auto& r) { return under(path, r); });
  }
  impl_->sched->cancel(path);
  if (inside && impl_->opts.indexWorkspace)
    impl_->submit(Impl::diskKey(path), Impl::kDiskVersion, Priority::Interactive, [this, path] { impl_->analyzeDisk(path, 0, false); });
  else
    impl_->forget(path);
  impl_->settle();
}

void Workspace::filesChanged(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    bool inside, open;
    {
      std::lock_guard lock(impl_->mu);
      open = impl_->docs.count(path) > 0;
      inside = std::any_of(impl_->roots.begin(), impl_->roots.end(), [&](const auto& r) { return under(path, r); });
    }
    if (open || !inside) continue;  // the editor's buffer is the truth for open files
    if (!impl_->opts.indexWorkspace) continue;
    impl_->submit(Impl::diskKey(path), Impl::kDiskVersion, Priority::Interactive, [this, path] { impl_->analyzeDisk(path, 0, false); });
  }
  // Workspace checks also read files no rule analyses (.gitignore, manifests): re-judge.
  if (impl_->opts.indexWorkspace && !paths.empty()) impl_->scheduleChecks();
  impl_->settle();
}

void Workspace::setAnalyzer(std::shared_ptr<const Analyzer> analyzer) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->analyzer = std::move(analyzer);
  }
  reanalyzeAll();
}

void Workspace::setServicesProvider(ServicesProvider provider) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->services = std::move(provider);
  }
  // The next run of the checks reads it (set it before setAnalysisProvider, which re-analyses).
}

void Workspace::setAnalysisProvider(AnalysisProvider provider) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->provider = std::move(provider);
  }
  reanalyzeAll();
}

void Workspace::reanalyzeAll() {
  std::vector<std::pair<std::string, std::int64_t>> open;
  std::vector<std::string> closed;
  {
    std::lock_guard lock(impl_->mu);
    for (const auto& [p, od] : impl_->docs) open.emplace_back(p, od.latest);
    for (const auto& p : impl_->indexed)
      if (!impl_->docs.count(p)) closed.push_back(p);
  }
  // Re-runs under the same version: the Scheduler accepts an equal version (latest wins).
  for (const auto& [p, v] : open)
    impl_->submit(p, v, Priority::Interactive, [this, p = p, v = v] { impl_->analyzeOpen(p, v); });
  for (const auto& p : closed)
    impl_->submit(Impl::diskKey(p), Impl::kDiskVersion, Priority::Background, [this, p] { impl_->analyzeDisk(p, 0, false); });
  impl_->scheduleChecks();
  impl_->settle();
}

std::optional<Workspace::Snapshot> Workspace::document(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->docs.find(path);
  if (it == impl_->docs.end() || !it->second.doc.valid()) return std::nullopt;
  return Snapshot{it->second.doc.version(), it->second.doc.text()};
}

bool Workspace::isOpen(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  return impl_->docs.count(path) > 0;
}

std::optional<FileDiagnostics> Workspace::diagnostics(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->results.find(path);
  bool open = impl_->docs.count(path) > 0;
  // An open document's findings come only from its own versions: its disk result (kept until
  // the first version is analysed, for the workspace checks and the score) never reaches it.
  if (it != impl_->results.end() && (!open || it->second.version)) return impl_->mergedLocked(it->second);
  if (open) return std::nullopt;
  auto w = impl_->anchored.find(path);
  if (w == impl_->anchored.end() || w->second.findings.empty()) return std::nullopt;
  return impl_->anchoredOnlyLocked(path, w->second);
}

std::optional<FileDiagnostics> Workspace::diskDiagnostics(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->results.find(path);
  if (it == impl_->results.end() || it->second.version) return std::nullopt;
  return impl_->mergedLocked(it->second);
}

std::vector<FileDiagnostics> Workspace::allDiagnostics() const {
  std::lock_guard lock(impl_->mu);
  std::vector<FileDiagnostics> out;
  out.reserve(impl_->results.size());
  for (const auto& [p, d] : impl_->results)
    if (d.version || !impl_->docs.count(p)) out.push_back(impl_->mergedLocked(d));  // as diagnostics()
  for (const auto& [p, w] : impl_->anchored)
    if (!w.findings.empty() && !impl_->results.count(p) && !impl_->docs.count(p))
      out.push_back(impl_->anchoredOnlyLocked(p, w));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

Readiness Workspace::readiness(std::vector<RuleInfo> rules, const ServiceOptions& services) const {
  std::vector<FileResult> files;
  {
    std::lock_guard lock(impl_->mu);
    std::set<std::string> seen;
    for (const auto& [p, d] : impl_->results) {
      FileResult f;
      if (auto fr = impl_->fileResults.find(p); fr != impl_->fileResults.end()) {
        f.lang = fr->second->lang;
        f.facts = fr->second->facts;
        f.sites = fr->second->sites;
      } else {
        f.lang = detectLang(p).value_or(Lang::Text);
      }
      f.path = impl_->displayPathLocked(p);
      f.absPath = p;
      f.findings = impl_->mergedLocked(d).findings;
      if (auto w = impl_->anchored.find(p); w != impl_->anchored.end())
        f.sites.insert(f.sites.end(), w->second.sites.begin(), w->second.sites.end());
      seen.insert(p);
      files.push_back(std::move(f));
    }
    for (const auto& [p, w] : impl_->anchored) {
      if (seen.count(p)) continue;
      FileResult f;
      f.path = w.displayPath;
      f.absPath = p;
      f.lang = detectLang(p).value_or(Lang::Text);
      f.facts.role = FileRole::Infra;
      f.findings = w.findings;
      f.sites = w.sites;
      files.push_back(std::move(f));
    }
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  ReadinessInput in;
  in.rules = std::move(rules);
  in.files = &files;
  in.services = services;
  return computeReadiness(in);
}

FindingCounts Workspace::counts() const {
  FindingCounts c;
  for (const auto& d : allDiagnostics()) {
    ++c.files;
    for (const auto& f : d.findings) {
      if (f.suppressedReason) continue;
      ++c.total;
      ++c.byCategory[static_cast<std::size_t>(f.category)];
      ++c.byLevel[static_cast<std::size_t>(f.level())];
    }
  }
  return c;
}

std::string Workspace::displayPath(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  return impl_->displayPathLocked(path);
}

std::optional<std::string> Workspace::rootOf(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  const std::string* best = nullptr;
  for (const auto& r : impl_->roots)
    if (under(path, r) && (!best || r.size() > best->size())) best = &r;
  if (!best) return std::nullopt;
  return *best;
}

void Workspace::expedite(const std::string& path) {
  impl_->sched->expedite(path);
  impl_->settle();
}

void Workspace::waitIdle() { impl_->waitIdle(); }

std::chrono::milliseconds Workspace::debounceFor(const std::string& path) const { return impl_->sched->debounceFor(path); }

}  // namespace agentlens::core
