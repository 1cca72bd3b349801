#!/usr/bin/env bash
# The whole benchmark suite (BENCHMARKS.md): src/bench/suite.sh [short|full]
#   short: 20k customers / 200k interactions, 5 s runs   (about 5 minutes once the data exists)
#   full:  100k customers / 1M interactions, 30 s runs
# Env: BENCH_WORK (default /tmp/ct-bench; must be searchable by 'nobody', the embedded PostgreSQL's
# user when run as root), REGEN=1 to regenerate the data, PORT_BASE (default 8090).
# Everything listens on and targets 127.0.0.1 only; every run is bounded in time.
set -euo pipefail

MODE=${1:-short}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/ct-bench}
OUT=$ROOT/docs/bench
P1=${PORT_BASE:-8090}
P2=$((P1 + 1))
PB=$((P1 + 10))
case $MODE in
  short) CUSTOMERS=20000;  INTERACTIONS=200000;  D=5;  SD=3;  WU=3;  RWU=1; HIST=300;  RATES_INGEST="250 500 1000"; RATES_READ="500 1000 2000"; LEAD=3; WARM="noop timeline ingest seed-ingest search"; WARM_MAX=30; WARM2=1 ;;
  full)  CUSTOMERS=100000; INTERACTIONS=1000000; D=30; SD=15; WU=12; RWU=3; HIST=1000; RATES_INGEST="250 500 1000 1500 2000 2500"; RATES_READ="500 1000 2000 3000 4000"; LEAD=8; WARM="noop timeline seed-timeline search lists dashboard-page ingest seed-ingest webhook call timeline ingest"; WARM_MAX=900; WARM2=2 ;;
  *) echo "usage: $0 [short|full]"; exit 2 ;;
esac
DATA=$WORK/data-$MODE
export TIMELINE_API_KEY=bench-key-$MODE-0123456789
# the first admin, on a database without users (an older data dir keeps the password it generated then,
# stored in $DATA/secrets.properties: LiveProbe --data-dir tries that one first)
export TIMELINE_ADMIN_PASSWORD=bench-admin-$MODE-0123456789
JAR=$WORK/app.jar
CSV=$OUT/results-$MODE.csv
LOG=$OUT/suite-$MODE.txt
mkdir -p "$WORK" "$OUT"
chmod 755 "$WORK"
rm -f "$CSV"
echo "suite_mode,label,workload,mode,load,requests,errors,throughput,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,service_cpu_ms,db_cpu_ms,service_jit_ms,disk_wait_pct,alloc_kb,gc_pauses,gc_pause_ms" > "$CSV"
exec > >(tee "$LOG") 2>&1

