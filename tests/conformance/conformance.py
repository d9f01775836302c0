#!/usr/bin/env python3
# conformance.py: renders every corpus chart with helm and celm and compares the bytes, masking only random spans.
"""Usage: conformance.py CELM HELM CORPUS_DIR PASSING_LIST [--record]

Each chart is rendered with `template rel <chart> -n conformance` by helm twice and by celm once.
Where helm's two runs agree, celm must print the same bytes. Where they differ, the differing
span of each line is random or time-dependent: celm's line must keep the same text around it and
fill the span with text of the same shape (length and alphabet). stderr (helm's log lines) must
be the same bytes. Where helm refuses a chart, celm must refuse it with the same `Error:` line.

PASSING_LIST names the charts known to conform; any of them failing fails the run. Charts that
conform but are not listed yet are reported so the list can grow (--record rewrites it).
"""
import base64
import binascii
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 120
NAMESPACE = "conformance"
WORD = re.compile(r"[A-Za-z0-9+/=]")
ALPHABETS = [
    ("digits", re.compile(r"^[0-9]*$")),
    ("hex", re.compile(r"^[0-9a-f]*$")),
    ("alnum", re.compile(r"^[A-Za-z0-9]*$")),
    ("uuid", re.compile(r"^[0-9a-f-]*$")),
    ("base64", re.compile(r"^[A-Za-z0-9+/=]*$")),
    ("date", re.compile(r"^[0-9:T.+\- ZUTC]*$")),
    ("printable", re.compile(r"^[ -~]*$")),
]


def run(argv, env):
    try:
        p = subprocess.run(argv, capture_output=True, env=env, timeout=TIMEOUT)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return -1, b"", b"timeout\n"


def error_line(stderr):
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("Error:"):
            return line
    return ""


def alphabet(text):
    for name, pattern in ALPHABETS:
        if pattern.match(text):
            return name
    return "any"


def common_prefix(a, b):
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def random_span(a, b):
    """The differing part of two lines, widened to whole words: two random strings may share characters."""
    pre = common_prefix(a, b)
    suf = common_prefix(a[pre:][::-1], b[pre:][::-1])
    while pre > 0 and WORD.match(a[pre - 1]):
        pre -= 1
    while suf > 0 and WORD.match(a[len(a) - suf]):
        suf -= 1
    return pre, suf


def pem_labels(text):
    """The BEGIN labels of base64-encoded PEM text, or None: keys and certificates vary in length."""
    try:
        decoded = base64.b64decode(text, validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        return None
    if not decoded.startswith("-----BEGIN "):
        return None
    return re.findall(r"-----BEGIN ([A-Z ]+)-----", decoded)


def line_conforms(a, b, c):
    if a == b:
        return c == a
    pre, suf = random_span(a, b)
    if c[:pre] != a[:pre] or (suf and c[-suf:] != a[-suf:]) or len(c) < pre + suf:
        return False
    mid_a, mid_b, mid_c = a[pre:len(a) - suf], b[pre:len(b) - suf], c[pre:len(c) - suf]
    labels = pem_labels(mid_a)
    if labels is not None:
        return labels == pem_labels(mid_b) == pem_labels(mid_c)
    lo, hi = sorted((len(mid_a), len(mid_b)))
    slack = 0 if lo == hi else 8
    if not lo - slack <= len(mid_c) <= hi + slack:
        return False
    widest = max(ALPHABETS.index(next(x for x in ALPHABETS if x[0] == alphabet(m))) if alphabet(m) != "any"
                 else len(ALPHABETS) for m in (mid_a, mid_b))
    allowed = [p for _, p in ALPHABETS[widest:]]
    return not allowed or any(p.match(mid_c) for p in allowed)


def output_conforms(a, b, c):
    if a == b:
        return c == a
    la, lb, lc = a.split(b"\n"), b.split(b"\n"), c.split(b"\n")
    if not len(la) == len(lb) == len(lc):
        return False
    return all(line_conforms(x.decode("utf-8", "replace"), y.decode("utf-8", "replace"),
                             z.decode("utf-8", "replace")) for x, y, z in zip(la, lb, lc))


def check(chart, celm, helm, env):
    argv = ["template", "rel", chart, "-n", NAMESPACE]
    hs1, ho1, he1 = run([helm] + argv, env)
    hs2, ho2, _ = run([helm] + argv, env) if hs1 == 0 else (hs1, ho1, he1)
    cs, co, ce = run([celm] + argv, env)
    if hs1 != 0 or cs != 0:
        ok = hs1 == cs and error_line(he1) == error_line(ce) and error_line(he1) != ""
        return ok, f"exit helm={hs1} celm={cs}: helm {error_line(he1)!r} celm {error_line(ce)!r}"
    if he1 != ce:
        return False, f"stderr differs: helm {he1[:200]!r} celm {ce[:200]!r}"
    return output_conforms(ho1, ho2, co), first_difference(ho1, ho2, co)


def first_difference(a, b, c):
    la, lb, lc = a.split(b"\n"), b.split(b"\n"), c.split(b"\n")
    for n, (x, y, z) in enumerate(zip(la, lb, lc), 1):
        if not line_conforms(x.decode("utf-8", "replace"), y.decode("utf-8", "replace"),
                             z.decode("utf-8", "replace")):
            return f"stdout line {n}: helm {x[:120]!r} celm {z[:120]!r}"
    return f"stdout has {len(lc)} lines, helm {len(la)} and {len(lb)}"


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    celm, helm, corpus, listing = sys.argv[1:5]
    record = "--record" in sys.argv[5:]
    env = dict(os.environ)
    scratch = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"celm-conformance-{os.getpid()}")
    for var, sub in (("HELM_CONFIG_HOME", "config"), ("HELM_CACHE_HOME", "cache"), ("HELM_DATA_HOME", "data")):
        env[var] = os.path.join(scratch, sub)
    charts = sorted(os.path.join(corpus, folder, name)
                    for folder in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, folder))
                    for name in os.listdir(os.path.join(corpus, folder))
                    if os.path.isdir(os.path.join(corpus, folder, name)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda c: check(c, celm, helm, env), charts))
    known = set()
    if os.path.exists(listing):
        known = {l.strip() for l in open(listing) if l.strip() and not l.startswith("#")}
    passing, regressions, per_folder = [], [], {}
    for chart, (ok, why) in zip(charts, results):
        rel = os.path.relpath(chart, corpus)
        folder = rel.split(os.sep)[0]
        counts = per_folder.setdefault(folder, [0, 0])
        counts[1] += 1
        if ok:
            counts[0] += 1
            passing.append(rel)
        else:
            print(f"FAIL {rel}: {why}")
            if rel in known:
                regressions.append(rel)
    for folder, (ok, total) in sorted(per_folder.items()):
        print(f"{folder}: {ok}/{total} byte-identical to helm")
    print(f"total: {len(passing)}/{len(charts)}")
    new = sorted(set(passing) - known)
    if new:
        print(f"{len(new)} conforming charts not yet in {os.path.basename(listing)}: {' '.join(new)}")
    if record:
        with open(listing, "w") as out:
            out.write("# charts of shared/corpus that celm template renders exactly as helm v4.2.4; see conformance.py\n")
            out.writelines(f"{rel}\n" for rel in passing)
    for rel in regressions:
        print(f"REGRESSION {rel} conformed before")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
