#!/usr/bin/env bash
# The production shape on one machine, from the packaged jar and Debian's redis-server and nginx:
#   Redis (its own port, append-only file), the store as its own process over TCP (the embedded Mongo-wire
#   store, journaled; or a real MongoDB when ORDERHUB_STORE_URI is set), N import instances (2 by default),
#   one partner and one dashboard instance, and nginx in front (ops/nginx.conf, the template compose uses too).
#
# usage: ops/cluster.sh up | down | status | start NAME | stop NAME | kill NAME | names
#   up       starts everything, waits until every process is ready, prints the public URL first; exits 0 then
#   down     stops exactly what up started (SIGTERM, then SIGKILL after 30 s)
#   status   one line per process: running or not, and ready or not
#   start/stop/kill NAME   one process (import-1, import-2, partner, dashboard, store, redis, nginx), with the
#            command line up gave it; kill is SIGKILL (fault drills)
#
# Settings (environment):
#   ORDERHUB_STORES_FILE      the stores (as compose mounts it)                 default examples/stores.yml
#   ORDERHUB_STORE_URI        a real MongoDB instead of the store process       default: the store process
#   ORDERHUB_CLUSTER_DIR      run state: pids, logs, data, the filled-in nginx.conf, secrets.env
#                                                                               default target/cluster
#   ORDERHUB_CLUSTER_PORT     nginx's public port; the processes take the next ports   default 18080
#   ORDERHUB_CLUSTER_IMPORTS  how many import instances                         default 2
#   ORDERHUB_CLUSTER_HEAP     each hub JVM's -Xmx                               default 384m
#   ORDERHUB_CLUSTER_HUB_ARGS extra arguments for every hub process (e.g. shorter timeline durations)
#   ORDERHUB_CLUSTER_READY_TIMEOUT  seconds up waits for readiness              default 300
#   ORDERHUB_ADMIN_API_KEY, ORDERHUB_DASHBOARD_TOKEN, ORDERHUB_PARTNER_SERVICE_KEY, ORDERHUB_TRACKING_SECRET:
#            used when set; otherwise generated for the run, printed, and kept in secrets.env
#   SHOPIFY_WEBHOOK_SECRET    the Shopify app's secret, when the stores file does not give one
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

dir=${ORDERHUB_CLUSTER_DIR:-$repo/target/cluster}
port=${ORDERHUB_CLUSTER_PORT:-18080}
imports=${ORDERHUB_CLUSTER_IMPORTS:-2}
heap=${ORDERHUB_CLUSTER_HEAP:-384m}
ready_timeout=${ORDERHUB_CLUSTER_READY_TIMEOUT:-300}
stores_file=${ORDERHUB_STORES_FILE:-$repo/examples/stores.yml}

# Ports: nginx, then one per process, in a fixed order so a restarted process gets its own again.
redis_port=$((port + 1)); store_port=$((port + 2)); partner_port=$((port + 3)); dashboard_port=$((port + 4))
dashboard_ws_port=$((port + 5)); first_import_port=$((port + 10))

die() { echo "cluster: $*" >&2; exit 1; }
log() { echo "cluster: $*" >&2; }

import_names() { local i; for ((i = 1; i <= imports; i++)); do echo "import-$i"; done; }
all_names() { echo redis; [[ -f "$dir/cmd/store" ]] && echo store; echo partner; echo dashboard; import_names; echo nginx; }

