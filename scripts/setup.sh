#!/usr/bin/env bash
# Installs the Debian packages isrlu-codesign drives, when they are missing: Icarus Verilog and
# Verilator (co-simulation), nextpnr-ice40 (optional Fmax). Needs root (apt-get); does nothing
# when everything is already there. Yosys comes from npm (@yowasp/yosys), not from here.
set -euo pipefail
need=()
command -v iverilog >/dev/null 2>&1 || need+=(iverilog)
command -v verilator >/dev/null 2>&1 || need+=(verilator)
command -v nextpnr-ice40 >/dev/null 2>&1 || need+=(nextpnr-ice40)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
first_line() { local out; out=$("$@" 2>&1 || true); echo "${out%%$'\n'*}"; }
first_line iverilog -V
first_line verilator --version
if command -v nextpnr-ice40 >/dev/null; then first_line nextpnr-ice40 --version; fi
