#!/usr/bin/env bash
# installed_sdk.sh: installs celm into a scratch prefix, builds the example plugin from the installed
# SDK alone (CMake package and pkg-config), and loads it: it must pass the storage contract.
set -euo pipefail
build_dir=$1 source_dir=$2 contract=$3 celm=$4
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null
cp -r "$source_dir/sdk/examples/storage-example" "$scratch/src"

# 1. The CMake package.
cmake -S "$scratch/src" -B "$scratch/cmake-build" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/cmake-build" >/dev/null
plugin=$scratch/cmake-build/celm-storage-example.so
test -f "$plugin" || { echo "CMake package build produced no plugin"; exit 1; }

# 2. pkg-config, with no CMake at all.
PKG_CONFIG_PATH=$(dirname "$(find "$scratch/prefix" -name celm-sdk.pc)") make -s -C "$scratch/src" >/dev/null
test -f "$scratch/src/celm-storage-example.so" || { echo "pkg-config build produced no plugin"; exit 1; }

# 3. Exactly one exported symbol, named after the file.
exports=$(nm -D --defined-only "$plugin" | awk '$2 ~ /^[TDBR]$/ {print $3}')
[ "$exports" = "celm_plugin_storage_example" ] || { echo "unexpected exports: $exports"; exit 1; }

# 4. The installed headers alone compile as strict C99 and as C++.
printf '#include <celm/sdk.h>\nint main(void) { return CELM_ABI_MAJOR - 1; }\n' > "$scratch/header.c"
cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$scratch/prefix/include" -c "$scratch/header.c" -o /dev/null
if command -v c++ >/dev/null; then
    c++ -x c++ -std=c++11 -Wall -Wextra -Werror -I"$scratch/prefix/include" -c "$scratch/header.c" -o /dev/null
fi

# 5. The core loads it and it keeps the storage contract; celm lists it as loaded.
"$contract" "$scratch/cmake-build" example
"$contract" "$scratch/src" example
"$celm" plugin list --plugin-dir "$scratch/cmake-build" | grep -E '^storage[[:space:]]+example[[:space:]]+1\.0\.0[[:space:]]+1\.[0-9]+[[:space:]]+loaded' >/dev/null \
    || { echo "celm plugin list does not show the example as loaded"; "$celm" plugin list --plugin-dir "$scratch/cmake-build"; exit 1; }
echo "installed SDK: example plugin built (CMake and pkg-config), loaded, contract passed"
