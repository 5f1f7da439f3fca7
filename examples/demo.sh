#!/usr/bin/env bash
# The main job on the embedded SQLite store with the example data:
# init -> import residents -> register tickets -> import doses -> record a dose (as at a venue) -> show a resident.
# Run from anywhere after building (./mvnw -B -q package -DskipTests); it works in a fresh directory and
# never touches an existing store.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
vrsctl="$root/target/vrsctl/bin/vrsctl"
[ -x "$vrsctl" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 1; }

work=${DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vrsctl-demo.XXXXXX")}
mkdir -p "$work"
cd "$work"
umask 077
echo "== working in $work" >&2

# A synthetic password, in a file with mode 0600: secrets never go on the command line.
printf 'demo password for example data only\n' > admin.pw
export VRSCTL_STORE="sqlite:$work/vrs.db" VRSCTL_MUNICIPALITY=112151 VRSCTL_USER=admin VRSCTL_PASSWORD_FILE="$work/admin.pw"

step() { printf "\n== vrsctl %s\n" "$*" >&2; "$vrsctl" "$@"; }

step init --municipality 112151 --admin admin --password-file admin.pw --recovery-file recovery.txt
step resident import "$here/residents.csv"
step resident import "$here/residents.csv"            # re-import: nothing changes
step ticket import "$here/tickets.csv"
step dose import "$here/doses.csv" --as-of 2024-06-01
step resident list --limit 5
# Issue a dose-4 ticket to a resident who has had dose 3, then a venue records the dose with that ticket
# and the holder's birth date (both must match: a misread ticket number alone cannot hit another person).
a3=$(awk -F, '$3 == "3" { print $1; exit }' "$here/tickets.csv")
printf "\n" >&2; echo "== vrsctl ticket issue $a3 --dose 4 --issued-on 2024-05-01 -o json" >&2
t4=$("$vrsctl" ticket issue "$a3" --dose 4 --issued-on 2024-05-01 -o json | sed -n 's/.*"ticket_number" : "\([0-9]*\)".*/\1/p')
birth=$("$vrsctl" resident show "$a3" -o json | sed -n 's/.*"birth_date" : "\([0-9-]*\)".*/\1/p' | head -1)
step dose record --ticket "$t4" --birth-date "$birth" --date 2024-05-20 --product スパイクバックス --lot 3005123 \
  --venue-code V001 --as-of 2024-06-01
step resident show "$a3"
step ticket issue --dose 4 --all-eligible --as-of 2024-06-01 --dry-run
printf "\n" >&2; echo "== done: store $work/vrs.db" >&2
