#!/usr/bin/env bash
# Installs the ZooKeeper server that the ZooKeeper tests start (Debian's `zookeeper` package,
# which brings /usr/share/java/zookeeper.jar and a Java runtime). Idempotent; needs root.
set -euo pipefail

jar=/usr/share/java/zookeeper.jar

if [[ -f "$jar" ]] && command -v java >/dev/null 2>&1; then
    echo "zookeeper: already installed ($jar)"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "zookeeper: not installed and this script needs root to install it (apt-get install zookeeper)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends zookeeper >/dev/null

# The package may register a system service; the tests start their own throwaway servers instead.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet zookeeper 2>/dev/null; then
    systemctl stop zookeeper || true
fi

if [[ ! -f "$jar" ]]; then
    echo "zookeeper: the package was installed but $jar is missing" >&2
    exit 1
fi

echo "zookeeper: installed ($jar, $(java -version 2>&1 | head -n 1))"
