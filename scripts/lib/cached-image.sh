# Sourced by scripts/build-vm-image.sh and scripts/build-emulation-image.sh: an image built as a rootfs tar, kept in
# DIR/NAME-image.tar beside DIR/built, the key of what it was made from (package versions, the scripts), and imported
# into the running containerlabd as NAME unless the script's first argument is --tar-only.
#   cached_image_is_built NAME DIR KEY ARG   imports the cached tar and exits 0 when it was built from KEY
#   cached_image_keep NAME DIR KEY TAR ARG   keeps the freshly built TAR with its KEY, then imports it

cached_image_import() {
  local name="$1" tar="$2" arg="$3"
  [ "$arg" = "--tar-only" ] || ./clabctl images import --name "$name" --format rootfs "$tar"
}

cached_image_is_built() {
  local name="$1" dir="$2" key="$3" arg="$4"
  if [ -s "$dir/$name-image.tar" ] && [ "$(cat "$dir/built" 2>/dev/null)" = "$key" ]; then
    echo "build-$name-image.sh: $key is built in $dir"
    cached_image_import "$name" "$dir/$name-image.tar" "$arg"
    exit 0
  fi
}

cached_image_keep() {
  local name="$1" dir="$2" key="$3" tar="$4" arg="$5"
  mv "$tar" "$dir/$name-image.tar"
  echo "$key" > "$dir/built"
  echo "build-$name-image.sh: $dir/$name-image.tar ($key), $(du -h "$dir/$name-image.tar" | cut -f1)"
  cached_image_import "$name" "$dir/$name-image.tar" "$arg"
}