say() { printf '\n=== [%d s] %s\n' "$SECONDS" "$*"; }
main() { local cls=$1; shift; java -Xmx2g -cp "$JAR" -Dloader.main=io.customertimeline.bench.$cls \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"; }
# each run's own warm-up (RWU s) primes its connections; the JIT warm-up step below has run before all of them.
# The load tool also reports the CPU the service instances and PostgreSQL spent per answered request during
# the measured run (from /proc); CPU=0 leaves it out, for runs that overlap another.
load() {
  local cpu=()
  [ "${CPU:-1}" = 1 ] && cpu=(--service-pids="$(cat "$WORK"/app-*.pid 2>/dev/null | paste -sd,)" \
    --db-pid="$(head -1 "$DATA/postgres/postmaster.pid")")
  main LoadTool --data-dir="$DATA" --csv="$CSV" --suite-mode="$MODE" --warmup="$RWU" "${cpu[@]}" "$@"
}
jit_ms() { # pid: CPU milliseconds (user + system) the JVM's JIT compiler threads have used so far
  local s=0 t
  for t in /proc/"$1"/task/*; do
    case $(cat "$t/comm" 2>/dev/null) in
      "C1 CompilerThre"* | "C2 CompilerThre"*) s=$((s + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "$t/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo $((s * 10))
}
warm() { # port workload: one JIT warm-up run, not recorded
  main LoadTool --data-dir="$DATA" --target=http://127.0.0.1:$1 --workload=$2 --clients=16 --duration=$WU --warmup=0 --no-verify \
    | grep -E '^(noop|timeline|seed|search|lists|dashboard|ingest|webhook|call|errors)'
}
jit_settle() { # pid: wait (at most 120 s) until no method is waiting for or being compiled by the JIT
  local t0=$SECONDS n
  while [ $((SECONDS - t0)) -lt 120 ]; do
    n=$(jcmd "$1" Compiler.queue 2>/dev/null | grep -cE '^ *[0-9]+ |CompilerThread' || true)
    [ "$n" = 0 ] && break
    sleep 1
  done
  echo "JIT compile queue drained after $((SECONDS - t0)) s (methods still queued: ${n:-?})"
}
# Until the machine is quiet (at most 120 s): no autovacuum worker running, the CPUs 85 % idle over a
# second. Before runs that compare two small loads: an autovacuum of the tables the runs before grew
# (a minute of it, on these two cores) otherwise lands in whichever run comes first.
settle() {
  local t0=$SECONDS a b t k idle vac port pw
  port=$(sed -n 4p "$DATA/postgres/postmaster.pid"); pw=$(cat "$DATA/postgres.password")
  while [ $((SECONDS - t0)) -lt 120 ]; do
    vac=$(PGPASSWORD=$pw psql -At -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'" 2>/dev/null || echo 0)
    read -ra a < /proc/stat; sleep 1; read -ra b < /proc/stat
    t=0; for k in 1 2 3 4 5 6 7 8; do t=$((t + b[k] - a[k])); done
    idle=$(( (b[4] + b[5] - a[4] - a[5]) * 100 / (t > 0 ? t : 1) ))
    [ "$vac" = 0 ] && [ "$idle" -ge 85 ] && break
  done
  echo "quiet after $((SECONDS - t0)) s (autovacuum workers: $vac, CPUs idle: $idle %)"
}
wait_up() {
  for _ in $(seq 1 600); do curl -sf "127.0.0.1:$1/actuator/health" >/dev/null && return 0; sleep 0.1; done
  echo "the service on port $1 did not come up"; tail -30 "$WORK/app-$1.log"; exit 1
}
start_app() { # port data-dir [VAR=value...]
  local port=$1 dir=$2; shift 2
  env "$@" TIMELINE_DATA_DIR="$dir" TIMELINE_BENCH_ENABLED=true PORT="$port" \
    java -Xms512m -Xmx512m -jar "$JAR" > "$WORK/app-$port.log" 2>&1 &
  echo $! > "$WORK/app-$port.pid"
  wait_up "$port"
}
stop_app() {
  local pid; pid=$(cat "$WORK/app-$1.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$WORK/app-$1.pid"
}
cleanup() {
  [ -n "${BAL_PID:-}" ] && kill "$BAL_PID" 2>/dev/null || true
  [ -n "${JSTAT_PID:-}" ] && kill "$JSTAT_PID" 2>/dev/null || true
  stop_app "$P2"; stop_app "$P1"
}
trap cleanup EXIT

say "machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r)"
java -version 2>&1 | head -1
echo "other load on the machine now: $(uptime | sed 's/.*load average/load average/')"
ps -eo pcpu,user,args --sort=-pcpu | head -6 | cut -c1-120
echo "mode=$MODE customers=$CUSTOMERS interactions=$INTERACTIONS run=${D}s sweep=${SD}s  $(date -u +%FT%TZ)"

say "build (mvn -Pbench package)"
(cd "$ROOT" && mvn -q -Pbench package -DskipTests)
cp "$ROOT/target/bench/customer-timeline-bench.jar" "$JAR" # the service runs from a copy: rebuilding cannot pull its jar away

if [ "${REGEN:-0}" = 1 ]; then rm -rf "$DATA"; fi
if [ ! -f "$DATA/postgres/PG_VERSION" ]; then
  say "first start on an empty data dir (initdb + migrations), then load the generated shop"
  t=$(date +%s.%N); start_app "$P1" "$DATA"; echo "first start: $(awk "BEGIN {print $(date +%s.%N) - $t}") s"
  main DataGenerator --data-dir="$DATA" --customers="$CUSTOMERS" --interactions="$INTERACTIONS" --seed=42 \
    --jsonl="$WORK/shop-$MODE.jsonl" | tee "$OUT/load-$MODE.txt"
  stop_app "$P1"
fi

say "start-up on the existing data dir (JVM start to /actuator/health UP)"
t=$(date +%s.%N); start_app "$P1" "$DATA"; STARTUP=$(awk "BEGIN {printf \"%.2f\", $(date +%s.%N) - $t}")
echo "startup: $STARTUP s  ($(grep -o 'Started Application in [0-9.]* seconds' "$WORK/app-$P1.log"))"
echo "$MODE,startup,startup,-,-,1,0,0,$STARTUP,$STARTUP,$STARTUP,$STARTUP,$STARTUP" >> "$CSV"
APP_PID=$(cat "$WORK/app-$P1.pid")
jstat -gc "$APP_PID" 1000 > "$WORK/jstat-$MODE.txt" 2>/dev/null & JSTAT_PID=$!

# Under load on two cores the JIT's compiler threads get a sliver of CPU, and the JVM takes minutes
# to reach its compiled steady state: under continuous ingest on the tenth round's host the service's
# CPU per event fell from 7.1 ms in the first minute to 1.7-2.0 ms from the sixth on, when the
# compiler threads went quiet. So the warm-up repeats every workload until a whole round leaves the
# compiler threads under 1 % of one core (at most WARM_MAX s), then lets the compile queue drain.
say "JIT warm-up (not recorded): rounds of ${WU}s of each workload until the JIT is quiet (at most ${WARM_MAX}s)"
t0=$SECONDS; round=0
while :; do
  round=$((round + 1)); j0=$(jit_ms "$APP_PID"); r0=$SECONDS
  for w in $WARM; do
    warm "$P1" "$w"
  done
  jit=$(( $(jit_ms "$APP_PID") - j0 )); took=$((SECONDS - r0))
  echo "warm-up round $round: the JIT compiler threads used $jit ms of CPU in $took s"
  [ "$jit" -lt $((took * 10)) ] && break
  [ $((SECONDS - t0)) -ge "$WARM_MAX" ] && { echo "the JIT was still compiling after ${WARM_MAX}s of warm-up"; break; }
done
jit_settle "$APP_PID"

HEAVY=bench.heavy@example.co.za
LIGHT=bench.light@example.co.za
T=http://127.0.0.1:$P1

say "HTTP ceiling: the same app's trivial endpoints, 32 clients"
load --target=$T --label=ceiling-noop --workload=noop --clients=32 --duration=$D
load --target=$T --label=ceiling-health --workload=health --clients=32 --duration=$D

say "reads, closed loop (customers chosen in proportion to their interactions)"
load --target=$T --label=timeline-32c --workload=timeline --clients=32 --duration=$D
load --target=$T --label=seed-timeline-32c --workload=seed-timeline --clients=32 --duration=$D
load --target=$T --label=search-8c --workload=search --clients=8 --duration=$D
load --target=$T --label=lists-8c --workload=lists --clients=8 --duration=$D
if [ "$MODE" = full ]; then # the cost of concurrency; left out of short mode to keep it under 5 minutes
  load --target=$T --label=search-2c --workload=search --clients=2 --duration=$D
  load --target=$T --label=search-1c --workload=search --clients=1 --duration=$D
  load --target=$T --label=lists-1c --workload=lists --clients=1 --duration=$D
fi
load --target=$T --label=dashboard-heavy-1c --workload=dashboard --customer=$HEAVY --clients=1 --duration=$D
load --target=$T --label=dashboard-page-heavy-1c --workload=dashboard-page --customer=$HEAVY --clients=1 --duration=$D

say "ingest, closed loop (max throughput), ours vs the seed design"
load --target=$T --label=ingest-32c --workload=ingest --clients=32 --duration=$D
load --target=$T --label=seed-ingest-32c --workload=seed-ingest --clients=32 --duration=$D
if [ "$MODE" = full ]; then # the same events through the timeline webhook (its secret from the data dir)
  load --target=$T --label=webhook-32c --workload=webhook --clients=32 --duration=$D
  # calls through the call-system endpoint, each with a webhook-id (the inbox's lock and repeat check)
  load --target=$T --label=call-ids-32c --workload=call --webhook-ids --clients=32 --duration=$D
fi

say "search while ingest runs (open loop 250 events/s): staff searching on a busy day"
CPU=0 load --target=$T --label=ingest-open-250-mixed --workload=ingest --mode=open --rate=250 --duration=$((D + 2 * LEAD)) &
MIXED_PID=$!
sleep "$LEAD" # the search starts once ingest has been running for a while
CPU=0 load --target=$T --label=search-during-ingest-1c --workload=search --clients=1 --duration=$D
wait "$MIXED_PID"

say "a customer page while 128 senders saturate ingest: staff during a webhook storm or a sender catching up"
CPU=0 load --target=$T --label=ingest-flood-128c --workload=ingest --clients=128 --duration=$((D + 2 * LEAD)) &
FLOOD_PID=$!
sleep "$LEAD"
CPU=0 load --target=$T --label=dashboard-page-during-flood-1c --workload=dashboard-page --clients=1 --duration=$D
wait "$FLOOD_PID"

say "ingest, open loop at the target rate (2,000 events/s)"
load --target=$T --label=ingest-open-2000 --workload=ingest --mode=open --rate=2000 --duration=$D

say "ingest cost against history: one client, $HIST events to a customer with 10,000 vs 10 past events"
settle
load --target=$T --label=history-heavy --workload=ingest --customer=$HEAVY --clients=1 --requests=$HIST --duration=$D --no-verify
load --target=$T --label=history-light --workload=ingest --customer=$LIGHT --clients=1 --requests=$HIST --duration=$D --no-verify
load --target=$T --label=seed-history-heavy --workload=seed-ingest --customer=$HEAVY --clients=1 --requests=$((HIST / 3)) --duration=$D
load --target=$T --label=seed-history-light --workload=seed-ingest --customer=$LIGHT --clients=1 --requests=$((HIST / 3)) --duration=$D

say "latency vs load (open loop sweeps, ${SD}s each)"
for r in $RATES_INGEST; do load --target=$T --label=sweep-ingest-$r --workload=ingest --mode=open --rate=$r --duration=$SD --warmup=1; done
for r in $RATES_READ; do load --target=$T --label=sweep-timeline-$r --workload=timeline --mode=open --rate=$r --duration=$SD --warmup=1; done

kill "$JSTAT_PID" 2>/dev/null || true; JSTAT_PID=
HEAP=$(awk 'NR>1 && $1+0==$1 {u=($3+$4+$6+$8)/1024; if (u>m) m=u} END {printf "%.0f", m}' "$WORK/jstat-$MODE.txt")
echo "heap: max used ${HEAP} MB (jstat -gc every second, -Xmx512m)"
echo "$MODE,heap-max-used-mb,heap,-,-,1,0,0,$HEAP,$HEAP,$HEAP,$HEAP,$HEAP" >> "$CSV"

say "database ceiling: pgbench (Debian's $(pgbench --version | awk '{print $3}') client) on the service's embedded PostgreSQL"
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid"); export PGPASSWORD; PGPASSWORD=$(cat "$DATA/postgres.password")
PSQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres"
$PSQL -d postgres -c "SELECT version()" -t
$PSQL -d postgres -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench"
pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres -i -s 10 -q pgbench 2>&1 | tail -1
for kind in tpcb select; do
  flag=; [ $kind = select ] && flag=-S
  res=$(pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres $flag -c 8 -j 2 -T "$D" pgbench 2>&1)
  echo "$res" | grep -E "^(tps|latency)"
  tps=$(echo "$res" | sed -n 's/^tps = \([0-9.]*\).*/\1/p'); lat=$(echo "$res" | sed -n 's/^latency average = \([0-9.]*\).*/\1/p')
  echo "$MODE,pgbench-$kind-8c,pgbench-$kind,closed,8c,0,0,$tps,$lat,,,," >> "$CSV"
done
$PSQL -d postgres -c "DROP DATABASE pgbench"

say "two instances on one PostgreSQL behind a loopback round-robin balancer"
start_app "$P2" "$WORK/data-$MODE-second" DATABASE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres?user=postgres&password=$PGPASSWORD"
java -cp "$JAR" -Dloader.main=io.customertimeline.bench.Balancer org.springframework.boot.loader.launch.PropertiesLauncher \
  --listen=$PB --backends=$P1,$P2 --duration=$((D * 6 + 60)) > "$WORK/balancer.log" 2>&1 & BAL_PID=$! # java itself, so kill reaches it
for _ in $(seq 1 "$WARM2"); do # the second JVM's JIT warm-up (not recorded): it starts cold, the first has compiled for minutes
  for w in timeline ingest; do
    warm "$P2" "$w"
  done
done
jit_settle "$(cat "$WORK/app-$P2.pid")"
load --target=http://127.0.0.1:$PB --label=two-instances-ingest-32c --workload=ingest --clients=32 --duration=$D
load --target=http://127.0.0.1:$PB --label=two-instances-timeline-32c --workload=timeline --clients=32 --duration=$D
kill "$BAL_PID" 2>/dev/null || true; BAL_PID=
echo "live dashboard updates: one event stream per instance, $((D * 10)) events at 20/s ingested alternately through each"
main LiveProbe --data-dir="$DATA" --instances=$P1,$P2 --events=$((D * 10)) --rate=20 --csv="$CSV" --suite-mode="$MODE" \
  --label=live-two-instances || echo "!!! live updates: LiveProbe exit $? (events missing on an instance: errors column)"
stop_app "$P2"

if [ "$MODE" = full ]; then # three more starts; left out of short mode to keep it under 5 minutes
  say "start-up from the extracted jar with a class-data-sharing archive (README, 'Faster start-up')"
  stop_app "$P1"
  rm -rf "$WORK/extracted" && java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >/dev/null
  XJAR=$WORK/extracted/$(basename "$JAR")
  start_xapp() { env TIMELINE_DATA_DIR="$DATA" TIMELINE_BENCH_ENABLED=true PORT="$P1" java -Xms512m -Xmx512m "$@" -jar "$XJAR" \
      > "$WORK/app-$P1.log" 2>&1 & echo $! > "$WORK/app-$P1.pid"; wait_up "$P1"; }
  start_xapp -XX:ArchiveClassesAtExit="$WORK/extracted/app.jsa"; stop_app "$P1" # the training start writes the archive at exit
  t=$(date +%s.%N); start_xapp -XX:SharedArchiveFile="$WORK/extracted/app.jsa"
  CDS=$(awk "BEGIN {printf \"%.2f\", $(date +%s.%N) - $t}"); stop_app "$P1"
  echo "startup with CDS: $CDS s  (java -jar on the fat jar: $STARTUP s, above)"
  echo "$MODE,startup-cds,startup,-,-,1,0,0,$CDS,$CDS,$CDS,$CDS,$CDS" >> "$CSV"
fi

say "chart"
grep -E '^(suite_mode|'"$MODE"'),' "$CSV" | grep -E 'suite_mode|,sweep-' > "$OUT/latency-vs-load-$MODE.csv"
main Chart --csv="$OUT/latency-vs-load-$MODE.csv" --png="$OUT/latency-vs-load-$MODE.png" \
  --title="Customer Timeline ($MODE mode, $(nproc) cores): latency vs offered load"

say "other load on the machine at the end: $(uptime | sed 's/.*load average/load average/')"
ps -eo pcpu,user,args --sort=-pcpu | head -6 | cut -c1-120

say "results ($CSV)"
column -s, -t < "$CSV"
