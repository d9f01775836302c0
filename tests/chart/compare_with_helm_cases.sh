# compare_with_helm_cases.sh: the cases compare_with_helm.sh runs (sourced by it; uses its helpers).

# --- .helmignore: every row of ignore_cases.tsv, against helm and against celm ---------------
while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    rules=${line%%$'\t'*}
    rest=${line#*$'\t'}
    path=${rest%%$'\t'*}
    expect=${rest#*$'\t'}
    chart=$WORK/ignore/c
    rm -rf "$WORK/ignore"
    chart_yaml "$chart" c
    write "$chart/$path" 'x\n'
    write "$chart/.helmignore" "$rules"
    for side in helm celm; do
        checks=$((checks + 1))
        if [ $side = helm ]; then
            if message=$("$HELM" package "$chart" -d "$WORK/ignore" 2>&1 >/dev/null); then
                tar -tzf "$WORK"/ignore/c-0.1.0.tgz | grep -qxF "c/$path" && got=loaded || got=ignored
            else
                got="error:${message#Error: }"
            fi
        else
            if message=$("$LIST" "$chart"); then
                grep -qxF "c/$path" <<<"$message" && got=loaded || got=ignored
            else
                got="error:${message#Error: }"
            fi
        fi
        [ "$got" = "$expect" ] || fail ".helmignore [$rules] on $path: $side says $got, the table $expect"
    done
done <"$HERE/ignore_cases.tsv"

# A line of 64 KiB fails helm's line scanner; one byte less does not.
chart=$WORK/long/c
chart_yaml "$chart"
head -c 65536 /dev/zero | tr '\0' a >"$chart/.helmignore"
compare_error "$chart" ".helmignore line of 64 KiB"
head -c 65535 /dev/zero | tr '\0' a >"$chart/.helmignore"
compare_listing "$chart" ".helmignore line of 64 KiB - 1"

# --- one chart with a file of every role, subcharts of every kind, BOMs and links ------------
bom='\xEF\xBB\xBF'
c=$WORK/kinds/top
chart_yaml "$c"
write "$c/Chart.lock" 'digest: sha256:0\ngenerated: "2024-01-01T00:00:00Z"\n'
write "$c/values.yaml" "${bom}a: 1\n---\nb: 2\n"
write "$c/values.schema.json" '{"type": "object"}\n'
write "$c/templates/z.yaml" "${bom}kind: Z\n"
write "$c/templates/B.yaml" 'kind: B\n'
write "$c/templates/_helpers.tpl" '{{/* x */}}\n'
write "$c/templates/sub/a.yaml" 'kind: A\n'
write "$c/templates/.hidden" 'x\n'
write "$c/templates/sub/.kept" 'x\n'
write "$c/templates/NOTES.txt" 'notes\n'
write "$c/crds/crd.yaml" 'kind: CustomResourceDefinition\n'
write "$c/README.md" "${bom}${bom}readme\n"
write "$c/.helmignore" '*.bak\n/secret/\ndocs/*.tmp\n'
write "$c/old.bak" 'x\n'
write "$c/secret/key" 'x\n'
write "$c/docs/a.tmp" 'x\n'
write "$c/docs/b.md" 'b\n'
write "$c/files/nested/deep/f.txt" 'f\n'
ln -s README.md "$c/link.md"
ln -s docs "$c/linkdir"
chart_yaml "$c/charts/dirsub" dirsub
write "$c/charts/dirsub/templates/t.yaml" 't\n'
write "$c/charts/dirsub/.helmignore" '*.txt\n'
write "$c/charts/dirsub/kept.txt" 'subcharts do not read their own .helmignore\n'
write "$c/charts/dirsub/charts/inner/Chart.yaml" 'apiVersion: v2\nname: inner\nversion: 1.0.0\n'
"$FIXTURE" "$c/charts/arch-0.1.0.tgz" "whatever/templates/z.yaml=kind: Z" "whatever/Chart.yaml=apiVersion: v2
name: arch
version: 0.1.0" "whatever/templates/a.yaml=$(printf '\xEF\xBB\xBFkind: A')" "whatever/templates/.dot=dot" \
    'whatever\templates\back.yaml=back' "whatever/templates/link@sym=/etc/passwd" "whatever/.helmignore=*" \
    "other/README=the first element is dropped whatever it is" "whatever/charts/deep/Chart.yaml=apiVersion: v2
name: deep
version: 0.3.0"
write "$c/charts/arch-0.1.0.tgz.prov" 'signature\n'
chart_yaml "$c/charts/_skipped" skipped
write "$c/charts/.hidden/README" 'x\n'
compare_listing "$c" "chart with every kind of file"

# A v1 chart keeps requirements.yaml and requirements.lock as files.
c=$WORK/v1/old
chart_yaml "$c" old v1
write "$c/requirements.yaml" 'dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://charts/sub\n'
write "$c/requirements.lock" 'dependencies: []\ndigest: x\n'
chart_yaml "$c/charts/sub" sub v1
compare_listing "$c" "apiVersion v1 chart with requirements"

# --- real charts ------------------------------------------------------------------------------
for chart in stable/mysql stable/airflow incubator/elastic-stack incubator/kafka; do
    compare_listing "$CORPUS/$chart" "$chart"
done
# The same charts packed by GNU tar (its own entry order, a ./ prefix) as .tgz subcharts.
c=$WORK/wrapped/parent
chart_yaml "$c" parent
mkdir -p "$c/charts"
for chart in stable/mysql incubator/elastic-stack; do
    tar -czf "$c/charts/$(basename "$chart").tgz" -C "$CORPUS/$(dirname "$chart")" "$(basename "$chart")"
done
tar -czf "$c/charts/dotted.tgz" -C "$CORPUS/stable/mysql" .
compare_listing "$c" "corpus charts as .tgz subcharts"

# --- refusals: helm template's error against chart_list's -------------------------------------
e=$WORK/errors
mkdir -p "$e"
chart_yaml "$e/no-chart-yaml" && rm "$e/no-chart-yaml/Chart.yaml" && write "$e/no-chart-yaml/values.yaml" 'a: 1\n'
compare_error "$e/no-chart-yaml" "missing Chart.yaml"
for case in 'no-name|apiVersion: v2\nversion: 0.1.0\n' \
    'bad-version|apiVersion: v2\nname: a\nversion: 1.0.0-01\n' \
    'bad-type|apiVersion: v2\nname: a\nversion: 1.0\ntype: foo\n' \
    'bad-alias|apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: d\n  alias: x.y\n' \
    'duplicate-dependency|apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: d\n- name: e\n  alias: d\n' \
    'bad-yaml|apiVersion: v2\nname: a\nversion: 1.0.0\n:\n' \
    'wrong-type|apiVersion: v2\nname: a\nversion: 1.0.0\nmaintainers: [x]\n' \
    'nan|apiVersion: v2\nname: a\nversion: 1.0.0\nx: .nan\n' \
    'path-name|apiVersion: v2\nname: a/b\nversion: 1.0.0\n' \
    'api-v9|apiVersion: v9\nname: a\nversion: 1.0.0\n' \
    'list|- a\n'; do
    write "$e/${case%%|*}/Chart.yaml" "${case#*|}"
    compare_error "$e/${case%%|*}" "Chart.yaml ${case%%|*}"
done
for case in 'values-list|values.yaml|- x\n' 'values-separator|values.yaml|a: 1\n---x\n' \
    'values-second-document|values.yaml|a: 1\n---\nb: [\n' 'lock-time|Chart.lock|generated: "2019-01-01"\n' \
    'lock-type|Chart.lock|generated: 3\n' 'requirements-type|requirements.yaml|dependencies: x\n' \
    'double-star|.helmignore|a/**/b\n' 'bad-pattern|.helmignore|[z-\n' \
    'stray-file|charts/README.md|x\n' 'bad-subchart|charts/sub/Chart.yaml|apiVersion: v2\nname: s\nversion: x\n' \
    'not-gzip-subchart|charts/bad.tgz|not gzip at all\n' 'short-subchart|charts/short.tgz|short\n'; do
    name=${case%%|*} rest=${case#*|}
    chart_yaml "$e/$name" a
    write "$e/$name/${rest%%|*}" "${rest#*|}"
    compare_error "$e/$name" "$name"
done
chart_yaml "$e/fifo" && mkfifo "$e/fifo/templates-fifo"
compare_error "$e/fifo" "a fifo"
chart_yaml "$e/broken-link" && ln -s nowhere "$e/broken-link/link"
compare_error "$e/broken-link" "a broken symlink"
chart_yaml "$e/big" && head -c 5242881 /dev/zero >"$e/big/big.bin"
compare_error "$e/big" "a file over 5 MiB"
chart_yaml "$e/exact" && head -c 5242880 /dev/zero >"$e/exact/exact.bin"
compare_listing "$e/exact" "a file of exactly 5 MiB"

CY=$'apiVersion: v2\nname: a\nversion: 0.1.0\n'
for case in 'parent|a/../x=1' 'absolute|a//abs/x=1' 'drive|a/c:/x=1' 'outside|README=1' 'top-chart-yaml|Chart.yaml/x=1' \
    'big-entry|a/big@zeros=5242881' 'tgz-directory|a/charts/x.tgz/Chart.yaml=apiVersion: v2' \
    'nested-not-gzip|a/charts/bad.tgz=not gzip at all'; do
    "$FIXTURE" "$e/${case%%|*}.tgz" "a/Chart.yaml=$CY" "${case#*|}"
    compare_error "$e/${case%%|*}.tgz" "archive ${case%%|*}"
done
"$FIXTURE" "$e/no-chart-yaml.tgz" "a/values.yaml=a: 1"
compare_error "$e/no-chart-yaml.tgz" "archive without Chart.yaml"
"$FIXTURE" "$e/empty.tgz"
compare_error "$e/empty.tgz" "archive without files"
printf 'hello\n' >"$e/plain.txt" && compare_error "$e/plain.txt" "a text file for an archive"
printf 'a: 1\n' >"$e/values.yaml" && compare_error "$e/values.yaml" "a YAML file for an archive"
printf '\x1f\x8b\x08garbage' >"$e/short.tgz" && compare_error "$e/short.tgz" "a gzip header alone"

# celm refuses a symlink that leaves the chart; helm follows it (a deliberate difference).
c=$WORK/outside/c
chart_yaml "$c" && write "$WORK/outside/elsewhere.yaml" 'kind: X\n' && ln -s ../elsewhere.yaml "$c/linked.yaml"
checks=$((checks + 1))
"$HELM" template x "$c" >/dev/null 2>&1 || fail "helm no longer follows a symlink out of the chart"
"$LIST" "$c" | grep -q "^Error: refusing symlink $c/linked.yaml: it resolves to $WORK/outside/elsewhere.yaml" ||
    fail "celm follows a symlink out of the chart"
