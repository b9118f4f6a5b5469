#!/usr/bin/env bash
# Validates the alert rules and every PromQL expression of the dashboard with promtool
# (Debian: apt-get install prometheus). With a base URL and admin credentials it also lists the
# tillsync_* metrics the rules and dashboard use that a running node does not export (yet):
#   deploy/monitoring/check.sh [http://127.0.0.1:24080 admin:password]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v promtool >/dev/null || { echo "promtool missing: apt-get install -y prometheus" >&2; exit 2; }
promtool check rules "$here/tillsync-alerts.yml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$here/tillsync-dashboard.json" > "$tmp/dashboard-rules.yml" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("groups:\n  - name: dashboard\n    rules:")
n = 0
for p in d["panels"]:
    for t in p.get("targets", []):
        n += 1
        print(f"      - record: dashboard:expr{n}\n        expr: {json.dumps(t['expr'])}")
PY
echo "dashboard expressions:"
promtool check rules "$tmp/dashboard-rules.yml"
if [ $# -ge 2 ]; then
    curl -sf -u "$2" "$1/actuator/prometheus" | grep -v '^#' | sed 's/[{ ].*//' | sort -u > "$tmp/exported"
    grep -ohE 'tillsync_[a-z_]*[a-z](_\*)?' "$here/tillsync-alerts.yml" "$here/tillsync-dashboard.json" | grep -v '\*$' | sort -u | while read -r m; do
        grep -qE "^${m}(_total|_bucket|_count|_sum|_max)?$" "$tmp/exported" || echo "not exported by $1: $m (counters and per-till gauges appear after the first sync)"
    done
fi
