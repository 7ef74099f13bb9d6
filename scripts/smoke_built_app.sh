#!/usr/bin/env bash
# Smoke-test a built Casework Trainer (Linux) as a student's machine would run it: a clean
# environment (no virtual environment, no project folder, only PATH, HOME and DISPLAY),
# started from a folder outside the project, on a virtual X display with Qt's real xcb
# platform (not offscreen).
#   1. `casework-trainer --self-test` exits 0 on xcb;
#   2. the app opens its window, quits on Ctrl+Q, and kept its progress in the same
#      per-user folder as a pip install (~/.local/share/CaseworkTrainer), whose log names
#      the installer build.
# Usage: scripts/smoke_built_app.sh PATH-TO-EXECUTABLE | PATH-TO.deb
# (scripts/build_app.py --smoke runs it; needs xvfb, xauth and xdotool)
set -euo pipefail
target=$(realpath "$1")
work=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

if [[ "$target" == *.deb ]]; then
  echo "-- smoke test of $(basename "$target") (its contents, unpacked)"
  dpkg-deb --info "$target" >"$work/deb-info"   # not piped into grep -q: pipefail + SIGPIPE
  grep -q postrm "$work/deb-info" || { echo "the .deb has no postrm" >&2; exit 1; }
  dpkg-deb -x "$target" "$work/root"
  exe="$work/root/opt/casework-trainer/casework-trainer"
else
  echo "-- smoke test of $target"
  exe=$target
fi
[ -x "$exe" ] || { echo "not an executable: $exe" >&2; exit 1; }

# Xvfb picks a free display number itself (others may be running on this machine).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
display=":$(head -n 1 "$work/display")"
sleep 0.5

home="$work/home"
mkdir -p "$home" "$work/elsewhere"
clean=(env -i PATH=/usr/bin:/bin HOME="$home" DISPLAY="$display")

cd "$work/elsewhere"
status=0
"${clean[@]}" "$exe" --self-test >"$work/selftest.out" 2>"$work/selftest.err" || status=$?
cat "$work/selftest.out"
if [ "$status" -ne 0 ]; then
  echo "the built app's --self-test exited with $status" >&2
  cat "$work/selftest.err" >&2
  exit 1
fi
grep -q "on the xcb platform" "$work/selftest.out" \
  || { echo "the self-test did not run on the xcb platform" >&2; exit 1; }
grep -q "installer build" "$work/selftest.out" \
  || { echo "the built app does not say it is an installer build" >&2; exit 1; }
[ ! -e "$home/.local/share/CaseworkTrainer" ] \
  || { echo "the self-test wrote to the real data folder" >&2; exit 1; }

"${clean[@]}" "$exe" >"$work/app.out" 2>&1 &
app=$!
window=""
for _ in $(seq 300); do   # up to 60 s
  window=$(DISPLAY="$display" xdotool search --onlyvisible --name "Casework Trainer" 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$window" ]; then
  echo "the built app did not open a window on the real display:" >&2
  cat "$work/app.out" >&2
  exit 1
fi
sleep 1
DISPLAY="$display" xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q 2>/dev/null \
  || DISPLAY="$display" xdotool key --window "$window" ctrl+q
for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then echo "the built app did not quit on Ctrl+Q" >&2; exit 1; fi
status=0; wait "$app" || status=$?; app=""
[ "$status" -eq 0 ] || { echo "the built app exited with $status:" >&2; cat "$work/app.out" >&2; exit 1; }
data="$home/.local/share/CaseworkTrainer"
[ -f "$data/progress.sqlite3" ] \
  || { echo "no progress database in the per-user folder $data" >&2; exit 1; }
grep -q "installer build" "$data/logs/trainer.log" \
  || { echo "the log does not name the installer build" >&2; exit 1; }
echo "ok: the window opened on xcb and quit on Ctrl+Q; progress in $data; log: $(head -n 1 "$data/logs/trainer.log" | cut -c1-160)"
echo "-- smoke test passed"
