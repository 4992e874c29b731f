#!/bin/sh
# Installs the Debian/Ubuntu packages segment needs, only when some are missing.
set -eu
PKGS="build-essential cmake pkg-config libicu-dev libyaml-dev libjansson-dev libcriterion-dev zlib1g-dev libzstd-dev liblzma-dev libexttextcat-dev libexttextcat-data libxml2-dev zstd xz-utils parallel python3"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
