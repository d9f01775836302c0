#!/usr/bin/env python3
# lint_conformance.py: `celm lint` against helm v4.2.4's `helm lint` over every corpus chart, with several flag sets.
"""Usage: lint_conformance.py CELM HELM CORPUS_DIR

Each chart is linted by helm and by celm with each flag set below; stdout, stderr and the exit
status must be the same bytes. The one place helm's output is not deterministic, the list of
"missing these dependencies" (a Go map's order), is compared as a set. Prints pass counts per
corpus folder and flag set; fails when any run differs.
"""
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

FLAG_SETS = [
    [],
    ["--strict", "--with-subcharts"],
    ["--quiet", "--kube-version", "1.15", "-n", "other"],
    ["--set", "replicaCount=3", "--set", "image.tag=v1", "--skip-schema-validation"],
]
MISSING = re.compile(rb"(missing these dependencies: )([^\n]*)")


def normalized(data):
    return MISSING.sub(lambda m: m.group(1) + b",".join(sorted(m.group(2).split(b","))), data)


def run(argv, env):
    p = subprocess.run(argv, capture_output=True, env=env, timeout=300)
    return p.returncode, normalized(p.stdout), normalized(p.stderr)


def check(job):
    chart, flags, celm, helm, env = job
    expected = run([helm, "lint"] + flags + [chart], env)
    actual = run([celm, "lint"] + flags + [chart], env)
    if expected == actual:
        return True, ""
    for name, a, b in zip(("exit", "stdout", "stderr"), expected, actual):
        if a != b:
            return False, f"{name}: helm {a!r:.300} celm {b!r:.300}"
    return False, ""


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    celm, helm, corpus = sys.argv[1:4]
    scratch = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"celm-lint-conformance-{os.getpid()}")
    env = dict(os.environ, HELM_CONFIG_HOME=scratch + "/config", HELM_CACHE_HOME=scratch + "/cache",
               HELM_DATA_HOME=scratch + "/data")
    charts = sorted(os.path.join(corpus, folder, name)
                    for folder in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, folder))
                    for name in os.listdir(os.path.join(corpus, folder))
                    if os.path.isdir(os.path.join(corpus, folder, name)))
    jobs = [(chart, flags, celm, helm, env) for flags in FLAG_SETS for chart in charts]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(check, jobs))
    counts, failed = {}, 0
    for (chart, flags, *_), (ok, why) in zip(jobs, results):
        key = (os.path.basename(os.path.dirname(chart)), " ".join(flags) or "(no flags)")
        passed, total = counts.get(key, (0, 0))
        counts[key] = (passed + ok, total + 1)
        if not ok:
            failed += 1
            print(f"DIFFERS: lint {' '.join(flags)} {chart}: {why}")
    for (folder, flags), (passed, total) in sorted(counts.items()):
        print(f"{folder:10} {flags:70} {passed}/{total}")
    print(f"{len(jobs) - failed}/{len(jobs)} lint runs identical to helm")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