pid_of() { [[ -f "$dir/pids/$1" ]] && cat "$dir/pids/$1"; }
alive() { local pid; pid=$(pid_of "$1") && [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

jar() {
  local jar
  jar=$(ls "$repo"/target/order-import-hub-*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -1 || true)
  [[ -n "$jar" ]] || die "no packaged jar: run ./mvnw -B package -DskipTests first"
  echo "$jar"
}

secret() { openssl rand -hex 24 2>/dev/null || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Starts the command saved for NAME in the background, in a session of its own (so a stop reaches its
# children too), output appended to logs/NAME.log.
launch() {
  local name=$1
  [[ -f "$dir/cmd/$name" ]] || die "unknown process $name (known: $(ls "$dir/cmd" | tr '\n' ' '))"
  alive "$name" && { log "$name is already running (pid $(pid_of "$name"))"; return 0; }
  if [[ "$name" == nginx ]]; then
    # nginx daemonizes itself and writes its own pid file.
    bash "$dir/cmd/$name" >>"$dir/logs/nginx.log" 2>&1
    for _ in $(seq 1 50); do [[ -s "$dir/nginx/nginx.pid" ]] && break; sleep 0.1; done
    cp "$dir/nginx/nginx.pid" "$dir/pids/nginx"
    return 0
  fi
  if [[ "$name" == redis ]]; then
    bash "$dir/cmd/$name" >>"$dir/logs/redis.log" 2>&1
    for _ in $(seq 1 50); do [[ -s "$dir/redis/redis.pid" ]] && break; sleep 0.1; done
    cp "$dir/redis/redis.pid" "$dir/pids/redis"
    return 0
  fi
  setsid bash "$dir/cmd/$name" >>"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name"
}

signal_and_wait() {
  local name=$1 signal=$2 pid
  pid=$(pid_of "$name") || return 0
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    # The hub processes run in sessions of their own (setsid): signal the whole group, java included.
    if [[ "$name" != nginx && "$name" != redis ]]; then kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
    else kill "-$signal" "$pid" 2>/dev/null || true; fi
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) did not stop in 30 s; SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$dir/pids/$name"
}

http_status() { # url -> HTTP status, 000 when nothing answers
  local host_port=${1#http://}; host_port=${host_port%%/*}
  local path=/${1#http://*/}
  local status
  { exec 3<>"/dev/tcp/${host_port%:*}/${host_port#*:}"; } 2>/dev/null || { echo 000; return; }
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host_port" >&3
  IFS=' ' read -r -t 5 _ status _ <&3 || status=000
  exec 3<&- 3>&-
  echo "${status:-000}"
}

ready() { # name -> 0 when the process answers as ready
  local name=$1
  case "$name" in
    redis) [[ "$(printf 'PING\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$redis_port; cat >&3; head -c 5 <&3" 2>/dev/null)" == "+PONG" ]] ;;
    store) alive store && { exec 3<>"/dev/tcp/127.0.0.1/$store_port"; } 2>/dev/null && exec 3<&- 3>&- ;;
    nginx) [[ "$(http_status "http://127.0.0.1:$port/actuator/health/readiness")" == 200 ]] ;;
    *) [[ "$(http_status "http://127.0.0.1:$(hub_port "$name")/actuator/health/readiness")" == 200 ]] ;;
  esac
}

hub_port() {
  case "$1" in
    partner) echo "$partner_port" ;;
    dashboard) echo "$dashboard_port" ;;
    import-*) echo $((first_import_port + ${1#import-} - 1)) ;;
  esac
}

await_ready() {
  local deadline=$((SECONDS + ready_timeout)) name pending
  while :; do
    pending=()
    for name in "$@"; do
      ready "$name" || pending+=("$name")
      alive "$name" || die "$name exited while starting; see $dir/logs/$name.log"
    done
    ((${#pending[@]} == 0)) && return 0
    ((SECONDS < deadline)) || die "not ready after ${ready_timeout} s: ${pending[*]} (logs in $dir/logs)"
    sleep 0.5
  done
}

write_commands() {
  local jar java store_uri name role hub_port
  jar=$(jar)
  java=${JAVA_HOME:+$JAVA_HOME/bin/}java
  mkdir -p "$dir"/{cmd,pids,logs,redis,nginx}
  [[ -f "$stores_file" ]] || die "ORDERHUB_STORES_FILE $stores_file does not exist"
  stores_file=$(cd "$(dirname "$stores_file")" && pwd)/$(basename "$stores_file")

  # Secrets: from the environment, else those of this run directory's last run, else new ones.
  local key
  for key in ORDERHUB_ADMIN_API_KEY ORDERHUB_DASHBOARD_TOKEN ORDERHUB_PARTNER_SERVICE_KEY ORDERHUB_TRACKING_SECRET; do
    if [[ -z "${!key:-}" ]]; then
      printf -v "$key" '%s' "$(sed -n "s/^$key=//p" "$dir/secrets.env" 2>/dev/null)"
      [[ -n "${!key}" ]] || printf -v "$key" '%s' "$(secret)"
    fi
  done
  (umask 077; for key in ORDERHUB_ADMIN_API_KEY ORDERHUB_DASHBOARD_TOKEN ORDERHUB_PARTNER_SERVICE_KEY ORDERHUB_TRACKING_SECRET; do
    echo "$key=${!key}"; done > "$dir/secrets.env")

  cat > "$dir/cmd/redis" <<EOF
exec redis-server --daemonize yes --bind 127.0.0.1 --port $redis_port --dir '$dir/redis' --appendonly yes \\
  --appendfsync everysec --save '' --pidfile '$dir/redis/redis.pid' --logfile '$dir/logs/redis.log'
EOF
  if [[ -n "${ORDERHUB_STORE_URI:-}" ]]; then
    store_uri=$ORDERHUB_STORE_URI
    rm -f "$dir/cmd/store"
  else
    store_uri="mongodb://127.0.0.1:$store_port"
    cat > "$dir/cmd/store" <<EOF
exec '$java' -XX:+UseParallelGC -Xmx1g -cp '$jar' -Dloader.main=io.orderhub.store.StoreServer \\
  org.springframework.boot.loader.launch.PropertiesLauncher '$dir/store' $store_port
EOF
  fi

  for name in partner dashboard $(import_names); do
    role=${name%%-*}
    hub_port=$(hub_port "$name")
    cat > "$dir/cmd/$name" <<EOF
export ORDERHUB_ADMIN_API_KEY='$ORDERHUB_ADMIN_API_KEY' ORDERHUB_DASHBOARD_TOKEN='$ORDERHUB_DASHBOARD_TOKEN'
export ORDERHUB_PARTNER_SERVICE_KEY='$ORDERHUB_PARTNER_SERVICE_KEY' ORDERHUB_ADMIN_TRACKING_SECRET='$ORDERHUB_TRACKING_SECRET'
export SHOPIFY_WEBHOOK_SECRET='${SHOPIFY_WEBHOOK_SECRET:-}'
exec '$java' -XX:+UseParallelGC -Xmx$heap -jar '$jar' --server.port=$hub_port --orderhub.roles=$role \\
  --orderhub.assignment.instance-id=$name \\
  --spring.config.additional-location=file:'$stores_file' \\
  --orderhub.store.uri='$store_uri' --orderhub.data-dir='$dir/$name' \\
  --orderhub.idempotency.cache=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$redis_port \\
  --spring.data.redis.connect-timeout=5s --spring.data.redis.timeout=2s \\
  --orderhub.partner.base-url=http://127.0.0.1:$partner_port --orderhub.dashboard.base-url=http://127.0.0.1:$dashboard_port \\
  --orderhub.dashboard.websocket-port=$([[ $role == dashboard ]] && echo "$dashboard_ws_port" || echo 0) \\
  --orderhub.dashboard.public-websocket-port=0 \\
  ${ORDERHUB_CLUSTER_HUB_ARGS:-}
EOF
  done

  local servers="" i
  for ((i = 1; i <= imports; i++)); do
    servers+="server 127.0.0.1:$(hub_port "import-$i") max_fails=2 fail_timeout=5s; "
  done
  LISTEN="127.0.0.1:$port" IMPORT_SERVERS="$servers" PARTNER="127.0.0.1:$partner_port" \
    DASHBOARD="127.0.0.1:$dashboard_port" DASHBOARD_WS="127.0.0.1:$dashboard_ws_port" \
    ACCESS_LOG="$dir/logs/nginx-access.log" ERROR_LOG="$dir/logs/nginx-error.log" PID_FILE="$dir/nginx/nginx.pid" \
    envsubst '$LISTEN $IMPORT_SERVERS $PARTNER $DASHBOARD $DASHBOARD_WS $ACCESS_LOG $ERROR_LOG $PID_FILE' \
    < "$repo/ops/nginx.conf" > "$dir/nginx/nginx.conf"
  echo "exec nginx -p '$dir/nginx' -c '$dir/nginx/nginx.conf'" > "$dir/cmd/nginx"
}

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (Debian: apt-get install $2)"; }

up() {
  need redis-server redis-server; need nginx nginx-light; need envsubst gettext-base
  local name
  for name in $(ls "$dir/pids" 2>/dev/null); do
    alive "$name" && die "a cluster is already running from $dir ($name, pid $(pid_of "$name")); ops/cluster.sh down first"
  done
  rm -rf "$dir/cmd" "$dir/pids"
  write_commands
  nginx -t -p "$dir/nginx" -c "$dir/nginx/nginx.conf" >"$dir/logs/nginx-check.log" 2>&1 \
    || die "nginx refuses the filled-in $dir/nginx/nginx.conf: $(cat "$dir/logs/nginx-check.log")"

  launch redis
  [[ -f "$dir/cmd/store" ]] && launch store
  await_ready redis $([[ -f "$dir/cmd/store" ]] && echo store)
  for name in partner dashboard $(import_names); do launch "$name"; done
  await_ready partner dashboard $(import_names)
  launch nginx
  await_ready nginx
  report
}

report() {
  # shellcheck disable=SC1091
  source "$dir/secrets.env"
  echo "Order Import Hub (production shape) is up: http://127.0.0.1:$port"
  echo "  webhooks:   POST http://127.0.0.1:$port/import-orders"
  echo "  dashboard:  http://127.0.0.1:$port/   token: $ORDERHUB_DASHBOARD_TOKEN"
  echo "  admin key:  $ORDERHUB_ADMIN_API_KEY   (Authorization: Bearer …, for /admin, partner writes, Hawtio)"
  echo "  partner-service key: $ORDERHUB_PARTNER_SERVICE_KEY   tracking secret: $ORDERHUB_TRACKING_SECRET"
  echo "  secrets kept in $dir/secrets.env; stores from $stores_file"
  local name
  for name in $(all_names); do
    case "$name" in
      redis) printf '  %-10s pid %-7s 127.0.0.1:%-6s log %s\n' "$name" "$(pid_of "$name")" "$redis_port" "$dir/logs/redis.log" ;;
      store) printf '  %-10s pid %-7s 127.0.0.1:%-6s log %s\n' "$name" "$(pid_of "$name")" "$store_port" "$dir/logs/store.log" ;;
      nginx) printf '  %-10s pid %-7s 127.0.0.1:%-6s log %s\n' "$name" "$(pid_of "$name")" "$port" "$dir/logs/nginx-error.log" ;;
      *) printf '  %-10s pid %-7s 127.0.0.1:%-6s log %s\n' "$name" "$(pid_of "$name")" "$(hub_port "$name")" "$dir/logs/$name.log" ;;
    esac
  done
  [[ -n "${ORDERHUB_STORE_URI:-}" ]] && echo "  store:      MongoDB at ORDERHUB_STORE_URI"
  echo "stop it with: ops/cluster.sh down"
}

down() {
  [[ -d "$dir/pids" ]] || { log "nothing runs from $dir"; return 0; }
  local name
  # The front first (no new webhooks), then the hubs (they finish what is in flight), then what they use.
  for name in nginx $(import_names) partner dashboard store redis; do
    [[ -f "$dir/pids/$name" ]] || continue
    if [[ "$name" == nginx ]]; then signal_and_wait nginx QUIT; else signal_and_wait "$name" TERM; fi
  done
  for name in $(ls "$dir/pids" 2>/dev/null); do signal_and_wait "$name" TERM; done
  log "stopped everything started from $dir"
}

status() {
  [[ -d "$dir/cmd" ]] || { echo "no cluster in $dir"; return 3; }
  local name state code=0
  for name in $(all_names); do
    if alive "$name"; then
      if ready "$name"; then state=ready; else state="running, not ready"; code=1; fi
      printf '%-10s pid %-7s %s\n' "$name" "$(pid_of "$name")" "$state"
    else
      printf '%-10s %s\n' "$name" "stopped"; code=1
    fi
  done
  return $code
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  start) [[ -n "${2:-}" ]] || die "start NAME"; launch "$2"; await_ready "$2"; log "$2 is ready" ;;
  stop) [[ -n "${2:-}" ]] || die "stop NAME"; if [[ "$2" == nginx ]]; then signal_and_wait nginx QUIT; else signal_and_wait "$2" TERM; fi ;;
  kill) [[ -n "${2:-}" ]] || die "kill NAME"; signal_and_wait "$2" KILL ;;
  names) all_names ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
