#!/usr/bin/env bash
# Builds the solution (Release) into the usual bin/ folders, one line per project as it finishes (and npm's own
# output the first time the front-end packages are installed).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build ContainerLab.sln -c "${CONFIGURATION:-Release}" -nologo -v minimal -clp:NoSummary
