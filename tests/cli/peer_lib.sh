# peer_lib.sh: what the scripts comparing celm with helm share: arguments, a scratch folder, helm's homes.
# Sourced with `celm helm [corpus]` as arguments; sets celm, helm, corpus, scratch, passed, failed.
set -euo pipefail
celm=$1 helm=$2 corpus=${3:-}
[ -x "$helm" ] || { echo "no helm at $helm (run scripts/test-peers)"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HELM_CONFIG_HOME=$scratch/config HELM_CACHE_HOME=$scratch/cache HELM_DATA_HOME=$scratch/data
passed=0 failed=0
