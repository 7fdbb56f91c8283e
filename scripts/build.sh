#!/usr/bin/env bash
# Builds the solution (Release) into the usual bin/ folders.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build ContainerLab.sln -c "${CONFIGURATION:-Release}" -nologo -v quiet -clp:NoSummary
