#!/usr/bin/env python3
"""Unit tests of scripts/ecosystem.py: statistics, sampling, label matching, and the --check /
--update contract end to end against a fake `agentlens` on a two-repository corpus."""
import json
import os
import stat
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import ecosystem as eco  # noqa: E402


def finding(rule="r", line=1, file="a.py", repo="x", message="m"):
    return eco.Finding(repo=repo, file=file, line=line, rule=rule, hash=eco.msg_hash(message),
                       category="security", severity="high", confidence="high", message=message,
                       gate=False)


class Statistics(unittest.TestCase):
    def test_wilson_lower_bound(self):
        self.assertEqual(eco.wilson_lower(0, 0), 0.0)
        self.assertAlmostEqual(eco.wilson_lower(10, 10), 0.7225, places=3)
        self.assertAlmostEqual(eco.wilson_lower(5, 10), 0.2366, places=3)
        # More evidence at the same rate tightens the bound.
        self.assertGreater(eco.wilson_lower(90, 100), eco.wilson_lower(9, 10))

    def test_debatable_counts_against_precision(self):
        self.assertEqual(eco.precision(8, 1, 1), 0.8)
        self.assertIsNone(eco.precision(0, 0, 0))


class Sampling(unittest.TestCase):
    def findings(self):
        fs = [finding("big", line=i) for i in range(300)]
        fs += [finding("mid", line=i) for i in range(40)]
        fs += [finding("rare", line=1)]
        return fs

    def test_small_repositories_are_labeled_in_full(self):
        fs = [finding(line=i) for i in range(10)]
        self.assertEqual(eco.sample(fs, size=80), sorted(fs, key=lambda f: f.line))

    def test_stratified_by_rule_with_every_rule_present(self):
        picked = eco.sample(self.findings(), size=80)
        self.assertEqual(len(picked), 80)
        by_rule = {r: sum(f.rule == r for f in picked) for r in ("big", "mid", "rare")}
        self.assertEqual(by_rule["rare"], 1)
        # Proportional: 300 vs 40 findings share the 77 remaining slots about 68 / 9.
        self.assertGreater(by_rule["big"], 6 * by_rule["mid"])
        self.assertGreaterEqual(by_rule["mid"], 8)

    def test_seeded_and_reproducible(self):
        fs = self.findings()
        self.assertEqual(eco.sample(fs, size=80), eco.sample(list(reversed(fs)), size=80))
        self.assertNotEqual(eco.sample(fs, size=80, seed=1), eco.sample(fs, size=80, seed=2))


class Labels(unittest.TestCase):
    def test_a_hash_label_wins_over_a_line_label(self):
        a, b = finding(message="one"), finding(message="two")
        labels = {("x", "a.py", 1, "r", "-"): {"verdict": "TP"},
                  ("x", "a.py", 1, "r", b.hash): {"verdict": "FP"}}
        self.assertEqual(eco.label_for(labels, a)["verdict"], "TP")
        self.assertEqual(eco.label_for(labels, b)["verdict"], "FP")
        self.assertIsNone(eco.label_for(labels, finding(line=2)))

    def test_snapshot_diff_counts_added_and_removed(self):
        r = eco.RepoResult("x", "control", findings=[finding(line=1), finding(line=3)], score=50.0)
        old = {"repos": {"x": {"score": 50.0, "blockers": 0,
                               "findings": [finding(line=1).key, finding(line=2).key]}}}
        lines, changes = eco.diff_snapshot(old, [r])
        self.assertEqual(changes, 2)
        self.assertTrue(any(l.strip().startswith("+ a.py:3") for l in lines))
        self.assertTrue(any(l.strip().startswith("- a.py:2") for l in lines))


