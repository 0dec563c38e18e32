#!/usr/bin/env bash
# End to end through a real Prometheus Alertmanager: bench/page-latency.sh --alertmanager (see there and
# bench/README.md). Alerts are posted to Alertmanager's own API and, alternately, straight to Cairn's hook
# (the yardstick); it reports the time to the alert group, the page and the page e-mail for both paths.
exec "$(dirname "$0")/page-latency.sh" --alertmanager "$@"
