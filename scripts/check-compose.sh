#!/usr/bin/env bash
# Validates docker-compose.yml without building or running anything, and lints deploy/Dockerfile. Prints which tool
# did each check; exits non-zero when any check fails or no validator can be had.
#   scripts/check-compose.sh [COMPOSE_FILE]     (default: docker-compose.yml at the repository root)
#
# With Compose v2 (`docker compose` plugin or a 2.x docker-compose) its own `config --quiet` decides: that is what
# `docker compose up` will read. Debian 12 packages only docker-compose 1.29 (Python), whose schema predates keys
# this file uses (top-level `name`, service `cgroup`), so without v2 two checks stand in for it:
#   1. dclint (npm, pinned): the file against the current Compose Specification JSON schema (knows every key);
#      its style-only rules are turned off.
#   2. docker-compose 1.29 `config --quiet` on a copy without the keys it predates: variable interpolation,
#      references (depends_on services, named volumes), port and volume syntax.
# The Dockerfile is linted with dockerfile-utils (npm, pinned) and with hadolint when it is on PATH.
# Missing tools are installed: docker-compose with apt-get (as root), the npm ones into $CONTAINERLAB_TOOLS.
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-docker-compose.yml}"
dockerfile=deploy/Dockerfile
tools="${CONTAINERLAB_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/containerlab/compose-tools}"
dclint_version=3.1.0
dockerfile_utils_version=0.16.3
# Keys of the Compose Specification newer than docker-compose 1.29's schema, removed only for check 2.
v1_unknown_keys="top-level name; services.*.cgroup"

say() { echo "check-compose.sh: $*"; }
[ -f "$file" ] || { say "$file not found"; exit 2; }
failed=0

npm_tool() { # npm_tool BIN PACKAGE@VERSION: path of a pinned npm tool (every pinned tool is installed into $tools at once)
  local bin="$tools/node_modules/.bin/$1"
  if [ ! -x "$bin" ] || ! grep -q "\"version\": \"${2##*@}\"" "$tools/node_modules/${2%@*}/package.json" 2>/dev/null; then
    command -v npm >/dev/null || return 1
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{"private": true}' > "$tools/package.json"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
      "dclint@$dclint_version" "dockerfile-utils@$dockerfile_utils_version" >&2 || return 1
  fi
  [ -x "$bin" ] && echo "$bin"
}

compose_v2() { # the command of a Compose v2 CLI, if there is one
  if docker compose version >/dev/null 2>&1; then echo "docker compose"; return; fi
  if command -v docker-compose >/dev/null && docker-compose version --short 2>/dev/null | grep -q '^v\?2\.'; then
    echo "docker-compose"
  fi
}

# ---- the compose file --------------------------------------------------------------------------------------------
v2="$(compose_v2)"
if [ -n "$v2" ]; then
  say "using $v2 $($v2 version --short 2>/dev/null) (Compose v2): $v2 -f $file config --quiet"
  $v2 -f "$file" config --quiet || failed=1
else
  say "no Compose v2 here (no 'docker compose' plugin); using dclint and docker-compose 1.x"
  checks=0

  if dclint="$(npm_tool dclint "dclint@$dclint_version")"; then
    say "using dclint $dclint_version: $file against the Compose Specification schema"
    # Style rules off (key order, quoting); no-unbound-port-interfaces does not read ${...} (the port is bound to
    # ${CONTAINERLAB_WEB_BIND:-127.0.0.1}).
    "$dclint" "$file" --no-color \
      --disable-rule service-keys-order --disable-rule require-quotes-in-ports \
      --disable-rule no-unbound-port-interfaces || failed=1
    checks=$((checks + 1))
  else
    say "dclint unavailable (needs npm and the npm registry)"
  fi

  if ! command -v docker-compose >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's docker-compose"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } || true
  fi
  # The Python that runs docker-compose has PyYAML (its dependency); a python3 earlier on PATH may not.
  v1_python="$(command -v docker-compose >/dev/null && sed -n '1s/^#! *\([^ ]*\).*/\1/p' "$(command -v docker-compose)" || true)"
  [ -x "${v1_python:-}" ] || v1_python=python3
  if command -v docker-compose >/dev/null && "$v1_python" -c 'import yaml' 2>/dev/null; then
    say "using docker-compose $(docker-compose version --short): config --quiet (without: $v1_unknown_keys)"
    # pipefail: a failure of either side fails the check.
    "$v1_python" - "$file" <<'EOF' | docker-compose -f - --project-directory . config --quiet || failed=1
import sys, yaml
try:
    doc = yaml.safe_load(open(sys.argv[1]))
except yaml.YAMLError as e:
    sys.exit(f"check-compose.sh: {sys.argv[1]} is not valid YAML: {e}")
if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
    sys.exit("check-compose.sh: no services mapping in " + sys.argv[1])
doc.pop("name", None)
for service in doc["services"].values():
    if isinstance(service, dict):
        service.pop("cgroup", None)
yaml.safe_dump(doc, sys.stdout, sort_keys=False)
EOF
    checks=$((checks + 1))
  else
    say "docker-compose 1.x unavailable (apt-get install docker-compose)"
  fi

  if [ "$checks" = 0 ]; then
    say "FAILED: no validator could be had for $file"
    exit 1
  fi
fi

# ---- the Dockerfile ----------------------------------------------------------------------------------------------
if dockerfile_utils="$(npm_tool dockerfile-utils "dockerfile-utils@$dockerfile_utils_version")"; then
  say "using dockerfile-utils $dockerfile_utils_version: lint $dockerfile"
  "$dockerfile_utils" lint "$dockerfile" || failed=1
else
  say "dockerfile-utils unavailable: $dockerfile not linted"
fi
if command -v hadolint >/dev/null; then
  say "using $(hadolint --version): $dockerfile"
  hadolint "$dockerfile" || failed=1
else
  say "hadolint not installed: skipped"
fi

if [ "$failed" != 0 ]; then
  say "FAILED"
  exit 1
fi
say "OK: $file and $dockerfile are valid"