class Corpus(unittest.TestCase):
    def test_dropped_lockfiles_are_stubbed_in_a_copy(self):
        with tempfile.TemporaryDirectory() as t:
            corpus, scratch = Path(t) / "corpus", Path(t) / "scratch"
            (corpus / "app" / "web").mkdir(parents=True)
            scratch.mkdir()
            (corpus / "app" / "web" / "package.json").write_text("{}")
            (corpus / "DROPPED.tsv").write_text(
                "name\tpath\tbytes\treason\napp\tweb/package-lock.json\t300000\tover 200 KB\n"
                "app\tviews/angular.min.js\t1000\tminified\n")
            dropped = eco.dropped_lockfiles(corpus)
            self.assertEqual(dropped, {"app": ["web/package-lock.json"]})
            where = eco.checkout(corpus, {"name": "app"}, dropped["app"], scratch)
            self.assertEqual(where, scratch / "app")
            self.assertTrue((where / "web" / "package-lock.json").exists())
            self.assertTrue((where / "web" / "package.json").exists())
            self.assertFalse((corpus / "app" / "web" / "package-lock.json").exists())
            # Nothing dropped: the corpus folder itself is checked.
            self.assertEqual(eco.checkout(corpus, {"name": "app"}, [], scratch), corpus / "app")


FAKE = textwrap.dedent("""\
    #!/usr/bin/env python3
    # A stand-in for agentlens: `rules` lists the gate rules; `check` prints the findings in
    # $FAKE_FINDINGS/<repo folder>.json.
    import json, os, sys
    if sys.argv[1] == "rules":
        print(json.dumps([{"id": "secret", "gate": True}, {"id": "log", "gate": False}]))
        sys.exit(0)
    repo = os.path.basename(os.getcwd())
    data = json.load(open(os.path.join(os.environ["FAKE_FINDINGS"], repo + ".json")))
    print(json.dumps({"findings": data["findings"], "readiness": {"score": data["score"], "blockers": 0}}))
    sys.exit(1 if data["findings"] else 0)
    """)


def fake_finding(file, line, rule, message, category="security", severity="high"):
    return {"file": file, "range": {"start": {"line": line, "column": 1}, "end": {"line": line, "column": 2}},
            "rule": rule, "category": category, "severity": severity, "confidence": "high",
            "message": message}


