# Sourced by the scripts in scripts/: each long step announces itself and says how long it took, so an admin watching a
# first install (apt, dotnet build, npm, mmdebstrap: minutes) sees what runs instead of a silent terminal.
#   phase "building the solution" scripts/build.sh

phase() {
  local what="$1" start=$SECONDS status=0
  shift
  echo "==> $what"
  "$@" || status=$?
  if [ $status -eq 0 ]; then
    echo "==> $what: done in $((SECONDS - start)) s"
  else
    echo "==> $what: FAILED (exit $status) after $((SECONDS - start)) s" >&2
  fi
  return $status
}
