#!/bin/bash
# Builds an executable as Formwork is deployed and benchmarked: optimised, and on Linux one static,
# position-independent executable (the Swift runtime, Foundation, glibc and libstdc++ linked in). A command
# then starts without the dynamic loader: ~2 ms sooner than the `--static-swift-stdlib` build, which still
# maps libc, libm, libstdc++ and libgcc_s and relocates itself against them, and with its address still
# randomised. See docs/design/command-start.md.
#
# Usage: bash scripts/build-static.sh [PRODUCT] [SCRATCH]
#   PRODUCT  the executable product (default: formwork); PACKAGE (default: this repository) names its package
#   SCRATCH  the build folder (default: PACKAGE/.build)
# The last line printed is the executable's path: BIN/static/PRODUCT, beside SwiftPM's own BIN/PRODUCT.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGE=${PACKAGE:-$HERE}
PRODUCT=${1:-formwork}
SCRATCH=${2:-$PACKAGE/.build}
# Concrete generic types (a dictionary keyed by a form's id, say) are reached through their metadata accessors
# rather than by mangled name, which at a type's first use demangles the name and scans every conformance record
# of the executable: docs/design/command-start.md, "Generic types named at run time". The code is otherwise the same.
build=(swift build -c release --static-swift-stdlib --package-path "$PACKAGE" --scratch-path "$SCRATCH"
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
"${build[@]}" --product "$PRODUCT" >&2
BIN=$("${build[@]}" --show-bin-path)
if [[ "$(uname -s)" != Linux ]]; then
  echo "$BIN/$PRODUCT"
  exit 0
fi
# SwiftPM compiled every object with the static Swift runtime (`--static-swift-stdlib`, which also names the
# libraries Foundation needs); the link is done again with `-static-executable`. The flags must reach the link
# only: given to the compiler (`-Xswiftc`), `-static-executable` makes code that is not position-independent,
# and the static PIE linked from it crashes at start. lld, because gold cannot link a static PIE.
LIST="$BIN/$PRODUCT.product/Objects.LinkFileList"
[[ -f "$LIST" ]] || { echo "build-static.sh: no $LIST (has SwiftPM changed its layout?)" >&2; exit 1; }
mkdir -p "$BIN/static"
MODULE=${PRODUCT//-/_}
swiftc -static-stdlib -static-executable -use-ld=lld -Xclang-linker -static-pie -emit-executable -g \
  -module-name "$MODULE" -L "$BIN" -lstdc++ -Xlinker --gc-sections -Xlinker --defsym -Xlinker "main=${MODULE}_main" \
  @"$LIST" -o "$BIN/static/$PRODUCT" 2> >(grep -v -e "statically linked applications requires at runtime" \
  -e "the use of \`mktemp' is dangerous" >&2)
"$BIN/static/$PRODUCT" --help > /dev/null
echo "$BIN/static/$PRODUCT"