class CheckContract(unittest.TestCase):
    """--check fails on any unreviewed change and on a lost TP; --update refuses regressions."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        t = Path(self.tmp.name)
        self.corpus, self.data, self.out = t / "corpus", t / "data", t / "findings"
        for d in (self.corpus / "ctl", self.corpus / "pro", self.data, self.out):
            d.mkdir(parents=True)
        (self.corpus / "REPOS.tsv").write_text(
            "name\trepo\tcommit\tlicense\tgroup\n"
            "ctl\to/ctl\tc1\tMIT\tcontrol\npro\to/pro\tc2\tMIT\tprototype\n")
        self.binary = t / "agentlens"
        self.binary.write_text(FAKE)
        self.binary.chmod(self.binary.stat().st_mode | stat.S_IEXEC)
        self.set_findings(ctl=[fake_finding("app.py", 10, "secret", "key abc")],
                          pro=[fake_finding("main.py", 3, "log", "print", "observability", "low"),
                               fake_finding("main.py", 7, "secret", "key xyz")])
        (self.data / "labels.tsv").write_text(
            "repo\tfile\tline\trule\thash\tverdict\treason\n"
            "ctl\tapp.py\t10\tsecret\t-\tFP\tplaceholder-value: example key\n"
            "pro\tmain.py\t7\tsecret\t-\tTP\t\n")
        (self.data / "misses.tsv").write_text(
            "repo\tcategory\tfile\tline\twhat\n"
            "pro\tobservability\tmain.py\t5\tno request id\n"
            "pro\tsecurity\tmain.py\t40\tno auth on DELETE\n")

    def tearDown(self):
        self.tmp.cleanup()

    def set_findings(self, ctl, pro, ctl_score=80.0, pro_score=40.0):
        (self.out / "ctl.json").write_text(json.dumps({"findings": ctl, "score": ctl_score}))
        (self.out / "pro.json").write_text(json.dumps({"findings": pro, "score": pro_score}))

    def run_script(self, *args):
        env = dict(os.environ, FAKE_FINDINGS=str(self.out))
        return subprocess.run([sys.executable, str(HERE / "ecosystem.py"), "--corpus", str(self.corpus),
                               "--binary", str(self.binary), "--data", str(self.data), *args],
                              capture_output=True, text=True, env=env)

    def test_tables_check_and_update(self):
        # No snapshot yet: the check fails, --update writes one, then the check passes.
        self.assertEqual(self.run_script("--check").returncode, 1)
        self.assertEqual(self.run_script("--update").returncode, 0)
        ok = self.run_script("--check")
        self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
        # Tables: 2 labeled (1 TP, 1 FP) of 3, the blocker row, 1 of 2 misses reported (line 3
        # is within 3 lines of the miss at 5), the control above the prototype in 1 of 1 pairs.
        self.assertRegex(ok.stdout, r"ALL\s+3\s+2\s+1\s+1\s+0\s+0\.50")
        self.assertRegex(ok.stdout, r"BLOCKERS \(gate the score\)\s+2\s+2\s+1\s+1")
        self.assertRegex(ok.stdout, r"ALL\s+2\s+1\s+0\.50")
        self.assertIn("control scores higher in 1 of 1", ok.stdout)
        self.assertRegex(ok.stdout, r"secret\s+placeholder-value\s+1\s+ctl/app.py:10")

    def test_an_unreviewed_change_fails_the_check(self):
        self.run_script("--update")
        self.set_findings(ctl=[fake_finding("app.py", 10, "secret", "key abc")],
                          pro=[fake_finding("main.py", 7, "secret", "key xyz")])
        r = self.run_script("--check")
        self.assertEqual(r.returncode, 1)
        self.assertIn("- main.py:3 log", r.stdout)
        self.assertIn("changes against the snapshot", r.stderr)

    def test_a_score_change_fails_the_check(self):
        self.run_script("--update")
        self.set_findings(ctl=[fake_finding("app.py", 10, "secret", "key abc")],
                          pro=[fake_finding("main.py", 3, "log", "print", "observability", "low"),
                               fake_finding("main.py", 7, "secret", "key xyz")], pro_score=41.0)
        r = self.run_script("--check")
        self.assertEqual(r.returncode, 1)
        self.assertIn("pro: score 40.0 -> 41.0", r.stdout)

    def test_a_lost_tp_needs_explicit_acceptance(self):
        self.run_script("--update")
        self.set_findings(ctl=[fake_finding("app.py", 10, "secret", "key abc")],
                          pro=[fake_finding("main.py", 3, "log", "print", "observability", "low")])
        refused = self.run_script("--update")
        self.assertEqual(refused.returncode, 1)
        self.assertIn("labeled TP lost: pro/main.py:7 secret -", refused.stderr)
        self.assertEqual(self.run_script("--update", "--accept-regressions").returncode, 0)
        snap = json.loads((self.data / "snapshot.json").read_text())
        self.assertEqual(snap["acceptedLostTPs"], ["pro/main.py:7 secret -"])
        self.assertEqual(self.run_script("--check").returncode, 0)

    def test_a_fixed_fp_that_comes_back_is_refused(self):
        self.set_findings(ctl=[], pro=[fake_finding("main.py", 7, "secret", "key xyz")])
        self.run_script("--update")
        self.set_findings(ctl=[fake_finding("app.py", 10, "secret", "key abc")],
                          pro=[fake_finding("main.py", 7, "secret", "key xyz")])
        refused = self.run_script("--update")
        self.assertEqual(refused.returncode, 1)
        self.assertIn("labeled FP comes back: ctl/app.py:10 secret", refused.stderr)

    def test_malformed_labels_fail_the_check(self):
        self.run_script("--update")
        with (self.data / "labels.tsv").open("a") as fh:
            fh.write("pro\tmain.py\t3\tlog\t-\tFP\t\n")      # FP without a reason
            fh.write("pro\tmain.py\t9\tlog\t-\tMAYBE\tx\n")   # unknown verdict
        r = self.run_script("--check")
        self.assertEqual(r.returncode, 1)
        self.assertIn("a FP label needs a reason", r.stderr)
        self.assertIn("verdict must be one of", r.stderr)

    def test_missing_corpus_is_a_skip_when_asked(self):
        env = dict(os.environ, FAKE_FINDINGS=str(self.out))
        r = subprocess.run([sys.executable, str(HERE / "ecosystem.py"), "--corpus", "/nonexistent",
                            "--binary", str(self.binary), "--check", "--skip-missing-corpus"],
                           capture_output=True, text=True, env=env)
        self.assertEqual(r.returncode, 77)


if __name__ == "__main__":
    unittest.main(verbosity=1)
